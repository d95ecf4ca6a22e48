"""Small pure text helpers for German, reusable by every extractor.

Nothing here needs spaCy or a model; all functions are pure.

* ``fold(s)``            -- the one normalisation for matching words: NFC, soft
                            hyphens removed, casefolded, umlauts/ß transliterated
                            (``Fachkräfte`` and ``Fachkraefte`` fold alike).
* ``word_tokens(text)``  -- word tokens with offsets into ``text``; a hyphenated
                            compound (``OZG-Umsetzung``) is one token that also
                            knows its parts; lemmas from a spaCy Doc
                            (``doc_lemmas``) are added when the model sets them.
* ``inflects(w, base)``  -- lemma-ish test: is folded ``w`` ``base`` plus a German
                            inflection ending (``Gesetzes`` -> ``gesetz``)?
* ``inflects_plural``    -- the same for umlaut plurals (``Bauanträge`` -> ``bauantrag``)
* ``strip_linking(s)``   -- drop a leading linking element (Fugen-s) of a
                            compound remainder (``sverfahren`` -> ``verfahren``).
* ``Pattern`` / ``compile_pattern`` / ``find_matches`` -- a tiny term matcher
                            over ``word_tokens`` used by the topic and service
                            extractors; its syntax is described in
                            ``compile_pattern``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "\u00ad": None})
_HYPHENS = "-\u2010\u2011\u2012\u2013"  # hyphen, hyphen, non-breaking hyphen, figure dash, en dash

# German inflection endings (nouns and adjectives) accepted by ``inflects``; a
# plural with umlaut (Zuschuss/Zuschüsse) is not covered and must be listed.
INFLECTION_ENDINGS = ("", "e", "n", "en", "er", "es", "em", "s", "ns", "ens", "nen")

# Linking elements (Fugenelemente) that may sit between two parts of a compound.
LINKING = ("es", "s", "en", "n", "e")

# A word: letters/digits, inner hyphens and dots kept ("OZG-Umsetzung",
# "Komm.ONE"), a trailing hyphen kept as part of an elliptic compound
# ("Gesetzes- und Verordnungsentwürfe").
_WORD = re.compile(r"\w+(?:[\-\u2010\u2011.]\w+)*[\-\u2010\u2011]?", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]")


def fold(s: str) -> str:
    """Casefolded, NFC, soft hyphens removed, ä/ö/ü/ß transliterated."""
    return unicodedata.normalize("NFC", s).casefold().translate(_TRANSLIT)


_HYPHEN_OR_DOT = re.compile(rf"[{_HYPHENS}.]")
_HYPHEN = re.compile(rf"[{_HYPHENS}]")


def dehyphen(s: str) -> str:
    """``s`` without hyphens and dots (``e-akte`` -> ``eakte``)."""
    return _HYPHEN_OR_DOT.sub("", s)


def split_hyphen(word: str) -> list[str]:
    """Parts of a hyphenated compound: ``Bund-Länder-Gremium`` -> 3 parts."""
    return [p for p in _HYPHEN.split(word) if p]


def inflects(word: str, base: str) -> bool:
    """True when folded ``word`` is folded ``base`` plus an inflection ending."""
    if not word.startswith(base):
        return False
    return word[len(base):] in INFLECTION_ENDINGS


_LAST_VOWEL = re.compile(r"(au|a|o|u)([^aeiou]*)$")
UMLAUT_PLURAL_ENDINGS = ("e", "en", "er", "ern")


def umlaut_stem(base: str) -> str:
    """Folded stem of an umlaut plural: ``bauantrag`` -> ``bauantraeg``
    (Bauanträge), ``zuschuss`` -> ``zuschuess``; '' when there is no a/o/u."""
    m = _LAST_VOWEL.search(base)
    if not m:
        return ""
    return base[:m.start()] + {"au": "aeu", "a": "ae", "o": "oe", "u": "ue"}[m[1]] + m[2]


def inflects_plural(word: str, base: str, stem: str | None = None) -> bool:
    """True when ``word`` is the umlaut plural of ``base`` (Bauanträge, Zuschüssen)."""
    stem = umlaut_stem(base) if stem is None else stem
    return bool(stem) and word.startswith(stem) and word[len(stem):] in UMLAUT_PLURAL_ENDINGS


def strip_linking(rest: str) -> list[str]:
    """Possible remainders of a compound after its first part, with and without
    a linking element: ``sverfahren`` -> ``['sverfahren', 'verfahren']``."""
    out = [rest]
    for link in LINKING:
        if rest.startswith(link) and len(rest) > len(link) + 2:
            out.append(rest[len(link):])
    return out


class Token(NamedTuple):
    # A named tuple rather than a frozen dataclass: made for every word of every document, and
    # a tuple is created about 3x faster (0.24 vs 0.72 us); word_tokens on 281 documents (60 real
    # pages, dev, 200 generated) 1.85 -> 1.42 ms per document (CPU).
    text: str            # as written
    start: int
    end: int
    norm: str            # folded, hyphens/dots removed: the whole compound
    parts: tuple[str, ...]  # folded hyphen parts (just (norm,) for a plain word)
    clause: int          # index of the clause (split at . ! ? ; : and newlines)
    forms: tuple[str, ...] = ()  # what patterns test: norm, hyphen parts, lemma


# Folded forms of a word as written, memoised per process: a word's norm, hyphen parts and
# forms depend only on the word itself (and its lemma), and a news corpus repeats its words
# (Zipf). With the one-scan clause breaks below and the NamedTuple Token, ``word_tokens`` takes
# 1.99 instead of 3.58 ms per document on 150 real pages (textdump) and 0.76 instead of 1.32 on
# 300 generated documents (CPU, best of 3).
_WORD_FORMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
_LEMMA_FORMS: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {}
# Entries per memo; a memo is emptied when full, so memory stays flat on any corpus size: on 2,000
# generated documents (100k distinct words) the word/token memos of text, topics and services
# grew the process by 95 MB with 500,000 entries, by 20 MB with 20,000 and by 6 MB with 5,000, at
# 2.00, 2.25 and 2.35 ms per document (tokens + topics + services, CPU); 10,000: 10 MB, 2.21 ms.
# Frequent words come back at once.
MEMO_MAX = 10_000
# One scan finds words and clause breaks (instead of a clause-break search between every two words).
_WORD_OR_BREAK = re.compile(rf"({_WORD.pattern})|{_CLAUSE_BREAK.pattern}", re.UNICODE)


def _word_forms(w: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    hit = _WORD_FORMS.get(w)
    if hit is None:
        f = fold(w.rstrip(_HYPHENS))
        norm = dehyphen(f)
        parts = tuple(dehyphen(p) for p in split_hyphen(f)) or (norm,)
        hit = (norm, parts, (norm,) + (parts if len(parts) > 1 else ()))
        if len(_WORD_FORMS) >= MEMO_MAX:
            _WORD_FORMS.clear()
        _WORD_FORMS[w] = hit
    return hit


def _with_lemma(forms: tuple[str, ...], lemma: str) -> tuple[str, ...]:
    key = (forms, lemma)
    hit = _LEMMA_FORMS.get(key)
    if hit is None:
        lf = dehyphen(fold(lemma))
        hit = forms + (lf,) if lf and lf not in forms else forms
        if len(_LEMMA_FORMS) >= MEMO_MAX:
            _LEMMA_FORMS.clear()
        _LEMMA_FORMS[key] = hit
    return hit


def word_tokens(text: str, lemmas: dict[int, str] | None = None) -> list[Token]:
    """Word tokens of ``text`` with character offsets (``text[t.start:t.end] == t.text``).
    ``lemmas`` (start offset -> lemma, e.g. from a spaCy Doc with a lemmatizer)
    adds each token's lemma to the forms patterns are tested against."""
    out: list[Token] = []
    clause = 0
    brk = False
    for m in _WORD_OR_BREAK.finditer(text):
        w = m.group(1)
        if w is None:  # a clause break between two words
            brk = True
            continue
        if brk:
            clause += 1
            brk = False
        start = m.start()
        norm, parts, forms = _word_forms(w)
        lemma = lemmas.get(start) if lemmas else None
        if lemma:
            forms = _with_lemma(forms, lemma)
        out.append(Token(w, start, m.end(), norm, parts, clause, forms))
    return out


