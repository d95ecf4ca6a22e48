"""Normalised keys that decide when two written names are the same name.

``person_key`` and ``org_key`` take a name as written and give the string
the cross-document registry groups on; ``stable_id`` turns a key into a
short id that is the same in every run that sees the same key.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# German umlauts and ß have an ASCII spelling of their own ('Müller' = 'Mueller', 'Weiß' = 'Weiss');
# both spellings get the ASCII form before any other diacritic is dropped ('René' = 'Rene').
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_DASHES = re.compile(r"[-‐‑‒–—]+")
_NON_WORD = re.compile(r"[^\w\s]+")


def fold(text: str) -> str:
    """Lowercase ASCII-ish form of ``text``: umlauts and ß spelled out, other diacritics dropped,
    dashes as spaces, punctuation dropped, whitespace collapsed."""
    s = (text or "").casefold().translate(_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _DASHES.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    return " ".join(s.split())


def person_key(name: str) -> str:
    """The key of a person's name: ``fold`` of its words without abbreviations.

    A word containing a full stop is an abbreviation, not a name: academic titles
    (``Dr.``, ``Prof.``, ``Dr.-Ing.``, ``h.c.``) and initials (``Jan E. Bohling``)
    are dropped, so 'Prof. Dr. Jan E. Böhling' and 'jan bohling' have one key.
    """
    words = [w for w in (name or "").split() if "." not in w]
    return fold(" ".join(words))


def org_key(name: str) -> str:
    """The key of an organisation's name (its canonical name when it has one)."""
    return fold(name)


def stable_id(prefix: str, *parts: str) -> str:
    """``prefix`` + 12 hex digits of the SHA-1 of ``parts``: the same key gives the same id in every run."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{h}"


def ags_compatible(a: str, b: str) -> bool:
    """True when two AGS codes name the same area or one lies in the other ('05' ⊃ '05315' ⊃ '05315000')."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))
