"""Places extractor: every mention of a German municipality, district, Land,
a country or a major foreign city in ``article.text``, linked to the gazetteer
(AGS, Land, coordinates) and counted.

How a mention is found (token-based, offsets into ``article.text``):

1. Longest match of written forms from the gazetteer (names, official
   aliases, names without qualifier, genitive 's') over word tokens; a
   match inside a word ('Bundesportal', 'BayernID') is impossible by
   construction, one glued into a hyphen compound ('Bayern-App',
   'Ost-Niedersachsen') is skipped on purpose (conservative), except the city
   in a district office's name ('Bezirksamt Hamburg-Nord' -> Hamburg).
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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..gazetteer import (DISTRICT_NOUNS, DISTRICT_TRIGGERS, MUNI_TRIGGERS, STATE_TRIGGERS, Evidence, Hit,
                         choose, get_gazetteer, tokenize)
from ..model import Article, Place

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
# single-word bodies of a Land that a Land adjective may open: 'Bayerischer Landtag'
STATE_ORGANS = {"Landtag", "Landesregierung", "Staatsregierung", "Staatskanzlei", "Senatskanzlei"}
# head nouns of a Land's own authorities ('Hessisches Ministerium', 'Thüringer Landesamt') and of its municipal
# umbrella associations ('Bayerischer Landkreistag'); not of other associations
STATE_ORGAN_HEADS = {"ministerium", "staatsministerium", "amt", "behörde", "staatskanzlei", "senatskanzlei",
                     "senatsverwaltung", "landesbetrieb", "rechenzentrum", "zentrale", "landesregierung",
                     "staatsregierung", "landkreistag", "städtetag", "gemeindetag", "gemeindebund"}
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:de|com|org|net|eu|info|ch|at)\b\S*")
ADJ_END = re.compile(r"^[a-zäöüß][\w-]*(?:e|en|er|es|em)$")


@dataclass
class Cand:
    i: int                      # first token of the name
    j: int                      # token after the name
    start: int                  # span of the mention in the text
    end: int
    hits: list[Hit]
    trigger: str = ""           # 'district' | 'muni' | 'state' | ''
    risk: str = ""
    positive: bool = False      # context says it is a place
    status: str = "ok"          # 'ok' | 'pending' (needs a list neighbour) | 'drop'
    entry: object = None
    notes: list[str] = field(default_factory=list)


def _spans(doc, label: str) -> list[tuple[int, int]]:
    if doc is None:
        return []
    try:
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == label]
    except Exception:
        return []


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _longest(gz, words: list[str], i: int, kinds: set[str] | None = None) -> tuple[int, list[Hit]]:
    """Longest gazetteer form starting at token i: (length, hits), optionally restricted to kinds."""
    if i >= len(words) or not words[i][:1].isupper():
        return 0, []
    for n in range(min(gz.max_len.get(words[i], 0), len(words) - i), 0, -1):
        hits = gz.lookup(tuple(words[i:i + n]))
        if kinds is not None:
            hits = [h for h in hits if h.entry.kind in kinds]
        if hits:
            return n, hits
    return 0, []


def find_candidates(text: str, doc=None) -> tuple[list[Cand], list[tuple[int, int, str]]]:
    gz = get_gazetteer()
    toks = tokenize(text)
    words = [t for _, _, t in toks]
    per = _spans(doc, "PER")
    loc = _spans(doc, "LOC")
    urls = [(m.start(), m.end()) for m in URL.finditer(text)]

    def glued(a: int, b: int) -> bool:          # tokens a and b touch (no space between)
        return 0 <= a < len(toks) and 0 <= b < len(toks) and toks[a][1] == toks[b][0]

    def compound(i: int, j: int) -> bool:
        after = j < len(toks) and words[j] == "-" and glued(j - 1, j) and glued(j, j + 1) and words[j + 1][:1].isalnum()
        before = i >= 2 and words[i - 1] == "-" and glued(i - 1, i) and glued(i - 2, i - 1) and words[i - 2][:1].isalnum()
        return after or before

    cands: list[Cand] = []
    i = 0
    list_kind = ""          # after a plural trigger: the kind of the list that follows
    while i < len(toks):
        w = words[i]
        # 'Landkreis Gifhorn', 'des Kreises Unna', 'Landratsamt Kulmbach'
        if w in DISTRICT_TRIGGERS:
            n, hits = _longest(gz, words, i + 1, {"district"})
            if n and not compound(i + 1, i + 1 + n):
                s = toks[i][0] if DISTRICT_TRIGGERS[w] else toks[i + 1][0]
                cands.append(Cand(i + 1, i + 1 + n, s, toks[i + n][1], hits, "district", positive=True))
                list_kind = "district" if w.endswith(("e", "en")) else ""
                i += 1 + n
                continue
        # 'Kulmbacher Landratsamt'
        if i + 1 < len(toks) and words[i + 1] in DISTRICT_NOUNS and w.endswith("er"):
            hits = [h for nm in gz.city_adjective(w) for h in gz.lookup((nm,)) if h.entry.kind == "district"]
            if hits:
                cands.append(Cand(i, i + 1, toks[i][0], toks[i][1], hits, "district", positive=True))
                i += 1
                continue
        n, hits = _longest(gz, words, i)
        if not n:
            if w not in LIST_SEPARATORS:
                list_kind = ""
            i += 1
            continue
        j = i + n
        s, e = toks[i][0], toks[j - 1][1]
        if compound(i, j) and n == 1 and (_district_office_city(words, i)
                                          or _city_district_loc(gz, toks, words, i, loc)):
            # 'Bezirksamt Hamburg-Nord': the district office of a city names that city
            city = [h for h in hits if h.entry.kind == "municipality"]
            cands.append(Cand(i, j, s, e, city or hits, "muni", positive=True))
            i = j
            continue
        if compound(i, j) or _overlaps(urls, s, e) or _inside(per, s, e):
            i = j
            continue
        prev = words[i - 1] if i > 0 else ""
        c = Cand(i, j, s, e, hits)
        if list_kind == "district" and any(h.entry.kind == "district" for h in hits):
            c.hits, c.trigger, c.positive = [h for h in hits if h.entry.kind == "district"], "district", True
        elif prev in MUNI_TRIGGERS and any(h.entry.kind in ("municipality", "other") for h in hits):
            c.hits = [h for h in hits if h.entry.kind in ("municipality", "other")]
            c.trigger, c.positive = "muni", True
        elif prev in STATE_TRIGGERS and any(h.entry.kind == "state" or h.how == "exact" for h in hits):
            c.trigger, c.positive = "state", True
        else:
            # a bare Kreis name ('Gifhorn') means the district only when nothing else bears it
            c.hits = [h for h in hits if h.how != "district"] or hits
        c.risk = gz.risk_of(tuple(words[i:j]))
        cands.append(c)
        i = j
    cands += _state_organ_adjectives(toks, words, gz, cands)
    cands.sort(key=lambda c: c.start)
    _judge(cands, toks, words, gz, loc, text)
    return cands, toks


def _district_office_city(words: list[str], i: int) -> bool:
    """Is words[i] the city in the name of a city district's office ('Bezirksamt Hamburg-Nord', 'im
    Bezirksamt Berlin-Mitte')? The organisations extractor decides (head kind 'district', population floor)."""
    from .orgs import district_city, lexicon

    hd = lexicon().head_of(words[i - 1]) if i > 0 else None
    if hd is None or hd[0].name_kind != "district" or i + 2 >= len(words) or words[i + 1] != "-":
        return False
    return district_city(f"{hd[1]} {words[i]}-{words[i + 2]}") == words[i]


