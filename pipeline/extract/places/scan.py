"""Places, steps 1-2: the gazetteer matches of a text (see the package docstring).

``find_candidates`` scans the tokens left to right for the longest written form of the gazetteer,
narrows a match by its trigger word ('Landkreis X' -> the district, 'Stadt X' -> the municipality, a
plural trigger over its list), skips matches glued into a hyphen compound, inside a URL or inside a
person's name (PER entity), adds a capitalised Land adjective that opens the name of a Land's organ, and
hands the candidates to ``context.judge``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...gazetteer import (DISTRICT_NOUNS, DISTRICT_TRIGGERS, MUNI_TRIGGERS, STATE_TRIGGERS, Hit, get_gazetteer,
                          tokenize)
from .context import LIST_SEPARATORS, judge, overlaps

# single-word bodies of a Land that a Land adjective may open: 'Bayerischer Landtag'
STATE_ORGANS = {"Landtag", "Landesregierung", "Staatsregierung", "Staatskanzlei", "Senatskanzlei"}
# head nouns of a Land's own authorities ('Hessisches Ministerium', 'Thüringer Landesamt') and of its municipal
# umbrella associations ('Bayerischer Landkreistag'); not of other associations
STATE_ORGAN_HEADS = {"ministerium", "staatsministerium", "amt", "behörde", "staatskanzlei", "senatskanzlei",
                     "senatsverwaltung", "landesbetrieb", "rechenzentrum", "zentrale", "landesregierung",
                     "staatsregierung", "landkreistag", "städtetag", "gemeindetag", "gemeindebund"}
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:de|com|org|net|eu|info|ch|at)\b\S*")


@dataclass
class Cand:
    """One place candidate: a gazetteer match with its tokens, text span, hits and what the context said."""
    i: int                      # first token of the name
    j: int                      # token after the name
    start: int                  # span of the mention in the text
    end: int
    hits: list[Hit]
    trigger: str = ""           # 'district' | 'muni' | 'state' | 'role' (before a role word) | ''
    risk: str = ""
    positive: bool = False      # context says it is a place
    status: str = "ok"          # 'ok' | 'pending' (needs a list neighbour) | 'drop'
    entry: object = None
    notes: list[str] = field(default_factory=list)


def _spans(doc, label: str) -> list[tuple[int, int]]:
    """Character spans of the entities labelled ``label`` in the spaCy ``doc`` ([] without a doc)."""
    if doc is None:
        return []
    try:
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == label]
    except Exception:
        return []


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether s..e lies within one of ``spans``."""
    return any(a <= s and e <= b for a, b in spans)


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


@dataclass
class _ScanInput:
    """What the candidate scan looks at: the gazetteer, the text's tokens ((start, end, word) and the
    words alone), the PER and LOC entity spans of the NER and the spans of URLs and e-mail addresses."""
    gz: object
    toks: list[tuple[int, int, str]]
    words: list[str]
    per: list[tuple[int, int]]
    loc: list[tuple[int, int]]
    urls: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, doc=None) -> _ScanInput:
        """The scan state of ``text`` (``doc``: its spaCy Doc for the entity spans, or None)."""
        toks = tokenize(text)
        return cls(get_gazetteer(), toks, [t for _, _, t in toks], _spans(doc, "PER"), _spans(doc, "LOC"),
                   [(m.start(), m.end()) for m in URL.finditer(text)])

    def glued(self, a: int, b: int) -> bool:
        """Whether tokens a and b touch (no space between)."""
        toks = self.toks
        return 0 <= a < len(toks) and 0 <= b < len(toks) and toks[a][1] == toks[b][0]

    def compound(self, i: int, j: int) -> bool:
        """Whether the name in tokens i..j-1 is glued into a hyphen compound ('Bayern-App', 'Ost-Bayern')."""
        toks, words, glued = self.toks, self.words, self.glued
        after = j < len(toks) and words[j] == "-" and glued(j - 1, j) and glued(j, j + 1) and words[j + 1][:1].isalnum()
        before = i >= 2 and words[i - 1] == "-" and glued(i - 1, i) and glued(i - 2, i - 1) and words[i - 2][:1].isalnum()
        return after or before


def find_candidates(text: str, doc=None) -> tuple[list[Cand], list[tuple[int, int, str]]]:
    """Every place candidate of ``text`` (``doc``: its spaCy Doc or None), judged by its context (steps
    1-4 of the package docstring): gives (candidates in text order, with ``status`` 'ok'/'pending'/'drop',
    the text's tokens (start, end, word))."""
    sc = _ScanInput.of(text, doc)
    cands = _scan(sc)
    cands += _state_organ_adjectives(sc.toks, sc.words, sc.gz, cands)
    cands.sort(key=lambda c: c.start)
    judge(cands, sc.toks, sc.words, sc.gz, sc.loc, text)
    return cands, sc.toks


def _scan(sc: _ScanInput) -> list[Cand]:
    """The gazetteer matches over the tokens of ``sc``, left to right, longest first (steps 1-2): a district
    after its trigger, a city adjective before a district office, any other name; a plural district trigger
    ('Landkreise A und B') makes the names of its list districts. Gives the candidates in text order."""
    cands: list[Cand] = []
    i = 0
    list_kind = ""          # after a plural trigger: the kind of the list that follows
    while i < len(sc.toks):
        w = sc.words[i]
        c = _after_district_trigger(sc, i)
        if c is not None:
            cands.append(c)
            list_kind = "district" if w.endswith(("e", "en")) else ""
            i = c.j
            continue
        c = _district_adjective(sc, i)
        if c is not None:
            cands.append(c)
            i = c.j
            continue
        n, hits = _longest(sc.gz, sc.words, i)
        if not n:
            if w not in LIST_SEPARATORS:
                list_kind = ""
            i += 1
            continue
        c = _name_candidate(sc, i, i + n, hits, list_kind)
        if c is not None:
            cands.append(c)
        i += n
    return cands


