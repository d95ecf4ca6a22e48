"""Word classes the organisation steps ask about: place nouns, role words,
weekdays/months, qualifying adjectives, topic terms, initials.

Each function takes one word or name and gives a yes/no (or a small dict);
the data come from ``roles_context.csv``, the role vocabulary,
``date_words.csv``, the gazetteer and ``topics.csv``.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from ...gazetteer import get_gazetteer, key_tokens
from ...settings import DATA_DIR
from .lexicon import ADJ, DETERMINERS
from ...language import stopwords


@lru_cache(maxsize=1)
def _place_nouns() -> dict[str, str]:
    """Nouns that introduce a place name in a genitive complement ('der Stadt X', 'des Landes X'):
    ``roles_context.csv`` kind place_noun, the singular ones (value: kind of the place)."""
    from ..roles import context
    return {w: k for w, k in context().kind("place_noun").items() if k != "plural"}


def _place_noun_word(word: str, place_nouns: dict[str, str]) -> bool:
    """A place noun ('Stadt', 'Landkreises') or a compound ending in a municipality's one ('Nachbargemeinde',
    'Partnerstadt'); not in a district's ('Arbeitskreis', 'Lenkungskreis' are bodies of people)."""
    if word in place_nouns:
        return True
    low = word.casefold()
    return any(low.endswith(n.casefold()) and len(low) > len(n) + 2 for n, k in place_nouns.items()
               if k == "municipality" and " " not in n and n[:1].isupper() and n.isalpha()
               and len(n) >= 5)


@lru_cache(maxsize=4096)
def _not_a_district(word: str) -> bool:
    """A capitalised word after 'Bezirksamt' that cannot be a district's name: a role ('Bezirksamt
    Bürgermeister X'), a weekday or month ('date_words.csv'), a place noun ('Bezirksamt Stadt')."""
    return _is_role_word(word) or word in _place_nouns() or word in _date_words()


@lru_cache(maxsize=4096)
def _is_role_word(word: str) -> bool:
    """True when the role vocabulary analyses the word as a role ('Landrat', 'Landesbeauftragte')."""
    from ..roles import vocabulary
    return bool(vocabulary().analyse(word))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Month and weekday names of ``date_words.csv``."""
    with (DATA_DIR / "date_words.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f) if r["kind"] in ("month", "weekday"))


def _only_modifiers(words: str) -> bool:
    """True when the words before a catalogued name only qualify it: adjectives ('Hessische', 'Freie') and
    city adjectives ('Berliner'), so the longer name is that organisation ('Hessischer Landtag')."""
    ws = key_tokens(words)
    gz = get_gazetteer()
    return bool(ws) and all(ADJ.match(w) or gz.city_adjective(w) or gz.adjective_state(w) for w in ws)


def _names_a_topic(name: str) -> bool:
    """True when a name is itself a term of the topic taxonomy (topics.csv): the topics' evidence covers
    all its words ('Smart City', 'E-Government'); a name that only contains one ('Hessischer
    Rechnungshof', where 'Rechnungshof' is evidence of the topic 'kritik') is not a topic term."""
    from ..topics import find_topics

    evidence = " ".join(e for t in find_topics(name) for e in t.evidence)
    return bool(evidence) and all(w in evidence for w in name.split())


def _initials_match(short: str, long_words: list[str]) -> bool:
    """Initials of the long form's words appear in order in the short form ('Konsens' <- K n S E S)."""
    letters = short.casefold()
    inits = [w[0].casefold() for w in long_words if w[:1].isalpha() and w not in DETERMINERS]
    if len(inits) < 2 or not letters or inits[0] != letters[0]:
        return False
    pos = 0
    hit = 0
    for c in inits:
        p = letters.find(c, pos)
        if p >= 0:
            hit += 1
            pos = p + 1
    return hit >= max(2, len(inits) - 1)


def _function_word(w: str) -> bool:
    """True when ``w`` (lower-cased, or without an inflection ending -s/-n/-m/-r) is a German or English
    function word of ``pipeline/data/stopwords_{de,en}.txt`` ('Vieles' <- 'viele')."""
    sw = stopwords()
    words = sw.get("de", frozenset()) | sw.get("en", frozenset())
    low = w.casefold()
    return low in words or (len(low) > 3 and low[-1] in "snmr" and low[:-1] in words)
