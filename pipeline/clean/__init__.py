"""Clean stage: separate the article from the page around it.

``clean(doc, settings, templates) -> Article`` fills the header fields
(kicker, title, published, author, lead, keywords, image_credit, links, url,
publisher), the clean ``text`` (paragraphs separated by a blank line) and the
``boilerplate`` list (every removed block with its reason).
"""
from __future__ import annotations

from ..model import Article, Document
from ..settings import DEFAULT, Settings


def clean(doc: Document, settings: Settings = DEFAULT, templates=None) -> Article:
    # placeholder: keep everything (replaced by the block classifier)
    text = "\n\n".join(p.strip() for p in doc.text.split("\n\n") if p.strip())
    return Article(doc_id=doc.doc_id, source_file=doc.source_file, text=text,
                   encoding=doc.encoding, notes=list(doc.notes))
