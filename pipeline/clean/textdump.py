"""Find the article in a text dump: score lines, take the best contiguous run, tidy it.

1. ``lines.make_lines`` gives every non-empty line a kind (good prose, heading,
   button bar, teaser, date, credit, ...).
2. Each line gets a score: prose counts with its length, page furniture counts
   against; lines a corpus template knows as repeated across the site count
   against too. The article body is the contiguous run of lines with the
   largest total (maximum-sum segment), i.e. the longest stretch of prose that
   is not interrupted by more furniture than it holds text.
3. Weak chunks at the run's edges are trimmed; inside the run, furniture kinds
   are dropped and short lines stay only as subheadings or list items of the
   prose that follows. Header fields come from the lines around the body start,
   credits/keywords/links from the body and the lines right after it; every
   removed line is kept with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import norm_line
from .lines import URL_ANY, Line, make_lines, mark_page_patterns

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


# --- from the region to an article ----------------------------------------------
TITLE_WINDOW = 8        # lines above the first body line searched for the headline
TITLE_MAX_WORDS = 18    # longer unpunctuated lines above the body are subtitles
TITLE_MAX_CHARS = 220
DATE_WINDOW_AFTER = 2   # body lines after the start still searched for a date line
TITLE_REPEAT_BONUS = 1.5  # a headline repeated on the page (browser title, breadcrumb)
TITLE_RANK_COST = 0.3     # per candidate line between a line and the body
_BYLINE_START = re.compile(r"^(?:von|by|autor|autorin|text)\b", re.I)
CONTENT = ("good", "medium")
# list items: '1. ...', 'a) ...', bullets, quantities of recipes ('1-2 Spritzer ...', '200 g Mehl')
_LIST_ITEM = re.compile(r"^(?:\(?\d{1,2}[.)]|[•·▪■●◦‣*–-]|[a-z][.)]|\d+(?:[,.\-–/]\d+)?(?:\s?%)?)\s")
LIST_ITEM_SHARE = 0.6
MAX_LIST_RUN = 12       # short lines between two prose lines kept as a list (ingredients, steps, bullets)
SOFT = ("heading", "short")


@dataclass
class Extraction:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)   # (line index, text, reason)
    title: str = ""
    kicker: str = ""
    published: str = ""
    author: str = ""
    lead: str = ""
    keywords: list[str] = field(default_factory=list)
    image_credit: str = ""
    links: list[str] = field(default_factory=list)
    lead_marked: bool = False


def _next_content(lines: list[Line], i: int, end: int) -> Line | None:
    for j in range(i + 1, end + 1):
        if lines[j].kind not in ("credit", "date", "buttons", "phrase"):
            return lines[j]
    return None


MID_BODY_BEFORE = 2     # prose lines needed above a date/link line for it to count as body


def _mid_body(lines: list[Line], i: int, a: int, b: int) -> bool:
    """A line with prose of the body both above it (not just the lead) and right below it."""
    before = sum(1 for k in range(a, i) if lines[k].kind in CONTENT)
    nxt = _next_content(lines, i, b)
    return before >= MID_BODY_BEFORE and nxt is not None and nxt.kind in CONTENT


def _pick_title(lines: list[Line], cands: list[int], first_body: int) -> int:
    """The headline among the candidate lines above the body (nearest first in ``cands``).

    A headline has several words; it often appears twice on the page (browser title,
    breadcrumb) and sits right above a date or byline line. Nearer lines win ties, and each
    candidate between a line and the body costs a little (section labels sit higher up)."""
    if not cands:
        return -1
    seen: dict[str, int] = {}
    for ln in lines[:first_body]:
        seen[ln.norm] = seen.get(ln.norm, 0) + 1
    heads = [ln.norm for ln in lines[:first_body] if ln.words > 3]
    best, best_score = -1, float("-inf")
    for rank, j in enumerate(cands):
        ln = lines[j]
        score = 0.0 if ln.words <= 1 else 1.0 if ln.words == 2 or ln.kind in CONTENT else 2.0
        if ln.words >= 2 and (seen.get(ln.norm, 0) >= 2 or any(
                h != ln.norm and h.endswith(ln.norm) for h in heads)):
            score += TITLE_REPEAT_BONUS
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if nxt is not None and (nxt.kind in ("date", "crawl") or (nxt.kind in SOFT and nxt.words <= 10 and
                                                                  bool(_BYLINE_START.match(nxt.text)))):
            score += 1.0
        score -= TITLE_RANK_COST * rank
        if score > best_score:
            best, best_score = j, score
    return best


def _fragment(ln: Line) -> bool:
    """A cut-off piece of prose (the last line of a truncated dump)."""
    return ln.kind in ("heading", "medium", "short", "good") and ln.words >= 3 and ln.stop >= 1 and not ln.sent_end


def extract(text: str, template_counts=None) -> Extraction:
    from . import header as H

    ex = Extraction()
    region = find_region(text, template_counts)
    if region is None or region.start < 0:
        if region is not None:
            for ln in region.lines:
                ex.removed.append((ln.i, ln.text, ln.reason or "no article text"))
        return ex
    lines, a, b = region.lines, region.start, region.end
    tmpl = region.template
    keep: dict[int, str] = {}          # line index -> text to keep
    reason: dict[int, str] = {}        # line index -> why it was removed

    # 1. content lines of the region; soft lines only as subheadings of following content
    i = a
    while i <= b:
        ln = lines[i]
        if ln.kind in CONTENT:
            keep[i] = ln.text
        elif ln.kind in SOFT:
            # a run of short lines: subheadings/list items when prose follows inside the body
            j = i
            while j + 1 <= b and lines[j + 1].kind in SOFT:
                j += 1
            nxt = _next_content(lines, j, b)
            inside = nxt is not None and (nxt.kind == "good" or (nxt.kind == "medium" and not nxt.tight))
            run_ok = j == i or (j - i + 1 <= MAX_LIST_RUN and i > a and lines[i - 1].kind in CONTENT and
                                sum(1 for k in range(i, j + 1) if _LIST_ITEM.match(lines[k].text))
                                >= LIST_ITEM_SHARE * (j - i + 1))
            for k in range(i, j + 1):
                if inside and (run_ok or k == j):
                    keep[k] = lines[k].text
                elif k == len(lines) - 1 and _fragment(lines[k]):
                    keep[k] = lines[k].text
                else:
                    reason[k] = "navigation"
            i = j
        elif ln.kind in ("date", "url") and _mid_body(lines, i, a, b):
            keep[i] = ln.text     # 'Einsendeschluss: 3.11.2019', a link the text points to: part of the body
        else:
            reason[i] = ln.reason or ln.kind
        i += 1
    # a dump cut off mid-paragraph: its last line continues the prose right after the body
    if b == len(lines) - 2 and _fragment(lines[-1]):
        keep[b + 1] = lines[-1].text
    body = sorted(keep)
    if not body:
        for ln in lines:
            ex.removed.append((ln.i, ln.text, ln.reason or "no article text"))
        return ex
    first_body = next((i for i in body if lines[i].kind == "good"),
                      next((i for i in body if lines[i].kind in CONTENT), body[0]))

    # 2. headline, kicker, byline, date above (and just inside) the body start
    title_i = -1
    date_cands: list = []
    authors: list[str] = []
    lo = max(0, first_body - TITLE_WINDOW)
    cands: list[int] = []
    for j in range(first_body - 1, lo - 1, -1):
        ln = lines[j]
        if ln.kind in ("marker", "navigation", "copyright") or (tmpl[j] and ln.kind not in CONTENT):
            break
        if ln.kind in ("date", "crawl"):
            date_cands += H.date_candidates(ln, "before")
            who = H.author_from_line(ln) if ln.kind == "date" else ""
            if who:
                authors.append(who)
            continue
        if ln.kind not in SOFT and ln.kind not in CONTENT:
            continue      # credits, buttons, links, teasers between headline and body
        if ln.kind in SOFT and H.is_byline(ln):
            authors.append(H.author_from_line(ln))
            reason[j] = "byline"
            keep.pop(j, None)
            continue
        if ln.kind in CONTENT and (ln.sent_end or ln.words > TITLE_MAX_WORDS or ln.kind == "good"):
            continue      # caption or subtitle above the body: stays text
        if ln.chars <= TITLE_MAX_CHARS and not ln.text.endswith(":") and (
                not ln.sent_end or ln.text.endswith(("?", "!"))) and not H.strip_credit(ln.text)[1]:
            cands.append(j)
    title_i = _pick_title(lines, cands, first_body)
    if title_i >= 0:
        tl = lines[title_i]
        ex.title = tl.text
        keep.pop(title_i, None)
        reason[title_i] = "headline"
        kick, rest = H.split_glued_kicker(ex.title)
        if kick:
            ex.kicker, ex.title = kick, rest
        elif title_i > 0:
            pk = lines[title_i - 1]
            if pk.kind in SOFT and pk.text.endswith(":") and pk.words <= 4:
                ex.kicker = pk.text[:-1].strip()
                keep.pop(title_i - 1, None)
                reason[title_i - 1] = "kicker"
        # a date line just above the headline (below a section label or caption)
        for j in range(title_i - 1, max(-1, title_i - 4), -1):
            ln = lines[j]
            if ln.kind in ("marker", "navigation", "copyright"):
                break
            if ln.kind in ("date", "crawl"):
                date_cands += H.date_candidates(ln, "before")
                if j in keep:
                    keep.pop(j)
                    reason[j] = "date line"
        # dates and bylines between the headline and the body
        for j in range(title_i + 1, first_body):
            ln = lines[j]
            if ln.kind in ("date", "crawl"):
                date_cands += H.date_candidates(ln, "after")
                who = H.author_from_line(ln) if ln.kind == "date" else ""
                if who:
                    authors.append(who)
            elif ln.kind in SOFT and H.is_byline(ln):
                authors.append(H.author_from_line(ln))
                keep.pop(j, None)
                reason[j] = "byline"
    # a crawl stamp glued to the first line is never a publication date; dates inside the body start
    for j in sorted(keep)[:DATE_WINDOW_AFTER + 1]:
        ln = lines[j]
        if ln.kind == "date":
            date_cands += H.date_candidates(ln, "after")

    # 3. tidy the kept lines: crawl stamps, credits, duplicates
    texts: dict[int, str] = {}
    seen: set[str] = set()
    for i in sorted(keep):
        t = keep[i]
        ln = lines[i]
        t2, credit = H.strip_credit(t)
        if credit and t2:
            ex.removed.append((i, t[len(t2):].strip(), "image credit"))
            ex.image_credit = ex.image_credit or credit
            t = t2
        key = norm_line(t)
        if key in seen:
            reason[i] = "duplicate"
            continue
        seen.add(key)
        texts[i] = t
    # a teaser ending in '...' that repeats the start of a later paragraph; an image title that
    # repeats the start of the caption right below it
    idx = sorted(texts)
    for n, i in enumerate(idx):
        t = texts[i]
        later = [texts[j] for j in idx[n + 1:n + 4]]
        later += [H.split_dateline(x)[2] for x in later]
        stem = t.rstrip(" .…").rstrip()
        if t.endswith(("...", "…")) and len(stem) > 20 and any(x.startswith(stem[:max(20, len(stem) - 15)])
                                                             for x in later):
            reason[i] = "teaser list"
            del texts[i]
        elif lines[i].kind in SOFT and later and later[0].startswith(t) and len(later[0]) > len(t):
            reason[i] = "image title"
            del texts[i]
    # the body's first paragraph may open with a date ('[29.9.2020] ') or a dateline ('Kiel (dpa) - ')
    idx = sorted(texts)
    starts = idx[:1] + [i for i in idx if lines[i].kind == "good"][:1]
    for i in dict.fromkeys(starts):
        t = texts[i]
        # '[29.9.2020] ' (weight 4.0), then 'Berlin, 29. September 2020 - ' (3.5)
        for split, weight, why in ((H.split_date_prefix, 4.0, "date line"), (H.split_place_date, 3.5, "dateline")):
            pre, iso, rest = split(t)
            if pre and rest:
                ex.removed.append((i, pre.strip(), why))
                date_cands.append((weight, H.DateHit(0, 0, iso), t))
                t = rest
                ex.lead_marked = True
        pre, who, rest = H.split_dateline(t)
        if pre and rest:
            ex.removed.append((i, pre.strip(), "dateline"))
            if who:
                authors.append(("dateline", who))
            t = rest
            ex.lead_marked = True
        else:
            pre, who = H.split_opening_credit(t)
            if pre and t[len(pre):]:
                ex.removed.append((i, pre.strip(), "author credit"))
                authors.append(who)
                t = t[len(pre):]
                ex.lead_marked = True
        texts[i] = t
    # 4. author initials at the end of the body
    idx = sorted(texts)
    if idx:
        last = idx[-1]
        t, who = H.split_end_initials(texts[last])
        if who:
            ex.removed.append((last, texts[last][len(t):].strip(), "author initials"))
            authors.append(("end", who))
            if t:
                texts[last] = t
            else:
                del texts[last]

    # 5. credits, keywords and links in the region and the lines right after it
    tail_end = b
    for j in range(b + 1, min(len(lines), b + 12)):
        if lines[j].kind in ("url", "keywords", "credit", "short", "heading") and not tmpl[j]:
            tail_end = j
        else:
            break
    for j in range(max(0, (title_i if title_i >= 0 else first_body) - 2), tail_end + 1):
        ln = lines[j]
        if j in texts:
            continue
        if ln.kind == "credit":
            v = H.credit_value(ln.text)
            if v and not ex.image_credit:
                ex.image_credit = v
            if j > b:
                reason[j] = "image credit"
        elif ln.kind == "keywords" and not ex.keywords:
            nxt = lines[j + 1].text if j + 1 < len(lines) and lines[j + 1].kind in SOFT else ""
            ex.keywords = H.keyword_values(ln.text, nxt)
        elif ln.kind == "url" and j >= first_body:
            ex.links.append(ln.text.rstrip(".,;"))
    for i in sorted(texts):
        for m in URL_ANY.finditer(texts[i]):
            u = m.group(0)
            if u not in ex.links:
                ex.links.append(u)

    # 6. authors: a byline beats initials at the end, which beat an agency dateline
    plain = [a_ for a_ in authors if isinstance(a_, str) and a_]
    ends = [w for k, w in (a_ for a_ in authors if isinstance(a_, tuple)) if k == "end"]
    dl = [w for k, w in (a_ for a_ in authors if isinstance(a_, tuple)) if k == "dateline"]
    ex.author = (plain or ends or dl or [""])[0]

    # 7. publication date
    if date_cands:
        date_cands.sort(key=lambda c: -c[0])
        ex.published = date_cands[0][1].iso

    ex.paragraphs = [texts[i] for i in sorted(texts)]
    if ex.paragraphs and (ex.lead_marked or (len(ex.paragraphs) >= 3 and len(ex.paragraphs[0].split()) <= 60)):
        ex.lead = ex.paragraphs[0]
    context = ""        # the last teaser/comment heading after the body: what follows belongs to it
    for ln in lines:
        if ln.prefix:
            ex.removed.append((ln.i, ln.prefix.strip(), "crawl date"))
        if ln.i > b and (ln.kind == "marker" or ln.reason in ("publisher notice", "advert")):
            context = ln.reason
        if ln.i in texts or ln.i == title_i:
            continue
        if ln.i in reason:
            r = reason[ln.i]
        elif tmpl[ln.i]:
            r = f"template repeated on {tmpl[ln.i]} pages"
        elif ln.i < a:
            r = ln.reason or ("navigation" if ln.kind in SOFT else "page header")
        elif ln.i > b:
            r = ln.reason or context or ("navigation" if ln.kind in SOFT else "page footer")
        else:
            r = ln.reason or ln.kind
        if r == "headline":
            continue
        ex.removed.append((ln.i, ln.text, r))
    ex.removed.sort(key=lambda x: x[0])
    return ex