def doc_lemmas(doc) -> dict[int, str] | None:
    """Start offset -> lemma for the tokens of a spaCy ``Doc`` that have a lemma
    different from their text; None when the pipeline sets no lemmas."""
    if doc is None:
        return None
    # Read from the Doc's attribute array instead of creating a Python Token per word: 0.34 ->
    # 0.25 ms per document on 150 real pages, 0.13 -> 0.07 on 300 generated (CPU). A lemma equals
    # the text exactly when their string hashes are equal; hash 0 is the unset (empty) lemma.
    from spacy.attrs import IDX, LEMMA, ORTH

    if not len(doc):
        return None
    arr = doc.to_array([IDX, LEMMA, ORTH])
    strings = doc.vocab.strings
    out = {int(i): strings[int(lem)] for i, lem, orth in arr.tolist() if lem and lem != orth}
    return out or None


# --- term patterns ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Elem:
    alts: tuple[tuple[str, str], ...]  # (kind, value); kind: exact|prefix|suffix|infix|case|caseprefix
    gap: int = 0                       # for a gap element: up to this many tokens may be skipped


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    elems: tuple[_Elem, ...]


GAP_DEFAULT = 3


def _elem(raw: str) -> _Elem:
    if raw.startswith("~"):
        return _Elem((), int(raw[1:]) if raw[1:] else GAP_DEFAULT)
    alts = []
    for a in raw.split("/"):
        if a.startswith("="):
            v = a[1:]
            alts.append(("caseprefix", v[:-1]) if v.endswith("*") else ("case", v))
            continue
        pre, suf = a.startswith("*"), a.endswith("*")
        v = dehyphen(fold(a.strip("*")))
        kind = "infix" if pre and suf else "suffix" if pre else "prefix" if suf else "exact"
        alts.append((kind, v))
    return _Elem(tuple(alts))


