"""Mentions and name forms: the ``Mention`` record every step produces, the
nominative of a written name, and the city a district office names.

``_nominative(words)`` takes written words and gives the name in the
nominative ('Niedersächsischen Städtetages' -> 'Niedersächsischer Städtetag');
``district_city(name)`` takes an organisation name and gives a city or ''.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...gazetteer import get_gazetteer
from .lexicon import ADJ, ENDING, Lexicon, lexicon


@dataclass
class Mention:
    """One organisation mention found by a step (character offsets into the article text)."""
    start: int
    end: int
    name: str                    # normalised (nominative) full form
    tax: int | None = None       # taxonomy row
    acronym: str = ""
    short: bool = False          # an acronym / short form mention
    glued: bool = False          # glued into a compound: 'AKDB-Pressesprecher'
    source: str = ""
    head: str = ""               # head suffix for bare-head counting
    key: str = ""                # grouping key when the written forms differ: 'Berliner Senat' = 'Senat von Berlin'
    short_head: bool = False     # a head compound standing alone ('Innenministerium'): its own organisation
                                 # unless one named organisation of the text carries that word


def _nominative(words: list[str], lx: Lexicon, gaps: list[str] | None = None) -> str:
    """'Niedersächsischen Städtetages' -> 'Niedersächsischer Städtetag'; keeps complements as written.
    ``gaps[k]`` is the text between word k and word k+1 (spacing as written)."""
    out = list(words)
    hi = next((k for k, w in enumerate(out) if lx.head_of(w)), None)
    if hi is None or any(w in ("des", "der") for w in out[:hi]):
        return _join(out, gaps)     # 'IT des Bundes': a head in a genitive complement keeps its case
    head, nom = lx.head_of(out[hi])
    out[hi] = nom
    gz = get_gazetteer()
    for k in range(hi):
        if out[k][:1].islower() and gz.adjective_state(out[k]):
            out[k] = out[k][:1].upper() + out[k][1:]        # 'des bayerischen Verkehrsministeriums'
        m = ADJ.match(out[k])
        if m and not gz.city_adjective(out[k]):
            out[k] = m[1] + ENDING[head.gender]
    return _join(out, gaps)


def _nom_range(a: int, b: int, toks, lx: Lexicon) -> str:
    """Nominative name of tokens a..b-1, spaced as in the text."""
    words = [t for _, _, t in toks[a:b]]
    gaps = [(" " if toks[k][1] < toks[k + 1][0] else "") if k + 1 < b else "" for k in range(a, b)]
    return _nominative(words, lx, gaps)


def _join(words: list[str], gaps: list[str] | None = None) -> str:
    """Words joined with the given gaps, or by punctuation rules when no gaps are given."""
    if gaps is not None:
        return "".join(w + (" " if gaps[k] else "") for k, w in enumerate(words)).strip()
    s = ""
    for w in words:
        if not s or w in (",", ")", ".") or s.endswith(("-", "(", "/")) or w in ("-", "/"):
            s += w
        else:
            s += " " + w
    return s.replace(" - ", "-")


# 'Bezirksamt Hamburg-Nord' names its city by the first part of the district's name only when that part
# is a municipality of at least this many inhabitants: district offices (Bezirksämter) exist only in
# cities divided into districts, all far larger; the bound keeps small namesakes out ('Harburg' is also
# a Bavarian village of 5,600). Chosen by hand, not tuned on the dev set (no district office in it).
DISTRICT_CITY_MIN_POPULATION = 100_000


def district_city(name: str) -> str:
    """The city an organisation named after a city district belongs to, as its name says:
    'Bezirksamt Hamburg-Nord' -> 'Hamburg', 'Bezirksamt Berlin-Mitte' -> 'Berlin';
    'Bezirksamt Mitte' -> '' (the name alone does not tell)."""
    lx = lexicon()
    words = name.split()
    for k, w in enumerate(words[:-1]):
        hd = lx.head_of(w)
        if hd is None or hd[0].name_kind != "district":
            continue
        first = words[k + 1].split("-")[0]
        if first == words[k + 1]:
            return ""
        hits = get_gazetteer().lookup((first,))
        if any(h.entry.kind == "municipality" and (h.entry.population or 0) >= DISTRICT_CITY_MIN_POPULATION
               for h in hits):
            return first
        return ""
    return ""
