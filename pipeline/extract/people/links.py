"""Stage 4, links of a person mention to an organisation or place stated right after the name.

Takes a ``Ctx`` and a ``Mention`` (or a ``Phrase``); gives a ``Link``: 'vom/von der/aus dem/beim +
organisation' (or '+ der Stadt Y') after a name ('Digitalministerin X vom Hessischen Ministerium für
...'), a bracket with a place ('X (Stadt Kassel)'), 'aus + place'. ``link_before``: a role phrase that
closes the apposition right after such a link takes the person and the link's organisation and place
('X, beim Landratsamt Y Leiterin der IT-Abteilung, sagte', 'X vom Landesamt Z, dort Referent,').
"""
from __future__ import annotations

from ...model import Place
from .context import (CLAUSE_END, MAX_LINK_TOKENS, SENTENCE_END, Attachment, Ctx, Group, Link, Mention,
                      PersonInfo, Phrase, skip_brackets)
from .lookup import (LEVEL_KINDS, district_default, dominant_place, is_institution, last_org_before,
                     last_place_before, org_starting, party_org, place_adverb_place, place_at)
from .complements import classify
from .phrases import parse_np
from .place_scope import (article_town, city_adjective_owner, is_land_office, is_town_office, land_in_sentence,
                          municipal_body_place, town_office_place, unnamed_unit_place)


def link_after(ctx: Ctx, m: Mention, comma: bool = False) -> Link | None:
    """'Anna X vom Hessischen Ministerium ...', 'Jan X (SPD) aus dem Landratsamt Y', 'X von der Stadt Y':
    a link word (``roles_context.csv`` kind person_link) right after the name (or a bracket after it),
    then an organisation of the article or a place noun with its place. A bracket holding just a place
    noun with its place or an organisation ('Jens X (Stadt Kassel)') gives the place. With ``comma`` a
    comma may stand before the link word ('Anna X, beim Landratsamt Y Leiterin ...'; only used when a
    role follows the link). Nothing else counts."""
    if m.kind == "anaphor":
        return None
    k = skip_brackets(ctx, m.tok1)
    if comma and ctx.word(k) == ",":
        k += 1
    links = ctx.cx.kind("person_link")
    n = next((n for n in (2, 1) if " ".join(ctx.words[k:k + n]).casefold() in links), 0) \
        if k < len(ctx.words) and not ctx.gap_has_break(k) else 0
    if n:
        return _link_np(ctx, ctx.words[k].casefold(), k + n)
    if ctx.word(k) in ctx.cx.kind("person_place_link") and not ctx.gap_has_break(k):
        place = place_at(ctx, k + 1)                   # 'Dr. X aus Offenbach': a bare place of the article
        if place is not None:
            return Link([], [place[0]], place[1])
    close = skip_brackets(ctx, m.tok1)
    if close > m.tok1 + 2:                             # '(Stadt Kassel)': places only; orgs in brackets are
        lk = _link_np(ctx, "von", m.tok1 + 1, close - 1)   # bracket_orgs (a party must not outrank a role's own)
        if lk is not None and lk.places:
            return Link([], lk.places, close)
    return None


def _link_np(ctx: Ctx, link: str, j: int, stop: int | None = None) -> Link | None:
    """The organisation or place-noun phrase starting at token j after a person link (ending at ``stop``)."""
    org = org_starting(ctx, j)
    if org is not None:
        end = org[1]
    elif ctx.cx.get("place_noun", ctx.word(j)) not in ("", "plural") and ctx.is_cap(j + 1):
        end = parse_np(ctx, j)
    else:
        unit = unnamed_unit_place(ctx, j)              # 'X aus dem Bauamt', 'Y vom Landratsamt'
        return Link([], [unit[0]], unit[1]) if unit is not None and (stop is None or unit[1] == stop) else None
    if end <= j or any(t in ctx.mention_at for t in range(j, end)) or (stop is not None and end != stop):
        return None
    group = Group([], None, j, end)                    # type: ignore[arg-type] - classify reads orgs/keep only
    phrase = Phrase(j, end, [group])
    classify(ctx, link, j, end, phrase, group)
    # the article's own name of the organisation; after a place noun only an administration
    # ('Landratsamt X', 'Stadtverwaltung Y'), not the place itself ('Landeshauptstadt Z')
    orgs = [org[0]] if org is not None else group.orgs if is_institution(ctx.word(j)) else []
    if not orgs and not phrase.places:
        return None
    return Link(orgs, phrase.places, end)


