"""Stage 3, attachment: which person each role phrase belongs to.

Takes a ``Ctx`` with mentions and the ``Phrase`` list; gives ``Attachment`` records naming the
construction that bound the phrase: apposition before the name (with or without comma), after the name
with a comma, a plural role over a coordinated list of names, copula ('Deren Leiterin ist X', 'Seit März
ist X Leiterin des Amtes'), 'X wurde zum Vorsitzenden gewählt', 'X übernimmt den Vorsitz', 'X ... als
CDO', brackets after a name ('(CSU)', '(Landtag)') and an office announced then taken over.
"""
from __future__ import annotations

from .context import (DASHES, MAX_GAP, SENTENCE_END, Attachment, Ctx, Group, Mention, PersonInfo, Phrase,
                      mention_ending, mention_starting, sentence_bounds, skip_brackets)
from .links import link_before
from .lookup import _date_words, org_for_name
from .phrases import parse_phrase


def name_list(ctx: Ctx, i: int) -> list[Mention]:
    """Mentions coordinated from token i: 'A, B und C' (brackets after each allowed)."""
    out: list[Mention] = []
    k = i
    while True:
        m = mention_starting(ctx, k)
        if m is None:
            break
        out.append(m)
        k = skip_brackets(ctx, m.tok1)
        if ctx.word(k) == "," and mention_starting(ctx, k + 1):
            k += 1
            continue
        if ctx.word(k) in ("und", "sowie") and mention_starting(ctx, k + 1):
            out.append(mention_starting(ctx, k + 1))
        break
    return out


def weak_single(ctx: Ctx, m: Mention) -> bool:
    """A one-word mention that no full name explains and no given name supports."""
    return m.kind == "single" and m.tok1 - m.tok0 == 1 and not m.title


def attach(ctx: Ctx, phrases: list[Phrase]) -> list[Attachment]:
    """Bind role phrases to persons. Takes the phrases in text order; gives attachments (one per phrase
    and person), by apposition, clause constructions, chains of appositions and a name's link, then
    'den Vorsitz übernehmen' and announced offices taken over."""
    out: list[Attachment] = []
    attached: dict[int, int] = {}                      # id(phrase) -> pid
    by_end = {p.tok1: p for p in phrases}
    for p in phrases:
        found = apposition(ctx, p) or clause_attachment(ctx, p)
        for m, how in found:
            out.append(Attachment(m.pid, p, how, m))
            attached[id(p)] = m.pid
        if found and found[0][1] == "plural-list":
            continue                                   # a list is complete: no chain, no link
        chain_attachments(ctx, p, by_end, out, attached)
        if id(p) not in attached:                      # 'X, beim Landratsamt Y Leiterin der IT, sagte'
            lb = link_before(ctx, p)
            if lb is not None:
                out.append(Attachment(lb[0].pid, p, "after-link", lb[0], lb[1]))
                attached[id(p)] = lb[0].pid
    out.extend(chair_attachments(ctx))
    out.extend(post_attachments(ctx, [p for p in phrases if id(p) not in attached]))
    return out


def apposition(ctx: Ctx, p: Phrase) -> list[tuple[Mention, str]]:
    """The phrase next to a name: a plural role over a list ('die Bürgermeister A, B und C'), before the
    name ('Bürgermeisterin Anna X', 'die Leiterin, Anna X'), after it ('Anna X, Leiterin des Amtes').
    Gives (mention, construction) pairs; a weak one-word name after a role after a name is rejected."""
    nxt = p.tok1
    if ctx.word(nxt) in DASHES or (ctx.word(nxt) == "," and p.plural):
        nxt_list = name_list(ctx, nxt + 1)
    else:
        nxt_list = name_list(ctx, nxt)
    if p.plural and len(nxt_list) >= 2:
        return [(m, "plural-list") for m in nxt_list]
    after = mention_starting(ctx, p.tok1) or honorific_bridge(ctx, p)
    after_comma = mention_starting(ctx, p.tok1 + 1) if ctx.word(p.tok1) == "," else None
    before = mention_ending(ctx, p.tok0 - 1) if ctx.word(p.tok0 - 1) == "," else None
    if before is not None and copula_opens_clause(ctx, p):
        before = None                                  # 'X, neuer Vorsitzender ist ... Y': a new clause about Y
    if after is not None and before is not None and weak_single(ctx, after):
        ctx.rejected.add(after.pid)
        return [(before, "after-name")]                # 'Dr. Max X, Vorstandsvorsitzender Musterfirma'
    if after is not None and p.det and all(g.word.number == "pl" for g in p.groups):
        return []                                      # 'die Xer Gemeinderäte von Bürgermeister Y': not Y's
    if after is not None:
        return [(after, "before-name")]
    if after_comma is not None and (p.det or p.places or before is None):
        if before is not None and not p.det:
            return [(before, "after-name")]
        if not p.det and (subj := copula_subject_before(ctx, p)) is not None:
            return [(subj, "copula")]                  # 'X ist seitdem Ehrenvorsitzender, Y wurde ...'
        return [(after_comma, "before-name-comma")]
    if before is not None:
        return [(before, "after-name")]
    return []


