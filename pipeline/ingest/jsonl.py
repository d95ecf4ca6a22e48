"""JSON Lines: every line holds one JSON object, which is one document.

Claimed by the suffixes ``.jsonl``/``.ndjson`` and, for a name no format
claims (``dump``, ``export.data``), by a first line that is a JSON object.
A broken or oversized line is an error row of its own (``file#line``); the
lines after it are still read.
"""
from __future__ import annotations

import codecs
import io
import json
import zlib
from collections.abc import Iterator

from ..errors import BadRecord, EmptyInput, InputTooLarge
from ..settings import Settings
from .archive import CHUNK, Source
from .base import Format, Item
from .encoding import detect_encoding
from .records import doc_from_record

JSONL_EXT = {".jsonl", ".ndjson"}


def first_line_is_object(head: bytes) -> bool:
    """True when the first non-blank line of ``head`` is a JSON object."""
    first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        try:
            return isinstance(json.loads(first.decode("utf-8", "replace")), dict)
        except ValueError:
            pass
    return False


def _skip_rest_of_line(text_io) -> None:
    """Read past the end of the current (oversized) line."""
    while True:
        more = text_io.readline(CHUNK)
        if not more or more.endswith("\n"):
            break


def _lines(src: Source, settings: Settings) -> Iterator[Item]:
    """Documents and errors of the lines of ``src``, in order (blank lines are skipped)."""
    codec, label = detect_encoding(src.head)
    if codec == "utf-8":
        codec = "utf-8-sig"  # tolerate a BOM on the first line
    # A line may hold a document up to the limit; JSON escapes and markup add
    # to that, so lines up to 4x the limit are parsed (and then truncated).
    line_cap = settings.max_doc_bytes * 4
    with src.stream() as raw:
        text_io = io.TextIOWrapper(raw, encoding=codec, errors="replace", newline="\n")
        lineno = 0
        while True:
            try:
                line = text_io.readline(line_cap + 1)
            except (OSError, EOFError, zlib.error) as e:
                yield BadRecord(f"reading stopped after line {lineno}: {e}",
                                source_file=f"{src.source_file}#{lineno + 1}")
                return
            if not line:
                break
            lineno += 1
            sf = f"{src.source_file}#{lineno}"
            if len(line) > line_cap and not line.endswith("\n"):
                _skip_rest_of_line(text_io)
                yield InputTooLarge(f"line {lineno} is longer than {line_cap:,} characters", source_file=sf)
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line, strict=False)
            except ValueError as e:
                yield BadRecord(f"line {lineno} is not valid JSON ({e})", source_file=sf)
                continue
            yield doc_from_record(rec, sf, label, list(src.notes), settings)


def read(src: Source, settings: Settings) -> Iterator[Item]:
    """One document (or error) per non-blank line; an error when there is none."""
    n = 0
    for item in _lines(src, settings):
        n += 1
        yield item
    if n == 0:
        yield EmptyInput("the file has no JSON lines", source_file=src.source_file)


FORMAT = Format("jsonl", frozenset(JSONL_EXT), read, sniff=first_line_is_object)
