"""Elliptic compounds (German 'Ergänzungsstrich'): the word a hyphen leaves out, put back for matching.

``KFZ- und Bootszulassung`` speaks of a ``KFZ-Zulassung``; ``IT-Gesamtsteuerung, -Sicherheit
und -Infrastruktur`` of ``IT-Sicherheit``. ``complete_elliptic`` gives the tokens with the
completed compounds added to the forms patterns test (offsets and texts unchanged):

* a word ending in a hyphen (``KFZ-``) followed, after ``und``/``oder``/``sowie``/``bzw``
  or more such words, by a compound: the modifier joined to every tail of that compound of at
  least ``MIN_HEAD`` letters (the head is not known, so each split is offered: ``kfzzulassung``
  from ``Bootszulassung``);
* a word written right after a hyphen that follows a space or comma (``-Sicherheit``): the first
  part of the nearest earlier hyphenated compound of the clause joined to the word
  (``itsicherheit``).
"""
from __future__ import annotations

from ...text import Token
from ...text.words import _HYPHENS, dehyphen, fold, split_hyphen

CONJUNCTIONS = frozenset({"und", "oder", "sowie", "bzw", "beziehungsweise"})
MIN_HEAD = 4      # letters of the shortest head offered (Amt, Akte: 'akte' has 4)
LOOKAHEAD = 6     # words between an open compound and the compound that completes it
LOOKBACK = 8      # words between a compound and the tail that reuses its first part


def _forward(toks: list[Token], i: int) -> tuple[str, ...]:
    """Completions of the open compound ``toks[i]`` (``KFZ-``) from the next full compound."""
    mod = dehyphen(fold(toks[i].text.rstrip(_HYPHENS)))
    for j in range(i + 1, min(len(toks), i + 1 + LOOKAHEAD)):
        t = toks[j]
        if t.clause != toks[i].clause:
            return ()
        if t.norm in CONJUNCTIONS or t.text[-1] in _HYPHENS:
            continue
        word = t.norm
        return tuple(mod + word[k:] for k in range(1, len(word) - MIN_HEAD + 1))
    return ()


def _backward(toks: list[Token], i: int, text: str) -> tuple[str, ...]:
    """The completion of a tail written after a hyphen (``-Sicherheit``), or ()."""
    s = toks[i].start
    if s < 2 or text[s - 1] not in _HYPHENS or not (text[s - 2].isspace() or text[s - 2] in ",/("):
        return ()
    for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
        if toks[j].clause != toks[i].clause:
            return ()
        parts = split_hyphen(toks[j].text)
        if len(parts) > 1:
            return (dehyphen(fold(parts[0])) + toks[i].norm,)
    return ()


def complete_elliptic(toks: list[Token], text: str) -> list[Token]:
    """``toks`` with the completed compounds of elliptic words added to their forms (a new list;
    the tokens without ellipsis are the same objects)."""
    out = list(toks)
    for i, t in enumerate(toks):
        extra = _forward(toks, i) if t.text[-1] in _HYPHENS else _backward(toks, i, text)
        if extra:
            out[i] = t._replace(forms=t.forms + tuple(f for f in extra if f not in t.forms))
    return out
