"""Complements of a role phrase: what its genitive owner, adjectives and link complements name.

Takes a ``Ctx`` and token ranges of a phrase under construction; adds places and organisations to the
``Phrase``/``Group`` and gives end or start tokens: ``classify`` decides whether a complement after a
link word names a place, an organisation or a field of the office; ``owner_left`` reads a genitive
owner or Land/city adjective before the role ('Wolfsburgs', 'niedersächsische', 'Kulmbacher');
``owner_in_list`` and ``trailing_place`` find the owner place at the end of a unit or organisation name.
"""
from __future__ import annotations

from ...gazetteer import get_gazetteer
from ...model import Place
from .context import Ctx, Group, Phrase
from .lookup import (_district_city, adjective_place, is_institution, normalise_org, normalised_org,
                     org_by_acronym, org_for_span, resolve_place)


def classify(ctx: Ctx, link: str, a: int, b: int, phrase: Phrase, group: Group) -> None:
    """Decide what the complement tokens [a, b) after ``link`` name: a place, an organisation, or a field
    of the office (kept in the role text after 'für' and genitive links)."""
    full_a = a
    while a < b and not ctx.is_cap(a):                 # article, numerals, adjectives
        a += 1
    if a >= b:
        return
    words = ctx.words[a:b]
    text = ctx.text[ctx.toks[a].start:ctx.toks[b - 1].end]
    link_kind = ctx.cx.get("link", link)
    noun_kind = ctx.cx.get("place_noun", words[0])
    tail = next((k for k in range(a, b) if ctx.words[k] in ("für", "von", "in")), b)
    if noun_kind:                                      # 'der Stadt Wolfsburg', 'im Landratsamt (Kulmbach)'
        if link in ctx.cx.kind("direction_link"):
            return                                     # '... als CDO zum Landkreis X wechselt': a destination
        if noun_kind == "plural":
            pass
        elif len(words) > 1:
            place = resolve_place(ctx, text, explicit=True)
            if place is not None:
                phrase.places.append(place)
        elif noun_kind == "district":
            phrase.district_default = True
        elif noun_kind == "municipality":
            phrase.municipality_default = True
        if noun_kind in ("district", "municipality") and words[0] not in ("Stadt", "Gemeinde", "Landkreis",
                                                                          "Landkreises", "Kreis", "Kreises"):
            group.orgs.append(text)                    # the administration itself: 'Landratsamt Kulmbach'
        return
    org = normalised_org(f"{link} {ctx.text[ctx.toks[full_a].start:ctx.toks[b - 1].end]}") or \
        org_for_span(ctx, ctx.toks[a].start, ctx.toks[b - 1].end)
    if org or any(is_institution(ctx.words[k]) for k in range(a, tail)):
        group.orgs.append(org or normalise_org(text.split(), link))
        for k in range(a, b):                          # 'Niedersächsischen Ministerium', '... von Sachsen-Anhalt'
            p = adjective_place(ctx, ctx.words[k]) if k < tail else None
            if p is None and ctx.words[k] in ("von", "in") and k + 1 < b:
                p = resolve_place(ctx, " ".join(ctx.words[k + 1:b]))
            if p is not None:
                phrase.places.append(p)
                break
        else:
            p = trailing_place(ctx, a + 1, b)
            city = _district_city(org) if p is None and org and _district_city is not None else ""
            if city:                                   # 'im Bezirksamt Hamburg-Nord' -> Hamburg
                p = resolve_place(ctx, city, explicit=True)
            if p is not None:
                phrase.places.append(p)
    elif link_kind == "place" or tail - a <= 3:
        place = resolve_place(ctx, text, explicit=link_kind == "place")
        if place is not None:
            phrase.places.append(place)
            return
    if tail < b - 1 and ctx.words[tail] in ("von", "in"):  # 'Leiter des Bürgerbüros in Nordheim'
        place = resolve_place(ctx, " ".join(ctx.words[tail + 1:b]))
        if place is not None:
            phrase.places.append(place)
    if link_kind == "keep":
        group.keep.append(f"{link} {ctx.text[ctx.toks[full_a].start:ctx.toks[b - 1].end]}")


def trailing_place(ctx: Ctx, a: int, b: int) -> Place | None:
    """The place an organisation's name ends with: a Land ('Ministerium für ... Baden-Württemberg'), a
    place noun with its place ('Amt für ... der Stadt Nürnberg', '... des Landes Nordrhein-Westfalen') or
    the seat after a 'für' complement ('Hochschule für Verwaltung und Finanzen Ludwigsburg'; the
    organisations extractor only ends a name so when the town is no ordinary word)."""
    for n in (3, 2, 1):
        k = b - n
        if k < a or not all(ctx.is_cap(x) for x in range(k, b)):
            continue
        noun = ctx.cx.get("place_noun", ctx.word(k - 1))
        if not noun and n > 1:
            continue
        p = resolve_place(ctx, " ".join(ctx.words[k:b]), explicit=True)
        seat = p is not None and p.kind == "municipality" and "für" in ctx.words[a:k] and ctx.is_cap(k - 1)
        if p is not None and (p.kind == "state" or noun not in ("", "plural") or seat):
            return p
    return None


def owner_left(ctx: Ctx, j: int, phrase: Phrase) -> int:
    """Genitive owner or Land adjective just before the adjectives: 'Wolfsburgs', 'Bayerns', 'niedersächsische'."""
    w = ctx.word(j - 1)
    if not w or (j - 1) in ctx.mention_at:
        return j
    p = adjective_place(ctx, w)
    if p:
        phrase.places.insert(0, p)
        return j - 1
    if ctx.is_cap(j - 1) and w.endswith("s") and not ctx.vocab.analyse(w) and not ctx.is_det(j - 1):
        p = resolve_place(ctx, w)
        if p is not None and p.name != w:
            phrase.places.insert(0, p)
            return j - 1
        org = org_by_acronym(ctx, w[:-1]) if w[:-1] else ""
        if org and org != w[:-1]:
            phrase.orgs.insert(0, org)
            return j - 1
    if ctx.is_cap(j - 1) and w.endswith("er") and len(w) > 4:          # 'Kulmbacher Landrat'
        p = resolve_place(ctx, f"{w} {ctx.word(j)}")
        if p is not None:
            phrase.places.insert(0, p)
            return j - 1
        for name in get_gazetteer().city_adjective(w):                 # 'der Kasseler Landtagsabgeordnete':
            p = resolve_place(ctx, name)                                # a city the article names
            if p is not None and p.kind in ("municipality", "other"):
                phrase.places.insert(0, p)
                return j - 1
    return j


def owner_in_list(ctx: Ctx, phrase: Phrase, a: int, b: int) -> int:
    """A complement [a, b) that ends with its owner place: 'für IT der Wissenschaftsstadt X' (a word ending
    in a place noun, then a place of the article). Adds the place to ``phrase``; gives the end of the field
    part (b when there is no owner)."""
    nouns = [n.casefold() for n, kind in ctx.cx.kind("place_noun").items() if kind in ("municipality", "district")]
    for t in range(a + 1, b - 2):
        w = ctx.word(t + 1).casefold()
        if ctx.word(t) in ("der", "des") and any(w.endswith(n) for n in nouns):
            place = resolve_place(ctx, " ".join(ctx.words[t + 2:b]))
            if place is not None:
                phrase.places.append(place)
                return t
    return b
