"""Size limits: cut an oversized document at a paragraph boundary (with a
note), or reject it (``InputTooLarge``) when ``settings.truncate_large`` is off.
"""
from __future__ import annotations

from ..errors import InputTooLarge
from ..settings import Settings


def cut_at_boundary(text: str, limit_chars: int) -> str:
    """The longest prefix of ``text`` within ``limit_chars`` that ends at a paragraph
    boundary (else a line end, a sentence end, a space; else a hard cut)."""
    if len(text) <= limit_chars:
        return text
    head = text[:limit_chars]
    floor = limit_chars // 2  # do not give away more than half for a nicer boundary
    for sep in ("\n\n", "</p>", "\n", ". ", " "):
        i = head.rfind(sep)
        if i >= floor:
            return head[: i + (len(sep) if sep in ("</p>", ". ") else 0)].rstrip()
    return head


def too_large(settings: Settings, source_file: str) -> InputTooLarge:
    """The error for a document over ``settings.max_doc_bytes`` when truncation is off."""
    return InputTooLarge(f"the document has more than {settings.max_doc_bytes:,} bytes (limit --max-doc-bytes;"
                         f" drop --reject-large to truncate instead)", source_file=source_file)


def truncate(doc_text: str, size: int, settings: Settings, source_file: str, notes: list[str]):
    """Apply the size limit to decoded text of ``size`` bytes; returns text or an ``InputTooLarge``."""
    if size <= settings.max_doc_bytes:
        return doc_text
    if not settings.truncate_large:
        return too_large(settings, source_file)
    # bytes -> characters: keep the share of the text the byte limit allows
    enc_len = len(doc_text.encode("utf-8", "surrogatepass"))
    limit_chars = len(doc_text) if enc_len <= settings.max_doc_bytes else \
        int(len(doc_text) * settings.max_doc_bytes / enc_len)
    cut = cut_at_boundary(doc_text, limit_chars)
    notes.append(f"truncated: the input has more than {settings.max_doc_bytes:,} bytes; kept the first "
                 f"{len(cut):,} characters up to a paragraph boundary")
    return cut
