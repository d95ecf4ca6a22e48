"""WARC (and old ARC) web archives: every response or resource record is one
document, named ``file#n``; the record's URL goes to ``meta['url']``.

Records with an HTTP status other than 2xx and non-text content types become
error rows; warcinfo/request/metadata/revisit records carry no document and
are skipped. A damaged archive keeps the records read before the damage.
Reading needs the optional package ``warcio`` (``pip install 'egovnews[warc]'``).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import BadRecord, EmptyInput, MissingDependency
from ..settings import Settings
from .archive import Source
from .base import Format, Item
from .document import read_document

WARC_EXT = {".warc", ".arc"}
INSTALL_HINT = "pip install 'egovnews[warc]'"


def is_warc(head: bytes) -> bool:
    """True when the content starts with a WARC version line."""
    return head.startswith(b"WARC/")


def _record_item(record, n: int, source_file: str, settings: Settings) -> Item:
    """Record number ``n`` (a response or resource record) as a Document or an error."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    sf = f"{source_file}#{n}"
    where = f"record {n}" + (f" ({uri})" if uri else "")
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return BadRecord(f"{where}: HTTP status {status}, no document", source_file=sf)
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    data = record.content_stream().read(settings.max_doc_bytes + 1)
    more = len(data) > settings.max_doc_bytes
    data = data[: settings.max_doc_bytes]
    return read_document(data, more, sf, uri.rsplit("/", 1)[-1] or "index.html", settings,
                         meta={"url": uri}, ctype=ctype)


def read_warc(path: Path, source_file: str, settings: Settings) -> Iterator[Item]:
    """The documents and errors of the WARC/ARC file at ``path`` (gzipped or not)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield MissingDependency(f"WARC files need the optional package warcio, which is not installed; "
                                f"install it with: {INSTALL_HINT}", source_file=source_file)
        return
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue  # warcinfo/request/metadata/revisit records carry no document
                n += 1
                yield _record_item(record, n, source_file, settings)
    except Exception as e:  # a damaged archive: keep what was read, record the rest as one error
        yield BadRecord(f"the WARC archive is damaged after record {n}: {type(e).__name__}: {e}",
                        source_file=f"{source_file}#{n + 1}")
        return
    if n == 0:
        yield EmptyInput("the WARC archive has no response or resource records", source_file=source_file)


def read(src: Source, settings: Settings) -> Iterator[Item]:
    """The reader interface: warcio reads the file itself (and its gzip members)."""
    return read_warc(src.path, src.source_file, settings)


FORMAT = Format("warc", frozenset(WARC_EXT), read, magic=is_warc)