def compile_pattern(source: str) -> Pattern:
    """Compile a term pattern. Syntax (space-separated elements, each matching
    one token, in order, inside one clause):

    * ``wort``    the token (or one of its hyphen parts) is ``wort`` or an
                  inflected form (``gesetz`` matches Gesetz, Gesetze, Gesetzes)
    * ``wort*``   the token or a part starts with ``wort`` (compound modifier:
                  ``kooperation*`` matches Kooperationsvereinbarung)
    * ``*wort``   the token or a part ends with ``wort`` + inflection (compound
                  head: ``*verbund`` matches IT-Verbund, Leistungsverbund)
    * ``*wort*``  ``wort`` anywhere inside the token
    * ``=Wort``   case-sensitive, exact (token or part), optional plural -s;
                  ``=Wort*`` case-sensitive prefix. For acronyms (``=KI``)
    * ``a/b``     alternatives for one element
    * ``~`` or ``~N``  skip up to 3 (or N) tokens

    Hyphens and dots are ignored on both sides (``e-akte`` matches E-Akte and eAkte).
    """
    elems = tuple(_elem(r) for r in source.split())
    if not elems or elems[0].gap or elems[-1].gap:
        raise ValueError(f"bad pattern {source!r}: empty or starting/ending with a gap")
    return Pattern(source, elems)


def _alt_matches(kind: str, v: str, tok: Token) -> bool:
    if kind == "case":
        raw = tok.text.rstrip(_HYPHENS)
        cands = [raw] + split_hyphen(raw)
        return any(c == v or c == v + "s" for c in cands)
    if kind == "caseprefix":
        raw = tok.text.rstrip(_HYPHENS)
        return any(c.startswith(v) for c in [raw] + split_hyphen(raw))
    for f in tok.forms:
        if kind == "exact" and (inflects(f, v) or inflects_plural(f, v, _stem(v))):
            return True
        if kind == "prefix" and f.startswith(v):
            return True
        if kind == "infix" and v in f:
            return True
        if kind == "suffix":
            i = f.rfind(v)
            if i >= 0 and f[i + len(v):] in INFLECTION_ENDINGS:
                return True
            st = _stem(v)
            i = f.rfind(st) if st else -1
            if i >= 0 and f[i + len(st):] in UMLAUT_PLURAL_ENDINGS:
                return True
    return False


_STEMS: dict[str, str] = {}


