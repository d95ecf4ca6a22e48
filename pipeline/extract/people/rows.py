"""Stage 5, rows: one ``Person`` row per (person, stated role).

Takes the persons and their attachments; gives ``Person`` rows with the role in the person's gender and
singular, the canonical office, place (with AGS) and organisation (from the phrase, the name's link, the
role's level and the article's dominant place).
"""
from __future__ import annotations

import dataclasses

from ...model import Person
from ..roles import name_gender, inflect_modifier, vocabulary
from .context import Attachment, Ctx, Group, Link, Mention, PersonInfo
from .links import link_after, row_org, row_place
from .lookup import org_name, party_org


def person_gender(ctx: Ctx, person: PersonInfo, atts: list[Attachment]) -> str:


    """'f', 'm' or '': from the given name, a female role form, or the article before the role."""
    g = name_gender(person.name)
    if g:
        return g
    for a in atts:
        for grp in a.phrase.groups:
            if grp.word.gender == "f":
                return "f"
    for a in atts:
        if a.how.startswith("before-name") and not a.phrase.plural:
            if a.phrase.det in ("die", "eine"):
                return "f"
            if a.phrase.det in ("der", "ein"):
                return "m"
    return ""


def role_text(group: Group, gender: str) -> tuple[str, str]:
    """(role as written in singular and the person's gender, canonical office)."""
    vocab = vocabulary()
    g = gender or group.word.gender or "m"
    mods = [inflect_modifier(m, g) for m in group.mods]
    mods_m = [inflect_modifier(m, "m") for m in group.mods]
    head = group.word.singular(g)
    head_m = group.word.singular("m")
    role = " ".join(mods + [head] + group.keep)
    canonical = group.word.canonical
    for cand in (" ".join(mods_m + [head_m] + group.keep), " ".join(mods_m + [head_m])):
        e = vocab.lookup(cand)
        if e is not None and (group.mods or group.keep):
            canonical = e.canonical
            break
    return role, canonical


def person_rows(ctx: Ctx, persons: list[PersonInfo], atts: list[Attachment]) -> list[Person]:
    """One row per (person, role) from the persons and their attachments; a person without a role gets
    one row with the organisation (and place) a link after the name states. Lone words the NER called
    a person and rejected persons give no row."""
    rows: list[Person] = []
    ctx.claimed = [(ctx.toks[a.phrase.tok0].start, ctx.toks[a.phrase.tok1 - 1].end) for a in atts
                   if a.phrase.places and a.phrase.tok1 > a.phrase.tok0]
    links = LinkCache(ctx)
    for pid, person in enumerate(persons):
        mine = [a for a in atts if a.pid == pid]
        real = [m for m in person.mentions if m.kind != "anaphor"]
        if not real or pid in ctx.rejected:
            continue
        if len(person.name.split()) < 2 and not mine and not person.title and not person.honorific:
            continue                                   # a lone word the NER called a person
        first = next((m for m in real if m.kind == "full" and ctx.text[m.start:m.end] == person.name),
                     next((m for m in real if m.kind == "full"), real[0]))   # not a misspelt variant
        template = Person(name=person.name, start=first.start, end=first.end, title=person.title,
                          mentions=len(real))
        prow = merge_rows(role_rows(ctx, person, mine, template, links))
        for r, _ in prow:
            r.party = person.party
        if not prow:
            prow = [(roleless_row(person, real, template, links), "")]
        rows.extend(r for r, _ in prow)
    return rows


class LinkCache:
    """``link_after`` of each mention, computed once per article."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.links: dict[int, Link | None] = {}

    def __call__(self, m: Mention | None) -> Link | None:
        if m is None:
            return None
        if m.tok0 not in self.links:
            self.links[m.tok0] = link_after(self.ctx, m)
        return self.links[m.tok0]


def role_rows(ctx: Ctx, person: PersonInfo, mine: list[Attachment], template: Person,
              link_of: LinkCache) -> list[tuple[Person, str]]:
    """(row, masculine head) per role group of each attachment of ``person``, plus the female office
    row of a woman's compound role; ``template`` carries name, offsets, title and mention count."""
    gender = person_gender(ctx, person, mine)
    article_orgs = {org_name(o) for o in ctx.orgs}
    prow: list[tuple[Person, str]] = []
    for a in mine:
        link = a.link or link_of(a.mention)
        for grp in a.phrase.groups:
            role, canonical = role_text(grp, gender)
            place = row_place(ctx, person, a, grp, link)
            org = row_org(ctx, person, a, grp, link, article_orgs)
            person.party = person.party or a.phrase.party
            row = dataclasses.replace(template, role=role, role_canonical=canonical,
                                      place=place.name if place else "", place_ags=place.ags if place else "",
                                      organization=org, party=person.party, current=not a.phrase.former)
            prow.append((row, grp.word.singular("m")))
    return prow


def roleless_row(person: PersonInfo, real: list[Mention], template: Person, link_of: LinkCache) -> Person:
    """The row of a person without a role: the organisation (and its place) a link names
    ('X von der Hochschule für ... Ludwigsburg'), a bracket's organisation, or the party."""
    lk = next((lk for lk in map(link_of, real) if lk is not None and lk.orgs), None)
    org = (lk.orgs[0] if lk else "") or (person.bracket_orgs[0] if person.bracket_orgs else "") or \
        party_org(person.party)
    place = lk.places[0] if lk and lk.places else None
    if place is None:                                  # 'Anna X (Stadt Y)', 'Anna X (SPD), Y, ...'
        place = next((lk.places[0] for lk in map(link_of, real) if lk is not None and lk.places), None) or \
            (person.places[0] if person.places else None)
    return dataclasses.replace(template, organization=org, place=place.name if place else "",
                               place_ags=place.ags if place else "", party=person.party)


def merge_rows(prow: list[tuple[Person, str]]) -> list[tuple[Person, str]]:
    """One row per (person, stated role): rows with the same role text merge, and a bare office
    ('Dezernentin', 'Minister') folds into a more specific row of the same office ('Wirtschaftsdezernentin',
    'Bundesinnenministerin'), which keeps its place and organisation. Takes and gives (row, masculine head)."""
    by_role: dict[str, tuple[Person, str]] = {}
    for r, masc in prow:
        k = r.role.casefold()
        if k in by_role:
            keep = by_role[k][0]
            keep.place, keep.place_ags = keep.place or r.place, keep.place_ags or r.place_ags
            keep.organization = keep.organization or r.organization
        else:
            by_role[k] = (r, masc)
    rows = list(by_role.values())
    out = []
    for r, masc in rows:
        bare = r.role.casefold() == r.role_canonical.casefold() or masc.casefold() == r.role_canonical.casefold()
        wider = [o for o, om in rows if bare and o is not r and o.role_canonical.casefold() == masc.casefold()
                 and om.casefold() != masc.casefold()]
        if wider and (not r.place or any(o.place == r.place for o in wider)):
            for o in wider:
                o.organization = o.organization or r.organization
            continue
        out.append((r, masc))
    return out
