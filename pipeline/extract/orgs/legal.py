"""Step 3: names ending in a legal form ('... GmbH', '... AG', '... e.V.', 'eG', 'AöR', 'SE').

``find_legal_forms(scan)`` takes a ``Scan`` and gives one ``Mention`` (source
'legal') per legal form: the capitalised words (up to five, digits, '-' and
'&' included) before it, without a leading determiner.
"""
from __future__ import annotations

from ...language import stopwords
from .lexicon import ADJ, DETERMINERS, GENERIC, LEGAL
from .apposition import class_noun
from .names import Mention
from .scan import Scan


FEMININE_ENDINGS = ("ung", "heit", "keit", "schaft", "ion", "tät", "ei", "ik")


def _feminine_nominative(sc: Scan, k: int, name: str) -> str:
    """'der Kommunalen Datenverarbeitung X GmbH' -> 'Kommunale Datenverarbeitung X GmbH': after 'der' /
    'einer', adjectives in -en before a noun with a feminine suffix (-ung, -heit, -keit, -schaft, -ion,
    -tät, -ei, -ik) are genitive/dative feminine; the nominative ends in -e."""
    words = sc.words
    if k == 0 or words[k - 1] not in ("der", "einer"):
        return name
    j = k
    while j < sc.n and ADJ.match(words[j]) and words[j].endswith("en"):
        j += 1
    if j == k or j >= sc.n or not words[j].casefold().endswith(FEMININE_ENDINGS):
        return name
    out = name
    for w in words[k:j]:
        out = out.replace(w, w[:-1], 1)
    return out


def _camel(w: str) -> bool:
    """A word opening in lower case with a capital inside ('xT', 'eGo'): a brand spelling, part of a name."""
    return w[:1].islower() and any(c.isupper() for c in w[1:]) and w.isalnum()


def _plain_lower(w: str) -> bool:
    """A lower-case word without capitals: where a name taken in by ``_lower_before_camel`` starts."""
    return w.isalpha() and w.islower()


def _lower_before_camel(words: list[str], k: int) -> bool:
    """A lower-case word right before a camel-case word ('wahl xT GmbH'), not a function word: the name's start."""
    return k + 1 < len(words) and _camel(words[k + 1]) and words[k].isalpha() and words[k].islower() \
        and words[k] not in stopwords().get("de", frozenset())


def _body_noun(sc: Scan, k: int) -> bool:
    """Token k names a kind of body ('Verlag', 'Gesellschaft', 'Institut'): a class noun or an org head, so
    a 'für' after it is inside the name ('Verlag für X GmbH'), not 'Software für X GmbH'."""
    return sc.cap(k) and (class_noun(sc.words[k]) or sc.lx.head_of(sc.words[k]) is not None)


def find_legal_forms(sc: Scan) -> list[Mention]:
    """Mentions of 'Name <legal form>', left to right."""
    words, toks, n = sc.words, sc.toks, sc.n
    out: list[Mention] = []
    for i in range(1, n):
        if words[i] not in LEGAL and not (words[i] == "e" and i + 3 < n and words[i + 1:i + 4] == [".", "V", "."]):
            continue
        k = i
        while k > 0 and (sc.cap(k - 1) or words[k - 1] in ("-", "&") or words[k - 1][:1].isdigit()
                         or (words[k - 1] == "für" and k >= 2 and sc.cap(k) and _body_noun(sc, k - 2))
                         or (words[k] == "-" and sc.glued(k - 1, k) and words[k - 1].isalnum())
                         or _camel(words[k - 1]) or _lower_before_camel(words, k - 1)) \
                and words[k - 1] not in GENERIC and i - k < 5 and not (k < i and _plain_lower(words[k]) and words[k] != "für"):
            k -= 1                                          # 'net-Com AG': a lower-case compound start too;
                                                            # 'Verlag für Beispielwesen GmbH': over 'für'
        while k < i and (words[k] in ("-", "&") or words[k].casefold() in DETERMINERS
                         or (words[k][:1].isupper() and words[k].casefold() in stopwords().get("de", frozenset()))
                             or (class_noun(words[k]) and sc.cap(k + 1))):
            k += 1                                          # 'die Fachfirma Muster GmbH' -> 'Muster GmbH';
                                                            # 'Auch Muster AG' (a sentence start) -> 'Muster AG'
        if k == i:
            continue
        e = toks[i][1] if words[i] != "e" else toks[i + 3][1]
        name = _feminine_nominative(sc, k, sc.text[toks[k][0]:e])
        out.append(Mention(toks[k][0], e, name, sc.lx.canonical_of(name), source="legal"))
    return out


def _legal_after(sc: Scan, j: int) -> int:
    """Index after a legal form starting at token j ('GmbH', 'e.V.' as four tokens); j when none."""
    words = sc.words
    if j < sc.n and words[j] in LEGAL:
        return j + 1
    if j + 3 < sc.n and words[j:j + 4] == ["e", ".", "V", "."]:
        return j + 4
    return j


def extend_legal(sc: Scan, mentions: list[Mention]) -> list[Mention]:
    """Mentions with the legal form written right after them taken into the name: the catalogued 'Verband
    der X' before 'e.V.', 'Beispiel IT' before 'GmbH' (the name as written; the taxonomy row stays)."""
    ends = {e: k for k, (_, e, _) in enumerate(sc.toks)}
    for m in mentions:
        k = ends.get(m.end)
        if not m.name or m.glued or m.short or k is None or m.name.split(" ")[-1] in LEGAL:
            continue
        b = _legal_after(sc, k + 1)
        if b > k + 1 and sc.toks[k][1] < sc.toks[k + 1][0]:
            m.end = sc.toks[b - 1][1]
            m.name = m.name + " " + sc.text[sc.toks[k + 1][0]:m.end]
    return mentions
