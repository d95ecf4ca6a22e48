"""Stage 2, role phrases: every role word of the vocabulary with what belongs to it (complements.py
reads what the owner and complements name).

Takes a ``Ctx`` whose mentions are known; gives ``Phrase`` records: determiner, genitive owner
('Wolfsburgs'), Land or city adjective, role adjectives, coordinated heads ('Erster Stadtrat und
Wirtschaftsdezernent') and complements ('für Wirtschaft, Digitales und Kultur', 'der Stadt Wolfsburg',
'im Niedersächsischen Ministerium für Inneres und Sport'), each complement classified as place,
organisation or field of the office.
"""
from __future__ import annotations

import re

from ..roles import MIN_PREFIX, RoleWord, adjective_stem, is_modifier, is_skip_adjective
from ...ner.lexicons import load as ner_lexicons
from .context import CLAUSE_END, Ctx, Group, Phrase, mention_starting, sentence_bounds
from .complements import classify, owner_in_list, owner_left
from .lookup import is_institution, org_by_acronym, org_for_name, org_starting, resolve_place


def find_heads(ctx: Ctx) -> dict[int, tuple[RoleWord, int]]:
    """token index -> (role word, end token) for every role word outside a name."""
    heads: dict[int, tuple[RoleWord, int]] = {}
    fixed_cover = set()
    for i in range(len(ctx.words)):
        fx = ctx.vocab.analyse_fixed(ctx.words, i)
        if fx and not any(k in ctx.mention_at for k in range(fx[1], i + 1)):
            heads[fx[1]] = (fx[0], i + 1)
            fixed_cover.update(range(fx[1], i + 1))
    for i, w in enumerate(ctx.words):
        if i in fixed_cover or i in ctx.mention_at:
            continue
        rw = ctx.vocab.analyse(w) or grade_title_before_name(ctx, i)
        if rw:
            heads[i] = (rw, i + 1)
    return heads


def grade_title_before_name(ctx: Ctx, i: int) -> RoleWord | None:
    """A compound on a grade head ('...rat', '...inspektor': no role alone, the masculine names bodies too)
    written right before a full name is that person's title ('Städteregionsrat Anna X', 'Oberverwaltungsrat
    Jan X'). Gives the role word, None otherwise."""
    w = ctx.word(i)
    m = mention_starting(ctx, i + 1)
    if m is None or m.kind != "full" or not ctx.is_cap(i) or not w.isalpha():
        return None
    for k in range(MIN_PREFIX, len(w) - 2):
        cands = [a for a in ctx.vocab.forms.get(w[k:].casefold(), []) if a[0].grade_only and a[2] != "pl"]
        if cands:
            e, g, _ = cands[0]
            return RoleWord(w, w[:k], e, g or "", "sg")
    return None


def parse_group_left(ctx: Ctx, i: int) -> tuple[int, list[str]]:
    """Role adjectives before the head at i: (first token, adjectives as written)."""
    j = i
    mods: list[str] = []
    while j > 0:
        w = ctx.word(j - 1)
        if (j - 1) in ctx.mention_at:
            break
        if w == "." and re.fullmatch(r"\d{1,2}", ctx.word(j - 2)):
            mods.insert(0, ctx.word(j - 2) + ".")
            j -= 2
            continue
        if is_modifier(w) and w.casefold() not in ctx.cx.kind("determiner"):
            mods.insert(0, w)
            j -= 1
            continue
        if is_skip_adjective(w) and not ctx.vocab.analyse(w):
            j -= 1
            continue
        break
    return j, mods


def _suspended_hyphen(ctx: Ctx, k: int) -> bool:
    """Token k is the hyphen of a suspended compound part ('Informations-' before 'und', 'oder', ',')."""
    return ctx.word(k) == "-" and 0 < k < len(ctx.toks) and ctx.toks[k].start == ctx.toks[k - 1].end \
        and ctx.word(k + 1) in ("und", "oder", "sowie", ",")


def parse_list(ctx: Ctx, j: int) -> int:
    """'Wirtschaft, Digitales und Kultur' starting at j: the end token (exclusive), j if none."""
    def item(k: int) -> int:
        """End token of one list item starting at k (k when none)."""
        start = k
        while k < len(ctx.words) and k not in ctx.mention_at and (
                ctx.is_cap(k) or (ctx.word(k).islower() and ctx.word(k).isalpha()
                                  and ctx.word(k) not in ctx.cx.kind("link") and ctx.word(k) not in ("und", "sowie")
                                  and ctx.is_cap(k + 1))):
            if ctx.is_cap(k) and ctx.vocab.analyse(ctx.word(k)):
                break                                  # a role word starts a coordinated role, not an item
            k += 1
        if k > start and _suspended_hyphen(ctx, k):
            k += 1                                     # 'Informations- und Kommunikationstechnik'
        return k if k > start and (ctx.is_cap(k - 1) or ctx.word(k - 1) == "-") else start
    k = item(j)
    if k == j:
        return j
    # Items joined by ',' and 'und'/'sowie'; the list ends after the last item an 'und' joined
    # ('für Bürgerinnen und Bürger, Digitales und Internationales, Petra X'). Commas no 'und' closes
    # end the list before them ('für Wirtschaft, Bürgermeister X'): the first item alone, as before.
    closed = k
    while True:
        if ctx.word(k) == "," and item(k + 1) > k + 1:
            k = item(k + 1)
            continue
        if ctx.word(k) in ("und", "sowie") and item(k + 1) > k + 1:
            k = closed = item(k + 1)
            continue
        break
    return closed


