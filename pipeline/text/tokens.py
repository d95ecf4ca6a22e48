"""Word tokens with offsets: ``word_tokens(text)`` and the lemmas of a spaCy Doc.

A hyphenated compound (``OZG-Umsetzung``) is one ``Token`` that also knows
its parts; lemmas from a spaCy Doc (``doc_lemmas``) are added to the forms
patterns are tested against when the model sets them. The folded forms of a
word are memoised per process in bounded memos (``MEMO_MAX``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .words import _HYPHENS, dehyphen, fold, split_hyphen

# A word: letters/digits, inner hyphens and dots kept ("OZG-Umsetzung",
# "Komm.ONE"), a trailing hyphen kept as part of an elliptic compound
# ("Gesetzes- und Verordnungsentwürfe").
_WORD = re.compile(r"\w+(?:[\-\u2010\u2011.]\w+)*[\-\u2010\u2011]?", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]")


class Token(NamedTuple):
    """A word of a text with its offsets and the folded forms patterns test."""

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
    """``(norm, parts, forms)`` of the word ``w`` as written (memoised)."""
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
    """``forms`` plus the folded ``lemma`` when it is new (memoised)."""
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
