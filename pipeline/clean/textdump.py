"""Find the article in a text dump, in named steps.

``extract(text, template_counts) -> Extraction``:

1. ``region.find_region``: line kinds and the densest run of prose (the body's first guess).
2. ``labeller.label_probs``: every line gets probabilities for title, kicker, date line,
   byline, body and boilerplate (learned weights; the region is one of its features).
3. ``select_body``: prose lines of the region; short lines only as subheadings/list items of
   the prose that follows; lines the labeller is sure are not body leave.
4. ``headfields.find_header``: headline, kicker, date candidates, authors.
5. ``tidy_body``: credits cut off lines, duplicates and teaser repeats dropped.
6. ``strip_openers``: a date prefix, dateline or author credit opening the body; author
   initials closing it.
7. ``collect_tail``: credits, keywords and links around the body.
8. ``finish``: author and date chosen, paragraphs, lead; every removed line with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import header as H
from . import labeller
from .headfields import CONTENT, SOFT, find_header
from .lexicon import norm_line
from .lines import URL_ANY, Line
from .region import find_region

DATE_WINDOW_AFTER = 2   # body lines after the start still searched for a date line
# list items: '1. ...', 'a) ...', bullets, quantities of recipes ('1-2 Spritzer ...', '200 g Mehl')
_LIST_ITEM = re.compile(r"^(?:\(?\d{1,2}[.)]|[•·▪■●◦‣*–-]|[a-z][.)]|\d+(?:[,.\-–/]\d+)?(?:\s?%)?)\s")
LIST_ITEM_SHARE = 0.6
MAX_LIST_RUN = 12       # short lines between two prose lines kept as a list (ingredients, steps, bullets)
MID_BODY_BEFORE = 2     # prose lines needed above a date/link line for it to count as body
# A kept line leaves the body when the labeller gives it less than this body probability and
# more to another label. Chosen by grouped cross-validation (scripts/train_line_labeller.py):
# 0.1-0.2 gave the best snippet F1 with the first model; with the ridge-regularised model (L2 0.05)
# 0.25 does (held-out snippet F1 .913 at 0.15, .916 at 0.25, .914 at 0.35, .912 at 0.5).
BODY_DROP_P = 0.25
_IX = {k: i for i, k in enumerate(labeller.LABELS)}
REASONS = {"title": "headline (line labeller)", "kicker": "kicker (line labeller)", "date": "date line (line labeller)",
           "byline": "byline (line labeller)",
           "boilerplate": "boilerplate (line labeller)", "body": "body"}


@dataclass
class Extraction:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)   # (line index, text, reason)
    title: str = ""
    kicker: str = ""
    published: str = ""
    author: str = ""
    dateline: str = ""
    lead: str = ""
    keywords: list[str] = field(default_factory=list)
    image_credit: str = ""
    links: list[str] = field(default_factory=list)
    lead_marked: bool = False


@dataclass
class Page:
    """Working state of one extraction: the lines, the region and the decisions so far."""
    lines: list[Line]
    a: int
    b: int
    tmpl: list[int]
    probs: np.ndarray | None = None
    pointers: dict = field(default_factory=dict)            # label -> share of the page per line
    keep: dict[int, str] = field(default_factory=dict)      # line index -> text to keep
    reason: dict[int, str] = field(default_factory=dict)    # line index -> why it was removed
    texts: dict[int, str] = field(default_factory=dict)     # kept lines after tidying
    date_cands: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    first_body: int = 0
    title_i: int = -1


def _next_content(lines: list[Line], i: int, end: int) -> Line | None:
    for j in range(i + 1, end + 1):
        if lines[j].kind not in ("credit", "date", "buttons", "phrase"):
            return lines[j]
    return None


def _mid_body(lines: list[Line], i: int, a: int, b: int) -> bool:
    """A line with prose of the body both above it (not just the lead) and right below it."""
    before = sum(1 for k in range(a, i) if lines[k].kind in CONTENT)
    nxt = _next_content(lines, i, b)
    return before >= MID_BODY_BEFORE and nxt is not None and nxt.kind in CONTENT


def _fragment(ln: Line) -> bool:
    """A cut-off piece of prose (the last line of a truncated dump)."""
    return ln.kind in ("heading", "medium", "short", "good") and ln.words >= 3 and ln.stop >= 1 and not ln.sent_end


def _soft_run(pg: Page, i: int) -> int:
    """Keep a run of short lines from ``i`` as subheadings/list items when prose follows; returns its end."""
    lines, a, b = pg.lines, pg.a, pg.b
    j = i
    while j + 1 <= b and lines[j + 1].kind in SOFT:
        j += 1
    nxt = _next_content(lines, j, b)
    inside = nxt is not None and (nxt.kind == "good" or (nxt.kind == "medium" and not nxt.tight))
    run_ok = j == i or (j - i + 1 <= MAX_LIST_RUN and i > a and lines[i - 1].kind in CONTENT and
                        sum(1 for k in range(i, j + 1) if _LIST_ITEM.match(lines[k].text))
                        >= LIST_ITEM_SHARE * (j - i + 1))
    for k in range(i, j + 1):
        if (inside and (run_ok or k == j)) or (k == len(lines) - 1 and _fragment(lines[k])):
            pg.keep[k] = lines[k].text
        else:
            pg.reason[k] = "navigation"
    return j


def select_body(pg: Page) -> None:
    """Content lines of the region; soft lines only as subheadings of following content."""
    lines, a, b = pg.lines, pg.a, pg.b
    i = a
    while i <= b:
        ln = lines[i]
        if ln.kind in CONTENT:
            pg.keep[i] = ln.text
        elif ln.kind in SOFT:
            i = _soft_run(pg, i)
        elif ln.kind in ("date", "url") and _mid_body(lines, i, a, b):
            pg.keep[i] = ln.text     # 'Einsendeschluss: 3.11.2019', a link the text points to: part of the body
        else:
            pg.reason[i] = ln.reason or ln.kind
        i += 1
    # a dump cut off mid-paragraph: its last line continues the prose right after the body
    if b == len(lines) - 2 and _fragment(lines[-1]):
        pg.keep[b + 1] = lines[-1].text
    if pg.probs is not None:
        drop_learned(pg)


def drop_learned(pg: Page) -> None:
    """Kept lines the labeller is sure are not body leave with its label as the reason; a long
    prose line ('good') always stays (the held-out pages showed the model too sure of date-like
    openers such as 'Winsen, 12.09.2023. Der Landkreis ...'), and the body is never emptied."""
    lines = pg.lines
    drops = []
    for i in pg.keep:
        p = pg.probs[i]
        if lines[i].kind != "good" and p[_IX["body"]] < BODY_DROP_P and int(p.argmax()) != _IX["body"]:
            drops.append((i, labeller.LABELS[int(p.argmax())]))
    if len(drops) >= len(pg.keep):
        return
    for i, lab in drops:
        pg.keep.pop(i)
        pg.reason[i] = lines[i].reason or REASONS[lab]


def tidy_body(pg: Page, ex: Extraction) -> None:
    """Credits cut off the kept lines, duplicates dropped, teasers repeating a later paragraph dropped."""
    seen: set[str] = set()
    for i in sorted(pg.keep):
        t = pg.keep[i]
        t2, credit = H.strip_credit(t)
        if credit and t2:
            ex.removed.append((i, t[len(t2):].strip(), "image credit"))
            ex.image_credit = ex.image_credit or credit
            t = t2
        key = norm_line(t)
        if key in seen:
            pg.reason[i] = "duplicate"
            continue
        seen.add(key)
        pg.texts[i] = t
    # a teaser ending in '...' that repeats the start of a later paragraph; an image title that
    # repeats the start of the caption right below it
    idx = sorted(pg.texts)
    for n, i in enumerate(idx):
        t = pg.texts[i]
        later = [pg.texts[j] for j in idx[n + 1:n + 4]]
        later += [H.split_dateline(x)[2] for x in later]
        stem = t.rstrip(" .…").rstrip()
        if t.endswith(("...", "…")) and len(stem) > 20 and any(x.startswith(stem[:max(20, len(stem) - 15)])
                                                             for x in later):
            pg.reason[i] = "teaser list"
            del pg.texts[i]
        elif pg.lines[i].kind in SOFT and later and later[0].startswith(t) and len(later[0]) > len(t):
            pg.reason[i] = "image title"
            del pg.texts[i]


def _strip_opening(pg: Page, ex: Extraction, i: int) -> None:
    """A date prefix ('[29.9.2020] '), place and date, dateline ('Kiel (dpa) - ', 'München – ') or
    author credit opening line ``i``."""
    t = pg.texts[i]
    for split, weight, why in ((H.split_date_prefix, 4.0, "date line"), (H.split_place_date, 3.5, "dateline")):
        pre, iso, rest = split(t)
        if pre and rest:
            ex.removed.append((i, pre.strip(), why))
            pg.date_cands.append((weight, H.DateHit(0, 0, iso), t))
            ex.dateline = ex.dateline or (H.dateline_place(pre) if why == "dateline" else "")
            t = rest
            ex.lead_marked = True
    pre, who, rest = H.split_dateline(t)
    if not pre:
        pre, who, rest = H.split_place_opening(t)
    if pre and not rest and len(pg.texts) > 1 and i == min(pg.texts):
        ex.removed.append((i, pre.strip(), "dateline"))       # 'Stuttgart.' alone on the first line
        ex.dateline = ex.dateline or H.dateline_place(pre)
        del pg.texts[i]
        return
    if pre and rest:
        ex.removed.append((i, pre.strip(), "dateline"))
        ex.dateline = ex.dateline or H.dateline_place(pre)
        if who:
            pg.authors.append(("dateline", who))
        t = rest
        ex.lead_marked = True
    else:
        pre, who = H.split_opening_credit(t)
        if pre and t[len(pre):]:
            ex.removed.append((i, pre.strip(), "author credit"))
            pg.authors.append(who)
            t = t[len(pre):]
            ex.lead_marked = True
    pg.texts[i] = t


_INITIALS_LINE = re.compile(r"^\(?([a-zäöü]{2,5}(?:\s?/\s?[a-zäöü]{2,5})*)\)?$")
INITIALS_REACH = 3      # lines around the body searched for author initials alone on a line ('(jvo)')


def initials_lines(pg: Page) -> None:
    """Author initials alone on a line just above, inside or below the body: '(jvo)', 'kv/ska'."""
    lo, hi = max(0, pg.a - INITIALS_REACH), min(len(pg.lines), pg.b + INITIALS_REACH + 1)
    for j in range(lo, hi):
        m = _INITIALS_LINE.match(pg.lines[j].text)
        if m and j not in pg.texts:
            pg.authors.append(("end", m.group(1).replace(" ", "")))
            pg.reason[j] = "author initials"
            return


def strip_openers(pg: Page, ex: Extraction) -> None:
    """Openers of the body's first line (and first prose line); author initials at its end."""
    lines = pg.lines
    for j in sorted(pg.keep)[:DATE_WINDOW_AFTER + 1]:
        if lines[j].kind == "date":
            pg.date_cands += H.date_candidates(lines[j], "after")
    idx = sorted(pg.texts)
    starts = idx[:1] + [i for i in idx if lines[i].kind == "good"][:1]
    for i in dict.fromkeys(starts):
        if i in pg.texts:
            _strip_opening(pg, ex, i)
    if starts and starts[0] not in pg.texts and pg.texts:
        _strip_opening(pg, ex, min(pg.texts))   # the line after a lone dateline may open with a date
    idx = sorted(pg.texts)
    if idx:
        last = idx[-1]
        t, who = H.split_end_initials(pg.texts[last])
        if who:
            ex.removed.append((last, pg.texts[last][len(t):].strip(), "author initials"))
            pg.authors.append(("end", who))
            if t:
                pg.texts[last] = t
            else:
                del pg.texts[last]