def parse_np(ctx: Ctx, j: int) -> int:
    """A noun phrase after a link word: [article] adjectives* Capitalised+ [für list] [von/in Place]."""
    k = j
    if ctx.is_det(k) and not ctx.is_cap(k):
        k += 1
    while k < len(ctx.words) and ctx.word(k).islower() and (re.search(r"(e|en|er|es|em)$", ctx.word(k))
                                                           or is_skip_adjective(ctx.word(k))) \
            and ctx.word(k) not in ctx.cx.kind("link") and ctx.word(k) != "und":
        k += 1
    start = k
    while k < len(ctx.words) and k not in ctx.mention_at and (ctx.is_cap(k) or re.fullmatch(r"[A-Z]{2,}\w*",
                                                                                           ctx.word(k))):
        if k > start and ctx.vocab.analyse(ctx.word(k)):
            break
        if ctx.gap_has_break(k) and k > start:
            break
        k += 1
    if k == start:
        return j
    for t in range(start, k):                          # 'der Stadt Halle (Saale)': the place's whole name
        end = ctx.place_end(t)
        if end is not None and end > k and not any(x in ctx.mention_at for x in range(k, end)):
            k = end
            break
    org = org_starting(ctx, start)
    if org is not None and org[1] > k and not any(t in ctx.mention_at or ctx.gap_has_break(t)
                                                  for t in range(k, org[1])):
        return org[1]                                  # the organisations extractor's extent of the name
    if ctx.word(k) in ("des", "der") and is_institution(ctx.word(k - 1)) and ctx.is_cap(k + 1) \
            and (k + 1) not in ctx.mention_at and not ctx.vocab.analyse(ctx.word(k + 1)):
        k += 2                                         # 'Bundesministerium des Innern', 'Ministerium der Finanzen'
        while ctx.is_cap(k) and k not in ctx.mention_at and not ctx.gap_has_break(k):
            k += 1
    if ctx.word(k) == "für":
        e = parse_list(ctx, k + 1)
        if e > k + 1:
            k = e
    if ctx.word(k) == "und" and ctx.word(k + 1) == "für" and is_institution(ctx.word(start)):
        e = parse_list(ctx, k + 2)                     # 'Bundesministerium des Innern und für Heimat'
        if e > k + 2:
            k = e
    if ctx.word(k) in ("von", "in") and (pe := ctx.place_end(k + 1)) is not None:
        return pe                                      # 'von Neustadt an der Weinstraße'
    if ctx.word(k) in ("von", "in") and ctx.is_cap(k + 1):
        for n in (3, 2, 1):
            cand = " ".join(ctx.words[k + 1:k + 1 + n])
            if all(ctx.is_cap(x) or ctx.word(x) == "." for x in range(k + 1, k + 1 + n)) and \
                    resolve_place(ctx, cand):
                k = k + 1 + n
                break
    return k


def parse_phrase(ctx: Ctx, i: int, heads: dict[int, tuple[RoleWord, int]]) -> Phrase:
    """The role phrase around the head at token i (``heads`` from ``find_heads``): determiner, owner,
    adjectives, coordinated heads and complements; gives the ``Phrase`` with its places and orgs."""
    rw, end = heads[i]
    g0, mods = parse_group_left(ctx, i)
    phrase = Phrase(g0, end, [Group(mods, rw, g0, end)])
    j = owner_left(ctx, g0, phrase)
    while j > 0 and (is_skip_adjective(ctx.word(j - 1)) or DERIVED_ADJECTIVE.fullmatch(ctx.word(j - 1))) \
            and (j - 1) not in ctx.mention_at:
        if ctx.cx.get("place_adjective", adjective_stem(ctx.word(j - 1))) == "municipality":
            phrase.municipality_default = True         # 'städtischer Digitalbeauftragter'
        j -= 1
    if ctx.is_det(j - 1):
        phrase.det = ctx.word(j - 1).casefold()
        j -= 1
    phrase.tok0 = time_left(ctx, j)
    skipped = ctx.words[j:g0]
    phrase.tok1 = parse_right(ctx, phrase, heads, end)
    phrase.plural = is_plural(phrase, skipped)
    prefix_links(ctx, phrase)
    phrase.former = is_former(ctx, phrase)
    return phrase


