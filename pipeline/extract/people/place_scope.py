"""Where a role with no stated place acts, from the sentence it stands in (used by ``links.row_place``).

Takes a ``Ctx`` and an ``Attachment`` (role phrase and the mention it stands next to); gives a ``Place``
or None. ``land_in_sentence``: a Land's government office ('Finanzminister', 'Staatssekretär', 'CIO';
``pipeline/data/places_office_scope.csv`` scope 'land') acts for the one Land its sentence names
('Das Land Hessen hat seit 2014 keinen CIO mehr, seitdem Finanzminister X ...'); a federal office
(written 'Bundes...', '... des Bundes', 'CIO Bund', a federal organisation) acts for none.
``municipal_body_place``: a body a town or district owns ('Stadtwerke Lingen', 'Kreissparkasse Unna')
gives its owner. ``unnamed_unit_place``: 'X aus dem Bauamt' acts for the article's town.
``article_town``: the town the article is about (adjectives count as mentions).
``city_adjective_owner``: a town's adjective before a town or district office names its place even when
the article names the town nowhere else ('der Kulmbacher Landrat', 'der Lindauer Erste Bürgermeister',
'dessen Lindauer Amtskollege Oberbürgermeister X').
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from ...gazetteer import get_gazetteer
from ...model import Place
from ...settings import DATA_DIR
from .context import DOMINANCE, Attachment, Ctx, Group, sentence_bounds
from .lookup import LEVEL_KINDS, adjective_place, district_default, free_mentions, resolve_place

SCOPE_FILE = DATA_DIR / "places_office_scope.csv"
# a federal office: 'Bundesinnenministerin', 'Bundes-CIO', 'CIO Bund', 'der Bundesregierung'
FEDERAL = re.compile(r"\bBund(es)?\b|^Bundes|Bundes-|Bundesregierung|Bundesministerium|Bundeskanzleramt")


@lru_cache(maxsize=1)
def office_scope() -> dict[str, str]:
    """canonical role -> scope ('land') from ``places_office_scope.csv``."""
    with SCOPE_FILE.open(encoding="utf-8", newline="") as f:
        return {r["canonical"]: r["scope"] for r in csv.DictReader(f)}


def is_land_office(grp: Group, role_text: str, org: str) -> bool:
    """A Land's government office: its canonical role has scope 'land', its level is no other (federal,
    municipality, district), and neither the role as written nor its organisation is federal."""
    e = grp.word.entry
    if office_scope().get(e.canonical) != "land" or e.level not in ("any", "state", ""):
        return False
    return not FEDERAL.search(role_text) and not FEDERAL.search(org)


# a word of the role phrase that makes it an office of a Land, the Federation or a district
# ('Beauftragter der Landesregierung', 'Referent im Bundesamt', 'Leiter der Kreisverwaltung')
HIGHER_BODY = re.compile(r"^(Landes|Bundes|Landrats|Landkreis|Kreis)", re.I)


def is_town_office(ctx: Ctx, a: Attachment, grp: Group, orgs: list[str], party: str) -> bool:
    """An office of a town hall (scope 'municipal': 'Dezernentin', 'Amtsleiter', 'CDO') that names no
    organisation of its own, no party and no higher body in its phrase: it acts for the town the article
    is about (else for the district it is about: 'im Landratsamt')."""
    if office_scope().get(grp.word.entry.canonical) != "municipal" or any(orgs) or party:
        return False
    if any(HIGHER_BODY.match(w) for w in ctx.words[a.phrase.tok0:a.phrase.tok1]):
        return False
    return speaks_of_local_administration(ctx)


def speaks_of_local_administration(ctx: Ctx) -> bool:
    """The article speaks of a town's or district's administration somewhere: a place noun of kind
    municipality or district ('Stadt', 'Gemeinde', 'Rathaus', 'Stadtverwaltung', 'Landratsamt';
    roles_context place_noun; also genitive and after a hyphen: 'Online-Rathaus'; not inside a plain
    compound: 'Heimatstadt'), else an office there is no town-hall office."""
    got = getattr(ctx, "_local_administration", None)
    if got is None:
        nouns = {n for n, kind in ctx.cx.kind("place_noun").items() if kind in ("municipality", "district")}
        forms = nouns | {n + e for n in nouns for e in ("s", "es")}
        got = any(w.rsplit("-", 1)[-1] in forms for w in ctx.words)
        ctx._local_administration = got
    return got


def town_office_place(ctx: Ctx, a: Attachment) -> Place | None:
    """The place a town-hall office (``is_town_office``) acts for: the district the article is about when
    its sentence speaks of a district administration ('... stellte die Aktivitäten der
    Kreisverwaltung vor'), else the town the article is about, else its district."""
    s0, s1 = sentence_bounds(ctx, a.phrase.tok0)
    if any(DISTRICT_BODY.match(w) for w in ctx.words[s0:s1]):
        return district_default(ctx)
    return article_town(ctx) or district_default(ctx)


# a word naming a district's administration: 'Landratsamt', 'Kreisverwaltung', 'Landkreisverwaltung'
DISTRICT_BODY = re.compile(r"^(Landrats|Landkreis|Kreisverwaltung|Kreishaus)")


def sentence_lands(ctx: Ctx, tok: int) -> dict[str, Place]:
    """The Länder the sentence around token ``tok`` names (as places or Land adjectives), by name."""
    if not ctx.toks:
        return {}
    a, b = sentence_bounds(ctx, tok)
    lo, hi = ctx.toks[a].start, ctx.toks[min(b, len(ctx.toks) - 1)].end
    out = {p.name: p for p in ctx.places if p.kind == "state" and any(lo <= s < hi for s, _ in p.spans)}
    for k in range(a, min(b, len(ctx.words))):
        if k not in ctx.mention_at and (p := adjective_place(ctx, ctx.words[k])) is not None \
                and p.kind == "state":
            out.setdefault(p.name, p)
    return out


def land_in_sentence(ctx: Ctx, a: Attachment) -> Place | None:
    """The one Land named in the sentence of the role phrase or of the name it stands next to; None when
    they name none or several."""
    lands: dict[str, Place] = {}
    for t in {a.phrase.tok0} | ({a.mention.tok0} if a.mention is not None else set()):
        lands.update(sentence_lands(ctx, t))
    if not lands:
        s0, _ = sentence_bounds(ctx, a.phrase.tok0)
        if s0 > 1:
            lands = sentence_lands(ctx, s0 - 2)
    return next(iter(lands.values())) if len(lands) == 1 else None


def city_adjective_owner(ctx: Ctx, a: Attachment, grp: Group) -> Place | None:
    """The town (or district, for a district office) whose adjective ('Lindauer': the gazetteer's
    morphology, ``Gazetteer.city_adjective``) stands right before the role phrase of a municipality or
    district office, or before one noun in apposition to it ('Lindauer Amtskollege Oberbürgermeister').
    Resolved by the gazetteer with the article as context; None when no adjective or no such place."""
    kinds = LEVEL_KINDS.get(grp.word.entry.level)
    if kinds is None or "state" in kinds:
        return None
    k = a.phrase.groups[0].tok0 - 1
    if ctx.is_det(k) and not ctx.is_cap(k):
        k -= 1
    for t in (k, k - 1):
        w = ctx.word(t)
        if t < 0 or t in ctx.mention_at or not w.endswith("er") or not w[:1].isupper():
            continue
        if t == k - 1 and (not ctx.is_cap(k) or k in ctx.mention_at or ctx.word(k).endswith("er")):
            break                                      # the one word between must be a plain noun
        for name in get_gazetteer().city_adjective(w):
            p = resolve_place(ctx, name, explicit=True)
            if p is not None and p.kind in kinds:
                return p
            if p is not None and "district" in kinds:
                p = resolve_place(ctx, f"Landkreis {name}", explicit=True)
                if p is not None:
                    return p
    return None


# an administration's unit named without its owner: 'Bauamt', 'Bürgeramt', 'Ordnungsamtes'
UNIT = re.compile(r"[A-ZÄÖÜ][a-zäöüß-]*amt(e?s)?")


def unnamed_unit_place(ctx: Ctx, j: int) -> tuple[Place, int] | None:
    """(place, end token) for a unit of an administration named without its owner right after a person
    link ('Jan X aus dem Bauamt', 'Eva Y vom Landratsamt', 'vom Rathaus'): a lone town-hall unit or place
    noun of kind municipality/district (roles_context place_noun), not of a Land or the Federation
    ('vom Bundesamt'), acts for the town (else the district) the article is about; a district noun for
    the district. None otherwise or when the article is about no one place."""
    k = j + 1 if ctx.is_det(j) and not ctx.is_cap(j) else j
    w = ctx.word(k)
    if not w or k in ctx.mention_at or ctx.is_cap(k + 1) or ctx.gap_has_break(k):
        return None
    kind = ctx.cx.get("place_noun", w)
    if kind == "district":
        place = district_default(ctx)
    elif kind == "municipality" or (not kind and UNIT.fullmatch(w) and not HIGHER_BODY.match(w)):
        place = article_town(ctx) or district_default(ctx)
    else:
        return None
    return (place, k + 1) if place is not None else None


def adjective_mentions(ctx: Ctx) -> dict[str, int]:
    """How often each name a town adjective can come from is written as that adjective ('Bitzer' ->
    'Bitz'), counted once per article (cached on ``ctx``)."""
    got = getattr(ctx, "_adjective_mentions", None)
    if got is None:
        gz, got = get_gazetteer(), {}
        for k, w in enumerate(ctx.words):
            if k not in ctx.mention_at and w.endswith("er") and w[:1].isupper():
                for name in gz.city_adjective(w):
                    got[name] = got.get(name, 0) + 1
        ctx._adjective_mentions = got
    return got


def article_town(ctx: Ctx, kinds: frozenset[str] = frozenset({"municipality", "other"})) -> Place | None:
    """The town the article is about, as ``lookup.dominant_place`` decides it (DOMINANCE), counting a
    town's adjective ('die Bitzer Gemeinderäte') as a mention besides the free mentions of its name;
    None when no town dominates."""
    adj = adjective_mentions(ctx)
    counted = []
    for p in ctx.places:
        if p.kind in kinds:
            names = {p.name, *p.surface}
            n = free_mentions(ctx, p) + max((adj.get(x, 0) for x in names), default=0)
            if n > 0:
                counted.append((n, p))
    counted.sort(key=lambda x: -x[0])
    if not counted:
        return None
    if len(counted) == 1 or counted[0][0] >= DOMINANCE * counted[1][0]:
        return counted[0][1]
    first = {id(p): min((s for s, _ in p.spans), default=10 ** 9) for _, p in counted}
    if counted[0][0] > counted[1][0] and first[id(counted[0][1])] == min(first.values()):
        return counted[0][1]
    return None


# a body a town or district owns, by its compound prefix: 'Stadtwerke', 'Kreissparkasse', 'Gemeindewerke'
MUNICIPAL_BODY = re.compile(r"(Stadt|Gemeinde|Kreis|Landkreis)[a-zäöüß]{3,}")


def municipal_body_place(ctx: Ctx, tok0: int, tok1: int) -> Place | None:
    """The town or district owning a body named in tokens [tok0, tok1) of a role phrase: a compound with
    a municipal prefix ('Stadtwerke', 'Kreissparkasse'; not a place noun or role word itself) followed by
    the place's name ('Geschäftsführerin der Stadtwerke Lingen') or preceded by its adjective ('der
    Lingener Stadtwerke'). Resolved by the gazetteer (the article as context); None otherwise."""
    gz = get_gazetteer()
    for t in range(tok0, min(tok1, len(ctx.words))):
        w = ctx.word(t)
        if not MUNICIPAL_BODY.fullmatch(w) or ctx.cx.get("place_noun", w) or ctx.vocab.analyse(w):
            continue
        kinds = {"district"} if w.startswith(("Kreis", "Landkreis")) else {"municipality", "other"}
        for n in (3, 2, 1):
            if t + 1 + n <= tok1 and all(ctx.is_cap(x) for x in range(t + 1, t + 1 + n)):
                p = resolve_place(ctx, ("Landkreis " if "district" in kinds else "") +
                                  " ".join(ctx.words[t + 1:t + 1 + n]), explicit=True)
                if p is not None and p.kind in kinds:
                    return p
        prev = ctx.word(t - 1)
        if t - 1 >= tok0 - 1 and prev.endswith("er") and prev[:1].isupper():
            for name in gz.city_adjective(prev):
                p = resolve_place(ctx, ("Landkreis " if "district" in kinds else "") + name, explicit=True)
                if p is not None and p.kind in kinds:
                    return p
    return None