# 'X, neuer Vorsitzender ist dessen Amtskollege Y': a name at most this many tokens after the copula.
COPULA_NAME_GAP = 6


def copula_opens_clause(ctx: Ctx, p: Phrase) -> bool:
    """The phrase after 'X,' is the subject of a copula clause naming someone else ('X, neuer Vorsitzender
    ist dessen Amtskollege Y'): a copula right after the phrase and a name within COPULA_NAME_GAP tokens
    after it, no punctuation in between (an apposition is closed by a comma: 'X, Leiterin, ist ...')."""
    k = p.tok1
    if ctx.word(k) not in ctx.cx.kind("copula"):
        return False
    for t in range(k + 1, min(k + 1 + COPULA_NAME_GAP, len(ctx.words))):
        if mention_starting(ctx, t) is not None:
            return True
        if not ctx.word(t).isalnum() or ctx.gap_has_break(t):
            return False
    return False


def honorific_bridge(ctx: Ctx, p: Phrase) -> Mention | None:
    """'Gemeinderätin Frau Anna X': the name after an honorific that agrees with the role's written
    gender; not 'der Gemeinderat Frau X' (the council as subject: an article and a clashing gender)."""
    sex = ctx.cx.get("honorific", ctx.word(p.tok1))
    if not sex or p.det or p.plural or any(g.word.gender not in ("", sex) for g in p.groups):
        return None
    return mention_starting(ctx, p.tok1 + 1)


def clause_attachment(ctx: Ctx, p: Phrase) -> list[tuple[Mention, str]]:
    """The phrase bound through its clause: copula ('Neue Leiterin ist seit Mai Anna X', 'Seit März ist
    Anna X Leiterin', 'X ist seit 2019 Bürgermeister'), 'zum Vorsitzenden gewählt', 'X ... als CDO'.
    Gives at most one (mention, construction) pair."""
    copulas = ctx.cx.kind("copula")
    if (m_cop := copula_subject_after(ctx, p.tok1)) is not None:
        return [(m_cop, "copula")]
    if (m_inv := mention_ending(ctx, p.tok0)) is not None and ctx.word(m_inv.tok0 - 1) in copulas \
            and not mention_starting(ctx, p.tok1):
        return [(m_inv, "copula")]
    if ctx.word(p.tok0 - 1).casefold() in ("zum", "zur"):
        a, b = sentence_bounds(ctx, p.tok0)
        if any(ctx.word(k) in ctx.cx.kind("elect") for k in range(p.tok1, min(p.tok1 + MAX_GAP + 1, b + 1))):
            ms = [ctx.mention_at[k] for k in range(a, b) if k in ctx.mention_at]
            if ms:
                return [(min(ms, key=lambda m: abs(m.tok0 - p.tok0)), "elected")]
        return []
    if ctx.word(p.tok0 - 1) in ctx.cx.kind("as"):
        k = p.tok0 - 2
        while k >= 0 and p.tok0 - 2 - k < MAX_GAP and k not in ctx.mention_at and ctx.word(k).isalnum():
            k -= 1
        if k in ctx.mention_at:
            return [(ctx.mention_at[k], "as")]
        if ctx.word(k) == "," and ctx.word(k + 1) in ("der", "die") and mention_ending(ctx, k):
            return [(mention_ending(ctx, k), "as")]    # 'Anna X, die seit 2020 als Leiterin arbeitet'
        return []
    m = copula_subject_before(ctx, p) if not mention_starting(ctx, p.tok1) else None
    return [(m, "copula")] if m is not None else []


