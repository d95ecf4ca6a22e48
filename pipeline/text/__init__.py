"""Small pure text helpers for German, reusable by every extractor.

Nothing here needs spaCy or a model; all functions are pure. One module per concern:

* ``words``      -- ``fold(s)``, the one normalisation for matching words: NFC,
                    soft hyphens removed, casefolded, umlauts/ß transliterated
                    (``Fachkräfte`` and ``Fachkraefte`` fold alike);
                    ``inflects(w, base)``, a lemma-ish test: is folded ``w``
                    ``base`` plus a German inflection ending (``Gesetzes`` ->
                    ``gesetz``)? ``inflects_plural`` the same for umlaut plurals
                    (``Bauanträge`` -> ``bauantrag``); ``strip_linking(s)`` drops a
                    leading linking element (Fugen-s) of a compound remainder
                    (``sverfahren`` -> ``verfahren``).
* ``tokens``     -- ``word_tokens(text)``: word tokens with offsets into ``text``;
                    a hyphenated compound (``OZG-Umsetzung``) is one token that
                    also knows its parts; lemmas from a spaCy Doc
                    (``doc_lemmas``) are added when the model sets them. Holds
                    the bounded per-process memos (``tokens.MEMO_MAX``).
* ``patterns``   -- ``Pattern`` / ``compile_pattern`` / ``find_matches``: a tiny
                    term matcher over ``word_tokens`` used by the topic and
                    service extractors; its syntax is described in
                    ``compile_pattern``.
* ``patternset`` -- ``PatternSet``: many patterns over one token list in one pass.

Every public name is importable from ``pipeline.text`` itself.
"""
from __future__ import annotations

from .patterns import (GAP_DEFAULT, Pattern, TokenBlob, compile_pattern, could_match, elem_matches, find_matches,
                       match_at, phrase_pattern, token_blob)
from .patternset import PatternSet
from .tokens import MEMO_MAX, Token, doc_lemmas, word_tokens
from .words import (INFLECTION_ENDINGS, LINKING, UMLAUT_PLURAL_ENDINGS, dehyphen, fold, inflects, inflects_plural,
                    split_hyphen, strip_linking, umlaut_stem)

__all__ = [
    "GAP_DEFAULT", "INFLECTION_ENDINGS", "LINKING", "MEMO_MAX", "Pattern", "PatternSet", "Token", "TokenBlob",
    "UMLAUT_PLURAL_ENDINGS", "compile_pattern", "could_match", "dehyphen", "doc_lemmas", "elem_matches",
    "find_matches", "fold", "inflects", "inflects_plural", "match_at", "phrase_pattern", "split_hyphen",
    "strip_linking", "token_blob", "umlaut_stem", "word_tokens",
]
