"""JSON records: one JSON object with a body field is one document.

The first non-empty field of ``BODY_KEYS`` is the document ('html' makes it
HTML, otherwise its content decides); the string, list-of-string and number
fields of ``META_KEYS`` go to ``Document.meta`` and are read by the clean
stage as given metadata.
"""
from __future__ import annotations

from ..errors import BadRecord, EgovError, EmptyInput
from ..model import Document
from ..settings import Settings
from .base import Item
from .encoding import normalize_text
from .html import fmt_of
from .limits import truncate

BODY_KEYS = ("html", "text", "content", "body")   # first non-empty one is the document
META_KEYS = ("url", "title", "date", "published", "author", "publisher", "kicker", "lead", "keywords")


def _meta(rec: dict) -> dict:
    """The metadata fields of ``rec``, normalised (other types are dropped)."""
    meta = {}
    for k in META_KEYS:
        v = rec.get(k)
        if isinstance(v, str):
            meta[k] = normalize_text(v).strip()
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            meta[k] = [normalize_text(x).strip() for x in v]
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            meta[k] = v
    return meta


def doc_from_record(rec, sf: str, label: str, notes: list[str], settings: Settings) -> Item:
    """A parsed JSON value -> ``Document`` (or an error); ``sf`` names the record
    (``file#line``), ``label`` is the file's encoding, ``notes`` its repairs so far."""
    if not isinstance(rec, dict):
        return BadRecord(f"expected a JSON object, found {type(rec).__name__}", source_file=sf)
    key = next((k for k in BODY_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if key is None:
        if any(k in rec for k in BODY_KEYS):
            return EmptyInput("the record's text field is empty", source_file=sf)
        return BadRecord(f"the record has none of the fields {', '.join(BODY_KEYS)}", source_file=sf)
    rec_notes = list(notes)
    body = normalize_text(rec[key], rec_notes)
    if not body.strip():
        return EmptyInput("the record's text field is empty", source_file=sf)
    size = len(body.encode("utf-8"))
    body = truncate(body, size, settings, sf, rec_notes)
    if isinstance(body, EgovError):
        return body
    fmt = "html" if key == "html" else fmt_of(sf.split("#")[0] + ".txt", body)
    return Document(sf, body, fmt, _meta(rec), label, rec_notes)
