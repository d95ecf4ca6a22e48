"""Places, steps 3-4: is a gazetteer match a place here? Rules over the words around each candidate.

``judge`` takes the candidates of ``scan.find_candidates`` in text order and sets each one's ``status``:
'drop' when a person's name ('Thomas Walter', 'Herr Lorenz'), an article ('der Bayern') or an English
word before an English one ('Silicon Valley') makes it a word, 'pending' when a risky name (Essen, Halle, Weil: risk levels from the gazetteer's collision list)
has no context that says 'place', else 'ok'; a pending name in a list with accepted places
('Magdeburg und Halle') becomes 'ok'. Candidates that a trigger found (a district after 'Landkreis')
are not judged.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...settings import DATA_DIR

if TYPE_CHECKING:
    from .scan import Cand

DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
               "im", "am", "vom", "zum", "zur", "beim", "ins", "ans", "aufs", "kein", "keine", "keinen",
               "keinem", "keiner", "jede", "jeder", "jedes", "jeden", "jedem", "diese", "dieser", "dieses",
               "diesen", "diesem", "sein", "seine", "seinen", "seinem", "ihr", "ihre", "ihren", "ihrem",
               "unser", "unsere", "unseren", "mein", "meine", "welche", "welcher", "welches", "manche", "alle"}
PREPOSITIONS = {"in", "aus", "nach", "bei", "von", "zwischen", "bis", "ab", "über", "durch", "gen", "nahe",
                "Raum", "Region", "Großraum", "Sitz", "Standort", "Standorte", "Standorten", "Niederlassungen",
                "Niederlassung", "Partnerstadt", "Partnerstädte", "Ort"}
TITLES = {"Herr", "Herrn", "Frau", "Dr", "Prof", "Familie"}
NOT_VERBS = {"und", "oder", "sowie", "bzw", "im", "in", "am", "an", "auf", "mit", "für", "vom", "von", "zum", "zur",
             "bei", "beim", "aus", "nach", "ohne", "statt", "wie", "als", "ab", "bis"}
LIST_SEPARATORS = {",", "und", "oder", "sowie", "/", "bzw", ".", "&", "–", "-"}
SENTENCE_PUNCT = {".", "!", "?", ":", ";", "„", "“", "\"", "«", "»", "(", "–", "—", "-", "…"}
AGENCIES = {"dpa", "epd", "afp", "AFP", "KNA", "kna", "dts", "ddp", "rtr", "AP", "lni", "lnw", "lby", "lsw",
            "lhe", "lrs", "lsa", "lth", "lmv", "lbn", "lno"}
ADJ_END = re.compile(r"^[a-zäöüß][\w-]*(?:e|en|er|es|em)$")


def overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether s..e shares a character with one of ``spans``."""
    return any(a < e and s < b for a, b in spans)


def judge(cands: list[Cand], toks, words, gz, loc, text: str) -> None:
    """Set ``status`` (and ``positive``, ``notes``) of every candidate from its context (steps 3-4 of the
    package docstring); takes the candidates in text order, the tokens and words, the gazetteer, the LOC
    entity spans and the text; gives nothing (the candidates are changed in place)."""
    for c in cands:
        if c.trigger != "district":
            _judge_one(c, toks, words, gz, loc, text)
    _accept_list_neighbours(cands, words)


def _judge_one(c: Cand, toks, words, gz, loc, text: str) -> None:
    """Judge one candidate without a district trigger: drop it when a person's name or an article makes
    it a word, mark it positive when the context says 'place', else leave a risky name 'pending'."""
    name = tuple(words[c.i:c.j])
    prev = words[c.i - 1] if c.i > 0 else ""
    nxt = words[c.j] if c.j < len(words) else ""
    state = any(h.how == "exact" and h.entry.kind == "state" for h in c.hits)
    if not c.trigger and _person_context(c, words, gz):
        c.status = "drop"
        c.notes.append("person")
        return
    if not c.trigger and _english_compound(c, words, gz):
        c.status = "drop"                               # 'Silicon Valley': an English name, not the town
        c.notes.append("english")
        return
    # after an article a name is a word ('der Bayern', 'im Norden'), unless it takes one ('die Schweiz')
    # or it is a district's own name ('im Zollernalbkreis')
    if prev.casefold() in DETERMINERS and name not in gz.with_article and not c.trigger \
            and not any(h.how == "exact" and h.entry.kind == "district" for h in c.hits):
        c.status = "drop"
        c.notes.append("article")
        return
    if c.positive or not c.risk or state:
        return
    if nxt[:1].isdigit():
        c.status = "drop"                               # 'in Halle 13, Stand 4': a hall, not the city
        c.notes.append("number")
        return
    if _place_context(c, words, loc):
        c.positive = True
        return
    _pend_risky(c, toks, words, text)