def copula_subject_before(ctx: Ctx, p: Phrase) -> Mention | None:
    """The subject name of a copula before the phrase ('X ist seit 2019 Bürgermeister', 'Ihr Vorgänger,
    Jan X, war ebenfalls Staatssekretär'): at most MAX_GAP words between copula and phrase; else None."""
    copulas = ctx.cx.kind("copula")
    k = p.tok0 - 1
    while k >= 0 and p.tok0 - 1 - k < MAX_GAP and ctx.word(k) not in copulas and ctx.word(k).isalnum() \
            and k not in ctx.mention_at and not (ctx.word(k) in ("und", "sowie") and not p.det):
        k -= 1
    if ctx.word(k) in ("und", "sowie") and not p.det:
        k = coordinated_copula(ctx, k)                 # 'X ist seit 2013 Mitglied des Rates und seit 2021 Vorsitzender ...'
    if ctx.word(k) not in copulas:
        return None
    return mention_ending(ctx, k) or (mention_ending(ctx, k - 1) if ctx.word(k - 1) == "," else None)


# 'X ist seit 2013 Mitglied des Deutschen Bundestages und seit 2021 Vorsitzender': the copula of the first
# conjunct stands at most this many tokens before the 'und' (a complement with its genitive owner).
MAX_CONJUNCT = 12


def coordinated_copula(ctx: Ctx, k: int) -> int:
    """The copula of the clause a coordinated bare predicate ('und Vorsitzender ...') joins: scanning back
    from the 'und' at k over at most MAX_CONJUNCT words (no punctuation, no name, no second 'und'). Gives
    the copula's token, or k when there is none."""
    copulas = ctx.cx.kind("copula")
    t = k - 1
    while t >= 0 and k - t <= MAX_CONJUNCT and ctx.word(t).isalnum() and t not in ctx.mention_at \
            and ctx.word(t) not in ("und", "oder", "sowie") and not ctx.gap_has_break(t + 1):
        if ctx.word(t) in copulas:
            return t
        t -= 1
    return k


def chain_attachments(ctx: Ctx, p: Phrase, by_end: dict[int, Phrase], out: list[Attachment],
                      attached: dict[int, int]) -> None:
    """Appositions in a row: 'ihres Behördenleiters, Bürgermeister Frank X' (the earlier phrase takes the
    name after the later one) and 'X, Vorsitzender des Rates, Staatssekretär im ...' (the later phrase
    takes the earlier one's person). Appends to ``out`` and ``attached``."""
    if ctx.word(p.tok0 - 1) != ",":
        return
    prev = by_end.get(p.tok0 - 1)
    if prev is None:
        return
    if id(p) in attached:
        target = mention_starting(ctx, p.tok1) or mention_starting(ctx, p.tok1 + 1)
        if id(prev) not in attached and mention_ending(ctx, prev.tok0 - 1) is None \
                and target is not None and attached[id(p)] == target.pid:
            out.append(Attachment(target.pid, prev, "chain", target))
            attached[id(prev)] = target.pid
    elif id(prev) in attached and not mention_starting(ctx, p.tok1) and \
            any(a.phrase is prev and a.how in ("after-name", "before-name-comma") for a in out):
        first = next((a.mention for a in out if a.phrase is prev), None)
        out.append(Attachment(attached[id(prev)], p, "after-name-chain", first))
        attached[id(p)] = attached[id(prev)]


INDEFINITE = ("ein", "eine", "einen", "einer")


