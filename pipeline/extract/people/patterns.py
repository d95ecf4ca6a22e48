"""Constructions as data: the pattern table ``pipeline/data/people_patterns.json`` and its interpreter.

Takes a ``Ctx`` with mentions, the persons and the role phrases; gives ``Attachment`` records (patterns
that give a role) and adds places to ``PersonInfo.places`` (patterns that give a place). Each pattern is
a list of token specs matched left to right from every token (see the table's ``_comment``); the first
way a pattern matches at a token wins. Every pattern carries an invented example sentence and what it
must give; ``tests/test_people_patterns.py`` runs them all.

What stays imperative (``attach``, ``links``, ``phrases``): the role phrase grammar itself (heads,
owners, complements), apposition with its tie-breaks (a weak one-word name, chains of appositions),
copula and 'als' with their gap rules, a name's link ('vom Landratsamt X') and the announced-office
takeover. They read several candidates and choose; a pattern here only says "this sequence binds".
New constructions should be added to the table.
"""
from __future__ import annotations

import json
from functools import lru_cache

from ...settings import DATA_DIR
from .attach import name_list
from .context import (CLAUSE_END, Attachment, Ctx, PersonInfo, Phrase, mention_starting, sentence_bounds,
                      skip_brackets)
from .lookup import place_at
from ..roles import name_gender

PATTERNS_FILE = DATA_DIR / "people_patterns.json"


# 'X sagte: „…“, schmunzelt der Verwaltungschef.': a definite role description refers back to the last
# person named at most this many characters before it (a long quote paragraph in between). Raised from
# 400 to 700 on the wide corpus: a speaker named 568 characters before 'weiß der Behördenleiter' was
# lost; 700, 1000 and 1500 gave the same roles precision (0.987), 700 is the smallest.
ANTECEDENT_CHARS = 700


# A name right after one of these prepositions is an oblique ('als Nachfolger von X', 'mit X'): a
# possessive or a role description later refers back to the subject named before it, when there is one.
OBLIQUE = {"von", "vom", "mit", "für", "bei", "beim", "gegen", "über", "unter", "nach", "an", "auf", "zu"}


def _oblique(ctx: Ctx, m) -> bool:
    """The mention follows a preposition, directly or over a role before it ('von Ex-Minister X')."""
    k = m.tok0 - 1
    while k >= 0 and m.tok0 - 1 - k < 3 and k not in ctx.mention_at and ctx.is_cap(k) and ctx.vocab.analyse(ctx.word(k)):
        k -= 1
    return ctx.word(k) in OBLIQUE


@lru_cache(maxsize=1)
def patterns() -> list[dict]:
    """The pattern table (list of pattern dicts)."""
    with open(PATTERNS_FILE, encoding="utf-8") as fh:
        return json.load(fh)["patterns"]


def _party_end(ctx: Ctx, k: int) -> int | None:
    """End token of '(CSU)' / '(parteilos)' starting at k, None otherwise."""
    w = ctx.word(k + 1)
    if ctx.word(k) == "(" and ctx.word(k + 2) == ")" and (
            w in ctx.cx.kind("party") or w.casefold().startswith(("partei", "unabhängig"))):
        return k + 3
    return None


def _class_options(ctx: Ctx, cls: str, k: int, starts: dict[int, Phrase]):
    """(end token, captured value) of a token class at token k."""
    if cls == "PERSON":
        m = mention_starting(ctx, k)
        if m is not None:
            yield m.tok1, [m]
    elif cls == "PERSONS":
        ms = name_list(ctx, k)
        if ms:
            yield ms[-1].tok1, ms
    elif cls == "ROLE":
        p = starts.get(k)
        if p is not None and p.tok1 > k:
            yield p.tok1, p
    elif cls == "PLACE":
        found = place_at(ctx, k)
        if found is not None:
            yield found[1], found[0]
    elif cls == "BRACKET":
        end = skip_brackets(ctx, k)
        if end > k:
            yield end, None
    elif cls == "PARTY":
        end = _party_end(ctx, k)
        if end is not None:
            yield end, None


def _options(ctx: Ctx, spec: dict, k: int, starts: dict[int, Phrase]):
    """Every (end token, captures) one token spec allows at token k, shortest-first for gaps."""
    if "lower" in spec:
        end = k
        yield end, {}
        while end - k < spec["lower"] and ctx.word(end).islower() and ctx.word(end).isalpha() \
                and not ctx.gap_has_break(end):
            end += 1
            yield end, {}
        return
    if "gap" in spec:                                  # any words (no punctuation, no name), shortest first
        end = k
        yield end, {}
        while end - k < spec["gap"] and ctx.word(end).isalnum() and end not in ctx.mention_at \
                and not ctx.gap_has_break(end):
            end += 1
            yield end, {}
        return
    if spec.get("boundary"):                           # the clause ends here (punctuation, paragraph, text end)
        if k >= len(ctx.words) or ctx.word(k) in CLAUSE_END or ctx.gap_has_break(k):
            yield k, {}
        return
    if "is" in spec:
        for end, val in _class_options(ctx, spec["is"], k, starts):
            yield (k if spec.get("peek") else end), ({spec["as"]: val} if "as" in spec else {})
    else:
        w = ctx.word(k)
        ok = w in spec["text"] if "text" in spec else \
            (w in ctx.cx.kind(spec["kind"]) or w.casefold() in ctx.cx.kind(spec["kind"]))
        if ok:
            yield (k if spec.get("peek") else k + 1), {}
    if spec.get("opt"):
        yield k, {}


