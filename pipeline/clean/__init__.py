"""Clean stage: separate the article from the page around it.

``clean(doc, settings, templates) -> Article`` fills the header fields
(kicker, title, published, author, lead, keywords, image_credit, links, url,
publisher), the clean ``text`` (paragraphs separated by a blank line) and the
``boilerplate`` list (every removed block with its reason).

Text dumps go through ``textdump`` (line features -> best contiguous run of
prose -> learned line labels (``labeller``) -> header fields, dateline and
body); HTML goes through
``htmlpage`` (trafilatura, then the same line classifier). Metadata given by the
container (JSONL fields, the WARC URL) wins over what the page shows.
"""
from __future__ import annotations

import re

from ..errors import NoArticleText
from ..model import Article, Boilerplate, Document
from ..settings import DEFAULT, Settings
from . import htmlpage, textdump
from .dates import parse_iso
from .templates import TemplateIndex, build_templates  # noqa: F401  (re-exported)

__all__ = ["clean", "build_templates", "TemplateIndex"]

# Control characters (except tab/newline) and zero-width marks are dropped from the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")


def _meta_str(meta: dict, *keys: str) -> str:
    for k in keys:
        v = meta.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def _group_removed(removed: list[tuple[int, str, str]]) -> list[Boilerplate]:
    """Consecutive removed lines with the same reason become one block."""
    out: list[Boilerplate] = []
    last_i, last_r = -10, ""
    for i, text, reason in removed:
        if not text:
            continue
        if out and reason == last_r and i <= last_i + 1:
            out[-1].text += "\n" + text
        else:
            out.append(Boilerplate(text, reason))
        last_i, last_r = i, reason
    return out


def clean(doc: Document, settings: Settings = DEFAULT, templates=None) -> Article:
    text = _CONTROL.sub("", doc.text or "")
    meta = doc.meta or {}
    counter = None
    if templates is not None and getattr(settings, "corpus_templates", True):
        try:
            counter = templates.counter_for(doc.source_file, meta)
        except AttributeError:
            counter = None
    md: dict = {}
    if doc.fmt == "html":
        ex, md = htmlpage.extract(text, meta, counter)
    else:
        ex = textdump.extract(text, counter)
    body = "\n\n".join(p.strip() for p in ex.paragraphs if p.strip())
    if not body:
        where = doc.source_file or "the document"
        raise NoArticleText(f"no article text found in {where}: the page holds only navigation, teasers or "
                            f"other page furniture ({len(text.split())} words in total)",
                            source_file=doc.source_file)
    title = _meta_str(meta, "title") or ex.title or md.get("title", "")
    published = (parse_iso(_meta_str(meta, "published")) or ex.published or md.get("date", "")
                 or parse_iso(_meta_str(meta, "date")))
    keywords = meta.get("keywords") if isinstance(meta.get("keywords"), list) else None
    if keywords is None and _meta_str(meta, "keywords"):
        keywords = [k.strip() for k in _meta_str(meta, "keywords").split(",") if k.strip()]
    lead = _meta_str(meta, "lead") or ex.lead
    if not lead and md.get("description"):
        first = body.split("\n\n", 1)[0]
        desc = md["description"].rstrip(".… ")
        if len(desc) > 30 and first.startswith(desc[: min(len(desc), 80)]):
            lead = first
    return Article(
        doc_id=doc.doc_id,
        source_file=doc.source_file,
        text=body,
        publisher=_meta_str(meta, "publisher", "sitename") or md.get("publisher", ""),
        url=_meta_str(meta, "url") or md.get("url", ""),
        kicker=_meta_str(meta, "kicker") or ex.kicker,
        title=title,
        published=published,
        author=_meta_str(meta, "author") or ex.author or md.get("author", ""),
        dateline=ex.dateline,
        lead=lead,
        keywords=list(keywords or ex.keywords or md.get("keywords") or []),
        image_credit=ex.image_credit,
        links=list(dict.fromkeys(ex.links)),
        encoding=doc.encoding,
        notes=list(doc.notes),
        boilerplate=_group_removed(ex.removed),
    )
