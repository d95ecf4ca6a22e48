"""The organisation lexicon: taxonomy rows (``organisations.csv``), head nouns
(``organisations_heads.csv``) and the word classes the steps share.

Takes nothing but the data files; gives ``lexicon()`` (cached ``Lexicon``),
the loose-matching helpers ``light_stem``/``loose`` and the constant word sets
(legal forms, determiners, generic nouns, ...).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ...gazetteer import key_tokens
from ...settings import DATA_DIR

ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9.&/\-]{1,14}$")
ADJ = re.compile(r"^(Frei|Deutsch|[A-ZÄÖÜ][\w-]*?(?:isch|al|ig|lich|sam|bar|ell|iv|är|eral|ral|deutsch|frei|neu|zentral|Deutsch))"
                 r"(e|en|em|er|es)$")
ENDING = {"m": "er", "f": "e", "n": "es"}
CONNECT = {"und", "&", ","}
LEGAL = {"GmbH", "AG", "eG", "AöR", "KdöR", "SE", "KG", "mbH", "gGmbH", "e.V.", "eV", "e. V.", "Ltd", "Inc"}
DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
               "im", "am", "vom", "zum", "zur", "beim", "ins"}
NAME_LINKS = {"für", "und", "der", "des", "in", "von", "mit", "den", "dem", "&"}
# heads that name a unit of any town or district: only with a name ('Landratsamt Kulmbach')
GENERIC_HEADS = {"Stadtverwaltung", "Gemeindeverwaltung", "Verwaltung", "Landratsamt", "Rathaus", "Bauamt",
                 "Bürgeramt", "Bürgerbüro", "Standesamt", "Ordnungsamt", "Jugendamt", "Kreistag", "Stadtrat",
                 "Gemeinderat", "Bündnis"}
QUOTES = set("„“”\"«»‚‘'")
GENERIC = {"Stadt", "Land", "Bund", "Kommune", "Kommunen", "Verwaltung", "Gemeinde", "Gemeinden", "Behörde",
           "Behörden", "Ministerium", "Regierung", "Rathaus", "Amt", "Länder", "Landkreis", "Kreis", "Staat",
           "Freistaat", "Portal", "Verwaltungen", "Stadtverwaltung", "Unternehmen", "Firma", "Partei",
           "Fraktion", "Landratsamt", "Stadtrat", "Gemeinderat", "Kreistag", "Rat"}


@dataclass
class Tax:
    """One taxonomy row: canonical name, acronym, all written forms, catalogue category."""
    canonical: str
    acronym: str
    forms: list[str]
    category: str = ""


@dataclass
class Head:
    """One head noun row: suffix, grammatical gender, kind of name after it, qualifier words."""
    suffix: str
    gender: str
    name_kind: str
    qual: tuple[str, ...]
    self_prefix: re.Pattern | None
    legal_form: bool = False        # the head names the legal form of whatever is named after it
    place_admin: bool = False       # 'Landratsamt X', 'Stadtverwaltung X': the place's own administration
    party_prefix: bool = False      # a party before it is part of the name ('CDU-Fraktion', 'Grünen Fraktion')
    short_form: bool = False        # a compound alone names one ('Innenministerium', 'Digitalministerium')
    unit: str = ""                  # a unit inside another body: department / office / staff (units.py)
    plural: str = ""                # the plural ('verbände', 'behörden'): a group of bodies, not one named


def light_stem(t: str) -> str:
    """Case-folded token without inflection ending, for loose matching of multi-word names."""
    t = t.casefold()
    for suf in ("es", "en", "em", "er", "e", "s", "n"):
        if len(t) - len(suf) >= 4 and t.endswith(suf):
            return t[: -len(suf)]
    return t


def loose(toks) -> tuple[str, ...]:
    """Tokens -> tuple of light stems (the key of the loose index)."""
    return tuple(light_stem(t) for t in toks)


class Lexicon:
    """Indexes over the taxonomy and the head nouns (built once, see ``lexicon()``)."""

    def __init__(self):
        self.taxa: list[Tax] = []
        self.exact: dict[tuple[str, ...], int] = {}   # single-token names and acronyms (case-sensitive)
        self.base_form: dict[tuple[str, ...], str] = {}   # genitive form -> the name as listed
        self.loose: dict[tuple[str, ...], int] = {}   # multi-token names (loose)
        self.max_loose = 1
        self.lower_multi: dict[tuple[str, ...], int] = {}
        self.loose_first: dict[str, int] = {}            # first stem -> longest multi-word name (tokens)
        with (DATA_DIR / "organisations.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self._add_row(r)
        self.heads: list[Head] = []
        with (DATA_DIR / "organisations_heads.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self.heads.append(Head(r["suffix"], r["gender"], r["name_kind"],
                                       tuple(q for q in r["qual"].split("|") if q),
                                       re.compile(r["self_prefix"]) if r["self_prefix"] else None,
                                       r.get("legal_form") == "1", r.get("place_admin") == "1",
                                       r.get("party_prefix") == "1", r.get("short_form") == "1",
                                       r.get("unit") or "", r.get("plural") or ""))
        self.heads.sort(key=lambda h: -len(h.suffix))
        self.head_by_suffix = {h.suffix: h for h in self.heads}
        self.head_re = re.compile("(" + "|".join(re.escape(h.suffix) for h in self.heads) + ")(s|es|en|n)?")
        self._head_cache: dict[str, tuple[Head, str] | None] = {}

    def _add_row(self, r: dict) -> None:
        """Index one ``organisations.csv`` row: one-word forms exactly (with genitive -s/-es), longer
        forms loosely."""
        forms = [r["canonical"], *[a for a in r["aliases"].split("|") if a]]
        tx = Tax(r["canonical"], r["acronym"], forms, r.get("category") or "")
        i = len(self.taxa)
        self.taxa.append(tx)
        for form in forms + ([r["acronym"]] if r["acronym"] else []):
            toks = key_tokens(form)
            if len(toks) == 1:
                self.exact.setdefault(toks, i)
                if len(toks) == 1 and not form.isupper() and form[-1:].isalpha() and form[-1] not in "sxzß":
                    for g in (form + "s", form + "es"):
                        self.exact.setdefault((g,), i)
                        self.base_form.setdefault((g,), form)
            else:
                lk = loose(toks)
                self.loose.setdefault(lk, i)
                self.max_loose = max(self.max_loose, len(toks))
                self.loose_first[lk[0]] = max(self.loose_first.get(lk[0], 0), len(toks))
                if form[:1].islower():          # 'regio iT': written in lower case on purpose
                    self.lower_multi.setdefault(toks, i)

    def head_of(self, token: str) -> tuple[Head, str] | None:
        """(head, nominative token) when the token ends in an organisation head noun."""
        if not token[:1].isupper():
            return None
        if token in self._head_cache:
            return self._head_cache[token]
        low = token.casefold()
        res = None
        # the longest suffix wins ('landratsamt' over 'amt'): the leftmost start that reaches the end
        for k in range(len(low)):
            m = self.head_re.fullmatch(low, k)
            if not m:
                continue
            h = self.head_by_suffix[m[1]]
            ending = m[2] or ""
            if ending and h.gender == "f" and ending != "en":
                continue
            res = (h, token[: len(token) - len(ending)] if ending else token)
            break
        if len(self._head_cache) < 50_000:
            self._head_cache[token] = res
        return res

    def is_plural_head(self, token: str) -> bool:
        """True when the token is the plural of a head noun or a compound ending in one ('Spitzenverbände',
        'Landesbehörden', 'Ministerien'): bodies of a kind, no one organisation's name."""
        low = token.casefold()
        return token[:1].isupper() and any(h.plural and low.endswith(h.plural) for h in self.heads)

    def canonical_of(self, name: str) -> int | None:
        """Taxonomy row of a written name (exact one-word, loose multi-word, legal form stripped,
        '<head> <catalogued name>'); None when uncatalogued."""
        toks = key_tokens(name)
        if len(toks) == 1 and toks in self.exact:
            return self.exact[toks]
        t = self.loose.get(loose(toks))
        if t is None and len(toks) > 1 and toks[-1] in LEGAL:      # 'IT-Verbund Schleswig-Holstein AöR'
            return self.canonical_of(name[: name.rfind(toks[-1])].strip())
        if t is None and len(toks) > 1:
            return self.own_head_name(toks)
        return t

    def own_head_name(self, toks: tuple[str, ...]) -> int | None:
        """Taxonomy row of '<head> <catalogued name>' when the head word is what the catalogue says the
        organisation is: 'Zweckverband Kommunale Datenverarbeitung Oldenburg' (category 'Kommunaler
        IT-Dienstleister (Zweckverband)') is the KDO; so is a catalogued name after a head that names a
        legal form (heads file column legal_form: 'Landesbetrieb Hessische Zentrale für Datenverarbeitung'
        is the HZD); 'Aufbaustab FITKO' is not FITKO itself."""
        hd = self.head_of(toks[0])
        if hd is None:
            return None
        rest = toks[1:]
        t = self.exact.get(rest) if len(rest) == 1 else self.loose.get(loose(rest))
        if t is None or not (hd[0].legal_form or hd[0].suffix in self.taxa[t].category.casefold()):
            return None
        return t


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The one shared ``Lexicon`` (built on first use)."""
    return Lexicon()