def match_at(ctx: Ctx, specs: list[dict], k: int, starts: dict[int, Phrase], i: int = 0) -> dict | None:
    """Captures of ``specs[i:]`` matched from token k, None when they do not match."""
    if i == len(specs):
        return {}
    for end, caps in _options(ctx, specs[i], k, starts):
        rest = match_at(ctx, specs, end, starts, i + 1)
        if rest is not None:
            return {**caps, **rest}
    return None


def find_matches(ctx: Ctx, phrases: list[Phrase]) -> list[tuple[dict, dict]]:
    """(pattern, captures) of every pattern match in the article, in text order per pattern."""
    starts = {p.tok0: p for p in phrases}
    out = []
    for pat in patterns():
        first = pat["tokens"][0]
        for k in range(len(ctx.words)):
            if "text" in first and ctx.word(k) not in first["text"]:
                continue
            if first.get("is") in ("PERSON", "PERSONS") and k not in ctx.mention_at or \
                    first.get("is") == "ROLE" and k not in starts:
                continue                               # cheap anchors before the matcher
            caps = match_at(ctx, pat["tokens"], k, starts)
            if caps is None:
                continue
            if "sentence" in pat:
                a, b = sentence_bounds(ctx, k)
                if not any(ctx.word(t).casefold() in ctx.cx.kind(pat["sentence"]) for t in range(a, b + 1)):
                    continue
            out.append((pat, caps))
    return out


def antecedent(ctx: Ctx, persons: list[PersonInfo], role: Phrase, gender: str = "", any_det: bool = False,
               singular: bool = False) -> list:
    """The person a definite role description ('der Verwaltungschef') or a possessive ('ihr Amt als
    ...', ``gender`` 'f' or 'm' from the pattern) refers back to: the last named mention before it
    (within ``ANTECEDENT_CHARS``), when that person's given name clashes neither with the role's
    gender nor with ``gender``. With ``singular`` (a possessive's office, a career step 'als ...') the office
    is one person's, whatever number the bare role form suggests ('ihr Amt als Digitalbeauftragte'); ``any_det`` accepts any article ('das Amt des
    Landrats'). Gives [mention] or []."""
    start = ctx.toks[role.tok0].start
    prev = [m for m in ctx.mention_at.values() if m.end <= start and m.kind != "anaphor"
            and start - m.end <= ANTECEDENT_CHARS]
    if not prev or (role.plural and not singular) or (role.det.casefold() not in ("der", "die", "") and not any_det):
        return []
    direct = [x for x in prev if not _oblique(ctx, x)]
    m = max(direct or prev, key=lambda x: x.end)     # 'als Nachfolger von X': X is no subject
    sex = name_gender(persons[m.pid].name)
    genders = ({g.word.gender for g in role.groups} | {gender}) - {""}
    return [m] if not sex or not genders or genders == {sex} else []


def apply_patterns(ctx: Ctx, persons: list[PersonInfo], phrases: list[Phrase],
                   atts: list[Attachment]) -> list[Attachment]:
    """Apply the table: role patterns give attachments for phrases no other construction took; place
    patterns add the place to the person's stated places. Gives the new attachments."""
    taken = {id(a.phrase) for a in atts}
    out: list[Attachment] = []
    for pat, caps in find_matches(ctx, phrases):
        people = caps.get("person") or []
        if pat.get("antecedent") and "role" in caps:
            people = antecedent(ctx, persons, caps["role"], pat.get("gender", ""), pat.get("any_det", False),
                                pat.get("singular", False) or bool(pat.get("gender")))
        if pat["gives"] == "place" and "place" in caps:
            for m in people:
                if caps["place"] not in persons[m.pid].places:
                    persons[m.pid].places.append(caps["place"])
        elif pat["gives"] == "role" and "role" in caps and (id(caps["role"]) not in taken or pat.get("shared")):
            if people and pat.get("former"):
                caps["role"].former = True                 # 'Zuvor war er ... Kämmerer'
            for m in people:
                if not any(a.pid == m.pid and a.phrase is caps["role"] for a in atts + out):
                    out.append(Attachment(m.pid, caps["role"], "pattern:" + pat["name"], m))
            taken.add(id(caps["role"]))
    return out
