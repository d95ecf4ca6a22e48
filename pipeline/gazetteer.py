"""Place gazetteer: loading (cached) and lookup of German municipalities,
districts and Länder (Destatis GV100AD) plus countries and major foreign cities.

Data files (built by ``scripts/build_places.py``, attribution in
``pipeline/data/places.SOURCE.md``):

* ``places.tsv.gz``          municipalities (8-digit AGS), districts (5), Länder (2)
* ``places_foreign.csv``     countries (kind 'country') and foreign cities (kind 'other'), no AGS
* ``places_risk.csv``        written names that are also ordinary words (Essen, Halle, Weil)
* ``places_adjectives.csv``  Land adjectives ('niedersächsisch' -> Niedersachsen)
* ``places_given_names.csv`` frequent given names (person evidence: 'Thomas Walter')
* ``places_with_article.csv`` names written with an article ('die Schweiz', 'das Saarland')

Public API (used by the places extractor and by the people extractor):

``resolve_place(surface, context="") -> Place | None``
    Resolve one written form to a Place without counting mentions:
    'Wolfsburgs', 'der Stadt Wolfsburg', 'Landkreises Konstanz',
    'Landratsamt Kulmbach', 'Kulmbacher Landratsamt', 'Niedersachsen',
    'Schleswig-Holsteins', 'Niedersächsischen' / 'bayerische' (-> the Land).
    ``context`` (e.g. the sentence or the whole text) picks among homonyms
    (a Land or district named there wins, else the largest by population).
``adjective_state(word) -> str | None``
    'niedersächsischen' -> 'Niedersachsen'; None for anything else.
``get_gazetteer() -> Gazetteer``
    The cached gazetteer (entries, key index, risk levels, given names).
``tokenize(text)``
    The tokenisation keys and texts share: (start, end, token) triples.

Conventions: Hamburg, Berlin and Bremen resolve to the city (8-digit AGS,
kind 'municipality'), as newspapers use the names for city and Land alike;
the places extractor makes them the Land where the text writes 'das Land
Berlin' (``places._city_states_as_lands``).
Foreign cities have kind 'other', empty ags and empty state.
"""
from __future__ import annotations

import csv
import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Place
from .settings import DATA_DIR

TOKEN = re.compile(r"\w+|[^\w\s]")

# Written before a district name: 'Landkreis Gifhorn', 'des Kreises Unna', 'Landratsamt Kulmbach'.
# The value says whether the trigger word is part of the place mention (its span).
DISTRICT_TRIGGERS = {
    "Landkreis": True, "Landkreises": True, "Landkreise": True, "Landkreisen": True,
    "Kreis": True, "Kreises": True, "Kreise": True, "Kreisen": True,
    "Landratsamt": False, "Landratsamts": False, "Landratsamtes": False, "Landratsämter": False,
    "Kreisverwaltung": False, "Kreistag": False, "Kreistags": False, "Kreistages": False,
}
# Written after a city adjective when the district is meant: 'Kulmbacher Landratsamt'.
DISTRICT_NOUNS = {"Landratsamt", "Landratsamts", "Landratsamtes", "Landratsamtes", "Kreisverwaltung",
                  "Kreistag", "Kreistags", "Kreistages", "Landkreis", "Landkreises", "Landrat", "Landrätin"}
# Written before a municipality name: 'der Stadt Ulm', 'Gemeinde Altenholz'.
MUNI_TRIGGERS = {"Stadt", "Gemeinde", "Markt", "Hansestadt", "Landeshauptstadt", "Kreisstadt", "Bundesstadt",
                 "Universitätsstadt", "Stadtverwaltung", "Gemeindeverwaltung", "Rathaus", "Rathauses",
                 "Stadtgemeinde", "Ortsgemeinde", "Städte", "Gemeinden", "Stadtteil", "Ortsteil", "Kommune", "Kommunen", "Oberzentren",
                 "Oberzentrum", "Metropole", "Großstadt", "Großstädte", "Landeshauptstädte"}
STATE_TRIGGERS = {"Land", "Landes", "Bundesland", "Bundeslandes", "Bundesländer", "Bundesländern", "Länder",
                  "Ländern", "Freistaat", "Freistaats", "Freistaates"}
