"""The line labeller: one label per line of a text dump, from learned weights.

Takes the ``Line``s of a page (``lines.make_lines``), the densest run of prose
that ``region.find_region`` found (start, end) and the per-line template counts;
gives an ``(n_lines, n_labels)`` array of label probabilities over ``LABELS``.

Two passes of a multinomial logistic regression (weights in
``pipeline/data/line_model.json``, trained by ``scripts/train_line_labeller.py``):

1. per-line features that transfer across sites -- length, sentence shape,
   capitalisation, punctuation, date/time patterns, cue words from
   ``pipeline/data/line_cues.txt``, the rule kind of ``lines.classify`` (today's
   rules live on as features), repetition on the page and across the site's
   pages (templates), position relative to the densest body run -- plus the
   same compact features of the two lines before and after;
2. the first pass's label probabilities of the neighbours (three lines either
   side) and of everything above (is there a headline above? a body line?),
   i.e. a second pass over the neighbours' labels.

Runtime is plain numpy: two matrix products per page.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache

import numpy as np

from ..settings import DATA_DIR
from .dates import find_dates
from .lexicon import _read_lines
from .bylines import name_in
from .lines import Line, looks_like_name

LABELS = ("boilerplate", "body", "title", "kicker", "date", "byline")
KINDS = ("good", "medium", "heading", "short", "phrase", "marker", "buttons", "navigation", "credit",
         "keywords", "url", "date", "teaser", "address", "copyright", "crawl")
MODEL_FILE = "line_model.json"
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
PASS2_OFFSETS = (-3, -2, -1, 0, 1, 2, 3)
WINDOW_LINES = 30         # lines above and below the densest run that get features (see window())
TOP_LINES = 40             # long lines above the body compared for a repeated headline (browser title, breadcrumb)
BODY_WORD_LINES = 6        # lines of the body whose words a headline candidate is compared with
CONTENT_WORD_CHARS = 5     # words this long carry content (German function words are shorter)
ABOVE_WINDOW = 12          # lines above a line whose pass-1 labels pass 2 summarises

_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:uhr|h)?\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DIGIT = re.compile(r"\d")
_CAPWORD = re.compile(r"\b[A-ZÄÖÜ][\w\-]*")
_UPPERWORD = re.compile(r"\b[A-ZÄÖÜ]{2,}\b")
_WORDS = re.compile(r"[^\W\d_]+", re.U)
_NONWORD = re.compile(r"[\W_]+", re.U)
_DATELINE_START = re.compile(r"^[A-ZÄÖÜ][\w\-/.]{1,30}(?:\s\([^()]{1,30}\))?\s?(?:[.:]\s|\s[-–—]\s)")
_PAREN_SOURCE = re.compile(r"\((?:[a-zäöü]{2,5}|[A-Za-zäöü]{2,8}/[A-Za-zäöü]{2,8})\)")


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """Sections of ``line_cues.txt``: name -> casefolded cue words (longest first)."""
    out: dict[str, list[str]] = {}
    section = ""
    for line in _read_lines("line_cues.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            out[section] = []
        elif section:
            out[section].append(_NONWORD.sub(" ", line.casefold()).strip() or line.casefold())
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=64)
def _cue_re(section: str, anywhere: bool) -> re.Pattern:
    """One regex per cue section: at the start of the normalised line, or anywhere as whole words."""
    words = [w for w in cues()[section] if w.isalnum() or " " in w]
    alt = "|".join(re.escape(w) for w in words) or "(?!)"
    return re.compile((r"(?:^|\s)" if anywhere else r"^") + r"(?:" + alt + r")(?:\s|$)")


def _starts(norm: str, section: str) -> bool:
    return bool(_cue_re(section, False).search(norm))


@lru_cache(maxsize=64)
def _first_tokens(section: str) -> frozenset:
    """First words of a section's cues: a line holding none of them can skip the section's regex."""
    return frozenset(w.split()[0] for w in cues()[section] if w.split())


def _contains(norm: str, raw: str, section: str, toks: frozenset | None = None) -> bool:
    if toks is not None and not (toks & _first_tokens(section)):
        return any(w in raw for w in _symbols(section))
    if _cue_re(section, True).search(norm):
        return True
    return any(w in raw for w in _symbols(section))    # '©'


@lru_cache(maxsize=64)
def _symbols(section: str) -> tuple[str, ...]:
    return tuple(w for w in cues()[section] if not (w.isalnum() or " " in w))


def _name_after_cue(ln: Line, byline_cues: tuple[str, ...]) -> bool:
    """'Von Anna Muster | 12.03.2024' or 'Anna Muster': a person's name once cue words and dates are gone."""
    t = ln.text
    for h in reversed(find_dates(t)):
        t = t[:h.start] + " " + t[h.end:]
    t = _TIME.sub(" ", t)
    parts = [p.strip(" :,-–—") for p in re.split(r"[|,•·]|\s[-–—/]\s", t) if p.strip(" :,-–—")]
    for p in parts[:3]:
        low = p.casefold()
        for c in byline_cues:
            if low.startswith(c + " "):
                p = p[len(c):].strip(" :")
                break
        if looks_like_name(p, given=False):
            return True
    return False


