"""Step 3b: a name in apposition after a class noun ('das Softwareunternehmen Musterix', 'die Firma
Beispielsoft', 'das Startup Demo Labs'): the class noun says an organisation follows, the capitalised
words after it are its name.

``find_appositions(scan)`` takes a ``Scan`` and gives one ``Mention`` (source 'apposition') per class
noun (``organisations_class_nouns.csv``: a word or compound ending in one of its suffixes) followed by
a name: up to four capitalised or upper-case words (hyphen and '&' inside), not an ordinary noun, a
place, a given name or a catalogued head noun of its own. ``class_noun(word)`` tells whether a word is
such a noun (the NER and legal-form steps drop it from the start of their spans).
"""
from __future__ import annotations

import csv
from functools import lru_cache

from ...settings import DATA_DIR
from .lexicon import GENERIC, LEGAL, QUOTES
from .names import Mention
from .scan import Scan


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    with (DATA_DIR / "organisations_class_nouns.csv").open(encoding="utf-8", newline="") as f:
        return tuple(r["suffix"] for r in csv.DictReader(f))


@lru_cache(maxsize=4096)
def class_noun(word: str) -> bool:
    """'Firma', 'Softwareunternehmen', 'Startups', 'IT-Dienstleister' (the last part of a hyphen
    compound counts); plural -s/-e/-en forms too."""
    if not word[:1].isupper():
        return False
    low = word.casefold()
    return any(low == s or low.endswith(s) or low[:-1].endswith(s) and low[-1] in "sn"
               or low[:-2].endswith(s) and low[-2:] in ("en", "es") for s in _suffixes())


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    from ...ner.lexicons import load
    lx = load()
    return lx.common_nouns | lx.common_caps


# abstract-noun endings: a word with one is an ordinary noun, not the first word of a name
NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "nis",
                "ungen", "heiten", "keiten", "schaften", "tionen", "itäten", "nisse")
MIN_HEAD = 5        # shortest compound head looked up ('Marktteilnehmer' -> 'Teilnehmer'; 'Bearing' keeps 'Ring' out)


def _ordinary(w: str) -> bool:
    """An ordinary noun: in the NER's common-noun lists (also without a plural ending: 'Nachweise'), a
    compound whose head is one ('Marktteilnehmer'), or with an abstract-noun ending ('Digitalisierung')."""
    if w.isupper():
        return False
    common = _common_nouns()
    if w.casefold().endswith(NOUN_ENDINGS):
        return True
    for cut in ("", "e", "en", "n", "s", "er", "es"):
        stem = w[: len(w) - len(cut)] if cut and w.endswith(cut) else (w if not cut else "")
        if not stem:
            continue
        if stem in common or any(stem[k:].capitalize() in common for k in range(1, len(stem) - MIN_HEAD + 1)):
            return True
    return False


def _name_word(sc: Scan, k: int) -> bool:
    """Token k can be part of a name after a class noun: capitalised or upper case, no generic noun."""
    w = sc.words[k]
    return (w[:1].isupper() or w[:1].isdigit()) and w not in GENERIC


def _name_end(sc: Scan, j: int) -> int:
    """End token of the name starting at j (j when none)."""
    words, n = sc.words, sc.n
    w = words[j] if j < n else ""
    if j >= n or not w[:1].isupper() or _ordinary(w) or w in sc.gz.given_names or sc.is_place(j) \
            or sc.lx.head_of(w) or class_noun(w) or w in LEGAL:
        return j
    k = sc.compound_end(j)
    while k < n and k - j < 6:
        if words[k] == "&" and k + 1 < n and _name_word(sc, k + 1):
            k = sc.compound_end(k + 1)
        elif words[k] in LEGAL or (_name_word(sc, k) and words[k] not in sc.gz.given_names
                                   and not words[k].casefold().endswith(NOUN_ENDINGS)):
            k = sc.compound_end(k)
        else:
            break
    return k


# Words that introduce a name: 'ein Start-up namens X', 'eine Anstalt mit (dem) Namen „X“', 'unter dem Namen X'.
NAMING = (("namens",), ("mit", "Namen"), ("mit", "dem", "Namen"), ("unter", "dem", "Namen"))
NAMING_REACH = 4    # tokens between the class noun or org head and the naming words ('Anstalt öffentlichen Rechts')


def _named(sc: Scan) -> list[Mention]:
    """Names after naming words whose owner, up to NAMING_REACH tokens before, is a class noun or an organisation
    head noun ('eine Anstalt öffentlichen Rechts mit Namen „X“' -> X); quotes around the name are skipped."""
    out: list[Mention] = []
    words = sc.words
    for i in range(sc.n):
        cue = next((c for c in NAMING if tuple(words[i:i + len(c)]) == c), None)
        if cue is None or not any(class_noun(w) or sc.lx.head_of(w) for w in words[max(0, i - NAMING_REACH):i]):
            continue
        j = i + len(cue)
        while j < sc.n and words[j] in QUOTES:
            j += 1
        end = _name_end(sc, j)
        if end > j:
            s, e = sc.toks[j][0], sc.toks[end - 1][1]
            out.append(Mention(s, e, sc.text[s:e], sc.lx.canonical_of(sc.text[s:e]), source="apposition"))
    return out


def find_appositions(sc: Scan) -> list[Mention]:
    """Mentions of names after class nouns (directly or after naming words), left to right."""
    out: list[Mention] = _named(sc)
    for i in range(sc.n - 1):
        if not class_noun(sc.words[i]) or (i + 1 < sc.n and sc.glued(i, i + 1)):
            continue
        end = _name_end(sc, i + 1)
        if end == i + 1:
            continue
        s, e = sc.toks[i + 1][0], sc.toks[end - 1][1]
        name = sc.text[s:e]
        out.append(Mention(s, e, name, sc.lx.canonical_of(name), source="apposition"))
    return out
