"""Places and organisations for the people extractor: resolve a surface to one of the article's places
(or the gazetteer's), a Land adjective to its Land, a span or acronym to the article's organisation.

Takes a ``Ctx`` and a surface, token or character offset; gives a ``Place``, an organisation name or ''.
Calls the organisations and places helpers (``orgs.resolve_org``, ``gazetteer.resolve_place``) when
present; without them the article's own places and organisations are matched.
"""
from __future__ import annotations

import re

from ...model import Organization, Place
from ..roles import context
from .context import DOMINANCE, MAX_ANAPHOR_CHARS, Ctx, sentence_bounds

try:  # the orgs helper's normaliser ('des Niedersächsischen Städtetages' -> 'Niedersächsischer Städtetag')
    from ..orgs import _date_words
    from ..orgs import district_city as _district_city
    from ..orgs import resolve_org as _resolve_org
    from ..orgs import LEGAL as _LEGAL_FORMS
except ImportError:  # pragma: no cover - depends on the checkout
    _LEGAL_FORMS = frozenset()
    _resolve_org = None
    _district_city = None

    def _date_words() -> frozenset[str]:

        """No date words without the organisations helper."""
        return frozenset()
try:  # the places helper's gazetteer; without it, places are matched against article.places only
    from ...gazetteer import adjective_state as _adjective_state
    from ...gazetteer import resolve_place as _resolve_place
except ImportError:  # pragma: no cover - depends on the checkout
    _resolve_place = None
    _adjective_state = None


def _same_place(a: Place, b: Place) -> bool:


    """The same place by AGS or name."""
    return (a.ags and a.ags == b.ags) or a.name == b.name


def resolve_place(ctx: Ctx, surface: str, explicit: bool = False) -> Place | None:
    """A place for ``surface``: one of the article's places, or (for an explicit
    place construction such as 'der Stadt X') the gazetteer's answer."""
    surface = surface.strip()
    if not surface:
        return None
    found = None
    if _resolve_place is not None:
        try:
            found = _resolve_place(surface, ctx.text)
        except Exception:  # noqa: BLE001 - a lookup failure must not lose the person
            found = None
    if found is not None:
        for p in ctx.places:
            if _same_place(p, found):
                return p
        return found if explicit or found.kind == "state" else None
    core = re.sub(r"^(der|des|die|dem|den)\s+", "", surface, flags=re.I)
    for noun in ctx.cx.kind("place_noun"):
        if core.startswith(noun + " "):
            core = core[len(noun) + 1:]
            break
    else:
        first = core.split(" ", 1)
        if len(first) == 2 and ctx.cx.get("place_noun", first[0]) not in ("", "plural"):
            core = first[1]                                # 'Barockstadt Fulda': a compound place noun
    for cand in (core, core[:-1] if core.endswith("s") else "", core[:-2] if core.endswith("es") else ""):
        if not cand:
            continue
        for p in ctx.places:
            if cand.casefold() in {p.name.casefold(), *(s.casefold() for s in p.surface)} or \
                    p.name.casefold() in (f"landkreis {cand.casefold()}", f"kreis {cand.casefold()}"):
                return p
    if "-" in core:                     # 'von Berlin-Pankow': the places extractor took the city's part
        for p in ctx.places:
            if any(ctx.text.startswith(core, s) and ctx.text[e:e + 1] == "-" for s, e in p.spans):
                return p
    return None


def adjective_place(ctx: Ctx, word: str) -> Place | None:
    """'niedersächsischen' -> Niedersachsen, 'Thüringer' -> Thüringen (only adjectives of a Land)."""
    if not re.search(r"isch(e|er|en|em|es)?$", word, re.I) and not (word[:1].isupper() and word.endswith("er")):
        return None
    state = None
    if _adjective_state is not None:
        try:
            state = _adjective_state(word)
        except Exception:  # noqa: BLE001
            state = None
        if isinstance(state, Place):
            state = state.name
    if state:
        for p in ctx.places:
            if p.name == state:
                return p
        return resolve_place(ctx, state, explicit=True)
    return None


def district_default(ctx: Ctx) -> Place | None:


    """The article's dominant district (the place of a 'Landrat' without a stated place)."""
    return dominant_place(ctx, {"district"})


def free_mentions(ctx: Ctx, p: Place) -> int:
    """Mentions of a place outside the role phrases that name it for someone ('Hamburgs Bürgermeister X')."""
    if not p.spans:
        return p.mentions or 1
    return sum(1 for s, e in p.spans if not any(a <= s < b for a, b in ctx.claimed))


def dominant_place(ctx: Ctx, kinds: set[str]) -> Place | None:


    """The place of these kinds the article is about (see DOMINANCE), None when no place dominates."""
    counted = [(free_mentions(ctx, p), p) for p in ctx.places if p.kind in kinds]
    counted = sorted(((n, p) for n, p in counted if n > 0), key=lambda x: -x[0])
    cands = [p for _, p in counted]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    first, second = counted[0][0], counted[1][0]
    if first >= DOMINANCE * second:
        return cands[0]
    pos = {id(p): min((s for s, _ in p.spans), default=10 ** 9) for p in cands}
    if first > second and pos[id(cands[0])] == min(pos.values()):
        return cands[0]
    return None


def org_for_span(ctx: Ctx, start: int, end: int) -> str:
    """The article's organisation overlapping [start, end), by its canonical or written name."""
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if s < end and start < e:
                return org_name(o)
    return ""


def org_name(o: Organization) -> str:
    """Full form: the written name, or the taxonomy name where the text wrote only the acronym."""
    if o.canonical and (not o.name or o.name == o.acronym):
        return o.canonical
    return o.name or o.canonical