def post_attachments(ctx: Ctx, phrases: list[Phrase]) -> list[Attachment]:
    """An office announced with an indefinite article and taken over in the next sentence by its only
    person: 'Die Stadt bekommt eine neue Leiterin des Amtes. Ab Mai übernimmt Anna X die Aufgabe.'
    A role stated later about the past ('Zuvor war sie Referentin') is never the current one."""
    out = []
    posts, takes = ctx.cx.kind("post"), ctx.cx.kind("post_take")
    for p in phrases:
        if p.plural or p.det not in INDEFINITE:
            continue
        a, b = sentence_bounds(ctx, p.tok0)
        if ctx.word(b) not in SENTENCE_END or any(k in ctx.mention_at for k in range(a, b)):
            continue                                   # the announcing sentence names nobody
        a2, b2 = sentence_bounds(ctx, b + 1)
        ms = {ctx.mention_at[k].pid: ctx.mention_at[k] for k in range(a2, b2)
              if k in ctx.mention_at and ctx.mention_at[k].kind != "anaphor"}
        take = next((k for k in range(a2, b2) if ctx.word(k) in takes), None)
        if len(ms) != 1 or take is None:
            continue
        if any(ctx.word(k) in posts and ctx.is_det(k - 1) for k in range(take + 1, b2)):
            m = next(iter(ms.values()))
            out.append(Attachment(m.pid, p, "takeover", m))
    return out


def copula_subject_after(ctx: Ctx, k: int) -> Mention | None:
    """'<role phrase> ist [seit Mai] Anna X': the name after a copula at token k, with at most MAX_GAP
    lowercase words, numbers, months or weekdays between them (an adverbial: 'seit Mai', 'nun', 'künftig')."""
    if ctx.word(k) not in ctx.cx.kind("copula"):
        return None
    t = k + 1
    while t < len(ctx.words) and t - k - 1 < MAX_GAP and t not in ctx.mention_at and not ctx.gap_has_break(t) \
            and (ctx.word(t).islower() or ctx.word(t).isdigit() or ctx.word(t) in _date_words()) \
            and ctx.word(t) not in ("und", "oder"):
        t += 1
    return mention_starting(ctx, t)


def chair_attachments(ctx: Ctx) -> list[Attachment]:
    """'X übernimmt den Vorsitz des Verwaltungsrates' -> X, 'Vorsitzender des Verwaltungsrates'."""
    out = []
    chairs, takes = ctx.cx.kind("chair"), ctx.cx.kind("take")
    for i, w in enumerate(ctx.words):
        if w not in chairs or ctx.word(i - 1).casefold() not in ("den", "die"):
            continue
        m, took = None, False                          # 'X übernimmt den Vorsitz' / 'übernimmt X den Vorsitz'
        k = i - 2
        while k >= 0 and i - 2 - k <= MAX_GAP + 1 and (ctx.word(k).isalnum() or k in ctx.mention_at):
            took = took or ctx.word(k) in takes
            if m is None and k in ctx.mention_at and ctx.mention_at[k].kind != "anaphor":
                m = ctx.mention_at[k]
            k -= 1
        if m is None or not took:
            continue
        rw = ctx.vocab.analyse(chairs[w])
        if rw is None:
            continue
        fake = Phrase(i, i + 1, [Group([], rw, i, i + 1)])
        heads = {i: (rw, i + 1)}
        parsed = parse_phrase(ctx, i, heads)
        fake.groups[0].keep = parsed.groups[0].keep
        fake.groups[0].orgs = parsed.groups[0].orgs
        fake.places, fake.orgs, fake.tok1 = parsed.places, parsed.orgs, parsed.tok1
        out.append(Attachment(m.pid, fake, "chair", m))
    return out


def bracket_info(ctx: Ctx, persons: list[PersonInfo], phrases: list[Phrase]) -> list[Attachment]:
    """'Judith X (CSU)', 'Emmi X (Bundestag)', 'Anna X (Leiterin des Bauamts)'."""
    out = []
    parties, bodies = ctx.cx.kind("party"), ctx.cx.kind("body")
    by_start = {p.tok0: p for p in phrases}
    for pid, person in enumerate(persons):
        for m in person.mentions:
            if m.kind == "anaphor" or ctx.word(m.tok1) != "(":
                continue
            end = skip_brackets(ctx, m.tok1)
            if end == m.tok1:
                continue
            inner = ctx.text[ctx.toks[m.tok1].end:ctx.toks[end - 1].start].strip()
            if inner in parties:
                person.party = person.party or parties[inner]
            elif inner in bodies or org_for_name(ctx, inner):
                person.bracket_orgs.append(org_for_name(ctx, inner) or inner)
            elif m.tok1 + 1 in by_start and by_start[m.tok1 + 1].tok1 == end - 1:
                out.append(Attachment(pid, by_start[m.tok1 + 1], "bracket", m))
    return out