def collect_tail(pg: Page, ex: Extraction) -> None:
    """Credits, keywords and links in the region and the lines right after it."""
    lines, b, tmpl = pg.lines, pg.b, pg.tmpl
    tail_end = b
    for j in range(b + 1, min(len(lines), b + 12)):
        if lines[j].kind in ("url", "keywords", "credit", "short", "heading") and not tmpl[j]:
            tail_end = j
        else:
            break
    for j in range(max(0, (pg.title_i if pg.title_i >= 0 else pg.first_body) - 2), tail_end + 1):
        ln = lines[j]
        if j in pg.texts:
            continue
        if ln.kind == "credit":
            v = H.credit_value(ln.text)
            if v and not ex.image_credit:
                ex.image_credit = v
            if j > b:
                pg.reason[j] = "image credit"
        elif ln.kind == "keywords" and not ex.keywords:
            nxt = lines[j + 1].text if j + 1 < len(lines) and lines[j + 1].kind in SOFT else ""
            ex.keywords = H.keyword_values(ln.text, nxt)
        elif ln.kind == "url" and j >= pg.first_body:
            ex.links.append(ln.text.rstrip(".,;"))
    for i in sorted(pg.texts):
        for m in URL_ANY.finditer(pg.texts[i]):
            if m.group(0) not in ex.links:
                ex.links.append(m.group(0))


