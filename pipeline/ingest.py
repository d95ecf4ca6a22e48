"""Ingest stage: find input files, read them, decode them, yield Documents.

``iter_documents(inputs, settings)`` walks files and folders (recursively,
in a stable order) and yields a ``Document`` per article-sized unit (a file,
a JSONL line, a JSON array element, a WARC record) or an ``EgovError`` for a
unit that cannot be read, so the batch can record it and go on. Nothing is
dropped silently: every regular file, line and record ends up as one or the
other.

The cascade for one file:

1. read at most ``max_doc_bytes`` (+1 to notice more) bytes, decompressing
   gzip on the fly (by magic bytes, not only by name; a truncated stream
   yields what it has with a note);
2. sniff the container: WARC, JSON Lines, JSON, else a single document;
3. refuse binaries (magic bytes of common binary formats, or too many
   control bytes) and empty files;
4. decode (``decode_bytes``): BOMs, UTF-16 without BOM, strict UTF-8, else
   charset-normalizer's guess with a Western-European prior; then repair
   (``normalize_text``): NUL and control characters dropped, mojibake
   (double-encoded UTF-8) fixed by ftfy, line ends unified, NFC;
5. decide text vs HTML by content as well as by extension;
6. oversized documents are cut at a paragraph boundary with a note, or
   rejected (``InputTooLarge``) when ``settings.truncate_large`` is off.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import (BadRecord, BinaryInput, DecodeFailed, EgovError, EmptyInput, InputNotFound,
                     InputTooLarge)
from .model import Document
from .settings import DEFAULT, Settings

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
WARC_EXT = {".warc", ".arc"}
GZ_EXT = {".gz", ".gzip"}

BODY_KEYS = ("html", "text", "content", "body")   # first non-empty one is the document
META_KEYS = ("url", "title", "date", "published", "author", "publisher", "kicker", "lead", "keywords")

SNIFF_BYTES = 1 << 16        # bytes looked at to sniff binaries, UTF-16 and the encoding
CHUNK = 1 << 20

# Magic numbers of binary formats that turn up in scraped dumps under a text
# name. Only signatures that cannot start a text file are listed.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"PK\x05\x06", "an empty ZIP archive"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office (OLE) document"),
    (b"\x7fELF", "an executable"), (b"MZ\x90\x00", "a Windows executable"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"), (b"BZh91AY&SY", "a bzip2 archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS\x00", "an Ogg media file"), (b"wOFF", "a web font"), (b"wOF2", "a web font"),
    (b"\x00\x00\x01\x00", "an icon"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PAR1", "a Parquet file"), (b"RIFF", "a RIFF media file (WAV/AVI/WebP)"),
]

# Share of control bytes (C0 except TAB, LF, VT, FF, CR, ESC) above which a
# file is binary. Calibrated: real text files have ~0 (a stray NUL or two);
# compressed/encrypted/image data is uniform and has 26/256 = 10%; 3% keeps a
# wide margin on both sides.
BINARY_CONTROL_RATIO = 0.03
# UTF-16 without BOM: in Latin-script text nearly every other byte is NUL.
# A share of >= 30% NULs on one byte parity and < 5% on the other was
# calibrated on German, English and mixed-script samples (Latin: ~95%/0%).
UTF16_NUL_SHARE, UTF16_OTHER_MAX = 0.30, 0.05

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso-8859-1", "iso8859_15", "cp1250",
            "windows-1250", "iso8859_2", "mac_roman", "mac_latin2", "cp850", "cp858", "cp437", "ascii",
            "iso8859_9", "cp1254", "iso8859_3", "iso8859_4", "iso8859_10", "iso8859_13", "iso8859_14",
            "iso8859_16", "cp1257", "mac_iceland", "mac_turkish", "hp_roman8", "cp1258", "cp1256"}
# Mojibake markers: a UTF-8 lead byte decoded as cp1252/latin-1 (Ã, Â, Å,
# â€ ...) followed by a continuation character.
_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                       "\u20ac\u2122]|\u00e2\u20ac")
_CONTROL_CHARS = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|br|a|span|h[1-6]|li|ul|ol|table|tr|td|article|section|header|footer|"
                       r"nav|main|script|style|meta|link|title|img|strong|em|b|i)(?:\s[^<>]*)?/?>", re.I)


# --- discovery ---------------------------------------------------------------

def _display(path_str: str) -> str:
    """A file name as valid, NFC-normalised Unicode (undecodable bytes become U+FFFD)."""
    s = path_str.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", s)


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, source_file)`` for every input file, in a stable order.

    Hidden files and folders (``.name``, which includes our own staging
    folders), ``*.gold.json`` answer keys and the ``exclude`` folders (the
    output folder) are skipped; symlinked folders are not followed.
    """
    excl = {os.path.realpath(p) for p in exclude}
    for root in inputs:
        root = Path(root)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                     and os.path.realpath(os.path.join(dirpath, d)) not in excl)
                for name in sorted(filenames):
                    if name.startswith(".") or name.endswith(".gold.json"):
                        continue
                    p = Path(dirpath) / name
                    yield p, _display(p.relative_to(root).as_posix())
        else:
            yield root, _display(root.name)