def role_bracket_party(ctx: Ctx, persons: list[PersonInfo], atts: list[Attachment]) -> None:
    """A party in brackets right after a person's role: 'Tim X, MdL (FDP)', 'Tim X, Landtagsabgeordneter (SPD)'."""
    parties = ctx.cx.kind("party")
    for a in atts:
        k = a.phrase.tok1
        if ctx.word(k) == "(" and ctx.word(k + 2) == ")" and ctx.word(k + 1) in parties:
            persons[a.pid].party = persons[a.pid].party or parties[ctx.word(k + 1)]


def follower_attachments(ctx: Ctx, phrases: list[Phrase], atts: list[Attachment]) -> list[Attachment]:
    """Roles that follow a bound role and share its person: its short form in brackets
    ('zur Informationssicherheitsbeauftragten (ISB) bestellt') and a role coordinated with 'als', 'zum'
    or 'zur' after 'und'/'sowie' ('zur Kämmerin sowie als Digitallotsin'). A bare '... und der Landrat'
    names someone else and is left alone. Gives the new attachments (chains follow in text order)."""
    by_start = {p.tok0: p for p in phrases}
    bound = {id(a.phrase): a for a in atts}
    out: list[Attachment] = []
    for p in phrases:
        a = bound.get(id(p))
        if a is None:
            continue
        k = p.tok1
        nxt = None
        if ctx.word(k) == "(" and (q := by_start.get(k + 1)) is not None and ctx.word(q.tok1) == ")" \
                and all(g.word.entry.abbrev for g in q.groups):
            nxt = q                                    # 'Beauftragte (ISB)'
        elif ctx.word(k) in ("und", "sowie") and ctx.word(k + 1) in ("als", "zum", "zur"):
            nxt = by_start.get(k + 2)                  # 'zur Kämmerin sowie als Digitallotsin'
        if nxt is not None and id(nxt) not in bound and not mention_starting(ctx, nxt.tok1):
            new = Attachment(a.pid, nxt, "follower", a.mention)
            out.append(new)
            bound[id(nxt)] = new
    return out


SUCCESSOR = {"Nachfolger", "Nachfolgerin", "Nachfolge"}


def predecessor_attachments(ctx: Ctx, atts: list[Attachment]) -> list[Attachment]:
    """A predecessor held the office the successor takes: 'Y hat die Nachfolge von X angetreten', 'der als
    Nachfolger von X Landes-CIO wurde' give X the successor's roles stated in the same sentence, as
    former roles, when exactly one other person has roles there. Gives the new attachments."""
    out: list[Attachment] = []
    for k, w in enumerate(ctx.words):
        if w not in SUCCESSOR or ctx.word(k + 1) not in ("von", "des", "der"):
            continue
        pred = mention_starting(ctx, k + 2)
        if pred is None:
            continue
        a, b = sentence_bounds(ctx, k)
        mine = {id(x.phrase) for x in atts if x.pid == pred.pid}
        theirs = [x for x in atts if x.pid != pred.pid and a <= x.phrase.tok0 <= b and id(x.phrase) not in mine
                  and not x.phrase.former and not x.phrase.plural]
        if len({x.pid for x in theirs}) != 1:
            continue                                   # no successor, or several people: whose office?
        for x in theirs:
            if id(x.phrase) not in mine:
                former = Phrase(x.phrase.tok0, x.phrase.tok1, x.phrase.groups, x.phrase.det, False,
                                x.phrase.places, x.phrase.orgs, party=x.phrase.party, former=True)
                out.append(Attachment(pred.pid, former, "predecessor", pred))
                mine.add(id(x.phrase))
    return out