def normalised_org(surface: str) -> str:
    """The organisations extractor's nominative full form of a complement, '' when it names none."""
    if _resolve_org is None:
        return ""
    try:
        o = _resolve_org(surface, "")
    except Exception:  # noqa: BLE001 - a lookup failure must not lose the person
        return ""
    return org_name(o) if o is not None else ""


def org_by_acronym(ctx: Ctx, acr: str) -> str:
    """'AKDB' -> the article's organisation with that acronym, name or defining '(AKDB)' before it."""
    a = acr.strip("-")
    if not a:
        return ""
    for o in ctx.orgs:
        if a in (o.acronym, o.name, o.canonical):
            return org_name(o)
    m = re.search(r"\(\s*" + re.escape(a) + r"\s*\)", ctx.text)
    if m:
        for o in ctx.orgs:
            for s, e in o.spans or []:
                if 0 <= m.start() - e <= 2:
                    return org_name(o)
    for o in ctx.orgs:          # initials: 'Anstalt für Kommunale Datenverarbeitung in Bayern' -> AKDB
        initials = "".join(w[0] for w in re.findall(r"[\w-]+", o.name) if w[0].isupper())
        if len(a) >= 3 and initials == a:
            return org_name(o)
    return a


# the place kinds a role of a level acts for ('deren Erster Bürgermeister' points back to a municipality)
LEVEL_KINDS = {"municipality": {"municipality", "other"}, "district": {"district"}, "state": {"state"}}


def last_place_before(ctx: Ctx, char: int, kinds: set[str]) -> Place | None:
    """The place of these kinds mentioned last before ``char`` in the same sentence: the owner a
    relative 'deren'/'dessen' points back to ('Die Gemeinde X ..., wie deren Bürgermeister Y sagte')."""
    s0, _ = sentence_bounds(ctx, ctx.tok_index(char))
    start = ctx.toks[s0].start if s0 < len(ctx.toks) else 0
    best = None
    for p in ctx.places:
        if p.kind not in kinds:
            continue
        for a, _b in p.spans:
            if start <= a < char and (best is None or a > best[0]):
                best = (a, p)
    return best[1] if best else None


def place_adverb_place(ctx: Ctx, tok: int) -> Place | None:
    """'Bürgermeister in X. Dort hat man mit Amtsleiter Y ...': a sentence opening with a place adverb
    (roles_context kind place_adverb) points back to the one town or district the previous sentence
    names; None when it names none or several."""
    s0, _ = sentence_bounds(ctx, tok)
    if ctx.word(s0) not in ctx.cx.kind("place_adverb") or s0 == 0:
        return None
    p0, _ = sentence_bounds(ctx, s0 - 2)
    a, b = ctx.toks[p0].start, ctx.toks[s0].start
    named = {p.name: p for p in ctx.places if p.kind in ("municipality", "district", "other")
             and any(a <= s < b for s, _e in p.spans)}
    return next(iter(named.values())) if len(named) == 1 else None


def last_org_before(ctx: Ctx, char: int) -> str:


    """The organisation named last before ``char`` (within MAX_ANAPHOR_CHARS): what 'deren' points back to."""
    best, best_end = "", -1
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if e <= char and char - e <= MAX_ANAPHOR_CHARS and e > best_end:
                best, best_end = org_name(o), e
    return best


def normalise_org(words: list[str], link: str) -> str:
    """Organisation as written minus the article: 'des Verwaltungsrates' -> 'Verwaltungsrat'."""
    if not words:
        return ""
    inst = ctx_institutions()
    words = list(words)
    last = words[-1]
    if link in ("des",) or link in ("im", "vom", "beim", "am", "zum"):
        for end in ("es", "s"):
            if last.endswith(end) and any(last[:-len(end)].casefold().endswith(x) for x in inst):
                words[-1] = last[:-len(end)]
                break
    return " ".join(words)


def ctx_institutions() -> set[str]:


    """Head nouns of institutions (``roles_context.csv`` kind institution)."""
    return set(context().kind("institution"))


def is_institution(word: str) -> bool:


    """A word naming an institution: an acronym or a compound ending in an institution noun ('...ministerium')."""
    low = word.casefold()
    return bool(re.fullmatch(r"[A-ZÄÖÜ]{2,}[a-z]?", word)) or any(low.endswith(x) for x in ctx_institutions())


def org_starting(ctx: Ctx, k: int) -> tuple[str, int] | None:
    """(organisation, end token) of an article organisation whose mention starts at token k."""
    if k >= len(ctx.toks):
        return None
    start = ctx.toks[k].start
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if s == start:
                return org_name(o), ctx.tok_range(s, e)[1]
    return None


def org_for_name(ctx: Ctx, name: str) -> str:
    """The article's organisation named ``name``: by name, canonical or acronym, or by its name without
    the legal form ('Amtsklar' for 'Amtsklar GmbH')."""
    for o in ctx.orgs:
        if name in (o.name, o.canonical, o.acronym):
            return org_name(o)
    for o in ctx.orgs:
        words = (o.name or "").split()
        if len(words) > 1 and words[-1] in _LEGAL_FORMS and " ".join(words[:-1]) == name:
            return org_name(o)
    return ""


def place_at(ctx: Ctx, j: int) -> tuple[Place, int] | None:
    """(place, end token) of a mention of an article place that starts at token j."""
    if not 0 <= j < len(ctx.toks):
        return None
    s = ctx.toks[j].start
    for p in ctx.places:
        for a, b in p.spans:
            if a == s:
                return p, ctx.tok_range(a, b)[1]
    return None


def party_org(party: str) -> str:
    """A party as the fallback organisation; 'parteilos' (the party value for none) is no organisation."""
    return "" if party.lower() == "parteilos" else party