def _stem(v: str) -> str:
    st = _STEMS.get(v)
    if st is None:
        st = _STEMS[v] = umlaut_stem(v)
    return st


def elem_matches(e: _Elem, tok: Token) -> bool:
    return any(_alt_matches(k, v, tok) for k, v in e.alts)



def _non_overlapping(p, toks, cands) -> list[tuple[int, int]]:
    """Leftmost non-overlapping matches of ``p`` starting at the candidate token indices (ascending)."""
    out: list[tuple[int, int]] = []
    last = 0
    for i in cands:
        if i < last:
            continue
        j = match_at(p, toks, i)
        if j is not None:
            out.append((i, j))
            last = j
    return out

def match_at(p: Pattern, toks: list[Token], i: int) -> int | None:
    """If ``p`` matches starting at token ``i``, the index after its last token."""
    def rec(ei: int, ti: int) -> int | None:
        if ei == len(p.elems):
            return ti
        e = p.elems[ei]
        if e.gap:
            for skip in range(e.gap + 1):
                j = ti + skip
                if j >= len(toks) or toks[j].clause != toks[i].clause:
                    break
                r = rec(ei + 1, j)
                if r is not None:
                    return r
            return None
        if ti >= len(toks) or toks[ti].clause != toks[i].clause or not elem_matches(e, toks[ti]):
            return None
        return rec(ei + 1, ti + 1)
    return rec(0, i)


@dataclass(frozen=True, slots=True)
class TokenBlob:
    """All tokens' folded forms and raw texts joined, with each token's offset:
    lets ``find_matches`` skip patterns whose words do not occur and start
    matching only at tokens that contain the first word."""
    folded: str
    raw: str
    folded_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]


def token_blob(toks: list[Token]) -> TokenBlob:
    fparts, rparts, fs, rs = [], [], [], []
    fpos = rpos = 0
    for t in toks:
        f = " ".join(t.forms)
        fs.append(fpos)
        rs.append(rpos)
        fparts.append(f)
        rparts.append(t.text)
        fpos += len(f) + 1
        rpos += len(t.text) + 1
    return TokenBlob(" ".join(fparts), " ".join(rparts), tuple(fs), tuple(rs))


def _needles(e: _Elem) -> list[tuple[bool, str]]:
    """(raw?, substring) pairs one of which a token must contain to match ``e``."""
    out = []
    for k, v in e.alts:
        if k.startswith("case"):
            out.append((True, v))
        else:
            out.append((False, v))
            if k in ("exact", "suffix") and _stem(v):
                out.append((False, _stem(v)))
    return out


def could_match(p: Pattern, blob: TokenBlob) -> bool:
    """False when some element's words occur nowhere in the text (then ``p`` cannot match)."""
    for e in p.elems:
        if not e.gap and not any(v in (blob.raw if raw else blob.folded) for raw, v in _needles(e)):
            return False
    return True


def _start_candidates(p: Pattern, blob: TokenBlob) -> list[int]:
    """Token indices containing one of the first element's substrings."""
    found: set[int] = set()
    for raw, v in _needles(p.elems[0]):
        hay, starts = (blob.raw, blob.raw_starts) if raw else (blob.folded, blob.folded_starts)
        i = hay.find(v)
        while i >= 0:
            found.add(bisect_right(starts, i) - 1)
            i = hay.find(v, i + 1)
    return sorted(found)


def find_matches(p: Pattern, toks: list[Token], blob: TokenBlob | None = None) -> list[tuple[int, int]]:
    """Non-overlapping token ranges ``(i, j)`` (end-exclusive) where ``p`` matches.
    ``blob`` (from ``token_blob``) makes it fast: absent words skip the pattern
    and only tokens containing the first word are tried."""
    if blob is not None:
        if not could_match(p, blob):
            return []
        return _non_overlapping(p, toks, _start_candidates(p, blob))
    out = []
    i = 0
    while i < len(toks):
        j = match_at(p, toks, i)
        if j is not None:
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def phrase_pattern(phrase: str, case_sensitive: bool = False) -> Pattern:
    """A literal phrase as a pattern: each word matches itself or an inflected
    form (``Hund anmelden`` matches "Hunde anmelden"); ``case_sensitive`` for acronyms."""
    toks = word_tokens(phrase)
    if not toks:
        raise ValueError(f"empty phrase {phrase!r}")
    if case_sensitive:
        return Pattern(phrase, tuple(_Elem((("case", t.text.rstrip(_HYPHENS)),)) for t in toks))
    return Pattern(phrase, tuple(_Elem((("exact", t.norm),)) for t in toks))


