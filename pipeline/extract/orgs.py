"""Organisations extractor: one row per organisation per document, with the
name as written (full form, nominative), the taxonomy name, the acronym and
the number of mentions.

Where mentions come from (token-based, offsets into ``article.text``):

1. The taxonomy (``organisations.csv``, built by ``scripts/build_orgs.py``):
   canonical names, aliases and acronyms; multi-word names match loosely
   (inflection endings ignored: 'des Nationalen Normenkontrollrates').
2. Acronyms the text defines: 'Langform (KURZ)' and 'KURZ (Langform)';
   the short form later counts for the long one ('NKR' -> Nationaler
   Normenkontrollrat). A definition makes an organisation only when the
   long form is one (an org head noun, a taxonomy name): 'Onlinezugangs-
   gesetz (OZG)' is not.
3. Head nouns (``organisations_heads.csv``): 'Ministerium für X (und Y)',
   'Niedersächsisches Ministerium ...', 'Finanzministerium von Sachsen-Anhalt', a Land or a seat
   after the 'für' complement ('Landesamt für Steuern Niedersachsen', 'Hochschule für ... Ludwigsburg'),
   'Landratsamt X' / 'Kulmbacher Landratsamt', 'Stabsstelle X', 'Zweckverband
   KDOS', 'Direktion X und Y', 'Competence Center X', compounds that stand
   alone ('Bundesverkehrsministerium', 'Finanzministerkonferenz'), 'Senat der Freien
   und Hansestadt Hamburg' / 'Berliner Senat', 'Bezirksamt Friedrichshain-Kreuzberg'
   (name kind 'district': a capitalised district name, not in the place directory).
   A head with only a place is one organisation however the place is written
   ('Berliner Senat' = 'Senat von Berlin', 'Kulmbacher Landratsamt' = 'Landratsamt Kulmbach').
   A catalogued name right after the head is the head's name ('Zweckverband
   Kommunale Datenverarbeitung Oldenburg'); when the catalogue's category names
   that head, or the head names a legal form ('Landesbetrieb'), the whole is
   that organisation (one row, canonical KDO / HZD).
   A bare head ('das Landratsamt', 'der Stadtrat') is no organisation; it
   counts as a mention when exactly one named organisation with that head is
   in the document.
4. Legal forms: '... GmbH / AG / e.V. / eG / AöR / SE'.
5. ORG entities of the NER (``article.doc.ents``) that are not generic words,
   short uncatalogued acronyms ('IT'), terms of the topic taxonomy ('Smart City'),
   a lone adjective ('Kommunale') or a place ('Landkreises X'). A defined acronym
   the NER tagged counts for its long form.

Names are normalised to the nominative ('des Niedersächsischen Städtetages'
-> 'Niedersächsischer Städtetag'). A mention glued into a compound
('AKDB-Pressesprecher', 'EU-Ebene') counts only for an organisation that is
also mentioned on its own.

Public API: ``extract(article) -> list[Organization]`` and
``resolve_org(surface, context="") -> Organization | None`` (normalise one
written form, e.g. for a person's organisation).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..gazetteer import get_gazetteer, key_tokens, tokenize
from ..model import Article, Organization
from ..settings import DATA_DIR

ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9.&/\-]{1,14}$")
ADJ = re.compile(r"^(Frei|[A-ZÄÖÜ][\w-]*?(?:isch|al|ig|lich|sam|bar|ell|iv|är|eral|ral|deutsch|frei|neu|zentral|Deutsch))"
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
    canonical: str
    acronym: str
    forms: list[str]
    category: str = ""


@dataclass
class Head:
    suffix: str
    gender: str
    name_kind: str
    qual: tuple[str, ...]
    self_prefix: re.Pattern | None
    legal_form: bool = False        # the head names the legal form of whatever is named after it


def light_stem(t: str) -> str:
    """Case-folded token without inflection ending, for loose matching of multi-word names."""
    t = t.casefold()
    for suf in ("es", "en", "em", "er", "e", "s", "n"):
        if len(t) - len(suf) >= 4 and t.endswith(suf):
            return t[: -len(suf)]
    return t


def loose(toks) -> tuple[str, ...]:
    return tuple(light_stem(t) for t in toks)


class Lexicon:
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
        self.heads: list[Head] = []
        with (DATA_DIR / "organisations_heads.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self.heads.append(Head(r["suffix"], r["gender"], r["name_kind"],
                                       tuple(q for q in r["qual"].split("|") if q),
                                       re.compile(r["self_prefix"]) if r["self_prefix"] else None,
                                       r.get("legal_form") == "1"))
        self.heads.sort(key=lambda h: -len(h.suffix))
        self.head_by_suffix = {h.suffix: h for h in self.heads}
        self.head_re = re.compile("(" + "|".join(re.escape(h.suffix) for h in self.heads) + ")(s|es|en|n)?")
        self._head_cache: dict[str, tuple[Head, str] | None] = {}

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

    def canonical_of(self, name: str) -> int | None:
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
    return Lexicon()


@lru_cache(maxsize=1)
def _place_nouns() -> dict[str, str]:
    """Nouns that introduce a place name in a genitive complement ('der Stadt X', 'des Landes X'):
    ``roles_context.csv`` kind place_noun, the singular ones (value: kind of the place)."""
    from .roles import context
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


@dataclass
class Mention:
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


def _nominative(words: list[str], lx: Lexicon, gaps: list[str] | None = None) -> str:
    """'Niedersächsischen Städtetages' -> 'Niedersächsischer Städtetag'; keeps complements as written.
    ``gaps[k]`` is the text between word k and word k+1 (spacing as written)."""
    out = list(words)
    hi = next((k for k, w in enumerate(out) if lx.head_of(w)), None)
    if hi is None:
        return _join(out, gaps)
    head, nom = lx.head_of(out[hi])
    out[hi] = nom
    gz = get_gazetteer()
    for k in range(hi):
        m = ADJ.match(out[k])
        if m and not gz.city_adjective(out[k]):
            out[k] = m[1] + ENDING[head.gender]
    return _join(out, gaps)


def _nom_range(a: int, b: int, toks, lx: "Lexicon") -> str:
    """Nominative name of tokens a..b-1, spaced as in the text."""
    words = [t for _, _, t in toks[a:b]]
    gaps = [(" " if toks[k][1] < toks[k + 1][0] else "") if k + 1 < b else "" for k in range(a, b)]
    return _nominative(words, lx, gaps)


def _join(words: list[str], gaps: list[str] | None = None) -> str:
    if gaps is not None:
        return "".join(w + (" " if gaps[k] else "") for k, w in enumerate(words)).strip()
    s = ""
    for w in words:
        if not s or w in (",", ")", ".") or s.endswith(("-", "(", "/")) or w in ("-", "/"):
            s += w
        else:
            s += " " + w
    return s.replace(" - ", "-")


def extract(article: Article) -> list[Organization]:
    text = article.text or ""
    if not text.strip():
        return []
    lx = lexicon()
    gz = get_gazetteer()
    place_nouns = _place_nouns()
    toks = tokenize(text)
    words = [t for _, _, t in toks]
    n = len(toks)

    def glued(a: int, b: int) -> bool:
        return 0 <= a < n and 0 <= b < n and toks[a][1] == toks[b][0]

    def is_place(i: int) -> int:
        """Length of a place name starting at token i (0 when none)."""
        if i >= n or not words[i][:1].isupper():
            return 0
        for k in range(min(gz.max_len.get(words[i], 0), n - i), 0, -1):
            if gz.lookup(tuple(words[i:i + k])):
                return k
        return 0

    def cap(i: int) -> bool:
        return i < n and words[i][:1].isupper() and words[i][:1].isalpha()

    def state_at(i: int) -> int:
        """Length of the name of a Land starting at token i (0 when none)."""
        k = is_place(i)
        return k if k and any(h.entry.kind == "state" for h in gz.lookup(tuple(words[i:i + k]))) else 0

    def town_at(i: int) -> int:
        """Length of a municipality's name starting at token i that is no ordinary word (0 when none):
        the seat a name ends with after its 'für' complement ('Hochschule für Verwaltung und Finanzen
        Ludwigsburg'). Names of risk 'high'/'medium' in ``places_risk.csv`` ('Essen', 'Halle') are left
        out; a hyphen compound going on after the name ('Ludwigsburg-Land') is no match."""
        k = is_place(i)
        if not k or compound_end(i + k - 1) > i + k or gz.risk_of(tuple(words[i:i + k])) in ("high", "medium"):
            return 0
        hits = gz.lookup(tuple(words[i:i + k]))
        return k if any(h.entry.kind == "municipality" and h.how != "district" for h in hits) else 0

    def attributive(i: int) -> bool:
        """A capitalised adjective with an attributive ending ('Digitale', 'Ländlichen'); not a
        nominalised one ('Digitales', 'Inneres'), which is a complement item of its own."""
        return bool(ADJ.match(words[i])) and not words[i].endswith("es")

    def compound_end(i: int) -> int:
        """Index after a hyphen compound starting at i ('IT-Verbund' = 3 tokens)."""
        j = i + 1
        while j + 1 < n and words[j] == "-" and glued(j - 1, j) and glued(j, j + 1) and words[j + 1][:1].isalnum():
            j += 2
        return j

    mentions: list[Mention] = []

    # 1. taxonomy ----------------------------------------------------------------------
    stems = [light_stem(w) for w in words]
    i = 0
    while i < n:
        hit = None
        for k in range(min(lx.loose_first.get(stems[i], 0), n - i), 1, -1):
            if not cap(i):
                t = lx.lower_multi.get(tuple(words[i:i + k]))
                if t is not None:
                    hit = (k, t)
                    break
                continue
            t = lx.loose.get(tuple(stems[i:i + k]))
            if t is not None and cap(i + k - 1) or (t is not None and words[i + k - 1].isupper()):
                hit = (k, t)
                break
        if hit is None and (words[i],) in lx.exact and (cap(i) or words[i][:1].isalnum()):
            hit = (1, lx.exact[(words[i],)])
            # a one-word name glued into a hyphen compound: 'IT-Planungsrat' matched loosely above
        if hit:
            k, t = hit
            s, e = toks[i][0], toks[i + k - 1][1]
            if k > 1:
                # the listed form the written one inflects ('des Nationalen Normenkontrollrates')
                lk = loose(words[i:i + k])
                tx = lx.taxa[t]
                name = next((f for f in tx.forms + [tx.acronym] if f and loose(key_tokens(f)) == lk),
                            _nom_range(i, i + k, toks, lx))
            else:
                name = lx.base_form.get((words[i],), words[i])
            is_acr = text[s:e] == lx.taxa[t].acronym
            g = (i + k < n and words[i + k] == "-" and glued(i + k - 1, i + k)) or \
                (i > 0 and words[i - 1] == "-" and glued(i - 1, i))
            mentions.append(Mention(s, e, name, t,
                                    lx.taxa[t].acronym, short=is_acr, glued=g, source="taxonomy"))
            i += k
            continue
        i += 1

    # 2. heads -------------------------------------------------------------------------
    tok_of_start = {s: k for k, (s, _, _) in enumerate(toks)}
    tok_of_end = {e: k for k, (_, e, _) in enumerate(toks)}
    tax_end = {tok_of_start[m.start]: tok_of_end[m.end] + 1 for m in mentions
               if not m.glued and m.start in tok_of_start and m.end in tok_of_end}
    def name_after(j: int, kind: str) -> int:
        """End token of a name after a head at j (j when none)."""
        if kind == "none" or j >= n:
            return j
        if kind in ("place", "acronym", "district"):
            if j in tax_end:                                    # 'Zweckverband Kommunale Datenverarbeitung ...'
                return tax_end[j]
            k = is_place(j)
            if k and not (kind == "district" and compound_end(j) > j + k):
                return j + k
            if ACRONYM.match(words[j]) and words[j] not in GENERIC:
                return compound_end(j)
            if kind == "district" and district_name(j):
                return compound_end(j)                          # 'Bezirksamt Mitte', '... Hamburg-Nord'
            return j
        # topic: capitalised words joined by 'und' / ','
        end = j
        k = j
        while k < n and cap(k) and (words[k] not in GENERIC or k > j) and words[k] not in gz.given_names:
            adj = ADJ.match(words[k])
            k = compound_end(k)
            end = k
            if adj and cap(k):
                continue                                        # 'Digitale Verwaltung' 
            if k < n - 1 and words[k] in CONNECT and cap(k + 1) and words[k + 1] not in gz.given_names:
                k += 1
                continue
            break
        return end

    def district_name(j: int) -> bool:
        """A city district's name after a district head ('Mitte', 'Friedrichshain-Kreuzberg', 'Hamburg-Nord'):
        districts are not in the municipality directory, so any capitalised word that is no generic noun,
        given name, role word, weekday or month (``organisations_heads.csv`` kind 'district')."""
        w = words[j]
        return cap(j) and w not in GENERIC and w not in gz.given_names and not _not_a_district(w)

    def qual_after(j: int, head: Head) -> int:
        if j >= n or words[j] not in head.qual:
            return j
        w = words[j]
        k = j + 1
        if w == "von":
            p = is_place(k)
            return k + p if p else j
        if w in ("des", "der") and k < n and words[k] in ("Landes", "Freistaates", "Freistaats", "Bundes"):
            p = is_place(k + 1)
            return k + 1 + p if p else k + 1
        end = j
        comma_end = None        # end before a comma that no 'und' has closed yet: 'für X, Y und Z'
        while k < n:
            while k < n and ADJ.match(words[k].capitalize()) and words[k][:1].islower():
                k += 1                                          # 'für digitale Infrastruktur'
            if not cap(k):
                break
            adj = attributive(k)
            k = compound_end(k)
            end = k
            if adj and cap(k) and words[k] not in gz.given_names and not is_place(k):
                continue                                        # 'für Digitale Strategie', 'Ländlichen Raum'
            if adj and is_place(k):
                end = k + is_place(k)                           # 'der Freien Hansestadt Bremen'
                break
            if k < n - 2 and words[k] == "und" and words[k + 1] == "für" and cap(k + 2):
                comma_end = None                                # 'der Justiz und für Demokratie, Europa ...'
                k += 2
                continue
            if k < n - 1 and words[k] in CONNECT and (cap(k + 1) or words[k + 1][:1].islower() and ADJ.match(words[k + 1].capitalize())):
                if words[k] == ",":
                    comma_end = comma_end or end
                else:
                    comma_end = None
                k += 1
                continue
            st = state_at(k) or (town_at(k) if w == "für" else 0)
            if st and comma_end is None:                        # '... und Verbraucherschutz Baden-Württemberg'
                end = k + st
            elif k < n - 2 and words[k] in ("der", "des") and place_nouns.get(words[k + 1]):
                p = is_place(k + 2)                             # '... der Stadt Nürnberg', '... des Landes NRW'
                if p:
                    end = k + 2 + p
            elif k < n - 1 and words[k] in ("in", "der", "des") and (is_place(k + 1) or cap(k + 1)):
                p = is_place(k + 1)
                end = k + 1 + p if p else compound_end(k + 1)
            break
        return comma_end or end

    def official(a: int, b: int) -> str:
        """The place's name when the form names one ('Hansestadt Hamburg' -> 'Hamburg'), else as written."""
        names = {h.entry.name for h in gz.lookup(tuple(words[a:b]))}
        return names.pop() if len(names) == 1 else " ".join(words[a:b])

    def head_place_key(nom: str, pre: int, start_i: int, i: int, end: int, city: str | None) -> str:
        """'<head>@<place>' for a name that is only a head and a place, however the place is written:
        'Berliner Senat' / 'Senat von Berlin' / 'Senat des Landes Berlin', 'Kulmbacher Landratsamt' /
        'Landratsamt Kulmbach'; empty for any other name."""
        place = ""
        if city:
            place = city
        elif pre == start_i - 1 and end == i + 1:
            place = gz.adjective_state(words[pre]) or ""
        elif pre == start_i and end > i + 1:
            k = i + 1
            if words[k] in ("von", "der", "des"):
                k += 1
                if k < end and words[k] in ("Landes", "Freistaates", "Freistaats", "Stadt"):
                    k += 1
            while k < end - 1 and is_place(k) != end - k and (cap(k) or words[k] == "und"):
                k += 1                                          # 'der Freien und Hansestadt Hamburg'
            if k < end and is_place(k) == end - k:
                place = official(k, end)
        return f"{nom.casefold()}@{place}" if place else ""

    for i in range(n):
        w = words[i]
        hd = lx.head_of(w)
        if not hd or (i > 0 and words[i - 1] == "-" and glued(i - 1, i) and not cap(i - 2)):
            continue
        head, nom = hd
        if w in GENERIC and head.name_kind == "none":
            continue
        # the compound start: 'IT-Verbund' -> from 'IT'
        start_i = i
        while start_i >= 2 and words[start_i - 1] == "-" and glued(start_i - 1, start_i) and glued(start_i - 2, start_i - 1):
            start_i -= 2
        if start_i >= 3 and words[start_i - 1] in ("und", "oder") and words[start_i - 2] == "-" \
                and glued(start_i - 3, start_i - 2) and cap(start_i - 3):
            start_i -= 3                                        # 'Städte- und Gemeindebund'
        if start_i != i and head.name_kind == "none":
            pass
        end = name_after(i + 1, head.name_kind)
        end = max(end, qual_after(end, head)) if end > i + 1 or head.qual else end
        if end == i + 1:
            end = max(end, qual_after(i + 1, head))
        # adjectives before the head: 'Niedersächsischen Ministerium', 'Competence Center'
        pre = start_i
        city = None
        while pre > 0 and (ADJ.match(words[pre - 1]) or (head.suffix in ("center", "centre", "lab", "office", "campus")
                                                         and cap(pre - 1) and words[pre - 2:pre - 1] != ["."])):
            pre -= 1
        if pre == start_i and pre > 0 and head.name_kind not in ("place", "district") \
                and gz.adjective_state(words[pre - 1]):
            pre -= 1                                            # 'Thüringer Finanzministerium'
        if pre == start_i and start_i > 0 and gz.city_adjective(words[start_i - 1]) and head.name_kind == "place":
            city = gz.city_adjective(words[start_i - 1])[0]   # 'Kulmbacher Landratsamt' -> 'Landratsamt Kulmbach'
        prefix = nom[: len(nom) - len(head.suffix)] if nom.casefold().endswith(head.suffix) else ""
        self_standing = bool(prefix and head.self_prefix and head.self_prefix.match(prefix))
        if end == i + 1 and pre == start_i and not city and not self_standing and start_i == i:
            mentions.append(Mention(toks[i][0], toks[i][1], "", source="bare", head=head.suffix))
            continue
        if end == i + 1 and pre == start_i and not city and not self_standing:
            # 'IT-Verbund' alone: a compound with a specific first part is not enough
            mentions.append(Mention(toks[start_i][0], toks[i][1], "", source="bare", head=head.suffix))
            continue
        if city:
            s, e = toks[start_i - 1][0], toks[i][1]
            name = f"{nom} {city}"
        else:
            s, e = toks[pre][0], toks[end - 1][1]
            name = _nom_range(pre, end, toks, lx)
            if head.name_kind == "district" and pre == start_i and start_i > 0 and gz.city_adjective(words[start_i - 1]):
                s = toks[start_i - 1][0]                        # 'Berliner Bezirksamt Mitte': the city is part of
                                                                # the mention (people read the place), not the name
        # a legal form right after: 'IT-Verbund Schleswig-Holstein AöR'
        if end < n and words[end] in LEGAL:
            e = toks[end][1]
            name = name + " " + words[end]
        t = lx.canonical_of(name)
        g = end < n and words[end] == "-" and glued(end - 1, end)
        mentions.append(Mention(s, e, name, t, lx.taxa[t].acronym if t is not None else "", glued=g, source="head",
                                head=head.suffix, key=head_place_key(nom, pre, start_i, i, end, city)))

    # 3. legal forms -------------------------------------------------------------------
    for i in range(1, n):
        if words[i] not in LEGAL and not (words[i] == "e" and i + 3 < n and words[i + 1:i + 4] == [".", "V", "."]):
            continue
        k = i
        while k > 0 and (cap(k - 1) or words[k - 1] in ("-", "&") or words[k - 1][:1].isdigit()) \
                and words[k - 1] not in GENERIC and i - k < 5:
            k -= 1
        while k < i and (words[k] in ("-", "&") or words[k].casefold() in DETERMINERS):
            k += 1
        if k == i or (k > 0 and words[k - 1] in DETERMINERS and False):
            continue
        e = toks[i][1] if words[i] != "e" else toks[i + 3][1]
        name = text[toks[k][0]:e]
        mentions.append(Mention(toks[k][0], e, name, lx.canonical_of(name), source="legal"))

    # 4. NER ORG entities --------------------------------------------------------------
    doc = getattr(article, "doc", None)
    if doc is not None:
        try:
            ents = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "ORG"]
        except Exception:
            ents = []
        tok_at_start = {tk[0]: k for k, tk in reversed(list(enumerate(toks)))}   # first token starting there
        tok_at_end = {tk[1]: k for k, tk in reversed(list(enumerate(toks)))}
        for s, e, t in ents:
            et = key_tokens(t)
            # NER spans run over sometimes ('Staatskanzlei am Montag'): take only name-shaped ones
            if not et or not et[0][:1].isupper() or not (et[-1][:1].isupper() or et[-1].isdigit()) \
                    or et[-1] in GENERIC or et[-1] in GENERIC_HEADS or gz.lookup(et) \
                    or any(w[:1].islower() and w not in NAME_LINKS for w in et):
                continue
            if len([w for w in et if w != "-"]) <= 2 and lx.head_of(et[-1]) and lx.canonical_of(t) is None:
                continue        # a bare head ('Digitalministerium'): the head rules decide
            if len(et) == 1 and len(t) <= 3 and t.isupper() and lx.canonical_of(t) is None:
                continue        # 'IT', 'FH': a short acronym counts when catalogued or defined (step 5)
            if lx.canonical_of(t) is None and not lx.head_of(et[-1]) and _names_a_topic(t):
                continue        # 'Smart City', 'E-Government': a subject of the topic taxonomy
            if len(et) == 1 and ADJ.match(t) and lx.canonical_of(t) is None:
                continue        # 'Kommunale' cut from 'Kommunale IT-Union': an adjective alone names nothing
            if lx.canonical_of(t) is None and not lx.head_of(et[-1]) and _is_role_word(et[-1]):
                continue        # 'Gießener Landrat', 'Landesbeauftragte': a role (with its place), no organisation
            if len(et) > 1 and _place_noun_word(et[0], place_nouns) and gz.lookup(et[1:]) \
                    and lx.canonical_of(t) is None:
                continue        # 'Landkreises Vorpommern-Greifswald', 'Stadt Halle', 'Nachbargemeinde X': a place
            a, b = tok_at_start.get(s), tok_at_end.get(e)
            if a is None or b is None:
                continue
            mentions.append(Mention(s, e, _nom_range(a, b + 1, toks, lx), lx.canonical_of(t), source="ner"))

    # 5. acronym definitions -----------------------------------------------------------
    acr_map: dict[str, Mention] = {}
    def_at: set[int] = set()            # token index of a short form inside its own definition
    for i in range(1, n - 2):
        if words[i] != "(":
            continue
        close = next((k for k in range(i + 1, min(n, i + 14)) if words[k] == ")"), None)
        if close is None:
            continue
        inner = text[toks[i][1]:toks[close][0]].strip()
        p0 = toks[i][0]
        before = [m for m in mentions if m.end <= p0 and p0 - m.end <= 4 and not text[m.end:p0].strip() and m.name]
        if ACRONYM.match(inner.replace(" ", "")) and " " not in inner.strip() or re.fullmatch(r"[A-Z][\w-]* [A-Z][\w-]*", inner) and inner.isupper():
            # Langform (KURZ)
            long_m = max(before, key=lambda m: m.end - m.start) if before else None
            if long_m is None:
                long_m = _long_form_backwards(i, toks, words, text, lx, inner)
                if long_m:
                    mentions.append(long_m)
            if long_m:
                long_m.acronym = long_m.acronym or inner
                acr_map[inner] = long_m
                def_at.add(i + 1)
        elif close - i >= 3 and cap(i + 1):
            # KURZ (Langform): 'Konsens-Verbund (Koordinierte neue Software-Entwicklung der Steuerverwaltung)'
            k = i
            while k >= 2 and words[k - 2] != "-" and False:
                k -= 1
            j = i - 1
            st = j
            while st >= 2 and words[st - 1] == "-" and glued(st - 1, st) and glued(st - 2, st - 1):
                st -= 2
            short = text[toks[st][0]:toks[j][1]]
            long_words = [w for w in words[i + 1:close] if w[:1].isalpha()]
            if _initials_match(short, long_words) and (lx.head_of(words[j]) or any(lx.head_of(w) for w in long_words)):
                m = Mention(toks[st][0], toks[j][1], short, lx.canonical_of(short), source="acronym-def")
                mentions = [x for x in mentions if not (x.start >= m.start and x.end <= m.end and x.source == "bare")]
                mentions.append(m)
    # later uses of a defined short form
    for i, w in enumerate(words):
        if w in acr_map and i not in def_at and not (toks[i][0] >= acr_map[w].start and toks[i][1] <= acr_map[w].end):
            if any(m.start <= toks[i][0] < m.end and m.source == "taxonomy" for m in mentions):
                continue
            g = (i + 1 < n and words[i + 1] == "-" and glued(i, i + 1)) or (i > 0 and words[i - 1] == "-" and glued(i - 1, i))
            mentions.append(Mention(toks[i][0], toks[i][1], w, acr_map[w].tax, w, short=True, glued=g,
                                    source="acronym"))
    # a defined short form is the long form's mention, also where the NER tagged it as a name of its own
    # ('Zweckverband Kommunale IT-Union (KITU) ... die KITU': one organisation, not two)
    acr_spans = {(m.start, m.end) for m in mentions if m.source == "acronym"}
    def_starts = {toks[k][0] for k in def_at}
    mentions = [m for m in mentions if not (m.short and m.start in def_starts)
                and not (m.source == "ner" and m.tax is None and m.name in acr_map
                         and ((m.start, m.end) in acr_spans or m.start in def_starts))]
    return _group(mentions, acr_map, text, lx)


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


