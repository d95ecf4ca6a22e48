"""Refusing binaries: ``sniff_binary(sample)`` names the binary format of bytes
that arrived under a text name (magic numbers, a tar header, or too many
control bytes), or gives None for text-like bytes.
"""
from __future__ import annotations

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

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


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