KIND_RANK = {"state": 0, "country": 1, "municipality": 2, "other": 3, "district": 4}
FUNCTION_WORDS = {"der", "die", "das", "des", "dem", "den", "im", "in", "vom", "von", "aus", "bei", "beim",
                  "zum", "zur", "am", "nach", "für", "im", "ins"}


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    kind: str
    ags: str
    state: str
    lat: float | None
    lon: float | None
    population: int
    country: str = "Deutschland"

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.ags or self.name)

    def to_place(self) -> Place:
        return Place(name=self.name, kind=self.kind, ags=self.ags, state=self.state, lat=self.lat, lon=self.lon)


@dataclass(frozen=True, slots=True)
class Hit:
    """One index entry behind a written form: the unit and how the form names it."""

    entry: Entry
    how: str          # 'exact' (the unit's name or alias), 'base' (name without qualifier), 'district' (bare Kreis name)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def key_tokens(s: str) -> tuple[str, ...]:
    return tuple(m.group() for m in TOKEN.finditer(s))


def genitive(name: str) -> list[str]:
    """German genitive forms of a proper name: 'Wolfsburgs', 'Zollernalbkreises'; none after s/ß/x/z."""
    if name.endswith(("kreis", "Kreis")):
        return [name + "es"]
    if not name or not name[-1].isalpha() or name[-1] in "sßxzSXZ":
        return []
    return [name + "s"]


def _fnum(s: str) -> float | None:
    try:
        return float(s) if s not in ("", None) else None
    except ValueError:
        return None


