"""A name written in quotes with a description after a dash ('„Muster IT - Kommunales Rechenzentrum“'):
the quoted text as a whole is the organisation's name as written.

``extend_quoted(scan, mentions)`` takes the ``Scan`` and the mentions of all steps and gives them with
each mention that opens right after an opening quote, is followed by a spaced dash and ends its quote
within a few words (no sentence mark between) stretched to the closing quote.
"""
from __future__ import annotations

from .lexicon import QUOTES
from .names import Mention
from .scan import Scan

DASHES = {"-", "–", "—"}
MAX_AFTER = 6       # words after the dash: a short description ('Elektronische Verwaltung'), not a sentence


def _closing_quote(sc: Scan, k: int) -> int | None:
    """Index of the closing quote after the dash at token k (within MAX_AFTER words, capitalised or
    lower-case words only), or None."""
    for j in range(k + 1, min(sc.n, k + 2 + MAX_AFTER)):
        w = sc.words[j]
        if w in QUOTES:
            return j if j > k + 1 else None
        if not w[:1].isalnum():
            return None
    return None


def extend_quoted(sc: Scan, mentions: list[Mention]) -> list[Mention]:
    """The mentions, a quoted name with its dash description taken in whole (module docstring)."""
    starts = {s: k for k, (s, _, _) in enumerate(sc.toks)}
    ends = {e: k for k, (_, e, _) in enumerate(sc.toks)}
    for m in mentions:
        a, b = starts.get(m.start), ends.get(m.end)
        if not m.name or a is None or b is None or a == 0 or sc.words[a - 1] not in QUOTES:
            continue
        k = b + 1
        if k >= sc.n or sc.words[k] not in DASHES or sc.glued(b, k):
            continue
        q = _closing_quote(sc, k)
        if q is not None:
            m.end = sc.toks[q - 1][1]
            m.name = sc.text[m.start:m.end]
    return mentions