@lru_cache(maxsize=4096)
def _not_a_district(word: str) -> bool:
    """A capitalised word after 'Bezirksamt' that cannot be a district's name: a role ('Bezirksamt
    Bürgermeister X'), a weekday or month ('date_words.csv'), a place noun ('Bezirksamt Stadt')."""
    return _is_role_word(word) or word in _place_nouns() or word in _date_words()


@lru_cache(maxsize=4096)
def _is_role_word(word: str) -> bool:
    from .roles import vocabulary
    return bool(vocabulary().analyse(word))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    with (DATA_DIR / "date_words.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f) if r["kind"] in ("month", "weekday"))


def _only_modifiers(words: str) -> bool:
    """True when the words before a catalogued name only qualify it: adjectives ('Hessische', 'Freie') and
    city adjectives ('Berliner'), so the longer name is that organisation ('Hessischer Landtag')."""
    ws = key_tokens(words)
    gz = get_gazetteer()
    return bool(ws) and all(ADJ.match(w) or gz.city_adjective(w) for w in ws)


def _names_a_topic(name: str) -> bool:
    """True when a name is itself a term of the topic taxonomy (topics.csv): the topics' evidence covers
    all its words ('Smart City', 'E-Government'); a name that only contains one ('Hessischer
    Rechnungshof', where 'Rechnungshof' is evidence of the topic 'kritik') is not a topic term."""
    from .topics import find_topics

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


def _long_form_backwards(i: int, toks, words, text, lx: Lexicon, acr: str) -> Mention | None:
    """The long form before '(KURZ)' when no other rule found it: back to an org head, over connectors."""
    links = {"für", "und", "der", "des", "den", "dem", "die", "mit", "in", "von", "zur", "zum", "&", "-", ","}
    k = i - 1
    start = None
    while k >= 0 and i - k <= 20:
        w = words[k]
        if w in QUOTES or w in (".", ";", ":", "(", ")", "!", "?"):
            break
        if w[:1].isupper() or w in links or (w[:1].islower() and ADJ.match(w.capitalize())):
            if lx.head_of(w) and (k == 0 or words[k - 1] not in ("-",)):
                start = k
            k -= 1
            continue
        break
    if start is None:
        return None
    while start > 0 and ADJ.match(words[start - 1]):
        start -= 1
    name = _nom_range(start, i, toks, lx) if i - start < 4 else text[toks[start][0]:toks[i - 1][1]]
    return Mention(toks[start][0], toks[i - 1][1], name, lx.canonical_of(name), acr, source="acronym-long")


def _group(mentions: list[Mention], acr_map, text: str, lx: Lexicon) -> list[Organization]:
    named = [m for m in mentions if m.name]
    # drop a mention inside a longer one of the same kind of evidence, except a taxonomy name inside
    # a longer pattern name ('Bundeskanzleramt' in 'Konferenz des Chefs des Bundeskanzleramtes ...')
    keep: list[Mention] = []                    # sorted by start (appended in start order)
    longest = max((m.end - m.start for m in named), default=0)

    def near(m):                                # kept mentions that can overlap m: bounded scan
        out = []
        for o in reversed(keep):
            if o.start < m.start - longest:
                break
            out.append(o)
        return out

    for m in sorted(named, key=lambda m: (m.start, -(m.end - m.start))):
        cand = near(m)
        inside = [o for o in cand if o.start <= m.start and m.end <= o.end and o is not m]
        if inside:
            tail = [o for o in inside if m.source == "taxonomy" and o.tax is None and o.end == m.end
                    and _only_modifiers(text[o.start:m.start])]
            if tail:                            # 'Hessischer Landtag' over 'Landtag': one organisation
                for o in tail:
                    o.tax = m.tax
                continue
            if m.source == "taxonomy" and all(o.source != "taxonomy" and o.start < m.start for o in inside) and \
                    (m.end - m.start) < min(o.end - o.start for o in inside) and \
                    not any(o.tax == m.tax for o in inside):
                keep.append(m)
            continue
        # a longer mention starting later but overlapping (legal form over head): keep the longer
        overl = [o for o in cand if o.start < m.end and m.start < o.end]
        if overl:
            if all((m.end - m.start) > (o.end - o.start) for o in overl) and m.source != "taxonomy":
                for o in overl:
                    keep.remove(o)
            else:
                continue
        keep.append(m)
    groups: dict[str, dict] = {}
    order: list[str] = []
    for m in sorted(keep, key=lambda m: m.start):
        if m.tax is not None:
            key = "t:" + lx.taxa[m.tax].canonical
        elif m.short and m.name in acr_map and acr_map[m.name].name:
            lm = acr_map[m.name]
            key = "t:" + lx.taxa[lm.tax].canonical if lm.tax is not None else "n:" + " ".join(loose(key_tokens(lm.name)))
        elif m.key:
            key = "k:" + m.key
        else:
            key = "n:" + " ".join(loose(key_tokens(m.name)))
        g = groups.get(key)
        if g is None:
            g = groups[key] = dict(names=[], spans=[], tax=m.tax, acronym=m.acronym, standalone=False, heads=set())
            order.append(key)
        g["spans"].append((m.start, m.end))
        if not m.short:
            g["names"].append(m.name)
        if m.acronym and not g["acronym"]:
            g["acronym"] = m.acronym
        if not m.glued:
            g["standalone"] = True
        if m.head:
            g["heads"].add(m.head)
    # bare heads count for the one named organisation with that head
    for m in mentions:
        if m.source == "bare" and m.head:
            owners = [k for k in order if m.head in groups[k]["heads"]]
            if len(owners) == 1 and not any(s <= m.start < e for s, e in groups[owners[0]]["spans"]):
                groups[owners[0]]["spans"].append((m.start, m.end))
    out = []
    for k in order:
        g = groups[k]
        if not g["standalone"]:
            continue
        tax = lx.taxa[g["tax"]] if g["tax"] is not None else None
        names = g["names"] or ([tax.canonical] if tax and not g["acronym"] else [])
        name = max(names, key=len) if names else text[g["spans"][0][0]:g["spans"][0][1]]
        if tax and name.casefold() != tax.canonical.casefold() and len(name) < len(tax.canonical) \
                and any(n.casefold() == tax.canonical.casefold() for n in names):
            name = tax.canonical
        if name in GENERIC:
            continue
        spans = sorted(set(g["spans"]))
        out.append(Organization(name=name, canonical=tax.canonical if tax else "", mentions=len(spans),
                                spans=spans, acronym=g["acronym"] or (tax.acronym if tax else "")))
    return out


def resolve_org(surface: str, context: str = "") -> Organization | None:
    """Normalise one written organisation form to an Organization (mentions 0, no spans).

    'des Niedersächsischen Städtetages' -> name 'Niedersächsischer Städtetag';
    '(SPD)' -> 'SPD' (canonical 'Sozialdemokratische Partei Deutschlands');
    'im Landratsamt Kulmbach' -> 'Landratsamt Kulmbach'. A short form the
    ``context`` defines ('... Musteragentur (MA) ...') resolves to its long form.
    Returns None when the form names no organisation.
    """
    s = (surface or "").strip().strip("()")
    if not s:
        return None
    found = extract(Article(doc_id="", source_file="", text=s))
    if not found and context:
        key = s.casefold()
        for o in extract(Article(doc_id="", source_file="", text=context)):
            if key in {o.name.casefold(), o.canonical.casefold(), o.acronym.casefold()}:
                found = [o]
                break
    if not found:
        return None
    best = max(found, key=lambda o: max(e - b for b, e in o.spans) if o.spans else 0)
    return Organization(name=best.name, canonical=best.canonical, acronym=best.acronym)
