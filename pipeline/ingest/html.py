"""Text or HTML: a single document's ``fmt`` from its name and its content.

A page saved as ``.txt`` is still HTML when it starts like one, and a
``.html`` file without a single tag is plain text (``fmt_of``).
"""
from __future__ import annotations

import re
from pathlib import Path

from .archive import inner_name

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}

_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|br|a|span|h[1-6]|li|ul|ol|table|tr|td|article|section|header|footer|"
                       r"nav|main|script|style|meta|link|title|img|strong|em|b|i)(?:\s[^<>]*)?/?>", re.I)


def looks_like_html(text: str, by_name: bool = False) -> bool:
    """HTML by content: a doctype/html/head/body tag, or tags at the start of the text.

    With ``by_name`` (the file is called .html) one known tag suffices.
    """
    head = text[:8192]
    if _HTML_STRONG.search(head):
        return True
    tags = len(_HTML_TAG.findall(head))
    if by_name:
        return tags >= 1
    return head.lstrip().startswith("<") and tags >= 3


def fmt_of(name: str, text: str = "") -> str:
    """'html' or 'text' for a single document, from the name and (when given) the content."""
    suffix = Path(inner_name(name)).suffix
    if text:
        return "html" if looks_like_html(text, by_name=suffix in HTML_EXT) else "text"
    return "html" if suffix in HTML_EXT else "text"