def _after_district_trigger(sc: _ScanInput, i: int) -> Cand | None:
    """'Landkreis Gifhorn', 'des Kreises Unna', 'Landratsamt Kulmbach': when token i is a district trigger
    followed by a district's name (not glued into a compound), that district (the span includes the
    trigger when the trigger table says so); else None."""
    w = sc.words[i]
    if w not in DISTRICT_TRIGGERS:
        return None
    n, hits = _longest(sc.gz, sc.words, i + 1, {"district"})
    if not n or sc.compound(i + 1, i + 1 + n):
        return None
    s = sc.toks[i][0] if DISTRICT_TRIGGERS[w] else sc.toks[i + 1][0]
    return Cand(i + 1, i + 1 + n, s, sc.toks[i + n][1], hits, "district", positive=True)


def _district_adjective(sc: _ScanInput, i: int) -> Cand | None:
    """'Kulmbacher Landratsamt': a city adjective (token i) before a district office noun names the
    district of that city; gives that candidate or None."""
    w = sc.words[i]
    if not (i + 1 < len(sc.toks) and sc.words[i + 1] in DISTRICT_NOUNS and w.endswith("er")):
        return None
    gz = sc.gz
    hits = [h for nm in gz.city_adjective(w) for h in gz.lookup((nm,)) if h.entry.kind == "district"]
    if not hits:
        return None
    return Cand(i, i + 1, sc.toks[i][0], sc.toks[i][1], hits, "district", positive=True)


def _name_candidate(sc: _ScanInput, i: int, j: int, hits: list[Hit], list_kind: str) -> Cand | None:
    """The candidate for the gazetteer name in tokens i..j-1 with its ``hits``, or None when it is glued
    into a compound, part of a URL or inside a person's name. The city in a city district's name
    ('Bezirksamt Hamburg-Nord') is kept as the municipality; the word before ('Stadt', 'Land') or the
    ``list_kind`` of a plural trigger narrows the hits to one kind; the risk level is looked up."""
    gz, toks, words = sc.gz, sc.toks, sc.words
    s, e = toks[i][0], toks[j - 1][1]
    if sc.compound(i, j) and j - i == 1 and (_district_office_city(words, i)
                                             or _city_district_loc(gz, toks, words, i, sc.loc)):
        # 'Bezirksamt Hamburg-Nord': the district office of a city names that city
        city = [h for h in hits if h.entry.kind == "municipality"]
        return Cand(i, j, s, e, city or hits, "muni", positive=True)
    if sc.compound(i, j) and _role_compound(words, i, j) and (
            any(h.entry.kind == "state" and h.how == "exact" for h in hits)
            or (not words[j - 1].endswith("s") and not gz.risk_of(tuple(words[i:j])))):
        # 'Sachsen-CIO', 'NRW-Innenminister': a Land or town glued before a role word names the place the
        # office acts for (other compounds, 'Bayern-App', stay skipped); no article rule ('der Sachsen-CIO')
        return Cand(i, j, s, e, hits, "role", positive=True)
    if sc.compound(i, j) or overlaps(sc.urls, s, e) or _inside(sc.per, s, e):
        return None
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
    return c


def _role_compound(words: list[str], i: int, j: int) -> bool:
    """Is the name in tokens i..j-1 the first part of a hyphen compound whose second part is a role word of
    the roles vocabulary ('Sachsen-CIO', 'Hessen-Staatssekretär')? The caller also wants a Land, or a
    name that is no ordinary word and no linking-s form ('Bundes-CIO' is no town 'Bunde')."""
    from ..roles import vocabulary

    return j + 1 < len(words) and words[j] == "-" and i > 0 and words[i - 1] != "-" and \
        vocabulary().analyse(words[j + 1]) is not None


def _district_office_city(words: list[str], i: int) -> bool:
    """Is words[i] the city in the name of a city district's office ('Bezirksamt Hamburg-Nord', 'im
    Bezirksamt Berlin-Mitte')? The organisations extractor decides (head kind 'district', population floor)."""
    from ..orgs import district_city, lexicon

    hd = lexicon().head_of(words[i - 1]) if i > 0 else None
    if hd is None or hd[0].name_kind != "district" or i + 2 >= len(words) or words[i + 1] != "-":
        return False
    return district_city(f"{hd[1]} {words[i]}-{words[i + 2]}") == words[i]


def _city_district_loc(gz, toks, words: list[str], i: int, loc: list[tuple[int, int]]) -> bool:
    """Is words[i] the city in a city district's name that the NER tagged as one place ('Bezirksbürgermeister
    von Berlin-Pankow', 'in Hamburg-Altona')? Only when the second part is no place of its own
    ('Berlin-Brandenburg' is two) and no ordinary role, date or place noun, and the city is large enough to
    be divided into districts (the population floor of ``orgs.DISTRICT_CITY_MIN_POPULATION``)."""
    from ..orgs import DISTRICT_CITY_MIN_POPULATION, _not_a_district

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
    from ..orgs import lexicon          # the organisation head nouns (same data as the orgs extractor)

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