# --- many patterns over one text ---------------------------------------------

_GRAM = 3  # needles are indexed by their first 3 characters


class _NeedleIndex:
    """Which of many needles (substrings) occur in a string, found by a scan over the
    string's 3-character windows instead of one ``in`` test per needle."""

    def __init__(self, needles: dict[str, set[int]]):
        self.short = [(v, frozenset(ids)) for v, ids in needles.items() if len(v) < _GRAM]
        self.grams: dict[str, list[tuple[str, frozenset[int]]]] = {}
        for v, ids in needles.items():
            if len(v) >= _GRAM:
                self.grams.setdefault(v[:_GRAM], []).append((v, frozenset(ids)))

    def find(self, s: str) -> frozenset[int]:
        found: set[int] = set()
        for v, ids in self.short:
            if v in s:
                found |= ids
        grams = self.grams
        for p in range(len(s) - _GRAM + 1):
            lst = grams.get(s[p:p + _GRAM])
            if lst:
                for v, ids in lst:
                    if s.startswith(v, p):
                        found |= ids
        return frozenset(found)


class PatternSet:
    """Many patterns matched over one token list in one pass.

    ``matches(toks)`` gives, for every pattern, exactly what ``find_matches``
    gives for it alone, but the tokens where a pattern may start are found
    for all patterns at once: each token's forms (and raw text) are looked up
    in an index of the first elements' needles (the substrings one of which a
    matching token must contain, as ``_start_candidates`` uses), and only
    those tokens are tried with ``match_at``. Build it once per process
    (the extractors cache theirs).
    """

    def __init__(self, patterns: Iterable[Pattern]):
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        folded: dict[str, set[int]] = {}
        raw: dict[str, set[int]] = {}
        for k, p in enumerate(self.patterns):
            for is_raw, v in _needles(p.elems[0]):
                (raw if is_raw else folded).setdefault(v, set()).add(k)
        self._folded = _NeedleIndex(folded)
        self._raw = _NeedleIndex(raw) if raw else None
        self._memo: dict[tuple[str, tuple[str, ...]], tuple[int, ...]] = {}

    def _token_ids(self, t: Token) -> tuple[int, ...]:
        ids = frozenset().union(*map(self._folded.find, t.forms))
        if self._raw is not None:
            ids |= self._raw.find(t.text)
        # memoised as a tuple of ints, not a set: the garbage collector stops tracking such tuples,
        # while 10,000 memoised sets made every full collection slower (the people extractor,
        # which allocates much, took 4.2 instead of 3.3 ms per document on 150 real pages)
        out = tuple(sorted(ids)) if ids else ()
        if len(self._memo) >= MEMO_MAX:
            self._memo.clear()
        self._memo[(t.text, t.forms)] = out
        return out

    def starts(self, toks: list[Token]) -> dict[int, list[int]]:
        """Pattern number -> indices of the tokens where it may start (ascending)."""
        out: dict[int, list[int]] = {}
        memo = self._memo
        for i, t in enumerate(toks):
            # one memo lookup per token (text, forms) instead of an index scan of each form: topics +
            # services matching 4.13 -> 3.38 ms per document on 150 real pages, 1.98 -> 1.66 on 300
            # generated (CPU, tokens made beforehand)
            ids = memo.get((t.text, t.forms))
            if ids is None:
                ids = self._token_ids(t)
            for k in ids:
                lst = out.get(k)
                if lst is None:
                    out[k] = [i]
                else:
                    lst.append(i)
        return out

    def matches(self, toks: list[Token]) -> dict[int, list[tuple[int, int]]]:
        """Pattern number -> non-overlapping token ranges ``(i, j)``, as ``find_matches``
        gives them; patterns without a match are left out."""
        out: dict[int, list[tuple[int, int]]] = {}
        for k, cands in self.starts(toks).items():
            found = _non_overlapping(self.patterns[k], toks, cands)
            if found:
                out[k] = found
        return out
