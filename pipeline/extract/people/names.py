"""Stage 1, names and mentions: PER spans -> persons with their mentions.

Takes the NER's PER spans (``per_spans``) and a ``Ctx``; gives ``PersonInfo`` records and fills
``ctx.mention_at`` (token -> ``Mention``). Cleans each span (academic titles -> ``title``, role words the
NER swallowed), groups names into persons ('Erik Bohling' joins 'Jan Erik Bohling'), then resolves
surname-only mentions ('sagt Goebel') and age anaphora ('der 41-Jährige').
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...model import Article
from ...settings import DATA_DIR
from ...ner.lexicons import load as ner_lexicons
from ..roles import _is_place_name, context, given_name_gender, is_modifier
from .context import MAX_NAME_TOKENS, PER_LABELS, Ctx, Mention, PersonInfo


def _title_regex():


    """(title run at the end, title run at the start) regexes over the academic titles of roles_context.csv."""
    titles = sorted(context().kind("title"), key=len, reverse=True)
    alt = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?:(?:{alt})\s*)+$"), re.compile(rf"^(?:(?:{alt})\s*)+")


def per_spans(article: Article) -> list[tuple[int, int]]:


    """Character ranges of the NER's PER entities, neighbours joined when the NER split a name."""
    doc = article.doc
    if doc is None:
        return []
    spans = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in PER_LABELS)
    merged: list[tuple[int, int]] = []
    for s, e in spans:                                 # 'Jan' + 'Erik Bohling' split by the NER
        if merged and article.text[merged[-1][1]:s] == " " and " " not in article.text[merged[-1][0]:merged[-1][1]]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def clean_span(ctx: Ctx, start: int, end: int) -> tuple[int, int, str] | None:
    """Trim a PER span to the name: drop titles (returned), role words, articles, punctuation."""
    title_end_re, title_start_re = _title_regex()
    text = ctx.text
    seg = text[start:end]
    title = ""
    m = title_start_re.match(seg)
    if m:
        title = m.group().strip()
        start += m.end()
    i, j = ctx.tok_range(start, end)
    while i < j:
        w = ctx.words[i]
        if (not w[0].isalpha() or not w[0].isupper() or ctx.vocab.analyse(w) or is_modifier(w)
                or w in ctx.cx.kind("honorific") or ctx.is_det(i)
                or (i + 1 < j and ctx.words[i + 1] == "." and len(w) <= 4)):
            i += 1
            continue
        break
    while j > i and not ctx.words[j - 1][0].isalnum():
        j -= 1
    j = _strip_trailing_role(ctx, i, j)
    j = _strip_after_surname(ctx, i, j)
    if i >= j or j - i > MAX_NAME_TOKENS or _plural_role_end(ctx, j):
        return None
    for k in range(i, j):
        w = ctx.words[k]
        if w == "." and i < k < j - 1 and re.fullmatch(r"[A-ZÄÖÜ]", ctx.words[k - 1]):
            continue                                   # middle initial 'Martin K. Obermann'
        if any(ch.isdigit() for ch in w) or (not w[0].isupper() and w not in ("von", "van", "de", "der", "zu",
                                                                               "vom", "den", "di", "da", "la")):
            return None
    s, e = ctx.toks[i].start, ctx.toks[j - 1].end
    before = title_end_re.search(text[max(0, s - 40):s])
    if before:
        title = (before.group().strip() + " " + title).strip() if not title else title
    return s, e, title


def _plural_role_end(ctx: Ctx, j: int) -> bool:
    """The span ends in a plural role form ('Xer Gemeinderäte'): a group of people, no name."""
    rw = ctx.vocab.analyse(ctx.words[j - 1])
    return rw is not None and rw.number == "pl"


def _strip_trailing_role(ctx: Ctx, i: int, j: int) -> int:
    """End of the name in tokens [i, j) without a role the NER glued on after it ('ist Anna X
    Bürgermeisterin der Stadt Y', 'ist Anna X Chief Digital Officer'). At least two name tokens stay, and
    the last of them is no given name: a surname that is also a role word ('Hans Peter Richter') keeps it."""
    given = given_name_gender()
    for k in range(i + 2, j):
        w = ctx.words[k]
        fixed = any((fx := ctx.vocab.analyse_fixed(ctx.words, t)) is not None and fx[1] == k
                    for t in range(k + 1, min(k + 5, len(ctx.words))))
        if (fixed or ctx.vocab.analyse(w)) and ctx.words[k - 1] not in given:
            return k
    return j