def link_before(ctx: Ctx, p: Phrase) -> tuple[Mention, Link] | None:
    """The role phrase continues a name's link in the same apposition: 'Anna X, beim Landratsamt Y
    Leiterin der IT-Abteilung, sagte', 'Thomas X vom Landesamt Z, dort Abteilungsleiter, ...', '... sagte
    Jens X (Stadt Kassel), Digitalisierungsbeauftragter.' The phrase follows the link (after a comma
    and a pointing adverb, ``roles_context.csv`` kind link_adverb) and closes the apposition."""
    if p.plural or p.det in ("deren", "dessen") or p.tok1 <= p.tok0:
        return None
    nxt = ctx.word(p.tok1)
    if not (p.tok1 >= len(ctx.words) or nxt in CLAUSE_END or ctx.gap_has_break(p.tok1)):
        return None
    k = p.tok0
    if ctx.word(k - 1).casefold() in ctx.cx.kind("link_adverb"):
        k -= 1
    if ctx.word(k - 1) == ",":
        k -= 1
    for t in range(k - 1, max(-1, k - 1 - MAX_LINK_TOKENS), -1):
        if ctx.word(t) in SENTENCE_END or ctx.gap_has_break(t + 1):
            return None
        m = ctx.mention_at.get(t)
        if m is None:
            continue
        if m.kind == "anaphor" or m.tok1 != t + 1:
            return None
        lk = link_after(ctx, m, comma=True)
        return (m, lk) if lk is not None and lk.end == k else None
    return None


def row_place(ctx: Ctx, person: PersonInfo, a: Attachment, grp: Group, link: Link | None) -> Place | None:
    """The place a role acts for: the phrase's own ('der Stadt Y', 'Wolfsburgs'), the name's link
    ('Bürgermeisterin X von der Stadt Y'), a town adjective or a town's body in the phrase ('der Lindauer
    Erste Bürgermeister', 'der Stadtwerke Y'), the place a 'deren'/'dessen' points back to, else the
    article's dominant place of the role's level (district, municipality) or of an unnamed place noun
    ('im Landratsamt', 'der Stadt', 'im Rathaus'), the one Land the sentence of a Land's office names,
    the town (or district) the article is about for a town-hall office (see ``place_scope``)."""
    claim_phrase_places(ctx)
    place = a.phrase.places[0] if a.phrase.places else None
    if place is None and link is not None and link.places:
        place = link.places[0]
    if place is None and person.places:
        place = person.places[0]                       # 'Bürgermeister Jan X (Nordheim)'
    if place is None:
        place = city_adjective_owner(ctx, a, grp)      # 'der Lindauer Erste Bürgermeister'
    if place is None:                                  # 'Geschäftsführerin der Stadtwerke Lingen'
        place = municipal_body_place(ctx, a.phrase.tok0, a.phrase.tok1)
    if place is None:
        place = place_adverb_place(ctx, a.phrase.tok0)  # 'Dort hat man mit Amtsleiter Y ...'
    level = grp.word.entry.level
    if place is None and a.phrase.det in ("deren", "dessen") and level in LEVEL_KINDS:
        place = last_place_before(ctx, ctx.toks[a.phrase.tok0].start, LEVEL_KINDS[level])
    if place is None and (level == "district" or a.phrase.district_default):
        place = district_default(ctx)
    if place is None and a.phrase.municipality_default:    # 'Referentin der Stadt', 'im Rathaus'
        place = article_town(ctx)
    if place is None and level == "municipality":
        place = article_town(ctx)
    orgs = grp.orgs + a.phrase.orgs + (link.orgs if link else []) + [grp.word.entry.organization]
    if place is None and is_land_office(grp, " ".join([grp.word.text, *grp.keep]), " ".join(orgs)):
        place = land_in_sentence(ctx, a)               # 'Das Land Hessen ..., seitdem Finanzminister X ...'
    if place is None and is_town_office(ctx, a, grp, orgs + person.bracket_orgs, person.party):
        place = town_office_place(ctx, a)              # 'sagt die Dezernentin für Digitales, X'
    return place


def claim_phrase_places(ctx: Ctx) -> None:
    """A place named inside any role phrase ('zuvor Bürgermeister der Stadt Y', attached to someone or
    not) is that office's place, not the place the article is about: add the phrase's characters to
    ``ctx.claimed`` (once per article), so that the level defaults do not count the mention."""
    if getattr(ctx, "_all_claimed", False):
        return
    ctx._all_claimed = True
    ctx.claimed = ctx.claimed + [(ctx.toks[p.tok0].start, ctx.toks[p.tok1 - 1].end) for p in ctx.phrases
                                 if p.places and p.tok1 > p.tok0]


def row_org(ctx: Ctx, person: PersonInfo, a: Attachment, grp: Group, link: Link | None,
            article_orgs: set[str]) -> str:
    """The organisation a role acts for: the group's, phrase's or link's own (an organisation of the
    article first), the role's fixed organisation, a bracket's, the party; 'deren'/'dessen' without
    its own points back to the last organisation named."""
    own = grp.orgs or a.phrase.groups[-1].orgs or a.phrase.orgs or (link.orgs if link else [])
    if a.link is not None and a.link.orgs:             # 'beim Landratsamt Y Leiterin der IT-Abteilung':
        own = a.link.orgs                              # the unit in the role belongs to the linked org
    # 'Leiterin der IT im Bezirksamt X': an organisation of the article before a unit in the role
    own = sorted(own, key=lambda o: o not in article_orgs)
    org = (own[0] if own else "") or grp.word.entry.organization or \
        (person.bracket_orgs[0] if person.bracket_orgs else "") or party_org(person.party)
    if a.phrase.det in ("deren", "dessen") and not own:
        org = last_org_before(ctx, ctx.toks[a.phrase.tok0].start) or org
    return org
