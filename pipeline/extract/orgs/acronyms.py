"""Step 5: acronyms the text defines, and their later uses.

``apply_acronyms(scan, mentions)`` takes the ``Scan`` and the mentions of
steps 1-4 and gives (mentions, acronym map): 'Langform (KURZ)' gives the long
form (a mention just before the bracket, or one read backwards to an org head)
its acronym; 'KURZ (Langform)' makes the short form a mention when the
initials match and a head noun is involved; each later use of a defined short
form is a short mention of the long form ('NKR' -> Nationaler
Normenkontrollrat). A definition makes an organisation only when the long form
is one: 'Onlinezugangsgesetz (OZG)' is not.
"""
from __future__ import annotations

import re

from .lexicon import ACRONYM, ADJ, QUOTES, Lexicon
from .names import Mention, _nom_range
from .scan import Scan
from ...gazetteer import get_gazetteer
from .words import _initials_match, _is_role_word


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
    if start is None or _is_role_word(acr) or any(w in get_gazetteer().given_names for w in words[start:i]):
        return None         # '(CIO)' is a role; 'Staatskanzlei von Ministerpräsident X (CDU)' runs into a person
    while start > 0 and ADJ.match(words[start - 1]):
        start -= 1
    name = _nom_range(start, i, toks, lx)     # the head in the nominative, complements as written
    return Mention(toks[start][0], toks[i - 1][1], name, lx.canonical_of(name), acr, source="acronym-long")


def _is_short_form(inner: str) -> bool:
    """The bracket holds a short form ('NKR', 'IT.NRW', 'KDO SH' in capitals)."""
    return bool(ACRONYM.match(inner.replace(" ", "")) and " " not in inner.strip()
                or re.fullmatch(r"[A-Z][\w-]* [A-Z][\w-]*", inner) and inner.isupper())


def _long_then_short(sc: Scan, i: int, inner: str, mentions: list[Mention]) -> Mention | None:
    """'Langform (KURZ)' with '(' at token i: the longest named mention ending right before the bracket
    (or one read backwards, appended to ``mentions``), given the acronym; None when there is none."""
    p0 = sc.toks[i][0]
    text = sc.text
    before = [m for m in mentions if m.end <= p0 and p0 - m.end <= 4 and not text[m.end:p0].strip() and m.name]
    long_m = max(before, key=lambda m: m.end - m.start) if before else None
    if long_m is None:
        long_m = _long_form_backwards(i, sc.toks, sc.words, text, sc.lx, inner)
        if long_m:
            mentions.append(long_m)
    if long_m:
        long_m.acronym = long_m.acronym or inner
    return long_m


def _short_then_long(sc: Scan, i: int, close: int) -> Mention | None:
    """'KURZ (Langform)' with '(' at token i and ')' at ``close``: the short form before the bracket as a
    mention when the long form's initials are in it and a head noun is involved ('Konsens-Verbund
    (Koordinierte neue Software-Entwicklung der Steuerverwaltung)'); else None."""
    words, toks, glued = sc.words, sc.toks, sc.glued
    j = i - 1
    st = j
    while st >= 2 and words[st - 1] == "-" and glued(st - 1, st) and glued(st - 2, st - 1):
        st -= 2
    short = sc.text[toks[st][0]:toks[j][1]]
    long_words = [w for w in words[i + 1:close] if w[:1].isalpha()]
    if _initials_match(short, long_words) and (sc.lx.head_of(words[j]) or any(sc.lx.head_of(w) for w in long_words)):
        return Mention(toks[st][0], toks[j][1], short, sc.lx.canonical_of(short), source="acronym-def")
    return None