# --- bytes -> text -------------------------------------------------------------

def _trim_partial_utf8(data: bytes) -> bytes:
    """Drop an incomplete UTF-8 sequence at the end of a cut buffer."""
    for i in range(1, min(4, len(data)) + 1):
        b = data[-i]
        if b < 0x80:
            return data
        if b >= 0xC0:  # lead byte: complete only if the sequence length fits
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return data if need == i else data[:-i]
    return data


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0) / len(even), odd.count(0) / len(odd)
    if zo >= UTF16_NUL_SHARE and ze < UTF16_OTHER_MAX:
        return "utf-16-le"
    if ze >= UTF16_NUL_SHARE and zo < UTF16_OTHER_MAX:
        return "utf-16-be"
    return None


def sniff_binary(sample: bytes) -> str | None:
    """A description of the binary format of ``sample``, or None for text-like bytes."""
    for magic, what in MAGIC:
        if sample.startswith(magic):
            return what
    if sample[4:8] == b"ftyp":
        return "an MP4/MOV media file"
    if sample[257:262] == b"ustar":
        return "a tar archive (unpack it and pass the folder)"
    if not sample:
        return None
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if ctrl / len(sample) > BINARY_CONTROL_RATIO:
        return "binary data (too many control bytes for text)"
    return None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """``(codec, label)`` for ``data``; codec is a Python codec name."""
    boms = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
    for bom, codec in boms:
        if data.startswith(bom):
            label = {"utf-8-sig": "utf-8-sig"}.get(codec, codec + ("-le" if bom.startswith(b"\xff") else "-be"))
            return codec, label + " (BOM)" if codec != "utf-8-sig" else label
    u16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if u16:
        return u16, u16
    try:
        data.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError as e:
        # a cut buffer may end inside a character; anything earlier is a real failure
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return "utf-8", "utf-8"
    return _guess_single_byte(data)