NAME_PARTICLES = ("von", "van", "de", "der", "zu", "vom", "di", "da", "la")


def _strip_after_surname(ctx: Ctx, i: int, j: int) -> int:
    """End of a name 'Given Surname X...' after its surname: a given name followed by a word that is no
    given name, no particle and no initial ends the name there ('Anna Fiktiv Förderbescheide', 'Anna Fiktiv
    Müller' with another person's surname, 'Jan Fiktiv von den Grünen'). Double given names ('Franz
    Josef X') and particles ('Konstantin von X') keep the whole name."""
    if j - i < 3:
        return j
    given = given_name_gender()
    first, second = ctx.words[i], ctx.words[i + 1]
    if ctx.words[i + 2] in NAME_PARTICLES and ctx.word(i + 3) != "den":
        return j                                       # 'Eva Muster von der Leyen'; not 'X von den Grünen'
    if first in given and second not in given and len(second) > 1 and second[0].isupper() \
            and ctx.word(i + 2) != "." and "-" not in first:
        return i + 2
    return j


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """German and English function words (``stopwords_de.txt``, ``stopwords_en.txt``), casefolded."""
    out: set[str] = set()
    for lang in ("de", "en"):
        path = DATA_DIR / f"stopwords_{lang}.txt"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.startswith("#"):
                    out.update(w.casefold() for w in line.split())
    return frozenset(out)


# Noun suffixes: a capitalised word ending so after a given name is a noun, not the surname.
NOUN_SUFFIX = re.compile(r"(ung|heit|keit|schaft|tion|ität|ismus|ment|ei|nis|tum)(en|s)?$")