def _city_district_loc(gz, toks, words: list[str], i: int, loc: list[tuple[int, int]]) -> bool:
    """Is words[i] the city in a city district's name that the NER tagged as one place ('Bezirksbürgermeister
    von Berlin-Pankow', 'in Hamburg-Altona')? Only when the second part is no place of its own
    ('Berlin-Brandenburg' is two) and no ordinary role, date or place noun, and the city is large enough to
    be divided into districts (the population floor of ``orgs.DISTRICT_CITY_MIN_POPULATION``)."""
    from .orgs import DISTRICT_CITY_MIN_POPULATION, _not_a_district

    if i + 2 >= len(words) or words[i + 1] != "-" or (toks[i][0], toks[i + 2][1]) not in loc:
        return False
    second = words[i + 2]
    if not second[:1].isupper() or _longest(gz, words, i + 2)[0] or _not_a_district(second):
        return False
    return any(h.entry.kind == "municipality" and (h.entry.population or 0) >= DISTRICT_CITY_MIN_POPULATION
               for h in gz.lookup((words[i],)))


def _state_organ_adjectives(toks, words, gz, cands: list[Cand]) -> list[Cand]:
    """'im Niedersächsischen Ministerium für Inneres', 'die Bayerische Staatskanzlei': a capitalised Land
    adjective opening the name of an organisation names that Land (its organ). Attributive adjectives
    ('niedersächsischen Kommunen', 'Bayerische Bauordnung') do not."""
    from .orgs import lexicon          # the organisation head nouns (same data as the orgs extractor)

    lx = lexicon()
    taken = {k for c in cands for k in range(c.i, c.j)}
    out = []
    for i in range(len(words) - 1):
        w = words[i]
        if i in taken or not w[:1].isupper() or not w[-1:].isalpha():
            continue
        st = gz.adjective_state(w)
        if not st or st not in gz.states or w.casefold() == w:
            continue
        nxt = words[i + 1]
        t = lx.exact.get((nxt,))
        hd = lx.head_of(nxt)
        if (hd and hd[0].suffix in STATE_ORGAN_HEADS) or (t is not None and lx.taxa[t].canonical in STATE_ORGANS):
            e = gz.states[st]
            out.append(Cand(i, i + 1, toks[i][0], toks[i][1], [Hit(e, "exact")], "state", positive=True))
    return out


