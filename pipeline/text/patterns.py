"""Term patterns: a tiny matcher over ``word_tokens`` used by the topic and
service extractors.

``compile_pattern(source)`` compiles one pattern (its syntax is described
there), ``phrase_pattern(phrase)`` makes one from a literal phrase;
``find_matches(p, toks)`` gives its non-overlapping matches, faster with a
``token_blob`` that lets absent words skip the pattern. Many patterns over
one text: ``patternset.PatternSet``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .tokens import Token, word_tokens
from .words import _HYPHENS, INFLECTION_ENDINGS, UMLAUT_PLURAL_ENDINGS, dehyphen, fold, inflects, inflects_plural, \
    split_hyphen, umlaut_stem

@dataclass(frozen=True, slots=True)
class _Elem:
    """One pattern element: alternatives for one token, or a gap."""

    alts: tuple[tuple[str, str], ...]  # (kind, value); kind: exact|prefix|suffix|infix|case|caseprefix
    gap: int = 0                       # for a gap element: up to this many tokens may be skipped


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled term pattern: its source text and its elements."""

    source: str
    elems: tuple[_Elem, ...]


GAP_DEFAULT = 3


def _elem(raw: str) -> _Elem:
    """One element from its source (``wort*``, ``=KI``, ``a/b``, ``~2`` ...)."""
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
    """Does one alternative ``(kind, v)`` of an element match ``tok``?"""
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
    """``umlaut_stem(v)``, memoised (patterns use few distinct values)."""
    st = _STEMS.get(v)
    if st is None:
        st = _STEMS[v] = umlaut_stem(v)
    return st


def elem_matches(e: _Elem, tok: Token) -> bool:
    """Does one of the alternatives of element ``e`` match ``tok``?"""
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
    """The ``TokenBlob`` of ``toks`` (build once per text, pass to ``find_matches``)."""
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
