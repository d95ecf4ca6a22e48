"""JSON: one object (one document) or an array of objects (one document each,
named ``file#1``, ``file#2``, ...). The whole file is parsed at once, so it is
limited to 4x ``max_doc_bytes``; large collections belong in JSON Lines.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import BadRecord, EmptyInput, InputTooLarge
from ..settings import Settings
from . import encoding
from .archive import Source
from .base import Format, Item
from .records import doc_from_record

JSON_EXT = {".json"}


def _parse(data: bytes, source_file: str, settings: Settings) -> Iterator[Item]:
    """Documents of the decoded JSON ``data``."""
    text, label, notes = encoding.decode_bytes(data)
    try:
        obj = json.loads(text, strict=False)
    except ValueError as e:
        yield BadRecord(f"not valid JSON ({e})", source_file=source_file)
        return
    if isinstance(obj, list):
        if not obj:
            yield EmptyInput("the JSON array is empty", source_file=source_file)
        for i, rec in enumerate(obj, 1):
            yield doc_from_record(rec, f"{source_file}#{i}", label, notes, settings)
    else:
        yield doc_from_record(obj, source_file, label, notes, settings)


def read(src: Source, settings: Settings) -> Iterator[Item]:
    """The documents of a JSON file, or one error when it is too large or empty."""
    data, more = src.read(settings.max_doc_bytes * 4)
    if more:
        yield InputTooLarge(f"the JSON file is larger than {settings.max_doc_bytes * 4:,} bytes; "
                            f"use JSON Lines for large collections", source_file=src.source_file)
        return
    if not data.strip():
        yield EmptyInput("the file is empty", source_file=src.source_file)
        return
    yield from _parse(data, src.source_file, settings)


FORMAT = Format("json", frozenset(JSON_EXT), read)
