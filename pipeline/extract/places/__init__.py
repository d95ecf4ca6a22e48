"""Places extractor: every mention of a German municipality, district, Land,
a country or a major foreign city in ``article.text``, linked to the gazetteer
(AGS, Land, coordinates) and counted.

How a mention is found (token-based, offsets into ``article.text``):

1. Longest match of written forms from the gazetteer (names, official
   aliases, names without qualifier, genitive 's') over word tokens; a
   match inside a word ('Bundesportal', 'BayernID') is impossible by
   construction, one glued into a hyphen compound ('Bayern-App',
   'Ost-Niedersachsen') is skipped on purpose (conservative), except the city
   in a district office's name ('Bezirksamt Hamburg-Nord' -> Hamburg) and a
   place glued before a role word ('Sachsen-CIO', 'NRW-Innenminister').
2. Trigger words narrow the kind: 'Landkreis/Kreis/Landratsamt X' and
   'Kulmbacher Landratsamt' -> the district, 'Stadt/Gemeinde X' -> the
   municipality; a plural trigger ('Landkreise A und B') covers its list.
3. Names that are also ordinary words (Essen, Halle, Weil: risk levels from
   the collision list) need context: a preposition ('in/aus/nach/bei X'), a
   trigger, a list with other places, a LOC entity, a dateline '(dpa)';
   'medium' ones are also taken mid-sentence without an article or adjective.
   Any municipality right after an article ('der', 'im', 'beim') is a word.
4. Person names are not places: tokens inside PER entities, after a given
   name ('Thomas Walter') or a title ('Herr', 'Dr.') are skipped.
5. Homonyms ('Frankfurt', 'Neustadt', 'Halle') are resolved by the Länder
   and districts the text names (also by Land adjectives), else by
   population (see ``gazetteer.score``).

Adjectives ('niedersächsischen', 'Bremer', 'Kulmbacher' alone) are not
mentions; they serve as evidence for homonyms. One exception: a capitalised
Land adjective that opens an organisation name ('im Niedersächsischen
Ministerium für Inneres', 'Bayerische Staatskanzlei') names the Land whose
organ it is, so it counts as a mention of that Land.

The steps live in ``scan`` (1-2: gazetteer matches, triggers) and ``context`` (3-4: is the match a
place here?); this module resolves the candidates (step 5) into ``Place`` rows and tells datelines.
"""
from __future__ import annotations

import re

from ...gazetteer import Evidence, choose, get_gazetteer
from ...model import Article, Place
from .scan import Cand, find_candidates

__all__ = ["Cand", "extract", "find_candidates", "for_table", "is_dateline"]


def _evidence(cands: list[Cand], words: list[str]) -> Evidence:
    """What the text says about its region, for homonyms: Länder (named or as adjectives: 'bayerisch'),
    countries, districts, and the Länder of municipalities, from the accepted candidates that are
    unambiguous (or a Land or country); takes the candidates and the words, gives the ``Evidence``."""
    gz = get_gazetteer()
    ev = Evidence.empty()
    for w in words:
        if w[:1].isalpha() and (st := gz.adjective_state(w)):
            ev.states[st] = ev.states.get(st, 0) + 1
    for c in cands:
        if c.status != "ok":
            continue
        e = choose(c.hits)
        if e is not None and (len(c.hits) == 1 or e.kind in ("state", "country")):
            if e.kind == "state":
                ev.states[e.name] = ev.states.get(e.name, 0) + 1
            elif e.kind == "country":
                ev.countries.add(e.name)
            elif e.kind == "district":
                ev.districts.add(e.ags)
            elif e.kind == "municipality":
                ev.municipalities[e.state] = ev.municipalities.get(e.state, 0) + 1
    return ev


def extract(article: Article) -> list[Place]:
    """The places of ``article.text`` (its spaCy Doc in ``article.doc`` when set): one ``Place`` per
    gazetteer entry, with its mention count, spans and surface forms, in order of first mention."""
    text = article.text or ""
    if not text.strip():
        return []
    cands, toks = find_candidates(text, getattr(article, "doc", None))
    words = [t for _, _, t in toks]
    ev = _evidence(cands, words)
    # districts first: a named district is evidence for its municipalities
    for c in sorted(cands, key=lambda c: c.trigger != "district"):
        if c.status != "ok":
            continue
        c.entry = choose(c.hits, ev)
        if c.entry is not None and c.entry.kind == "district":
            ev.districts.add(c.entry.ags)
    _city_states_as_lands(cands, words)
    places: dict[tuple, Place] = {}
    for c in sorted(cands, key=lambda c: c.start):
        if c.status != "ok" or c.entry is None:
            continue
        p = places.get(c.entry.key)
        if p is None:
            p = places[c.entry.key] = c.entry.to_place()
        p.mentions += 1
        p.spans.append((c.start, c.end))
        form = text[c.start:c.end]
        if form not in p.surface:
            p.surface.append(form)
    return list(places.values())


def _city_states_as_lands(cands: list[Cand], words: list[str]) -> None:
    """Berlin, Hamburg, Bremen: the city (the gazetteer's convention, which the answer keys follow for
    lists of Länder too: 'die Länder Hamburg, Bremen und ...') unless the text calls it a Land with a
    singular Land word right before the name ('das Land Berlin', 'des Landes Hamburg', 'Freistaat'); then
    every mention of it in the article means the Land (one place, one code). Takes the candidates with
    their chosen entries and the words; changes the entries in place."""
    gz = get_gazetteer()
    ok = [c for c in cands if c.status == "ok" and c.entry is not None]

    def city_state(c: Cand) -> bool:
        return c.entry.kind == "municipality" and c.entry.name == c.entry.state and c.entry.name in gz.states
    lands = {c.entry.name for c in ok if city_state(c) and c.i > 0 and words[c.i - 1] in SINGULAR_LAND_WORDS}
    for c in ok:
        if city_state(c) and c.entry.name in lands:
            c.entry = gz.states[c.entry.name]


# Land words that make a city-state's name the Land ('das Land Berlin'); plural ones ('die Länder') do not.
SINGULAR_LAND_WORDS = {"Land", "Landes", "Bundesland", "Bundeslandes"}


# A dateline: a place opening a paragraph, then a full stop, a dash, a colon or an agency tag in brackets
# ('Berlin. Der ...', 'Ludwigsburg - ', 'Hannover (dpa) –'), or straight a capitalised article or
# preposition opening the first sentence ('Mönchengladbach Die Stadt ...'). It says where the news was
# written, not what it is about; the answer keys leave it out unless the text names the place again.
DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[.:]|\s[-–]\s|[-–]\s)"
                            r"|\s(?:Der|Die|Das|Ein|Eine|Im|In|Am|Mit|Nach|Bei|Seit|Vor|Rund|Auch|Auf|Für)\s")


def is_dateline(text: str, start: int, end: int) -> bool:
    """True when the place mention text[start:end] opens a paragraph as a dateline."""
    if start > 0 and text[start - 1] != "\n":
        return False
    return bool(DATELINE_AFTER.match(text, end))


def for_table(found: list[Place], text: str) -> list[Place]:
    """The places of the ``places`` table: all found but those named only in a dateline."""
    return [p for p in found if not p.spans or not all(is_dateline(text, s, e) for s, e in p.spans)]