def _removed_reason(pg: Page, ln: Line, context: str) -> str:
    if ln.i in pg.reason:
        return pg.reason[ln.i]
    if pg.tmpl[ln.i]:
        return f"template repeated on {pg.tmpl[ln.i]} pages"
    if ln.i < pg.a:
        return ln.reason or ("navigation" if ln.kind in SOFT else "page header")
    if ln.i > pg.b:
        return ln.reason or context or ("navigation" if ln.kind in SOFT else "page footer")
    return ln.reason or ln.kind


def finish(pg: Page, ex: Extraction) -> None:
    """Author (byline > end initials > agency dateline), date, paragraphs, lead, removed lines."""
    plain = [a_ for a_ in pg.authors if isinstance(a_, str) and a_]
    tagged = [a_ for a_ in pg.authors if isinstance(a_, tuple)]
    ends = [w for k, w in tagged if k == "end"]
    dl = [w for k, w in tagged if k == "dateline"]
    ex.author = (plain or ends or dl or [""])[0]
    if pg.date_cands:
        pg.date_cands.sort(key=lambda c: -c[0])
        ex.published = pg.date_cands[0][1].iso
    ex.paragraphs = [pg.texts[i] for i in sorted(pg.texts)]
    if ex.paragraphs and (ex.lead_marked or (len(ex.paragraphs) >= 3 and len(ex.paragraphs[0].split()) <= 60)):
        ex.lead = ex.paragraphs[0]
    context = ""        # the last teaser/comment heading after the body: what follows belongs to it
    for ln in pg.lines:
        if ln.prefix:
            ex.removed.append((ln.i, ln.prefix.strip(), "crawl date"))
        if ln.i > pg.b and (ln.kind == "marker" or ln.reason in ("publisher notice", "advert")):
            context = ln.reason
        if ln.i in pg.texts or ln.i == pg.title_i:
            continue
        r = _removed_reason(pg, ln, context)
        if r != "headline":
            ex.removed.append((ln.i, ln.text, r))
    ex.removed.sort(key=lambda x: x[0])


def _nothing(ex: Extraction, lines: list[Line]) -> Extraction:
    for ln in lines:
        ex.removed.append((ln.i, ln.text, ln.reason or "no article text"))
    return ex


def extract(text: str, template_counts=None) -> Extraction:
    """The article of a text dump: body paragraphs, header fields and every removed line."""
    ex = Extraction()
    region = find_region(text, template_counts)
    if region is None:
        return ex
    if region.start < 0:
        return _nothing(ex, region.lines)
    pg = Page(region.lines, region.start, region.end, region.template)
    pg.probs, pg.pointers = labeller.label_page(pg.lines, pg.a, pg.b, pg.tmpl)
    select_body(pg)
    if not pg.keep:
        return _nothing(ex, pg.lines)
    body = sorted(pg.keep)
    lines = pg.lines
    pg.first_body = next((i for i in body if lines[i].kind == "good"),
                         next((i for i in body if lines[i].kind in CONTENT), body[0]))
    find_header(pg, ex)
    tidy_body(pg, ex)
    strip_openers(pg, ex)
    initials_lines(pg)
    collect_tail(pg, ex)
    finish(pg, ex)
    return ex
