"""The author's name inside a byline line the labeller chose.

``name_in(text, prev="") -> str`` takes one line ('Von Anna Muster | 12.03.2024',
'26. September 2019 Anna Muster Schreibe einen Kommentar', '4.02.2022 par Anna Muster',
'Anna Muster , 03.11.2023 15:32 Uhr') and gives the name, or '' when none is left.
``prev`` is the line above: a lone cue ('Von') there makes a bare line a name.

The shape decides, not a list of names: dates, times and separators go, a cue word from
``line_cues.txt [byline_inline]`` opens the name, and the name is a run of capitalised
tokens (initials and particles such as 'von', 'de' allowed inside) ending at a lower-case
word, a label ending in ':' or a digit; one word alone only when it is a known given name. Without a cue, the run must fill its segment or open
with a known given name (or follow a lone cue line). Three or more tokens only when the second is an initial, a particle or
another given name ('Anna Lena Muster'): 'Anna Muster Schreibe' is two.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .header import _strip_dates
from .lexicon import given_names, stopwords

MAX_NAME_TOKENS = 4
_SPLIT = re.compile(r"\s*[|•·,;]\s*|\s+[-–—/]\s+|\s[-–—]$")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b", re.I)
_NUM_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_NAME_TOK = re.compile(r"^(?:[A-ZÄÖÜÉ][a-zäöüßéèáàóòíìúùçñ'’]*(?:-[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ'’]*)*"
                       r"|[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ][a-zäöüß]+|[A-ZÄÖÜ]\.)$")
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
PARTICLES = frozenset({"von", "van", "de", "der", "den", "zu", "del", "di", "da", "le", "la", "ten", "vom"})


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], ...]:
    """Cue phrases of [byline_inline] as token tuples, longest first."""
    from .labeller import cues
    out = {tuple(c.split()) for c in cues().get("byline_inline", ())}
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=1)
def _cues_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue phrases by their first word (longest first), for a quick look-up per token."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for c in _cues():
        out.setdefault(c[0], []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def _clean(text: str) -> str:
    t = _strip_dates(text)
    t = _TIME.sub(" ", _NUM_DATE.sub(" ", t))
    return " ".join(re.sub(r"(?<=[a-zäöüß])\d+$", "", w) for w in t.split())    # 'Kalt4 Kommentare'


def _name_like(tok: str) -> bool:
    return bool(_NAME_TOK.match(tok)) and tok.casefold() not in stopwords() and len(tok) > 1


def _run(toks: list[str]) -> list[str]:
    """The run of name tokens at the start of ``toks`` (see the module docstring)."""
    out: list[str] = []
    for k, tok in enumerate(toks):
        if len(out) >= MAX_NAME_TOKENS or tok.endswith(":"):
            break
        if _name_like(tok) and not _is_cue(tok):
            out.append(tok)
        elif tok in PARTICLES and out and any(_name_like(x) for x in toks[k + 1:k + 3]):
            out.append(tok)
        else:
            break
    if len(out) >= 3 and not (_INITIAL.match(out[1]) or out[1] in PARTICLES or out[1].casefold() in given_names()):
        out = out[:2]
    while out and out[-1] in PARTICLES:
        out.pop()
    return out


def _is_cue(tok: str) -> bool:
    return (tok.rstrip(":").casefold(),) in _cues()


def _after_cue(toks: list[str]) -> list[str]:
    """The name run after the first cue phrase of ``toks`` ('von', 'Posted by', 'Autor:')."""
    low = [t.rstrip(":").casefold() for t in toks]
    by_first = _cues_by_first()
    for i in range(len(toks)):
        for cue in by_first.get(low[i], ()):
            if tuple(low[i:i + len(cue)]) == cue:
                run = _run(toks[i + len(cue):])
                if len(run) >= 2 or (run and run[0].casefold() in given_names()):   # 'von Bauanträgen' is none
                    return run
    return []


def name_after_cue(text: str) -> str:
    """The name a cue word opens in ``text`` ('Von Anna Muster', '12.3.2024 von Anna Muster'); '' otherwise."""
    segs = [s.strip(" :()[]") for s in _SPLIT.split(_clean(text))]
    for seg in segs[:4]:
        run = _after_cue(seg.split())
        if run:
            return " ".join(run)
    return ""


def name_in(text: str, prev: str = "") -> str:
    """The author's name in a byline line (see the module docstring); '' when there is none."""
    segs = [s.strip(" :()[]") for s in _SPLIT.split(_clean(text))]
    segs = [s for s in segs if any(ch.isalpha() for ch in s)]
    for seg in segs[:4]:
        run = _after_cue(seg.split())
        if run:
            return " ".join(run)
    lone_cue = _is_cue(prev.strip()) if prev.strip() and len(prev.split()) <= 2 else False
    for seg in segs[:4]:
        toks = seg.split()
        run = _run(toks)
        if not run:
            continue
        whole = len(run) == len(toks)
        given = run[0].split("-")[0].casefold() in given_names()
        if (given and (len(run) >= 2 or (whole and len(segs) == 1))) or (whole and lone_cue):
            return " ".join(run)
    return ""