class Gazetteer:
    """Entries and a token-tuple index of their written forms."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.entries: list[Entry] = []
        self.index: dict[tuple[str, ...], list[Hit]] = {}
        self.max_len: dict[str, int] = {}          # first token -> longest key length (tokens)
        self.risk: dict[str, str] = {}
        self.given_names: set[str] = set()
        self.adjectives: dict[str, str] = {}
        self.with_article: set[tuple[str, ...]] = set()   # names written with an article: 'die Schweiz'
        self.states: dict[str, Entry] = {}
        self.by_key: dict[tuple[str, str], Entry] = {}
        self._load(Path(data_dir))

    # --- loading -------------------------------------------------------------------------
    def _add(self, form: str, entry: Entry, how: str) -> None:
        toks = key_tokens(form)
        if not toks:
            return
        hits = self.index.setdefault(toks, [])
        if any(h.entry is entry for h in hits):
            return
        hits.append(Hit(entry, how))
        if len(toks) > self.max_len.get(toks[0], 0):
            self.max_len[toks[0]] = len(toks)

    def _add_forms(self, forms: list[str], entry: Entry, how: str) -> None:
        for f in forms:
            self._add(f, entry, how)
            for g in genitive(f):
                self._add(g, entry, how)

    def _load(self, d: Path) -> None:
        with gzip.open(d / "places.tsv.gz", "rt", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                e = Entry(r["name"], r["kind"], r["ags"], r["state"], _fnum(r["lat"]), _fnum(r["lon"]),
                          int(r["population"] or 0))
                self._register(e)
                keys = [k for k in r["keys"].split("|") if k]
                base = [k for k in r["base_keys"].split("|") if k]
                self._add_forms(keys, e, "exact")
                self._add_forms(base, e, "district" if e.kind == "district" else "base")
                if e.kind == "state":
                    self.states[e.name] = e
        with (d / "places_foreign.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                e = Entry(r["name"], r["kind"], "", "", _fnum(r["lat"]), _fnum(r["lon"]),
                          int(float(r["population"])) if r["population"] else 0, r["country"])
                self._register(e)
                self._add_forms([r["name"]] + [a for a in r["aliases"].split("|") if a], e, "exact")
                if r["risk"]:
                    self.risk[r["name"]] = r["risk"]
        with (d / "places_risk.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self.risk.setdefault(r["key"], r["risk"])
        with (d / "places_given_names.csv").open(encoding="utf-8", newline="") as f:
            self.given_names = {r["name"] for r in csv.DictReader(f)}
        with (d / "places_adjectives.csv").open(encoding="utf-8", newline="") as f:
            self.adjectives = {r["stem"]: r["state"] for r in csv.DictReader(f)}
        with (d / "places_with_article.csv").open(encoding="utf-8", newline="") as f:
            self.with_article = {key_tokens(r["name"]) for r in csv.DictReader(f)}

    def _register(self, e: Entry) -> None:
        self.entries.append(e)
        self.by_key.setdefault(e.key, e)

    # --- lookup --------------------------------------------------------------------------
    def lookup(self, form: str | tuple[str, ...]) -> list[Hit]:
        toks = key_tokens(form) if isinstance(form, str) else form
        return list(self.index.get(toks, []))

    def risk_of(self, toks: tuple[str, ...]) -> str:
        """Risk that the written form is an ordinary word: 'high', 'medium', 'low' or ''."""
        word = "".join(toks) if len(toks) > 1 else toks[0]
        r = self.risk.get(word, "")
        if not r and len(toks) == 1 and word.endswith("s"):
            r = self.risk.get(word[:-1], "")       # genitive of a risky name: 'Halles'
        if not r and len(toks) > 1 and toks[1][:1].islower():
            r = "medium" if self.risk.get(toks[0]) == "high" else ""   # 'Weil der Stadt' at a sentence start
        return r

    def adjective_state(self, word: str) -> str | None:
        w = word.casefold().strip()
        if w in self.adjectives:
            return self.adjectives[w]
        for end in ("en", "er", "es", "em", "e"):
            if w.endswith(end) and w[: -len(end)] in self.adjectives:
                return self.adjectives[w[: -len(end)]]
        return None

    def city_adjective(self, word: str) -> list[str]:
        """Names a city adjective can come from: 'Kulmbacher' -> ['Kulmbach', ...], 'Bremer' -> 'Bremen'."""
        if len(word) < 5 or not word[:1].isupper() or not word.endswith("er"):
            return []
        stem = word[:-2]
        out = [stem, stem + "en", stem + "n"]
        if stem.endswith("n"):
            out.append(stem[:-1] + "en")               # 'Münchner' -> 'München'
        return [o for o in out if (o,) in self.index]


@lru_cache(maxsize=2)
def get_gazetteer(data_dir: str | None = None) -> Gazetteer:
    return Gazetteer(Path(data_dir) if data_dir else DATA_DIR)


def adjective_state(word: str) -> str | None:
    """The Land a Land adjective names: 'niedersächsischen' -> 'Niedersachsen', 'Bayerische' -> 'Bayern'."""
    return get_gazetteer().adjective_state(word)


# --- choosing among homonyms -------------------------------------------------------------
@dataclass
class Evidence:
    """What a text says about where it is: Länder, districts and countries it names."""

    states: dict[str, int]              # Land name -> times named (name or adjective)
    districts: set[str]                 # 5-digit AGS of districts named
    countries: set[str]
    municipalities: dict[str, int]      # Land of unambiguous municipalities named -> count

    @classmethod
    def empty(cls) -> "Evidence":
        return cls({}, set(), set(), {})


def score(hit: Hit, ev: Evidence) -> float:
    """Higher is likelier. Weights: a named district (+4) beats a named Land (+2), which beats
    population (0.5 per order of magnitude: a 100x larger namesake gains +1); exact names +0.5;
    unambiguous towns of the same Land +0.5 each, at most +1 (one town of another Land, say a company's
    seat, must not outweigh a 50x larger namesake; two of them do).
    Calibrated on the homonyms the brief names (Frankfurt, Halle, Neustadt, Essen) with invented texts."""
    e = hit.entry
    s = 0.5 * math.log10(max(e.population, 10))
    if hit.how == "exact":
        s += 0.5
    if e.kind in ("municipality", "district") and e.ags[:5] in ev.districts:
        s += 4
    if e.state and e.state in ev.states:
        s += 2
    if e.state and ev.municipalities.get(e.state):
        s += 0.5 * min(ev.municipalities[e.state], 2)
    if e.kind == "other" and e.country in ev.countries:
        s += 2
    return s


def choose(hits: list[Hit], ev: Evidence | None = None) -> Entry | None:
    """Pick the unit a written form means among its homonyms."""
    if not hits:
        return None
    ev = ev or Evidence.empty()
    # a Land or a country named exactly wins over municipalities that merely contain the word
    # ('Sachsen' vs 'Sachsen b.Ansbach'), except a city-state's city ('Hamburg' -> the city)
    top = [h for h in hits if h.how == "exact" and h.entry.kind in ("state", "country")]
    if top:
        for h in hits:
            if h.how == "exact" and h.entry.kind == "municipality" and any(
                    t.entry.kind == "state" and t.entry.name == h.entry.state for t in top):
                return h.entry
        return top[0].entry
    best = max(hits, key=lambda h: (score(h, ev), -KIND_RANK[h.entry.kind]))
    return best.entry


@lru_cache(maxsize=16)
def evidence_from_text(text: str) -> Evidence:
    """Länder, districts and countries a free text names (no risk checks: used as context only).
    Cached: callers pass the same article text for every form they resolve (do not mutate the result)."""
    gz = get_gazetteer()
    ev = Evidence.empty()
    toks = tokenize(text)
    words = [t for _, _, t in toks]
    i = 0
    while i < len(words):
        w = words[i]
        st = gz.adjective_state(w) if w[:1].isalpha() else None
        if st:
            ev.states[st] = ev.states.get(st, 0) + 1
        if w in DISTRICT_TRIGGERS and i + 1 < len(words):
            for n in range(min(gz.max_len.get(words[i + 1], 0), len(words) - i - 1), 0, -1):
                dh = [h for h in gz.lookup(tuple(words[i + 1:i + 1 + n])) if h.entry.kind == "district"]
                if dh:
                    ev.districts.add(choose(dh, ev).ags)
                    break
        n_max = min(gz.max_len.get(w, 0), len(words) - i)
        for n in range(n_max, 0, -1):
            hits = gz.lookup(tuple(words[i:i + n]))
            if hits:
                kinds = {h.entry.kind for h in hits if h.how == "exact"}
                if "state" in kinds:
                    st = next(h.entry.name for h in hits if h.entry.kind == "state")
                    ev.states[st] = ev.states.get(st, 0) + 1
                elif "country" in kinds:
                    ev.countries.add(next(h.entry.name for h in hits if h.entry.kind == "country"))
                elif len(hits) == 1 and hits[0].entry.kind == "district" and hits[0].how == "exact":
                    ev.districts.add(hits[0].entry.ags)
                break
        i += 1
    return ev


# --- resolve one written form ---------------------------------------------------------------
def resolve_place(surface: str, context: str = "") -> Place | None:
    """Resolve a written place form to a Place (mentions 0) or None.

    Understands inflection (genitive 's'), leading articles/prepositions,
    district triggers ('Landkreis', 'Kreis', 'Landratsamt', 'Kreisverwaltung'),
    municipality triggers ('Stadt', 'Gemeinde'), city adjectives before a
    district noun ('Kulmbacher Landratsamt') and Land adjectives
    ('Niedersächsischen' -> Niedersachsen). ``context`` disambiguates homonyms.
    """
    gz = get_gazetteer()
    toks = list(key_tokens(surface or ""))
    while toks and (toks[0].casefold() in FUNCTION_WORDS or toks[0] in ("Freistaat", "Freistaats", "Bundesland")):
        toks.pop(0)
    if not toks:
        return None
    ev = evidence_from_text(context) if context else Evidence.empty()
    place = None
    if len(toks) == 1 and (st := gz.adjective_state(toks[0])):
        e = gz.states.get(st)
        place = e.to_place() if e else None
    elif toks[0] in DISTRICT_TRIGGERS and len(toks) > 1:
        hits = [h for h in gz.lookup(tuple(toks[1:])) if h.entry.kind == "district"]
        if not hits:
            hits = [h for h in gz.lookup(tuple(toks)) if h.entry.kind == "district"]
        e = choose(hits, ev)
        place = e.to_place() if e else None
    elif len(toks) == 2 and toks[1] in DISTRICT_NOUNS and gz.city_adjective(toks[0]):
        hits = [h for n in gz.city_adjective(toks[0]) for h in gz.lookup((n,)) if h.entry.kind == "district"]
        e = choose(hits, ev)
        place = e.to_place() if e else None
    else:
        kinds = None
        if toks[0] in MUNI_TRIGGERS and len(toks) > 1:
            toks, kinds = toks[1:], {"municipality", "other"}
        elif toks[0] in STATE_TRIGGERS and len(toks) > 1:
            toks = toks[1:]
        hits = gz.lookup(tuple(toks))
        if kinds:
            hits = [h for h in hits if h.entry.kind in kinds]
        if not hits and len(toks) == 1 and gz.city_adjective(toks[0]):
            hits = [h for n in gz.city_adjective(toks[0]) for h in gz.lookup((n,))
                    if h.entry.kind in ("municipality", "other")]
        if not kinds:
            # a bare Kreis name ('Gifhorn') means the district only when nothing else has that name
            non_district = [h for h in hits if h.how != "district"]
            hits = non_district or hits
        e = choose(hits, ev)
        place = e.to_place() if e else None
    if place is not None:
        place.surface = [surface]
    return place
