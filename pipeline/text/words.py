"""Words: the one folding for matching, hyphenated compounds and German inflection.

* ``fold(s)``            -- NFC, soft hyphens removed, casefolded, umlauts/ß
                            transliterated (``Fachkräfte`` and ``Fachkraefte`` fold alike).
* ``dehyphen`` / ``split_hyphen`` -- a compound without / split at its hyphens.
* ``inflects(w, base)``  -- is folded ``w`` ``base`` plus a German inflection ending?
* ``inflects_plural``    -- the same for umlaut plurals (``Bauanträge`` -> ``bauantrag``).
* ``strip_linking(s)``   -- drop a leading linking element (Fugen-s) of a compound remainder.
"""
from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "\u00ad": None})
_HYPHENS = "-\u2010\u2011\u2012\u2013"  # hyphen, hyphen, non-breaking hyphen, figure dash, en dash

# German inflection endings (nouns and adjectives) accepted by ``inflects``; a
# plural with umlaut (Zuschuss/Zuschüsse) is not covered and must be listed.
INFLECTION_ENDINGS = ("", "e", "n", "en", "er", "es", "em", "s", "ns", "ens", "nen")

# Linking elements (Fugenelemente) that may sit between two parts of a compound.
LINKING = ("es", "s", "en", "n", "e")


def fold(s: str) -> str:
    """Casefolded, NFC, soft hyphens removed, ä/ö/ü/ß transliterated."""
    return unicodedata.normalize("NFC", s).casefold().translate(_TRANSLIT)


_HYPHEN_OR_DOT = re.compile(rf"[{_HYPHENS}.]")
_HYPHEN = re.compile(rf"[{_HYPHENS}]")


def dehyphen(s: str) -> str:
    """``s`` without hyphens and dots (``e-akte`` -> ``eakte``)."""
    return _HYPHEN_OR_DOT.sub("", s)


def split_hyphen(word: str) -> list[str]:
    """Parts of a hyphenated compound: ``Bund-Länder-Gremium`` -> 3 parts."""
    return [p for p in _HYPHEN.split(word) if p]


def inflects(word: str, base: str) -> bool:
    """True when folded ``word`` is folded ``base`` plus an inflection ending."""
    if not word.startswith(base):
        return False
    return word[len(base):] in INFLECTION_ENDINGS


_LAST_VOWEL = re.compile(r"(au|a|o|u)([^aeiou]*)$")
UMLAUT_PLURAL_ENDINGS = ("e", "en", "er", "ern")


def umlaut_stem(base: str) -> str:
    """Folded stem of an umlaut plural: ``bauantrag`` -> ``bauantraeg``
    (Bauanträge), ``zuschuss`` -> ``zuschuess``; '' when there is no a/o/u."""
    m = _LAST_VOWEL.search(base)
    if not m:
        return ""
    return base[:m.start()] + {"au": "aeu", "a": "ae", "o": "oe", "u": "ue"}[m[1]] + m[2]


def inflects_plural(word: str, base: str, stem: str | None = None) -> bool:
    """True when ``word`` is the umlaut plural of ``base`` (Bauanträge, Zuschüssen)."""
    stem = umlaut_stem(base) if stem is None else stem
    return bool(stem) and word.startswith(stem) and word[len(stem):] in UMLAUT_PLURAL_ENDINGS


def strip_linking(rest: str) -> list[str]:
    """Possible remainders of a compound after its first part, with and without
    a linking element: ``sverfahren`` -> ``['sverfahren', 'verfahren']``."""
    out = [rest]
    for link in LINKING:
        if rest.startswith(link) and len(rest) > len(link) + 2:
            out.append(rest[len(link):])
    return out
