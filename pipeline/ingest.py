"""Ingest stage: find input files, read them, decode them, yield Documents.

``iter_documents(inputs, settings)`` walks files and folders (recursively),
and yields a ``Document`` per article-sized unit (a file, a JSONL line, an
archive member) or an ``EgovError`` for an input that cannot be read, so the
batch can record it and go on.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import BadRecord, DecodeFailed, EgovError, EmptyInput, InputNotFound
from .model import Document
from .settings import DEFAULT, Settings

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | {".gz", ".warc"}


def discover(inputs: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, source_file)`` for every input file, in a stable order."""
    for root in inputs:
        root = Path(root)
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".gold.json"):
                    yield p, p.relative_to(root).as_posix()
        else:
            yield root, root.name


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to normalised text; returns ``(text, encoding, notes)``."""
    notes: list[str] = []
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text, enc = data.decode("latin-1"), "latin-1"
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, enc, notes


def fmt_of(name: str) -> str:
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
    suffix = Path(n).suffix
    if suffix in HTML_EXT:
        return "html"
    if suffix in JSONL_EXT:
        return "jsonl"
    return "text"


def read_file(path: Path, source_file: str, settings: Settings = DEFAULT) -> Iterator[Document | EgovError]:
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputNotFound(f"cannot read the file: {e.strerror or e}", source_file=source_file)
        return
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            yield DecodeFailed(f"not a readable gzip file: {e}", source_file=source_file)
            return
    if not data.strip():
        yield EmptyInput("the file is empty", source_file=source_file)
        return
    text, enc, notes = decode_bytes(data)
    fmt = fmt_of(path.name)
    if fmt == "jsonl":
        for i, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            sf = f"{source_file}#{i}"
            try:
                rec = json.loads(line)
                body = rec.get("html") or rec.get("text") or rec.get("content") or ""
            except (ValueError, AttributeError) as e:
                yield BadRecord(f"line {i} is not a JSON object with a text field ({e})", source_file=sf)
                continue
            if not str(body).strip():
                yield EmptyInput(f"line {i} has no text", source_file=sf)
                continue
            yield Document(sf, str(body), "html" if rec.get("html") else "text",
                           {k: v for k, v in rec.items() if k not in ("text", "html", "content")}, enc, notes)
        return
    yield Document(source_file, text, fmt, {}, enc, notes)


def iter_documents(inputs: Iterable[Path], settings: Settings = DEFAULT) -> Iterator[Document | EgovError]:
    for path, sf in discover(inputs):
        if not path.exists():
            yield InputNotFound("no such file or folder", source_file=str(path))
            continue
        yield from read_file(path, sf, settings)