CACHED_CHARS = 120      # short lines (menus, footers) repeat across a site's pages: their features are cached


def own_features(ln: Line, c: dict) -> tuple[float, ...]:
    """Features of one line alone (no position): shape, patterns, cues, rule kind."""
    if ln.chars <= CACHED_CHARS:
        return _own_cached(ln.text, ln.kind, ln.para_start, ln.tight, ln.words, ln.stop, ln.alpha, ln.sent_end,
                           ln.norm)
    return _own(ln, c)


@lru_cache(maxsize=100_000)
def _own_cached(text, kind, para_start, tight, words, stop, alpha, sent_end, norm) -> tuple[float, ...]:
    ln = Line(i=-1, text=text, words=words, stop=stop, alpha=alpha, sent_end=sent_end, norm=norm,
              para_start=para_start, tight=tight, kind=kind)
    return _own(ln, cues())


def _own(ln: Line, c: dict) -> tuple[float, ...]:
    t, n = ln.text, max(1, ln.words)
    norm = ln.norm
    toks = frozenset(norm.split())
    caps = len(_CAPWORD.findall(t))
    alpha = max(1, ln.alpha)
    digit = bool(_DIGIT.search(t))
    dates = find_dates(t) if digit else []
    kind = [1.0 if ln.kind == k else 0.0 for k in KINDS]
    return tuple(kind + [
        math.log1p(ln.chars) / 6, math.log1p(n) / 4, float(n <= 3), float(n <= 8), float(n <= 16), float(n > 25),
        ln.stop_ratio, float(ln.sent_end), float(t.endswith(":")), float(t.endswith(("?", "!"))),
        float(ln.para_start), float(ln.tight),
        float(bool(dates)), float(len(dates) > 1), float(digit and bool(_TIME.search(t))),
        float(digit and bool(_YEAR.search(t))),
        len(_DIGIT.findall(t)) / max(1, len(t)),
        caps / alpha, len(_UPPERWORD.findall(t)) / alpha,
        float("|" in t), float(" / " in t), float(t[:1] in "„\"»«“'"), float(t[:1].isdigit()),
        float(_starts(norm, "byline_start")), float(_starts(norm, "date_start")),
        float(_contains(norm, t, "credit_any", toks)), float(_contains(norm, t, "readtime_any", toks)),
        float(_contains(norm, t, "share_any", toks)), float(_contains(norm, t, "teaser_any", toks)),
        float(_contains(norm, t, "paywall_any", toks)), float(_contains(norm, t, "cookie_any", toks)),
        float(n <= 12 and caps >= 2 and _name_after_cue(ln, c["byline_start"])),   # a name has 2+ capitals
        float(n > 8 and bool(_DATELINE_START.match(t))), float("(" in t and bool(_PAREN_SOURCE.search(t))),
        float(n <= BYLINE_MAX_WORDS and _may_name(toks, digit) and bool(name_in(t))),
    ])


BYLINE_MAX_WORDS = 20      # longer lines are not searched for a byline name (bylines.name_in)


def _may_name(toks: frozenset, digit: bool) -> bool:
    if digit:                                   # 'Mika2017': name_in drops digits glued to a word
        toks = frozenset(w.rstrip("0123456789") for w in toks)
    return not toks.isdisjoint(_name_gate())


@lru_cache(maxsize=1)
def _name_gate() -> frozenset:
    """Words one of which a line needs for ``name_in`` to find a name (a cue word or a given name):
    lines without any skip the search (same result, a fifth of the labeller's time saved)."""
    from .lexicon import given_names
    return frozenset(given_names()) | frozenset(w for c in cues().get("byline_inline", ()) for w in c.split())
N_OWN = len(KINDS) + 35
# the compact subset of a neighbour's features: kind, length, sentence end, date, byline cue, name
_COMPACT = list(range(len(KINDS))) + [len(KINDS) + k for k in (0, 7, 12, 23, 24, 31)]


def window(n: int, start: int, end: int) -> tuple[int, int]:
    """The lines the labeller looks at: WINDOW_LINES around the densest run (all when there is none).
    Lines further away are boilerplate without a look (menus at the top, footers at the bottom)."""
    if start < 0:
        return 0, n
    return max(0, start - WINDOW_LINES), min(n, end + WINDOW_LINES + 1)


