"""The densest run of prose in a text dump: line scores and the maximum-sum segment.

Takes the ``Line``s of ``lines.make_lines``; gives a ``Region`` (lines, start,
end, per-line template counts). Every line gets a score: prose counts with its
length, page furniture counts against; lines a corpus template knows as repeated
across the site count against too. The body is the contiguous run of lines with
the largest total (maximum-sum segment), i.e. the longest stretch of prose that
is not interrupted by more furniture than it holds text; weak chunks at its
edges are trimmed. The line labeller (``labeller``) takes the region as a
feature ("position relative to the densest body run").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line, make_lines, mark_page_patterns

# Scores per line kind. Prose counts with its length in characters; furniture with a
# fixed or length-scaled penalty. Calibrated on the even half of the textdump bench
# (checked on the odd half) and on the dev dumps: a 50-item menu (-1000) outweighs a
# stray 300-character cookie-free sentence, while one subheading or caption credit
# inside an article (-10..-15) never splits the body.
MEDIUM_PUNCT_WEIGHT = 0.6       # short full sentence
MEDIUM_PLAIN_WEIGHT = 0.3       # longish line without sentence end
PENALTY = {
    "heading": 12.0,
    "short": 20.0,
        "phrase": 60.0,
    "buttons": 60.0,
    "navigation": 60.0,
    "credit": 5.0,
    "keywords": 100.0,
    "url": 10.0,
    "date": 15.0,
    "address": 40.0,
    "copyright": 150.0,
    "crawl": 15.0,
}
MARKER_PENALTY = 250.0           # a teaser/related heading: crossed only by a big article part on both sides
COMMENTS_PENALTY = 1000.0        # comment sections are never part of the article
TEASER_MIN_PENALTY = 80.0
# Pages run header -> article -> related/comments -> sidebar/footer. Once a teaser or
# comments heading has followed real text (ARTICLE_STARTED_CHARS of prose), prose further
# down is worth less: each such marker multiplies later positive scores by MARKER_DECAY
# (never below DECAY_FLOOR). Calibrated on the even half of the textdump bench, where
# sidebars with "about us" prose after the comment form otherwise outweigh short articles.
ARTICLE_STARTED_CHARS = 200.0
MARKER_DECAY = 0.5
COMMENTS_DECAY = 0.3
DECAY_FLOOR = 0.1
# A share/print bar after at least SHARE_BAR_STARTED_CHARS of prose usually closes the article
# (bars above the body follow only a headline and a short lead); prose below it counts half.
# 400 and 800 gave the same scores on the textdump bench (even half 0.885 -> 0.889, odd unchanged).
SHARE_BAR_STARTED_CHARS = 400.0
SHARE_BAR_DECAY = 0.5
TEMPLATE_MIN_PENALTY = 40.0
FALLBACK_MIN_CHARS = 60          # see find_region: long lines count as prose when nothing else does


# A page "uses blank lines" between paragraphs when at least this share of its lines
# starts a paragraph; then lines packed between other lines without a blank line are
# list/menu items. On the textdump bench 85 % of article snippets sit on lines with blank
# lines on both sides, but only 2 % of menu-like packed lines hold article text.
BLANK_SEPARATED_SHARE = 0.2
MIN_BLANK_SEPARATED = 4
TIGHT_MEDIUM_WEIGHT = -0.2      # a packed short sentence (menu entry phrased as a question) counts against


def mark_tight(lines: list[Line]) -> None:
    n = len(lines)
    if not n or sum(1 for ln in lines if ln.para_start) < max(MIN_BLANK_SEPARATED, BLANK_SEPARATED_SHARE * n):
        return
    for k, ln in enumerate(lines):
        nxt_blank = k + 1 >= n or lines[k + 1].para_start
        ln.tight = not ln.para_start and not nxt_blank


def line_score(ln: Line, template: bool = False) -> float:
    k = ln.kind
    if template:
        return -max(TEMPLATE_MIN_PENALTY, float(ln.chars))
    if k == "good":
        return float(ln.chars)
    if k == "medium":
        if ln.tight and not ln.text.rstrip("\"“”»'’)").endswith((".", "!")):
            return ln.chars * TIGHT_MEDIUM_WEIGHT
        return ln.chars * (MEDIUM_PUNCT_WEIGHT if ln.sent_end else MEDIUM_PLAIN_WEIGHT)
    if k == "marker":
        return -(COMMENTS_PENALTY if ln.reason == "comments" else MARKER_PENALTY)
    if k == "teaser":
        return -max(TEASER_MIN_PENALTY, float(ln.chars))
    return -PENALTY.get(k, 20.0)


def apply_marker_decay(lines: list[Line], scores: list[float]) -> None:
    """Down-weight prose that comes after teaser/comment headings which directly follow a block of
    article-like text (the best run of lines ending just above the heading)."""
    run = 0.0            # maximum-sum run ending at the current line (undecayed scores)
    peak = 0.0           # the highest value of that run since it last fell to zero
    seen = 0.0           # all prose so far: comment sections follow the article wherever it was
    factor = 1.0
    in_bar = False
    for i, ln in enumerate(lines):
        s = scores[i]
        if ln.kind == "marker":
            if ln.reason == "comments" and seen >= ARTICLE_STARTED_CHARS:
                factor = max(DECAY_FLOOR, factor * COMMENTS_DECAY)
            elif ln.reason != "comments" and peak >= ARTICLE_STARTED_CHARS:
                factor = max(DECAY_FLOOR, factor * MARKER_DECAY)
        elif ln.kind == "buttons" and peak >= SHARE_BAR_STARTED_CHARS and not in_bar:
            factor = max(DECAY_FLOOR, factor * SHARE_BAR_DECAY)
        in_bar = ln.kind == "buttons"
        if s > 0:
            seen += s
        run = max(0.0, run + s)
        peak = max(peak, run) if run > 0 else 0.0
        if s > 0:
            scores[i] = s * factor


# The maximum-sum segment takes a piece of prose after a gap of furniture as soon as the
# prose outweighs the gap. At the edges of the article that is too generous (a "find more
# here" sentence after the image credits, a newsletter blurb under the share bar): an
# edge chunk stays only when it outweighs its gap EDGE_FACTOR times. Calibrated on the
# even half of the textdump bench.
EDGE_FACTOR = 2.5
EDGE_MAX_CHUNK = 250.0          # only short chunks (one or two sentences) are trimmed


def trim_edges(scores: list[float], a: int, b: int) -> tuple[int, int]:
    """Cut one weak chunk of prose off each end of the segment [a, b]."""
    # trailing chunk: positives after the last non-positive run
    j, chunk = b, 0.0
    while j > a and scores[j] > 0:
        chunk += scores[j]
        j -= 1
    k, gap = j, 0.0
    while k > a and scores[k] <= 0:
        gap -= scores[k]
        k -= 1
    if k > a and gap > 0 and chunk <= EDGE_MAX_CHUNK and chunk < EDGE_FACTOR * gap:
        b = k
    # leading chunk
    j, chunk = a, 0.0
    while j < b and scores[j] > 0:
        chunk += scores[j]
        j += 1
    k, gap = j, 0.0
    while k < b and scores[k] <= 0:
        gap -= scores[k]
        k += 1
    if k < b and gap > 0 and chunk <= EDGE_MAX_CHUNK and chunk < EDGE_FACTOR * gap:
        a = k
    return a, b


def best_segment(scores: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous segment (Kadane): (start, end inclusive, total); (-1, -1, 0) if none is positive."""
    best = (-1, -1, 0.0)
    cur, start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best[2]:
            best = (start, i, cur)
    return best