# A lowercase adjective by its derivational suffix ('digitalpolitische', 'städtischer', 'hauptamtliche',
# 'kommunale'): it may stand inside a role phrase before the head; it is not kept in the role text.
DERIVED_ADJECTIVE = re.compile(r"[a-zäöüß]{3,}(isch|lich|ig|al|iv|ell|är)(e|er|en|em|es)")


def time_left(ctx: Ctx, j: int) -> int:
    """First token of a phrase that opens with a time ('bis 2019 Kämmerer', 'seit 2020 Leiterin') or a
    former-adverb ('früher Referent', 'zuvor Leiterin'): the apposition after a name starts there."""
    while j > 1:
        if re.fullmatch(r"(19|20)\d\d", ctx.word(j - 1)) and ctx.word(j - 2) in ("bis", "seit") \
                and (j - 2) not in ctx.mention_at:
            j -= 2
        elif ctx.cx.get("former", ctx.word(j - 1).casefold()) in ("adverb", "until") or \
                ctx.word(j - 1) in ("früher", "ehemals"):
            j -= 1
        else:
            break
    return j


def parse_right(ctx: Ctx, phrase: Phrase, heads: dict[int, tuple[RoleWord, int]], k: int) -> int:
    """Extend ``phrase`` from token k to the right: an organisation right after the head, 'a.D.',
    coordinated heads and complements after link words. Gives the end token (exclusive)."""
    while k < len(ctx.words):
        w = ctx.word(k)
        org_here = org_starting(ctx, k)
        if org_here is not None and k == phrase.groups[-1].tok1 and not ctx.gap_has_break(k):
            phrase.orgs.append(org_here[0])            # 'Vorstandsvorsitzender Musterfirma'
            for t in range(k, org_here[1]):
                if t in ctx.mention_at:
                    ctx.rejected.add(ctx.mention_at[t].pid)
            return org_here[1]
        if k in ctx.mention_at or ctx.gap_has_break(k):
            break
        if k == phrase.groups[-1].tok1 and (e := unit_after(ctx, k)) > k:
            phrase.groups[-1].keep.append(ctx.text[ctx.toks[k].start:ctx.toks[e - 1].end])
            k = e                                      # 'Leiter IT', 'Sachgebietsleiter Sicherheit und Ordnung'
            continue
        if w in ("a", "i") and ctx.word(k + 1) == "." and ctx.word(k + 2) in ("D", "R") and ctx.word(k + 3) == ".":
            phrase.groups[-1].keep.append(f"{w}.{ctx.word(k + 2)}.")   # 'Bürgermeister a.D.'
            k += 4
            continue
        if w in ("und", "sowie"):                      # coordinated head: 'Erster Stadtrat und Wirtschaftsdezernent'
            m = k + 1
            while m < len(ctx.words) and (is_modifier(ctx.word(m)) or ctx.word(m) == "." ) and m not in heads:
                m += 1
            if m in heads and m not in ctx.mention_at:
                rw2, e2 = heads[m]
                mods2 = [x for x in ctx.words[k + 1:m] if x != "."]
                phrase.groups.append(Group(mods2, rw2, k + 1, e2))
                k = e2
                continue
            break
        if w not in ctx.cx.kind("link"):
            break
        e = parse_complement(ctx, phrase, w, k)
        if e is None:
            break
        k = e
    return k


def unit_after(ctx: Ctx, k: int) -> int:
    """End of a unit named right after a role head without a preposition ('Leiter IT', 'Sachgebietsleiter
    Sicherheit und Ordnung'): acronyms and common capitalised nouns (the NER's common-word list), joined
    by 'und'/'&', closed by punctuation, a name or the paragraph end. k when there is none (a surname
    after a role is no unit: it is not in the common-word list)."""
    common = ner_lexicons().common_caps
    parties = ctx.cx.kind("party")

    def unit_word(t: int) -> bool:
        w = ctx.word(t)
        return t not in ctx.mention_at and not ctx.vocab.analyse(w) and w not in parties and \
            w not in ctx.cx.kind("honorific") and \
            (bool(re.fullmatch(r"[A-ZÄÖÜ]{2,5}", w)) or w in common)
    e = k
    while unit_word(e) and not (e > k and ctx.gap_has_break(e)):
        e += 1
        if ctx.word(e) in ("und", "&") and unit_word(e + 1):
            e += 1
    closed = e >= len(ctx.words) or ctx.word(e) in CLAUSE_END or e in ctx.mention_at or ctx.gap_has_break(e)
    return e if e > k and closed else k


