"""Encoding detection and text repair: bytes -> clean Unicode.

* ``detect_encoding(data)`` -- BOMs, UTF-16 without BOM (NUL-byte parity),
  strict UTF-8, else charset-normalizer's guess with a Western-European prior.
* ``decode_bytes(data)``    -- decode with that codec, then ``normalize_text``.
* ``normalize_text(text)``  -- BOM, NUL and control characters dropped,
  unpaired surrogates replaced, mojibake (double-encoded UTF-8) repaired by
  ftfy line by line, line ends unified, NFC. Each repair adds a note.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

SNIFF_BYTES = 1 << 16        # bytes looked at to sniff binaries, UTF-16 and the encoding

# UTF-16 without BOM: in Latin-script text nearly every other byte is NUL.
# A share of >= 30% NULs on one byte parity and < 5% on the other was
# calibrated on German, English and mixed-script samples (Latin: ~95%/0%).
UTF16_NUL_SHARE, UTF16_OTHER_MAX = 0.30, 0.05

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
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


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


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when ``sample`` looks like UTF-16 without a BOM, else None."""
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0) / len(even), odd.count(0) / len(odd)
    if zo >= UTF16_NUL_SHARE and ze < UTF16_OTHER_MAX:
        return "utf-16-le"
    if ze >= UTF16_NUL_SHARE and zo < UTF16_OTHER_MAX:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """``(codec, label)`` for ``data``; codec is a Python codec name."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            label = {"utf-8-sig": "utf-8-sig"}.get(codec, codec + ("-le" if bom.startswith(b"\xff") else "-be"))
            return codec, label + " (BOM)" if codec != "utf-8-sig" else label
    u16 = utf16_without_bom(data[:SNIFF_BYTES])
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
    """``text`` with double-encoded UTF-8 lines repaired by ftfy (a note says how many)."""
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
