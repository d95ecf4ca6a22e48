"""Ingest stage: find input files, read them, decode them, yield Documents.

``iter_documents(inputs, settings)`` walks files and folders (recursively,
in a stable order) and yields a ``Document`` per article-sized unit (a file,
a JSONL line, a JSON array element, a WARC record) or an ``EgovError`` for a
unit that cannot be read, so the batch can record it and go on. Nothing is
dropped silently: every regular file, line and record ends up as one or the
other.

The cascade for one file (``reading.read_file``):

1. open it as a ``Source``: gzip is decompressed on the fly (by magic bytes,
   not only by name; a truncated stream yields what it has with a note)
   -- ``archive``;
2. choose its format from the name and the first bytes (``registry.select``):
   WARC, JSON Lines, JSON, else a single text/HTML document;
3. the format's reader yields the documents: ``warc``, ``jsonl``,
   ``jsonfile`` (JSON objects become documents in ``records``), ``document``
   (one text or HTML file);
4. a single document refuses binaries (``binary``: magic bytes of common
   binary formats, or too many control bytes) and empty files;
5. decode (``encoding.decode_bytes``): BOMs, UTF-16 without BOM, strict
   UTF-8, else charset-normalizer's guess with a Western-European prior; then
   repair (``encoding.normalize_text``): NUL and control characters dropped,
   mojibake (double-encoded UTF-8) fixed by ftfy, line ends unified, NFC;
6. decide text vs HTML by content as well as by extension (``html``);
7. oversized documents are cut at a paragraph boundary with a note, or
   rejected (``InputTooLarge``) when ``settings.truncate_large`` is off
   (``limits``).

Modules: ``base`` (the reader interface), ``registry`` (the formats and how
one is chosen), ``reading`` (``read_file``, ``iter_documents``),
``discover`` (file walking), ``archive`` (gzip, ``Source``), ``encoding``,
``binary``, ``html``, ``limits``, ``records`` and one module per format
(``document``, ``jsonl``, ``jsonfile``, ``warc``).

Adding a format (say RSS/Atom feeds):

1. write ``pipeline/ingest/feed.py`` with a reader
   ``read(src: Source, settings: Settings) -> Iterator[Document | EgovError]``
   that yields one ``Document`` per item (``records.doc_from_record`` or
   ``document.read_document`` do the decoding, limits and text/HTML choice;
   name the units ``f"{src.source_file}#{n}"``) and coded errors from
   ``pipeline.errors`` for what can go wrong -- never raise on bad input;
2. end it with ``FORMAT = Format("feed", frozenset({".rss", ".atom"}), read,
   magic=..., sniff=...)`` (``magic``: a content signature that wins over the
   name; ``sniff``: a guess used only for names no format claims);
3. add ``feed.FORMAT`` to ``registry.FORMATS`` before ``document.FORMAT``
   (the order decides between formats whose signatures both match);
4. test it in ``tests/test_ingest.py`` on bytes the test makes itself.
"""
from __future__ import annotations

from .archive import CHUNK, GZ_EXT, Source
from .base import Format, Item, Reader
from .binary import BINARY_CONTROL_RATIO, MAGIC, sniff_binary
from .discover import discover
from .encoding import SNIFF_BYTES, UTF16_NUL_SHARE, UTF16_OTHER_MAX, decode_bytes, detect_encoding, normalize_text
from .html import HTML_EXT, TEXT_EXT, fmt_of, looks_like_html
from .jsonfile import JSON_EXT
from .jsonl import JSONL_EXT
from .limits import cut_at_boundary
from .reading import iter_documents, read_file
from .records import BODY_KEYS, META_KEYS
from .registry import FORMATS, select
from .warc import WARC_EXT

__all__ = [
    "BINARY_CONTROL_RATIO", "BODY_KEYS", "CHUNK", "FORMATS", "Format", "GZ_EXT", "HTML_EXT", "Item", "JSONL_EXT",
    "JSON_EXT", "MAGIC", "META_KEYS", "Reader", "SNIFF_BYTES", "Source", "TEXT_EXT", "UTF16_NUL_SHARE",
    "UTF16_OTHER_MAX", "WARC_EXT", "cut_at_boundary", "decode_bytes", "detect_encoding", "discover", "fmt_of",
    "iter_documents", "looks_like_html", "normalize_text", "read_file", "select", "sniff_binary",
]