def _person_context(c: Cand, words: list[str], gz) -> bool:
    """Whether the candidate is (part of) a person's name: after a title or a given name ('Herr Lorenz',
    'Dr. Berg', 'Thomas Walter'), or a place named like a given name before a surname ('Karl Richter')."""
    name = tuple(words[c.i:c.j])
    prev = words[c.i - 1] if c.i > 0 else ""
    prev2 = words[c.i - 2] if c.i > 1 else ""
    nxt = words[c.j] if c.j < len(words) else ""
    return bool(
        prev[:1].isupper() and (prev in TITLES or (prev in gz.given_names and (prev,) not in gz.index))
        or (prev == "." and prev2 in TITLES)
        or (len(name) == 1 and name[0] in gz.given_names and c.risk and nxt[:1].isupper() and nxt.isalpha()
            and (nxt,) not in gz.index))


def _english_compound(c: Cand, words: list[str], gz) -> bool:
    """Whether a one-word name that is also an English word ends an English proper name with a
    capitalised English word before it ('Silicon Valley', 'Digital Brand'): both words in the list of
    frequent words that are English rather than German (``orgs_english_words.txt``, wordfreq) and the
    word before no place of its own."""
    prev = words[c.i - 1] if c.i > 0 else ""
    if c.j - c.i != 1 or not prev[:1].isupper() or (prev,) in gz.index:
        return False
    english = _english_words()
    return prev.casefold() in english and words[c.i].casefold() in english


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """The frequent words that are English rather than German (the organisations extractor's list)."""
    path = DATA_DIR / "orgs_english_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(w.strip() for w in f if w.strip() and not w.startswith("#"))


def _place_context(c: Cand, words: list[str], loc) -> bool:
    """Whether the context says the candidate is a place: a preposition or place noun before it ('in',
    'Raum'), a LOC entity over it, or an agency tag after it (dateline 'Essen (dpa)')."""
    prev = words[c.i - 1] if c.i > 0 else ""
    if prev in PREPOSITIONS or prev.casefold() in PREPOSITIONS or overlaps(loc, c.start, c.end):
        return True
    nxt3 = words[c.j:c.j + 3]
    return len(nxt3) == 3 and nxt3[0] == "(" and nxt3[1] in AGENCIES and nxt3[2] == ")"


def _pend_risky(c: Cand, toks, words, text: str) -> None:
    """Set a risky candidate without context 'pending' (it then needs a place beside it in a list): a
    'high' one always, a 'medium' one opening a sentence without a verb after it or after an adjective, a
    'low' one after an adjective mid-sentence ('gutes Essen'-like)."""
    prev = words[c.i - 1] if c.i > 0 else ""
    nxt = words[c.j] if c.j < len(words) else ""
    gap = text[toks[c.i - 1][1]:c.start] if c.i > 0 else "\n"
    sentence_start = c.i == 0 or prev in SENTENCE_PUNCT or "\n" in gap
    if c.risk == "high":
        c.status = "pending"
    elif c.risk == "medium":
        # mid-sentence without an adjective before it, or opening a sentence with a verb after it
        # ('Bremen gehört zu ...', not 'Essen und Trinken ...')
        verb_next = nxt[:1].islower() and nxt not in NOT_VERBS
        # a dateline opening a paragraph: 'Essen. Die Stadt ...', 'Kiel – Das Land ...'
        verb_next = verb_next or ("\n" in gap and nxt in (".", "–", "-", ":"))
        if (sentence_start and not verb_next) or ADJ_END.match(prev):
            c.status = "pending"
    elif c.risk == "low" and ADJ_END.match(prev) and not sentence_start:
        c.status = "pending"                            # 'gutes Essen'-like


def _accept_list_neighbours(cands: list[Cand], words: list[str]) -> None:
    """A risky name in a list with accepted places is a place ('Magdeburg und Halle'): set 'pending'
    candidates at most three separator tokens from an 'ok' one to 'ok', repeating until nothing changes."""
    changed = True
    while changed:
        changed = False
        ok = [c for c in cands if c.status == "ok"]
        for c in cands:
            if c.status != "pending":
                continue
            for o in ok:
                lo, hi = (o.j, c.i) if o.j <= c.i else (c.j, o.i)
                if 1 <= hi - lo <= 3 and all(w in LIST_SEPARATORS for w in words[lo:hi]) \
                        and not (hi - lo == 1 and words[lo] in (".", "-", "–")):
                    c.status, c.positive, changed = "ok", True, True
                    break