def page_features(lines: list[Line], start: int, end: int, tmpl: list[int]) -> np.ndarray:
    """Pass-1 feature matrix of the window's lines (``window``): own features, page/site repetition,
    position, neighbours. Page-wide figures (repetition, position) use all lines."""
    c = cues()
    n = len(lines)
    lo, hi = window(n, start, end)
    own = np.array([own_features(ln, c) for ln in lines[lo:hi]], dtype=float).reshape(hi - lo, N_OWN)
    norms = [ln.norm for ln in lines]
    counts: dict[str, int] = {}
    for s in norms:
        counts[s] = counts.get(s, 0) + 1
    top = [s for s in norms[: max(1, start if start > 0 else n)] if len(s) > 20][:TOP_LINES]
    top_heads, top_tails = "\0" + "\0".join(top), "\0".join(top) + "\0"
    body_words = _content_words(" ".join(norms[start:start + BODY_WORD_LINES])) if start >= 0 else set()
    body_stems = _stems_of(" ".join(norms[start:min(end + 1, start + BODY_STEM_LINES)])) if start >= 0 else frozenset()
    heads_below = _headings_below(lines, tmpl, lo, start)
    ctx = np.zeros((hi - lo, 24))
    for i in range(lo, hi):
        ln, s = lines[i], norms[i]
        part = len(s) >= 15 and _part_of(s, top, top_heads, top_tails)
        before, after = (start - i if start >= 0 and i < start else 0), (i - end if end >= 0 and i > end else 0)
        inside = start >= 0 and start <= i <= end
        ctx[i - lo] = [
            float(tmpl[i] > 0), math.log1p(tmpl[i]) / 3, float(counts[s] > 1), float(part),
            i / max(1, n - 1), float(i == 0), math.log1p(i) / 5, math.log1p(n - 1 - i) / 5,
            float(inside), float(before > 0), float(after > 0), math.log1p(before) / 4, math.log1p(after) / 4,
            float(before == 1), float(before == 2), float(before == 3), float(inside and i == start),
            float(after == 1), (i - start) / max(1, end - start + 1) if inside else 0.0,
            math.copysign(math.log1p(abs(ln.score)), ln.score) / 7,
            _overlap(s, body_words) if not inside else 0.0,
            _stem_overlap(s, body_stems) if not inside else 0.0,
            math.log1p(heads_below[i - lo]) / 3 if before > 0 else 0.0,
            float(before > 0 and heads_below[i - lo] == 0 and ln.kind in HEADING_KINDS),
        ]
    comp = np.concatenate([own[:, _COMPACT], ctx[:, [0, 8]]], axis=1)
    pad = np.zeros((max(NEIGHBOUR_OFFSETS) + 1, comp.shape[1]))
    big = np.concatenate([pad, comp, pad])
    k0 = pad.shape[0]
    neigh = [big[k0 + o:k0 + o + hi - lo] for o in NEIGHBOUR_OFFSETS]
    return np.concatenate([own, ctx] + neigh, axis=1)


def _part_of(s: str, top: list[str], heads: str, tails: str) -> bool:
    """Some other long line above the body starts or ends with ``s`` (a headline inside the browser
    title or a breadcrumb). ``heads``/``tails`` are ``top`` joined with NUL separators: one substring
    search instead of a loop."""
    if s in top:
        return any(o != s and (o.startswith(s) or o.endswith(s)) for o in top)
    return ("\0" + s) in heads or (s + "\0") in tails


HEADING_KINDS = ("heading", "short", "medium")
BODY_STEM_LINES = 200      # body lines whose word stems a line above or below the body is compared with
STEM_CHARS = 5             # a word's first characters stand for its stem ('digitalen' ~ 'digitalisierung' is
                           # accepted noise; 'Muffins' ~ 'Muffinteig' is the point)


def _headings_below(lines: list[Line], tmpl: list[int], lo: int, start: int) -> list[int]:
    """For each line from ``lo``: how many heading-like lines (not repeated on the site's pages) lie
    between it and the body start (0 for the nearest headline candidate)."""
    out = [0] * max(0, len(lines) - lo)
    if start < 0:
        return out
    count = 0
    for i in range(min(start, len(lines)) - 1, lo - 1, -1):
        out[i - lo] = count
        if lines[i].kind in HEADING_KINDS and not tmpl[i]:
            count += 1
    return out


def _stems_of(norm: str) -> frozenset[str]:
    """Word stems (first STEM_CHARS letters of words of 4+ letters) of a normalised text."""
    return frozenset(w[:STEM_CHARS] for w in _WORDS.findall(norm) if len(w) >= 4)


@lru_cache(maxsize=50_000)
def _stems(norm: str) -> frozenset[str]:
    """Word stems of a normalised line (cached: menu and teaser lines repeat across a site's pages; a page's
    body text is not cached, it never repeats and held ~25 MB after 2,000 pages)."""
    return _stems_of(norm)