def _judge(cands: list[Cand], toks, words, gz, loc, text: str) -> None:
    for c in cands:
        if c.trigger == "district":
            continue
        name = tuple(words[c.i:c.j])
        prev = words[c.i - 1] if c.i > 0 else ""
        prev2 = words[c.i - 2] if c.i > 1 else ""
        nxt = words[c.j] if c.j < len(words) else ""
        state = any(h.how == "exact" and h.entry.kind == "state" for h in c.hits)
        # person names: 'Thomas Walter', 'Herr Lorenz', 'Dr. Berg'; 'Karl Richter' (a place named like a given name)
        if not c.trigger and (
                prev[:1].isupper() and (prev in TITLES or (prev in gz.given_names and (prev,) not in gz.index))
                or (prev == "." and prev2 in TITLES)
                or (len(name) == 1 and name[0] in gz.given_names and c.risk and nxt[:1].isupper() and nxt.isalpha()
                    and (nxt,) not in gz.index)):
            c.status = "drop"
            c.notes.append("person")
            continue
        # after an article a name is a word ('der Bayern', 'im Norden'), unless it takes one ('die Schweiz')
        # or it is a district's own name ('im Zollernalbkreis')
        if prev.casefold() in DETERMINERS and name not in gz.with_article and not c.trigger \
                and not any(h.how == "exact" and h.entry.kind == "district" for h in c.hits):
            c.status = "drop"
            c.notes.append("article")
            continue
        if c.positive or not c.risk or state:
            continue
        if nxt[:1].isdigit():
            c.status = "drop"                               # 'in Halle 13, Stand 4': a hall, not the city
            c.notes.append("number")
            continue
        if prev in PREPOSITIONS or prev.casefold() in PREPOSITIONS or _overlaps(loc, c.start, c.end):
            c.positive = True
            continue
        nxt3 = words[c.j:c.j + 3]
        if len(nxt3) == 3 and nxt3[0] == "(" and nxt3[1] in AGENCIES and nxt3[2] == ")":
            c.positive = True                              # dateline 'Essen (dpa)'
            continue
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
    # a risky name in a list with accepted places is a place: 'Magdeburg und Halle'
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


def _evidence(cands: list[Cand], words: list[str]) -> Evidence:
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

