"""Street, square and numbered-road names (LOC under NoSta-D): small pure functions.

The word lists are in ``pipeline/data/ner_streets.json``; see its comment.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..settings import DATA_DIR
from .lexicons import Lexicons

_NUMBER = re.compile(r"^\d{1,4}[a-zA-Z]?$")
_CAP = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*$")


@lru_cache(maxsize=4)
def patterns(data_dir: str | None = None) -> dict:
    d = Path(data_dir) if data_dir else DATA_DIR
    raw = json.loads((d / "ner_streets.json").read_text(encoding="utf-8"))
    return {k: (tuple(v) if k.endswith("suffixes") else frozenset(v)) for k, v in raw.items() if not k.startswith("_")}


def _one_word_street(w: str, nxt: str, lex: Lexicons, pat: dict) -> bool:
    low = w.lower()
    if not _CAP.match(w.rstrip(".")) or w in lex.common_nouns or w in lex.common_caps or w in pat["heads"]:
        return False
    if low.endswith(pat["suffixes"]) and len(w) > 7:
        return True
    return low.endswith(pat["number_suffixes"]) and len(w) > 6 and bool(_NUMBER.match(nxt))


def street_at(words: list[str], i: int, lex: Lexicons, data_dir: str | None = None) -> int:
    """Length in tokens of the street or road name starting at token i (0 if none)."""
    pat = patterns(data_dir)
    n = len(words)
    w = words[i]
    nxt = words[i + 1] if i + 1 < n else ""
    if w in pat["roads"] and _NUMBER.match(nxt):
        return 2                              # 'Autobahn 7'
    if w in pat["letters"] and _NUMBER.match(nxt) and i and words[i - 1] in pat["before_letters"]:
        return 2                              # 'die A 45'
    if nxt in pat["heads"] and _CAP.match(w) and (
            "-" in w or (w.endswith("er") and w.lower() not in lex.stop_words and w not in lex.roles
                         and w not in pat["not_before_heads"])):
        return 2                              # 'Bayreuther Straße', 'Konrad-Adenauer Platz'
    if "-" in w and w.rsplit("-", 1)[1] in pat["heads"] and _CAP.match(w.split("-", 1)[0]):
        return 1                              # 'Konrad-Adenauer-Platz'
    return 1 if _one_word_street(w, nxt, lex, pat) else 0


def street_names(words: list[str], lex: Lexicons, data_dir: str | None = None) -> list[tuple[int, int]]:
    """Token spans of street names and numbered roads: 'Bahnhofstraße', 'Lindenweg 4' (the
    name only), 'Bayreuther Straße', 'Konrad-Adenauer-Platz', 'Autobahn 7', 'die A 45'."""
    out = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():          # every pattern starts with a capital: skip fast
            i += 1
            continue
        k = street_at(words, i, lex, data_dir)
        if k:
            out.append((i, i + k))
        i += k or 1
    return out