def parse_complement(ctx: Ctx, phrase: Phrase, w: str, k: int) -> int | None:
    """The complement after the link word ``w`` at token k: a 'für' list kept in the role text, or a noun
    phrase classified as place, organisation or field. Gives its end token, None when there is none."""
    if w in ctx.cx.kind("dative_link") and ctx.word(k + 1) not in ctx.cx.kind("dative_det"):
        return None                                    # 'an das Ministerium': where something goes
    e = parse_list(ctx, k + 1) if w == "für" else parse_np(ctx, k + 1)
    if e <= k + 1 or (e - 1) in ctx.mention_at:
        return None
    cut = owner_in_list(ctx, phrase, k + 1, e)         # '... für IT der Wissenschaftsstadt X'
    if w == "für":
        phrase.groups[-1].keep.append(ctx.text[ctx.toks[k].start:ctx.toks[cut - 1].end])
    else:
        classify(ctx, w, k + 1, cut, phrase, phrase.groups[-1])
    return e


# 'Zuvor war sie Referentin': a former-word this many tokens before the phrase still makes it former.
FORMER_WINDOW = 4
PAST_COPULA = {"war", "waren", "wurde"}


def is_former(ctx: Ctx, phrase: Phrase) -> bool:
    """The role is stated as a former one (``roles_context.csv`` kind former): a role word prefixed 'Ex-'
    or 'Alt' ('Ex-Minister', 'Altbürgermeister'), 'a.D.', an adjective before it ('ehemalige', 'frühere'),
    'bis 2020', or an adverb with a past copula ('Zuvor war sie Referentin')."""
    former = ctx.cx.kind("former")
    if any(former.get(g.word.prefix) == "prefix" or g.word.prefix.startswith("Ex-") or "a.D." in g.keep
           for g in phrase.groups):
        return True
    a, _ = sentence_bounds(ctx, phrase.tok0)
    window = range(max(a, phrase.tok0 - FORMER_WINDOW), phrase.groups[0].tok1)
    words = [ctx.word(k) for k in window]
    past = any(w in PAST_COPULA for w in words)
    for k, w in zip(window, words):
        kind = former.get(w.casefold(), former.get(adjective_stem(w)))
        if kind in ("", "until") or (kind == "adverb" and past):
            return True
        if w == "bis" and re.fullmatch(r"(19|20)\d\d", ctx.word(k + 1)):
            return True
    return False


NUMERALS = {"beiden", "zwei", "drei", "vier", "fünf", "beide"}


def is_plural(phrase: Phrase, skipped: list[str]) -> bool:
    """A plural role: a plural form, a numeral ('die beiden Abgeordneten'), or a form that can be plural
    and is not the nominative singular ('Dezernenten', not 'Bürgermeister') unless an article says singular."""
    return any(g.word.number == "pl" for g in phrase.groups) or \
        any(s.casefold() in NUMERALS for s in skipped) or \
        (phrase.det in ("die", "den", "") and all(
            g.word.number == "" and g.word.text not in (g.word.entry.role, g.word.entry.female)
            and not g.word.entry.abbrev for g in phrase.groups)) or \
        (phrase.det == "die" and all(g.word.gender == "m" and g.word.entry.decl != "adj" for g in phrase.groups))


def prefix_links(ctx: Ctx, phrase: Phrase) -> None:
    """A hyphenated prefix of a head names its party, place or organisation: 'SPD-Abgeordneter',
    'NRW-Innenminister', 'ITEBO-Geschäftsführer', 'Amtsklar-Gründer' (with 'Amtsklar GmbH' in the article)."""
    for g in phrase.groups:
        if g.word.prefix.endswith("-") and len(g.word.prefix) > 2:
            pre = g.word.prefix[:-1]
            p = resolve_place(ctx, pre)
            if pre in ctx.cx.kind("party"):
                phrase.party = ctx.cx.get("party", pre)
                phrase.orgs.append(pre)
            elif p is not None and p.kind in ("state", "district", "municipality"):
                phrase.places.append(p)
            elif named := org_for_name(ctx, pre):
                phrase.orgs.append(named)
            elif (re.fullmatch(r"[A-ZÄÖÜ][\wÄÖÜäöü]*", pre) and not pre.istitle()
                  and pre not in ctx.cx.kind("nonorg")):
                phrase.orgs.append(org_by_acronym(ctx, pre))


def find_phrases(ctx: Ctx) -> list[Phrase]:


    """Every role phrase of the article, in text order; a head inside an earlier phrase starts none."""
    heads = find_heads(ctx)
    phrases: list[Phrase] = []
    used = set()
    for i in sorted(heads):
        if i in used:
            continue
        p = parse_phrase(ctx, i, heads)
        for g in p.groups:
            used.update(range(g.tok0, g.tok1))
        phrases.append(p)
    return phrases