def _guess_single_byte(data: bytes) -> tuple[str, str]:
    """Not UTF-8: ask charset-normalizer, with a prior for Western European text."""
    guess = None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:SNIFF_BYTES * 4]).best()
        guess = best.encoding if best is not None else None
    except Exception:  # pragma: no cover - the detector is optional help, never fatal
        guess = None
    if guess and guess.lower().replace("-", "_") not in _WESTERN and not guess.startswith("utf"):
        try:
            data.decode(guess)
            return guess, guess
        except (UnicodeDecodeError, LookupError):
            pass
    # German text in a single-byte code page is cp1252 or latin-1 (cp1252 is
    # a superset in print); the detector often says cp1250, whose umlauts
    # coincide but whose other letters do not.
    if any(0x80 <= b <= 0x9F for b in data):
        try:
            data.decode("cp1252")
            return "cp1252", "cp1252"
        except UnicodeDecodeError:
            pass
        return "latin-1", "latin-1"
    return "latin-1", "latin-1 (cp1252-compatible)"


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes to normalised text; returns ``(text, encoding, notes)``."""
    codec, label = detect_encoding(data)
    notes: list[str] = []
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        unit = 4 if codec.startswith("utf-32") else 2
        data = data[: len(data) - len(data) % unit]
    elif codec == "utf-8" or codec == "utf-8-sig":
        data = _trim_partial_utf8(data)
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        notes.append(f"{bad} undecodable byte sequence(s) replaced by U+FFFD when decoding as {label}")
    text = normalize_text(text, notes)
    return text, label, notes


def _fix_mojibake(text: str, notes: list[str]) -> str:
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    lines = text.split("\n")
    fixed = 0
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            new = ftfy.fix_encoding(line)
            if new != line:
                lines[i] = new
                fixed += 1
    if fixed:
        notes.append(f"repaired double-encoded UTF-8 (mojibake) in {fixed} line(s)")
        return "\n".join(lines)
    return text


def normalize_text(text: str, notes: list[str] | None = None) -> str:
    """Repair decoded text: BOM, NUL/control characters, surrogates, mojibake, line ends, NFC."""
    notes = notes if notes is not None else []
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        notes.append(f"removed {nul} NUL character(s)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0b" in text or "\x0c" in text:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    n_ctrl = len(_CONTROL_CHARS.findall(text))
    if n_ctrl:
        text = _CONTROL_CHARS.sub("", text)
        notes.append(f"removed {n_ctrl} control character(s)")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        notes.append("replaced unpaired surrogate code points by U+FFFD")
    text = _fix_mojibake(text, notes)
    return unicodedata.normalize("NFC", text)


# --- format detection ---------------------------------------------------------

def _inner_name(name: str) -> str:
    n = name.lower()
    for ext in GZ_EXT:
        if n.endswith(ext):
            return n[: -len(ext)]
    return n


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
    suffix = Path(_inner_name(name)).suffix
    if text:
        return "html" if looks_like_html(text, by_name=suffix in HTML_EXT) else "text"
    return "html" if suffix in HTML_EXT else "text"


# --- limits ----------------------------------------------------------------------

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


def _truncate(doc_text: str, size: int, settings: Settings, source_file: str, notes: list[str]):
    """Apply the size limit to decoded text of ``size`` bytes; returns text or an error."""
    if size <= settings.max_doc_bytes:
        return doc_text
    if not settings.truncate_large:
        return InputTooLarge(f"the document has more than {settings.max_doc_bytes:,} bytes (limit --max-doc-bytes;"
                             f" drop --reject-large to truncate instead)", source_file=source_file)
    # bytes -> characters: keep the share of the text the byte limit allows
    enc_len = len(doc_text.encode("utf-8", "surrogatepass"))
    limit_chars = len(doc_text) if enc_len <= settings.max_doc_bytes else \
        int(len(doc_text) * settings.max_doc_bytes / enc_len)
    cut = cut_at_boundary(doc_text, limit_chars)
    notes.append(f"truncated: the input has more than {settings.max_doc_bytes:,} bytes; kept the first "
                 f"{len(cut):,} characters up to a paragraph boundary")
    return cut


class _Reader:
    """Bytes of one file, gunzipped when compressed (by magic bytes), read up to a limit."""

    def __init__(self, path: Path):
        self.path = path
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

    def readable(self) -> bool:
        return True

    def _more(self) -> bytes:
        """Decompress the next piece (b'' at the end)."""
        while not self.done:
            if self.z.unconsumed_tail:
                chunk, self.pending = self.z.unconsumed_tail, b""
            elif self.pending:
                chunk, self.pending = self.pending, b""
            else:
                chunk = self.raw.read(CHUNK)
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
                self.pending = self.z.unused_data
                self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.fed = False
                if self.pending and not self.pending.strip(b"\x00"):
                    self.pending = b""  # zero padding after the last member
            if out:
                return out
        return b""

    def readinto(self, b) -> int:
        if not hasattr(self, "_buf"):
            self._buf = b""
        if not self._buf:
            self._buf = self._more()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


# --- readers per container --------------------------------------------------------

def _doc_from_record(rec, sf: str, label: str, notes: list[str], settings: Settings) -> Document | EgovError:
    """A JSON object with a body field -> Document (metadata in ``meta``)."""
    if not isinstance(rec, dict):
        return BadRecord(f"expected a JSON object, found {type(rec).__name__}", source_file=sf)
    key = next((k for k in BODY_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if key is None:
        if any(k in rec for k in BODY_KEYS):
            return EmptyInput("the record's text field is empty", source_file=sf)
        return BadRecord(f"the record has none of the fields {', '.join(BODY_KEYS)}", source_file=sf)
    rec_notes = list(notes)
    body = normalize_text(rec[key], rec_notes)
    if not body.strip():
        return EmptyInput("the record's text field is empty", source_file=sf)
    size = len(body.encode("utf-8"))
    body = _truncate(body, size, settings, sf, rec_notes)
    if isinstance(body, EgovError):
        return body
    meta = {}
    for k in META_KEYS:
        v = rec.get(k)
        if isinstance(v, str):
            meta[k] = normalize_text(v).strip()
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            meta[k] = [normalize_text(x).strip() for x in v]
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            meta[k] = v
    fmt = "html" if key == "html" else fmt_of(sf.split("#")[0] + ".txt", body)
    return Document(sf, body, fmt, meta, label, rec_notes)


def _read_jsonl(reader: _Reader, source_file: str, settings: Settings) -> Iterator[Document | EgovError]:
    codec, label = detect_encoding(reader.head)
    if codec == "utf-8":
        codec = "utf-8-sig"  # tolerate a BOM on the first line
    # A line may hold a document up to the limit; JSON escapes and markup add
    # to that, so lines up to 4x the limit are parsed (and then truncated).
    line_cap = settings.max_doc_bytes * 4
    with reader.stream() as raw:
        text_io = io.TextIOWrapper(raw, encoding=codec, errors="replace", newline="\n")
        lineno = 0
        while True:
            try:
                line = text_io.readline(line_cap + 1)
            except (OSError, EOFError, zlib.error) as e:
                yield BadRecord(f"reading stopped after line {lineno}: {e}", source_file=f"{source_file}#{lineno + 1}")
                return
            if not line:
                break
            lineno += 1
            sf = f"{source_file}#{lineno}"
            if len(line) > line_cap and not line.endswith("\n"):
                while True:  # skip the rest of the oversized line
                    more = text_io.readline(CHUNK)
                    if not more or more.endswith("\n"):
                        break
                yield InputTooLarge(f"line {lineno} is longer than {line_cap:,} characters", source_file=sf)
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line, strict=False)
            except ValueError as e:
                yield BadRecord(f"line {lineno} is not valid JSON ({e})", source_file=sf)
                continue
            yield _doc_from_record(rec, sf, label, list(reader.notes), settings)


def _read_json(data: bytes, source_file: str, settings: Settings) -> Iterator[Document | EgovError]:
    text, label, notes = decode_bytes(data)
    try:
        obj = json.loads(text, strict=False)
    except ValueError as e:
        yield BadRecord(f"not valid JSON ({e})", source_file=source_file)
        return
    if isinstance(obj, list):
        if not obj:
            yield EmptyInput("the JSON array is empty", source_file=source_file)
        for i, rec in enumerate(obj, 1):
            yield _doc_from_record(rec, f"{source_file}#{i}", label, notes, settings)
    else:
        yield _doc_from_record(obj, source_file, label, notes, settings)


def _read_warc(path: Path, source_file: str, settings: Settings) -> Iterator[Document | EgovError]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield DecodeFailed("WARC files need the optional package warcio: pip install 'egovnews[warc]'",
                           source_file=source_file)
        return
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue  # warcinfo/request/metadata/revisit records carry no document
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                sf = f"{source_file}#{n}"
                where = f"record {n}" + (f" ({uri})" if uri else "")
                ctype = ""
                if record.rec_type == "response" and record.http_headers is not None:
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        yield BadRecord(f"{where}: HTTP status {status}, no document", source_file=sf)
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                data = record.content_stream().read(settings.max_doc_bytes + 1)
                more = len(data) > settings.max_doc_bytes
                data = data[: settings.max_doc_bytes]
                yield _single(data, more, sf, uri.rsplit("/", 1)[-1] or "index.html", settings,
                              meta={"url": uri}, ctype=ctype)
    except Exception as e:  # a damaged archive: keep what was read, record the rest as one error
        yield BadRecord(f"the WARC archive is damaged after record {n}: {type(e).__name__}: {e}",
                        source_file=f"{source_file}#{n + 1}")
        return
    if n == 0:
        yield EmptyInput("the WARC archive has no response or resource records", source_file=source_file)


def _single(data: bytes, more: bool, source_file: str, name: str, settings: Settings,
            meta: dict | None = None, ctype: str = "", notes: list[str] | None = None) -> Document | EgovError:
    """One document from (at most ``max_doc_bytes`` of) its bytes."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return EmptyInput("the file is empty" if not data else "the file holds only whitespace",
                          source_file=source_file)
    ct = ctype.split(";")[0].strip().lower()
    if ct and not (ct.startswith("text/") or "html" in ct or "xml" in ct or "json" in ct):
        return BinaryInput(f"the content type {ct} is not a text document", source_file=source_file)
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    if not (wide or _utf16_without_bom(data[:SNIFF_BYTES])):
        what = sniff_binary(data[:SNIFF_BYTES])
        if what:
            return BinaryInput(f"this is {what}, not text", source_file=source_file)
    if more and not settings.truncate_large:
        return InputTooLarge(f"the document has more than {settings.max_doc_bytes:,} bytes (limit "
                             f"--max-doc-bytes; drop --reject-large to truncate instead)", source_file=source_file)
    text, label, dnotes = decode_bytes(data)
    notes = list(notes or []) + dnotes
    if not text.strip():
        return EmptyInput("the file holds no text after decoding", source_file=source_file)
    if more:
        text = cut_at_boundary(text, len(text) - 1)  # the cut is mid-sentence: back off to a boundary
        notes.append(f"truncated: the input has more than {settings.max_doc_bytes:,} bytes; kept the first "
                     f"{len(text):,} characters up to a paragraph boundary")
    fmt = "text" if ct.startswith("text/plain") else fmt_of(name, text)
    return Document(source_file, text, fmt, dict(meta or {}), label, notes)


