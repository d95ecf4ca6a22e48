"""Compressed input: the bytes of one file, gunzipped on the fly when compressed.

``Source`` is what every reader gets: the file's path and name, its first
``SNIFF_BYTES`` (decompressed) bytes for sniffing, and ``stream()``/``read()``
over its content. gzip is recognised by its magic bytes, not only by the name
(``inner_name`` strips a ``.gz`` to find the format of what is inside). A
truncated or damaged gzip stream yields what could be decompressed, with a
note in ``Source.notes``, instead of failing.

Other archives (zip, tar, 7z, ...) are not unpacked: ``binary.sniff_binary``
refuses them with a message that says what to do.
"""
from __future__ import annotations

import io
import zlib
from pathlib import Path

from .encoding import SNIFF_BYTES

GZ_EXT = {".gz", ".gzip"}
CHUNK = 1 << 20


def inner_name(name: str) -> str:
    """``name`` lower-cased and without a ``.gz``/``.gzip`` suffix (``a.jsonl.gz`` -> ``a.jsonl``)."""
    n = name.lower()
    for ext in GZ_EXT:
        if n.endswith(ext):
            return n[: -len(ext)]
    return n


class Source:
    """Bytes of one file, gunzipped when compressed (by magic bytes), read up to a limit.

    Attributes: ``path``, ``source_file`` (the name used in the tables),
    ``head`` (first bytes of the content), ``gzip`` and ``notes`` (what the
    last ``stream()`` had to repair).
    """

    def __init__(self, path: Path, source_file: str = ""):
        self.path = path
        self.source_file = source_file or path.name
        self.notes: list[str] = []
        with open(path, "rb") as fh:
            self.head = fh.read(SNIFF_BYTES)
        self.gzip = self.head.startswith(b"\x1f\x8b")
        if self.gzip:
            self.head = self.read(SNIFF_BYTES)[0]

    def stream(self):
        """A fresh binary stream over the (decompressed) content; resets ``notes``."""
        self.notes = []
        fh = open(self.path, "rb")
        return io.BufferedReader(_GunzipStream(fh, self.notes), CHUNK) if self.gzip else fh

    def read(self, limit: int) -> tuple[bytes, bool]:
        """Up to ``limit`` bytes and whether there was more."""
        with self.stream() as fh:
            data = fh.read(limit + 1)
        return data[:limit], len(data) > limit


class _GunzipStream(io.RawIOBase):
    """A forgiving gzip reader: reads multi-member streams; a truncated or
    damaged stream ends where the damage starts, with a note, instead of
    failing, so the readable part is not lost. Output is produced in chunks,
    so a gzip bomb costs no more memory than the caller asks for."""

    def __init__(self, raw, notes: list[str]):
        self.raw, self.notes = raw, notes
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.fed = False      # the current member has received input
        self.pending = b""    # compressed input not yet given to the decompressor
        self.done = False
        self._buf = b""

    def readable(self) -> bool:
        return True

    def _next_input(self) -> bytes:
        """The next piece of compressed input (b'' at the end of the file)."""
        if self.z.unconsumed_tail:
            chunk, self.pending = self.z.unconsumed_tail, b""
        elif self.pending:
            chunk, self.pending = self.pending, b""
        else:
            chunk = self.raw.read(CHUNK)
        return chunk

    def _next_member(self) -> None:
        """The current member ended: start a fresh decompressor on what follows it."""
        self.pending = self.z.unused_data
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.fed = False
        if self.pending and not self.pending.strip(b"\x00"):
            self.pending = b""  # zero padding after the last member

    def _more(self) -> bytes:
        """Decompress the next piece (b'' at the end)."""
        while not self.done:
            chunk = self._next_input()
            if not chunk:
                if self.fed and not self.z.eof:
                    self.notes.append("the gzip stream is truncated; kept what could be decompressed")
                self.done = True
                break
            try:
                out = self.z.decompress(chunk, CHUNK)
                self.fed = True
            except zlib.error as e:
                if self.fed or not self.notes:
                    what = "damaged" if self.fed else "followed by data that is not gzip"
                    self.notes.append(f"the gzip stream is {what} ({e}); kept what could be decompressed")
                self.done = True
                break
            if self.z.eof:  # next member, if any
                self._next_member()
            if out:
                return out
        return b""

    def readinto(self, b) -> int:
        if not self._buf:
            self._buf = self._more()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()
