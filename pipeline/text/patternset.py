"""Many term patterns over one token list in one pass (``PatternSet``).

The tokens where a pattern may start are found for all patterns at once
through an index of the first elements' needles (``_NeedleIndex``); only
those tokens are tried with ``patterns.match_at``.
"""
from __future__ import annotations

from collections.abc import Iterable

from . import tokens
from .patterns import Pattern, _needles, _non_overlapping
from .tokens import Token

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
        """The ids of the needles that occur in ``s``."""
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
        """Numbers of the patterns that may start at ``t`` (memoised by text and forms)."""
        ids = frozenset().union(*map(self._folded.find, t.forms))
        if self._raw is not None:
            ids |= self._raw.find(t.text)
        # memoised as a tuple of ints, not a set: the garbage collector stops tracking such tuples,
        # while 10,000 memoised sets made every full collection slower (the people extractor,
        # which allocates much, took 4.2 instead of 3.3 ms per document on 150 real pages)
        out = tuple(sorted(ids)) if ids else ()
        if len(self._memo) >= tokens.MEMO_MAX:  # read at call time: one limit for every memo
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