def _container(name: str, head: bytes) -> str:
    """'warc' | 'jsonl' | 'json' | 'single' from the (inner) name and the first bytes."""
    inner = _inner_name(name)
    suffix = Path(inner).suffix
    if suffix in WARC_EXT or head.startswith(b"WARC/"):
        return "warc"
    if suffix in JSONL_EXT:
        return "jsonl"
    if suffix in JSON_EXT:
        return "json"
    if suffix not in TEXT_EXT | HTML_EXT:
        # unknown name: JSON Lines when the first line is a JSON object
        first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").split(b"\n", 1)[0].strip()
        if first.startswith(b"{") and first.endswith(b"}"):
            try:
                if isinstance(json.loads(first.decode("utf-8", "replace")), dict):
                    return "jsonl"
            except ValueError:
                pass
    return "single"


def read_file(path: Path, source_file: str, settings: Settings = DEFAULT) -> Iterator[Document | EgovError]:
    """Documents (or errors) of one input file. Never raises."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield InputNotFound("not a regular file (a device, socket or pipe)", source_file=source_file)
            return
        reader = _Reader(path)
        kind = _container(path.name, reader.head)
        if kind == "warc":
            yield from _read_warc(path, source_file, settings)
            return
        if kind == "jsonl":
            n = 0
            for item in _read_jsonl(reader, source_file, settings):
                n += 1
                yield item
            if n == 0:
                yield EmptyInput("the file has no JSON lines", source_file=source_file)
            return
        if kind == "json":
            data, more = reader.read(settings.max_doc_bytes * 4)
            if more:
                yield InputTooLarge(f"the JSON file is larger than {settings.max_doc_bytes * 4:,} bytes; "
                                    f"use JSON Lines for large collections", source_file=source_file)
                return
            if not data.strip():
                yield EmptyInput("the file is empty", source_file=source_file)
                return
            yield from _read_json(data, source_file, settings)
            return
        data, more = reader.read(settings.max_doc_bytes)
        yield _single(data, more, source_file, path.name, settings, notes=reader.notes)
    except OSError as e:
        yield InputNotFound(f"cannot read the file: {e.strerror or e}", source_file=source_file)
    except Exception as e:  # an input we did not foresee must not stop the batch
        yield DecodeFailed(f"unexpected {type(e).__name__} while reading: {e}", source_file=source_file)


def iter_documents(inputs: Iterable[Path], settings: Settings = DEFAULT, exclude: Iterable[Path] = (),
                   with_stat: bool = False) -> Iterator:
    """Every document (or error) of the inputs, in a stable order.

    With ``with_stat`` each item comes as ``(item, (size, mtime))`` of the file it was read from.
    """
    for path, sf in discover(inputs, exclude):
        try:
            st = os.stat(path)
            fstat = (st.st_size, st.st_mtime)
        except OSError:
            fstat = (0, 0.0)
        if not os.path.lexists(path):
            items: Iterable = [InputNotFound("no such file or folder", source_file=str(path))]
        else:
            items = read_file(path, sf, settings)
        for item in items:
            yield (item, fstat) if with_stat else item