def _named_inside(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The longest named mention filling the bracket text between ``start`` and ``end`` (spaces aside)."""
    inside = [m for m in mentions if m.name and start <= m.start and m.end <= end and (m.end - m.start) >= (end - start) - 2]
    return max(inside, key=lambda m: m.end - m.start) if inside else None


def _definitions(sc: Scan, mentions: list[Mention]) -> tuple[list[Mention], dict[str, Mention], set[int]]:
    """Read every bracket: (mentions with the definitions' mentions added, short form -> long form
    mention, token indices of short forms inside their own definition)."""
    words, toks, n = sc.words, sc.toks, sc.n
    acr_map: dict[str, Mention] = {}
    def_at: set[int] = set()
    for i in range(1, n - 2):
        if words[i] != "(":
            continue
        close = next((k for k in range(i + 1, min(n, i + 14)) if words[k] == ")"), None)
        if close is None:
            continue
        inner = sc.text[toks[i][1]:toks[close][0]].strip()
        if _is_short_form(inner):
            long_m = _long_then_short(sc, i, inner, mentions)
            if long_m:
                acr_map[inner] = long_m
                def_at.add(i + 1)
        elif close - i >= 3 and sc.cap(i + 1):
            m = _short_then_long(sc, i, close)
            inner_m = _named_inside(mentions, toks[i][1], toks[close][0])
            if m is not None and inner_m is not None and ACRONYM.match(m.name) and m.name.isupper():
                inner_m.acronym = inner_m.acronym or m.name      # 'HZD (Hessische Zentrale für X)': the
                acr_map[m.name] = inner_m                        # bracket names the organisation itself
                def_at.add(i - 1)
            elif m is not None:
                mentions = [x for x in mentions if not (x.start >= m.start and x.end <= m.end and x.source == "bare")]
                mentions.append(m)
    _stands_for(sc, mentions, acr_map, def_at)
    _comma_apposition(sc, mentions, acr_map, def_at)
    return mentions, acr_map, def_at


def _quoted_after(sc: Scan, j: int) -> int | None:
    """Index of the closing quote when token j opens a quotation of at most 12 tokens, else None."""
    if j >= sc.n or sc.words[j] not in QUOTES:
        return None
    return next((k for k in range(j + 2, min(sc.n, j + 14)) if sc.words[k] in QUOTES), None)


def _stands_for(sc: Scan, mentions: list[Mention], acr_map: dict[str, Mention], def_at: set[int]) -> None:
    """'KURZ steht für „Langform“' and its elliptic continuation ', KURZ2 für „Langform2“': the quoted long
    form, when its initials are in the short form, is an organisation with that acronym (a mention
    appended to ``mentions``, the short form added to ``acr_map``)."""
    words, toks = sc.words, sc.toks
    for i in range(1, sc.n - 3):
        if words[i] != "für":
            continue
        a = i - 2 if words[i - 1] == "steht" else i - 1
        if a < 0 or not ACRONYM.match(words[a]) or words[a] in acr_map or _is_role_word(words[a]):
            continue
        close = _quoted_after(sc, i + 1)
        if close is None:
            continue
        long_words = [w for w in words[i + 2:close] if w[:1].isalpha()]
        if not long_words or not all(w[:1].isupper() for w in long_words) or not _initials_match(words[a], long_words):
            continue
        s, e = toks[i + 2][0], toks[close - 1][1]
        name = sc.text[s:e]
        m = Mention(s, e, name, sc.lx.canonical_of(name), words[a], source="acronym-long")
        mentions.append(m)
        acr_map[words[a]] = m
        def_at.add(a)


def _comma_apposition(sc: Scan, mentions: list[Mention], acr_map: dict[str, Mention], def_at: set[int]) -> None:
    """'der Kommunalen Datenzentrale Nord, KDN.': an upper-case short form after a comma right behind a
    named mention whose initials it holds is that organisation's acronym."""
    words, toks = sc.words, sc.toks
    for i in range(2, sc.n):
        w = words[i]
        if words[i - 1] != "," or w in acr_map or not (w.isupper() and ACRONYM.match(w)) or _is_role_word(w):
            continue
        comma = toks[i - 1][0]
        before = [m for m in mentions if m.name and m.end == comma and not m.short]
        if not before:
            continue
        long_m = max(before, key=lambda m: m.end - m.start)
        if not _initials_match(w, [x for x in long_m.name.split() if x[:1].isalpha()]):
            continue
        long_m.acronym = long_m.acronym or w
        acr_map[w] = long_m
        def_at.add(i)


def _later_uses(sc: Scan, mentions: list[Mention], acr_map: dict[str, Mention], def_at: set[int]) -> None:
    """Append a short mention for each use of a defined short form outside its definition and outside
    a catalogued name."""
    toks = sc.toks
    for i, w in enumerate(sc.words):
        if w in acr_map and i not in def_at and not (toks[i][0] >= acr_map[w].start and toks[i][1] <= acr_map[w].end):
            if any(m.start <= toks[i][0] < m.end and m.source == "taxonomy" for m in mentions):
                continue
            mentions.append(Mention(toks[i][0], toks[i][1], w, acr_map[w].tax, w, short=True,
                                    glued=sc.hyphen_glued(i, 1), source="acronym"))


def apply_acronyms(sc: Scan, mentions: list[Mention]) -> tuple[list[Mention], dict[str, Mention]]:
    """All mentions after reading acronym definitions and uses, and the acronym map. A defined short
    form is the long form's mention, also where the NER tagged it as a name of its own ('Zweckverband
    Kommunale IT-Union (KITU) ... die KITU': one organisation, not two)."""
    mentions, acr_map, def_at = _definitions(sc, mentions)
    _later_uses(sc, mentions, acr_map, def_at)
    acr_spans = {(m.start, m.end) for m in mentions if m.source == "acronym"}
    def_starts = {sc.toks[k][0] for k in def_at}
    mentions = [m for m in mentions if not (m.short and m.start in def_starts)
                and not (m.source == "ner" and m.tax is None and m.name in acr_map
                         and ((m.start, m.end) in acr_spans or m.start in def_starts))]
    return mentions, acr_map