def _stem_overlap(norm: str, body_stems: frozenset[str]) -> float:
    """Share of a line's word stems that the body uses (a headline speaks of what the text speaks of;
    a teaser of another article does not)."""
    ws = _stems(norm)
    return len(ws & body_stems) / len(ws) if ws else 0.0


def _content_words(norm: str) -> set[str]:
    return {w for w in norm.split() if len(w) >= CONTENT_WORD_CHARS}


def _overlap(norm: str, body_words: set[str]) -> float:
    """Share of a line's content words that the body's first lines use (a headline's words recur in the lead)."""
    ws = _content_words(norm)
    return len(ws & body_words) / len(ws) if ws else 0.0


def pass2_features(base: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Pass-2 matrix: pass-1 features plus the pass-1 probabilities around and above each line."""
    n, k = probs.shape
    r = max(PASS2_OFFSETS)
    big = np.concatenate([np.zeros((r, k)), probs, np.zeros((r, k))])
    around = [big[r + o:r + o + n] for o in PASS2_OFFSETS]
    above = np.zeros((n, 4))
    body, title = LABELS.index("body"), LABELS.index("title")
    cum_body = np.cumsum(probs[:, body])
    for i in range(n):
        lo = max(0, i - ABOVE_WINDOW)
        win = probs[lo:i]
        above[i] = [win[:, title].max() if i > lo else 0.0, win[:, body].max() if i > lo else 0.0,
                    math.log1p(cum_body[i - 1] if i else 0.0) / 4,
                    math.log1p(cum_body[-1] - cum_body[i]) / 4]
    return np.concatenate([base] + around + [above], axis=1)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class LinearLayer:
    """A standardised multinomial logistic regression: p = softmax(((x - mean) / scale) @ W + b)."""

    def __init__(self, d: dict):
        self.mean = np.asarray(d["mean"], dtype=float)
        self.scale = np.asarray(d["scale"], dtype=float)
        self.W = np.asarray(d["W"], dtype=float)
        self.b = np.asarray(d["b"], dtype=float)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return softmax(((x - self.mean) / self.scale) @ self.W + self.b)


POINTER_LABELS = ("title", "date", "byline")


class LineModel:
    """Both passes of the labeller plus one pointer per header label, loaded from a dict (the JSON
    data file). A pointer scores every line of a page with the pass-2 features and normalises
    over the page's lines: 'which line is the headline / date line / byline' (a conditional
    logit, trained listwise), which picks one line better than per-line probabilities."""

    def __init__(self, d: dict):
        if tuple(d["labels"]) != LABELS:
            raise ValueError(f"line model labels {d['labels']} differ from {LABELS}")
        self.pass1 = LinearLayer(d["pass1"])
        self.pass2 = LinearLayer(d["pass2"])
        self.pointers = {k: np.asarray(v, dtype=float) for k, v in d.get("pointers", {}).items()}

    def analyse(self, lines: list[Line], start: int, end: int, tmpl: list[int]) -> tuple[np.ndarray, dict]:
        """(label probabilities per line, {pointer label: share of the page per line})."""
        if not lines:
            return np.zeros((0, len(LABELS))), {}
        n = len(lines)
        lo, hi = window(n, start, end)
        base = page_features(lines, start, end, tmpl)
        x2 = pass2_features(base, self.pass1.predict(base))
        z = (x2 - self.pass2.mean) / self.pass2.scale
        probs = np.zeros((n, len(LABELS)))
        probs[:, LABELS.index("boilerplate")] = 1.0
        probs[lo:hi] = softmax(z @ self.pass2.W + self.pass2.b)
        ptr = {}
        for k, w in self.pointers.items():
            ptr[k] = np.zeros(n)
            ptr[k][lo:hi] = softmax((z @ w)[None, :])[0]
        return probs, ptr

    def predict(self, lines: list[Line], start: int, end: int, tmpl: list[int]) -> np.ndarray:
        return self.analyse(lines, start, end, tmpl)[0]


@lru_cache(maxsize=1)
def model() -> LineModel | None:
    """The shipped model, or None when the data file is missing (the rules then decide alone)."""
    path = DATA_DIR / MODEL_FILE
    if not path.exists():
        return None
    return LineModel(json.loads(path.read_text(encoding="utf-8")))


def label_probs(lines: list[Line], start: int, end: int, tmpl: list[int]) -> np.ndarray | None:
    """Label probabilities of every line (rows follow ``lines``, columns ``LABELS``); None without a model."""
    m = model()
    return None if m is None else m.predict(lines, start, end, tmpl)


def label_page(lines: list[Line], start: int, end: int, tmpl: list[int]) -> tuple[np.ndarray | None, dict]:
    """(label probabilities, pointer shares) of a page; (None, {}) without a model."""
    m = model()
    return (None, {}) if m is None else m.analyse(lines, start, end, tmpl)