def extend_given_name(ctx: Ctx, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A PER span that is a lone known given name followed by a capitalised word that is no ordinary
    word (the NER's lists), no role, no noun by its suffix and no name particle takes that word as its
    surname ('Frau Michaela' + 'Zehnter'). Function words never ('Ellen Neben'), but a stop word that looks
    like an ordinal is a surname there ('Zehnter', not 'zehnter'). Takes and gives (start, end, title)."""
    s, e, title = span
    i, j = ctx.tok_range(s, e)
    if j - i != 1 or ctx.words[i] not in given_name_gender() or ctx.gap_has_break(j) or not ctx.is_cap(j) \
            or ctx.words[i].casefold() in function_words():
        return span                                    # 'The' is a given name too
    w, lex = ctx.word(j), ner_lexicons()
    low = w.casefold()
    ordinary = w in lex.common_caps or w in lex.common_nouns or w in lex.common_words or w in lex.roles or \
        low in function_words() or (low in lex.stop_words and not low.endswith("ter"))   # 'Neben'; not 'Zehnter'

    if ordinary or ctx.vocab.analyse(w) or NOUN_SUFFIX.search(w) or w in given_name_gender() \
            or not w.isalpha() and "-" not in w:
        return span
    return s, ctx.toks[j].end, title


def _surname_like(ctx: Ctx, k: int) -> bool:
    """Token k could be a surname: a capitalised word (hyphens allowed) that is no ordinary word of the
    NER's lists, no function word, no role or role adjective ('Erster'), no given name, no noun by its suffix or compound head, no place of the gazetteer
    and no part of the article's places or organisations."""
    w, lex = ctx.word(k), ner_lexicons()
    if not ctx.is_cap(k) or not w.replace("-", "").isalpha() or len(w) < 3 or w.isupper() or \
            w in lex.common_caps or w in lex.common_nouns or w in lex.common_words or w in lex.roles or \
            w in given_name_gender() or ctx.vocab.analyse(w) or NOUN_SUFFIX.search(w) or _is_place_name(w) or \
            w.casefold() in lex.stop_words or w.casefold() in function_words() or is_modifier(w):
        return False
    if any(w[t:].capitalize() in lex.common_nouns for t in range(1, len(w) - 4)):   # heads of 5+ letters: not -mann
        return False                                   # a compound on a common noun ('Projektgruppe')
    start = ctx.toks[k].start
    return not any(a <= start < b for p in ctx.places for a, b in p.spans) and \
        not any(a <= start < b for o in ctx.orgs for a, b in (o.spans or []))


def role_anchored_names(ctx: Ctx, cleaned: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names the NER missed next to a role: a singular role word right before a surname-like word that
    ends the name ('Verbandsgeschäftsführer Kruse begrüßte', 'Landrat Franz Kruse sagte'), and a known given
    name with a surname-like word before ', <role>' ('Christoph Kruse, Präsident des ...'). Gives new
    (start, end, title) spans outside the NER's."""
    covered = {k for s, e, _ in cleaned for k in range(*ctx.tok_range(s, e))}
    given = given_name_gender()
    out = []
    for i, w in enumerate(ctx.words):
        rw = ctx.vocab.analyse(w) if ctx.is_cap(i) else None
        if rw is not None and rw.number != "pl" and not ctx.gap_has_break(i + 1):
            j = i + 1 + (ctx.word(i + 1) in given)
            if not any(k in covered for k in range(i + 1, j + 1)) and _surname_like(ctx, j) \
                    and not ctx.is_cap(j + 1) and not ctx.gap_has_break(j):
                out.append((ctx.toks[i + 1].start, ctx.toks[j].end, ""))
                covered.update(range(i + 1, j + 1))
        if w in given and i not in covered and i + 1 not in covered and _surname_like(ctx, i + 1) \
                and ctx.word(i + 2) == "," and ctx.vocab.analyse(ctx.word(i + 3)) and not ctx.is_cap(i - 1):
            out.append((ctx.toks[i].start, ctx.toks[i + 1].end, ""))
            covered.update((i, i + 1))
    return out


def _name_key(name: str) -> str:


    """A name with its whitespace normalised."""
    return re.sub(r"\s+", " ", name).strip()


def person_mentions(ctx: Ctx, spans: list[tuple[int, int]]) -> list[PersonInfo]:
    """Group PER spans (character ranges) into persons and add surname-only and anaphoric mentions.
    Gives the persons; fills ``ctx.mention_at`` (token -> mention)."""
    cleaned = [extend_given_name(ctx, c) for s, e in sorted(set(spans)) if (c := clean_span(ctx, s, e))]
    cleaned = sorted(cleaned + role_anchored_names(ctx, cleaned))
    persons, by_name = group_full_names(ctx, cleaned)
    surname: dict[str, set[int]] = {}
    for name, pid in by_name.items():
        surname.setdefault(persons[pid].name.split()[-1], set()).add(pid)
    mentions = span_mentions(ctx, cleaned, persons, by_name, surname)
    mentions.extend(surname_mentions(ctx, mentions, persons, surname))
    mentions.sort(key=lambda m: m.start)
    mentions.extend(anaphor_mentions(ctx, mentions))
    mentions.sort(key=lambda m: m.start)
    register_mentions(ctx, persons, mentions)
    return persons


def group_full_names(ctx: Ctx, cleaned: list[tuple[int, int, str]]) -> tuple[list[PersonInfo], dict[str, int]]:
    """Persons from the names of two or more words, longest first: 'Erik Bohling' joins 'Jan Erik Bohling',
    the genitive 'Dennis Weilmanns' joins 'Dennis Weilmann'. Gives (persons, name -> person id)."""
    persons: list[PersonInfo] = []
    by_name: dict[str, int] = {}
    full = sorted({_name_key(ctx.text[s:e]) for s, e, _ in cleaned if len(_name_key(ctx.text[s:e]).split()) > 1},
                  key=lambda n: -len(n.split()))
    counts = Counter(_name_key(ctx.text[s:e]) for s, e, _ in cleaned)
    given = given_name_gender()                         # a known given name names a misspelt pair on a tie
    for name in sorted(full, key=lambda n: (-len(n.split()), n.endswith("s"), -counts[n], n.split()[0] not in given)):
        toks = name.split()
        target = next((pid for other, pid in by_name.items() if misspelt_variant(other, name)), None)
        if name.endswith("s") and name[:-1] in by_name:        # genitive 'Dennis Weilmanns'
            target = by_name[name[:-1]]
        for other, pid in by_name.items():      # 'Erik Bohling' joins 'Jan Erik Bohling'
            ot = other.split()
            if target is None and len(ot) > len(toks) and ot[-len(toks):] == toks:
                target = pid
                break
        if target is None:
            by_name[name] = len(persons)
            persons.append(PersonInfo(name))
        else:
            by_name[name] = target
    return persons, by_name


def misspelt_variant(a: str, b: str) -> bool:
    """'Holger X' / 'Holkger X': same surname and word count, given names of at least 4 letters one edit
    apart (insertion, deletion or substitution), not both known given names."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or ta[1:] != tb[1:] or ta[0] == tb[0] or min(len(ta[0]), len(tb[0])) < 4:
        return False
    given = given_name_gender()
    if ta[0] in given and tb[0] in given:
        return False                                   # 'Lena X' and 'Lina X': two real given names
    x, y = sorted((ta[0], tb[0]), key=len)
    if len(y) - len(x) > 1:
        return False
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y)) == 1
    return any(y[:k] + y[k + 1:] == x for k in range(len(y)))


def resolve_surname(surname: dict[str, set[int]], w: str) -> int | None:
    """The one person whose surname is ``w`` (or its genitive 'Goebels'); None when none or several."""
    for cand in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None):
        if cand and len(surname.get(cand, ())) == 1:
            return next(iter(surname[cand]))
    return None


def span_mentions(ctx: Ctx, cleaned: list[tuple[int, int, str]], persons: list[PersonInfo],
                  by_name: dict[str, int], surname: dict[str, set[int]]) -> list[Mention]:
    """One mention per cleaned PER span: a full name, a known surname, or a new one-word person
    (added to ``persons``, ``by_name`` and ``surname``). The mention's token range starts at its title."""
    title_full = re.compile(_title_regex()[1].pattern + "$")
    mentions: list[Mention] = []
    for s, e, title in cleaned:
        name = _name_key(ctx.text[s:e])
        i, j = ctx.tok_range(s, e)
        ti = i
        for back in range(1, 8 if title else 0):
            if i - back < 0:
                break
            if title_full.fullmatch(ctx.text[ctx.toks[i - back].start:s].strip()):
                ti = i - back
        if name in by_name:
            mentions.append(Mention(s, e, ti, j, by_name[name], "full", title))
            continue
        pid = resolve_surname(surname, name)
        if pid is None:
            pid = len(persons)
            persons.append(PersonInfo(name))
            by_name[name] = pid
            surname.setdefault(name, set()).add(pid)
        mentions.append(Mention(s, e, ti, j, pid, "single" if persons[pid].name == name else "surname", title))
    return mentions


def surname_mentions(ctx: Ctx, mentions: list[Mention], persons: list[PersonInfo],
                     surname: dict[str, set[int]]) -> list[Mention]:
    """Surname-only mentions the NER missed ('sagte Goebel'): a capitalised non-role word outside the
    mentions that is the surname of exactly one full-named person, and no given name stands next to it."""
    covered = {k for m in mentions for k in range(m.tok0, m.tok1)}
    given = given_name_gender()
    out = []
    for i, w in enumerate(ctx.words):
        if i in covered or not ctx.is_cap(i) or ctx.vocab.analyse(w):
            continue
        pid = resolve_surname(surname, w)
        if pid is None or len(persons[pid].name.split()) < 2:
            continue
        if ctx.is_cap(i - 1) and ctx.word(i - 1) in given and (i - 1) not in covered:
            continue                                   # another person with this surname
        if ctx.word(i + 1) and ctx.is_cap(i + 1) and (i + 1) not in covered and ctx.word(i + 1) in given:
            continue
        t = ctx.toks[i]
        out.append(Mention(t.start, t.end, i, i + 1, pid, "surname"))
        covered.add(i)
    return out


def anaphor_mentions(ctx: Ctx, mentions: list[Mention]) -> list[Mention]:
    """'der 41-Jährige' -> a mention of the last person named before it (``mentions`` sorted by start)."""
    covered = {k for m in mentions for k in range(m.tok0, m.tok1)}
    out = []
    for i, w in enumerate(ctx.words):
        low = w.casefold()
        if re.fullmatch(r"\d{1,3}-jährige[rn]?", low) and ctx.word(i - 1).casefold() in ("der", "die") \
                and not (i + 1) in covered:
            prev = [m for m in mentions + out if m.end <= ctx.toks[i].start and m.kind != "anaphor"]
            if prev:
                t0 = ctx.toks[i - 1]
                out.append(Mention(t0.start, ctx.toks[i].end, i - 1, i + 1, prev[-1].pid, "anaphor"))
    return out


def register_mentions(ctx: Ctx, persons: list[PersonInfo], mentions: list[Mention]) -> None:
    """Give each person its mentions (and the first title, an honorific before a name); fill
    ``ctx.mention_at``."""
    for m in mentions:
        persons[m.pid].mentions.append(m)
        if m.title and not persons[m.pid].title:
            persons[m.pid].title = m.title
        for k in range(m.tok0, m.tok1):
            ctx.mention_at[k] = m
        if m.tok0 > 0 and ctx.word(m.tok0 - 1) in ctx.cx.kind("honorific"):
            persons[m.pid].honorific = True
