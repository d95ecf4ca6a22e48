"""The formats, in the order they are tried, and how one is chosen for a file.

``select(name, head)`` picks the format of a file from its (un-gzipped) name
and its first bytes:

1. a format whose ``magic`` matches the content (a ``WARC/`` line), whatever the name;
2. the format that claims the suffix (``.jsonl``, ``.json``, ``.html``, ...);
3. for a suffix no format claims, a format whose ``sniff`` recognises the
   content (JSON Lines by a first line that is a JSON object);
4. else ``document``: the file is one text or HTML document.
"""
from __future__ import annotations

from pathlib import Path

from . import document, jsonfile, jsonl, warc
from .archive import inner_name
from .base import Format

FORMATS: tuple[Format, ...] = (warc.FORMAT, jsonl.FORMAT, jsonfile.FORMAT, document.FORMAT)
FALLBACK: Format = document.FORMAT


def by_name(name: str) -> Format:
    """The registered format called ``name`` (KeyError if there is none)."""
    for f in FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)


def select(name: str, head: bytes) -> Format:
    """The format of a file called ``name`` whose content starts with ``head``."""
    for f in FORMATS:
        if f.magic(head):
            return f
    suffix = Path(inner_name(name)).suffix
    for f in FORMATS:
        if suffix in f.suffixes:
            return f
    for f in FORMATS:
        if f.sniff(head):
            return f
    return FALLBACK
