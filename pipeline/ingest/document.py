"""Text and HTML: one file (or one WARC record) is one document.

``read_document(data, ...)`` turns at most ``max_doc_bytes`` of bytes into a
``Document``: empty files and non-text content types are refused, binaries
are recognised by their magic bytes (``binary.sniff_binary``), the bytes are
decoded and repaired (``encoding.decode_bytes``), an oversized document is
cut at a paragraph boundary, and ``html.fmt_of`` decides 'text' or 'html' by
content as well as by name.
"""
from __future__ import annotations

import codecs
from collections.abc import Iterator

from ..errors import BinaryInput, EmptyInput
from ..model import Document
from ..settings import Settings
from . import encoding
from .archive import Source
from .base import Format, Item
from .binary import sniff_binary
from .encoding import SNIFF_BYTES, utf16_without_bom
from .html import HTML_EXT, TEXT_EXT, fmt_of
from .limits import cut_at_boundary, too_large


def _refuse(data: bytes, source_file: str, ct: str) -> Item | None:
    """An error for bytes that are no text document (empty, wrong content type, binary), else None."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return EmptyInput("the file is empty" if not data else "the file holds only whitespace",
                          source_file=source_file)
    if ct and not (ct.startswith("text/") or "html" in ct or "xml" in ct or "json" in ct):
        return BinaryInput(f"the content type {ct} is not a text document", source_file=source_file)
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    if not (wide or utf16_without_bom(data[:SNIFF_BYTES])):
        what = sniff_binary(data[:SNIFF_BYTES])
        if what:
            return BinaryInput(f"this is {what}, not text", source_file=source_file)
    return None


def read_document(data: bytes, more: bool, source_file: str, name: str, settings: Settings,
                  meta: dict | None = None, ctype: str = "", notes: list[str] | None = None) -> Item:
    """One document from (at most ``max_doc_bytes`` of) its bytes.

    ``more`` says the input went on beyond ``data``; ``name`` is the file (or
    URL) name that hints at the format; ``ctype`` an HTTP Content-Type if known;
    ``notes`` what earlier steps repaired. Gives a ``Document`` or an error.
    """
    ct = ctype.split(";")[0].strip().lower()
    refused = _refuse(data, source_file, ct)
    if refused is not None:
        return refused
    if more and not settings.truncate_large:
        return too_large(settings, source_file)
    text, label, dnotes = encoding.decode_bytes(data)
    notes = list(notes or []) + dnotes
    if not text.strip():
        return EmptyInput("the file holds no text after decoding", source_file=source_file)
    if more:
        text = cut_at_boundary(text, len(text) - 1)  # the cut is mid-sentence: back off to a boundary
        notes.append(f"truncated: the input has more than {settings.max_doc_bytes:,} bytes; kept the first "
                     f"{len(text):,} characters up to a paragraph boundary")
    fmt = "text" if ct.startswith("text/plain") else fmt_of(name, text)
    return Document(source_file, text, fmt, dict(meta or {}), label, notes)


def read(src: Source, settings: Settings) -> Iterator[Item]:
    """The file as one text or HTML document (or one error)."""
    data, more = src.read(settings.max_doc_bytes)
    yield read_document(data, more, src.source_file, src.path.name, settings, notes=src.notes)


FORMAT = Format("document", frozenset(TEXT_EXT | HTML_EXT), read)