@dataclass
class Region:
    lines: list[Line]
    start: int           # index into lines (inclusive)
    end: int             # inclusive
    template: list[int] = field(default_factory=list)   # per line: number of pages repeating it (0 = none)


def find_region(text: str, template_counts=None) -> Region | None:
    lines = make_lines(text)
    if not lines:
        return None
    mark_page_patterns(lines)
    mark_tight(lines)
    tmpl = [0] * len(lines)
    if template_counts is not None:
        tmpl = [template_counts(ln.text) for ln in lines]
    scores = [line_score(ln, tmpl[i] > 0 and ln.kind not in ("marker",)) for i, ln in enumerate(lines)]
    apply_marker_decay(lines, scores)
    for ln, s in zip(lines, scores):
        ln.score = s
    a, b, total = best_segment(scores)
    if a < 0:
        # no prose by our measure (a language without known function words, a list page):
        # long lines of any kind that are not furniture stand in for prose
        for ln in lines:
            if ln.kind in ("heading", "medium", "short") and (ln.words >= 3 or ln.sent_end) and (
                    ln.chars >= FALLBACK_MIN_CHARS or (ln.sent_end and ln.chars >= FALLBACK_MIN_CHARS // 2)):
                ln.kind = "good"
        scores = [line_score(ln, tmpl[i] > 0) for i, ln in enumerate(lines)]
        for ln, s_ in zip(lines, scores):
            ln.score = s_
        a, b, total = best_segment(scores)
    if a < 0:
        return Region(lines, -1, -1, tmpl)
    a, b = trim_edges(scores, a, b)
    return Region(lines, a, b, tmpl)


