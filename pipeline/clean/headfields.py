"""Header fields of a text dump: headline, kicker, publication date, author.

Takes the working state of ``textdump.extract`` (lines, the body start, the
kept lines, the labeller's probabilities); sets ``title``/``kicker`` on the
``Extraction`` and fills ``pg.date_cands`` / ``pg.authors``; lines used for a
header field leave the body with their label as the reason.

With the learned labeller (``labeller.label_probs``) the line with the highest
title / date / byline probability near the body start wins when it is
confident enough; otherwise (no model, or nothing confident) the rules below
decide as before: candidates above the body, nearest first.
"""
from __future__ import annotations

import re

from . import header as H
from .datepick import fallback_candidates, penalise_updates
from .bylines import name_after_cue, name_in
from .labeller import LABELS
from .lines import Line, looks_like_name
from .titlerival import rival_title

TITLE_WINDOW = 8        # lines above the first body line searched for the headline (rules)
TITLE_MAX_WORDS = 18    # longer unpunctuated lines above the body are subtitles
TITLE_MAX_CHARS = 220
TITLE_REPEAT_BONUS = 1.5  # a headline repeated on the page (browser title, breadcrumb)
TITLE_RANK_COST = 0.3     # per candidate line between a line and the body
_BYLINE_START = re.compile(r"^(?:von|by|autor|autorin|text)\b", re.I)
# a byline the labeller found needs a cue word somewhere (or a known given name, see author_from_line)
_BYLINE_CUE = re.compile(r"(?:^|[|,•·]\s*)(?:von|by|autor|autorin|autoren|text|redaktion)\b:?", re.I)
CONTENT = ("good", "medium")
SOFT = ("heading", "short")
STOP_KINDS = ("marker", "navigation", "copyright")

# Learned picks: a line is taken as headline / date line / byline when its probability is at
# least the floor below and it lies at most LEARNED_ABOVE lines above (LEARNED_INTO lines into)
# the first body line. Chosen by grouped cross-validation in scripts/train_line_labeller.py
# (the floors between 0.2 and 0.5 changed header accuracy by under two points).
LEARNED_ABOVE = 25
LEARNED_INTO = 3
TITLE_MIN_P = 0.25
DATE_MIN_P = 0.3
BYLINE_MIN_P = 0.3
KICKER_MIN_P = 0.5
# A kicker line: at most 4 words / 40 characters (the corpus kickers: 1-4 words), and at least a
# tenth of the boilerplate probability on kicker+title (menus and section labels get far less).
KICKER_MAX_WORDS = 4
KICKER_MAX_CHARS = 40
KICKER_LABEL_SHARE = 0.1
POINTER_MIN = 0.2        # least share of the page a pointer must give its line (see LineModel)
# Lines below the body start the byline pointer may choose: bylines also close articles
# ('Von Anna Muster' under the last paragraph). Chosen by grouped cross-validation
# (scripts/train_line_labeller.py --reuse-folds): 3 -> BYLINE_INTO raised dump author accuracy.
BYLINE_INTO = 3
# The byline pointer's first BYLINE_TRIES lines (share >= BYLINE_MIN_SHARE, at most
# BYLINE_MAX_WORDS words) are tried in turn until one holds a name: the pointer is often sure of a
# line next to the byline (a caption, the headline). Chosen by the same cross-validation.
BYLINE_TRIES = 3
# Further down (to BYLINE_FAR lines after the body's end) a byline needs a cue word before the name
# ('Von Anna Muster' under the last paragraph or between teaser and body). Grouped CV.
BYLINE_FAR = 3
BYLINE_MIN_SHARE = 0.01
BYLINE_MAX_WORDS = 20
# The learned date line's candidates get this weight times its probability on top of the rules'
# cue scores (0-7), so a bracketed date opening the body (4) or a 'Veröffentlicht am' cue still
# counts: a page's "today" line above the header can look like a date line to the model.
LEARNED_DATE_WEIGHT = 5.0
# A date in the chosen byline line gets this weight times the byline pointer's share (a line holding
# both is labelled byline in training, so the date pointer never learned it). Grouped CV.
BYLINE_DATE_WEIGHT = 5.0
_IX = {k: i for i, k in enumerate(LABELS)}


def pick_title_rules(lines: list[Line], cands: list[int], first_body: int) -> int:
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


def _drop(pg, j: int, why: str) -> None:
    pg.keep.pop(j, None)
    pg.reason[j] = why


def _rule_candidates(pg) -> list[int]:
    """Scan upwards from the body start: dates and bylines go to the candidates lists, headline
    candidates are returned (nearest first)."""
    lines, tmpl, fb = pg.lines, pg.tmpl, pg.first_body
    cands: list[int] = []
    for j in range(fb - 1, max(0, fb - TITLE_WINDOW) - 1, -1):
        ln = lines[j]
        if ln.kind in STOP_KINDS or (tmpl[j] and ln.kind not in CONTENT):
            break
        if ln.kind in ("date", "crawl"):
            pg.date_cands += H.date_candidates(ln, "before")
            who = H.author_from_line(ln) if ln.kind == "date" else ""
            if who:
                pg.authors.append(who)
            continue
        if ln.kind not in SOFT and ln.kind not in CONTENT:
            continue      # credits, buttons, links, teasers between headline and body
        if ln.kind in SOFT and H.is_byline(ln):
            pg.authors.append(H.author_from_line(ln))
            _drop(pg, j, "byline")
            continue
        if ln.kind in CONTENT and (ln.sent_end or ln.words > TITLE_MAX_WORDS or ln.kind == "good"):
            continue      # caption or subtitle above the body: stays text
        if ln.chars <= TITLE_MAX_CHARS and not ln.text.endswith(":") and (
                not ln.sent_end or ln.text.endswith(("?", "!"))) and not H.strip_credit(ln.text)[1]:
            cands.append(j)
    return cands


def _around_title(pg, title_i: int) -> None:
    """Date lines just above the headline and dates/bylines between it and the body."""
    lines = pg.lines
    for j in range(title_i - 1, max(-1, title_i - 4), -1):
        ln = lines[j]
        if ln.kind in STOP_KINDS:
            break
        if ln.kind in ("date", "crawl"):
            pg.date_cands += H.date_candidates(ln, "before")
            if j in pg.keep:
                _drop(pg, j, "date line")
    for j in range(title_i + 1, pg.first_body):
        ln = lines[j]
        if ln.kind in ("date", "crawl"):
            pg.date_cands += H.date_candidates(ln, "after")
            who = H.author_from_line(ln) if ln.kind == "date" else ""
            if who:
                pg.authors.append(who)
        elif ln.kind in SOFT and H.is_byline(ln):
            pg.authors.append(H.author_from_line(ln))
            _drop(pg, j, "byline")


def _window(pg) -> range:
    return range(max(0, pg.first_body - LEARNED_ABOVE), min(len(pg.lines), pg.first_body + LEARNED_INTO + 1))


def _best(pg, label: str, floor: float, exclude: set[int]) -> int:
    """The line of the window with the highest probability of ``label`` (>= floor), else -1."""
    col = _IX[label]
    best, best_p = -1, floor
    for j in _window(pg):
        p = float(pg.probs[j, col])
        if j not in exclude and p >= best_p:
            best, best_p = j, p
    return best


TITLE_KINDS = ("heading", "medium", "short")     # furniture kinds of the rules (buttons, credits, ...) never head


def _title_ok(ln: Line) -> bool:
    """A line that may be a headline: a heading-like kind, 2+ words of letters, no person's name alone."""
    return (ln.kind in TITLE_KINDS and 2 <= ln.words <= TITLE_MAX_WORDS + 10 and ln.alpha >= 2
            and ln.chars <= TITLE_MAX_CHARS and not looks_like_name(ln.text.replace("Prof. ", "").replace("Dr. ", "")))


def _pointer(pg, label: str, ok, floor: float, into: int = LEARNED_INTO) -> int:
    """The line the pointer of ``label`` gives the largest share of the page (lines up to ``into``
    lines below the body start, passing ``ok``), when that share reaches ``floor``; else -1."""
    share = pg.pointers.get(label)
    if share is None:
        return -2
    best, best_s = -1, floor
    for j in range(min(len(pg.lines), pg.first_body + into + 1)):
        if share[j] >= best_s and ok(pg.lines[j]):
            best, best_s = j, float(share[j])
    return best


DATE_LINE_MAX_WORDS = 20     # a date line is short; a sentence of the body that names a date is no date line


DATE_EDGE_CHARS = 3          # a prose line counts only when a date opens or closes it: '(21.03.2018)'


def _date_line_ok(ln: Line) -> bool:
    """A line the date pointer may choose: a short line with a date, or a prose line that opens or
    closes with one (a sentence naming a deadline is no date line)."""
    if ln.kind == "crawl":
        return False
    hits = H.find_dates(ln.text)
    if not hits:
        return False
    if ln.kind != "good" and ln.words <= DATE_LINE_MAX_WORDS:
        return True
    tail = len(ln.text.rstrip(" )].")) - hits[-1].end
    return hits[0].start <= DATE_EDGE_CHARS or tail <= DATE_EDGE_CHARS


# A line the title pointer gives at least TITLE_SURE_SHARE of the page is the headline even when it is
# one word ('Mandelkuchen') or prose-shaped, unless it is page furniture (_NEVER_TITLE kinds, template
# lines, no letters). Below that, the stricter _title_ok applies. Grouped CV (--reuse-folds): dump
# title .639 (off) / .647 (0.5) / .664 (0.3, 0.2) / .655 (0.1); corpus unchanged; lines below the body
# start (TITLE_SURE_INTO >= 0) cost corpus dates and text.
TITLE_SURE_SHARE = 0.3
TITLE_SURE_INTO = -1
TITLE_POINTER_MIN = POINTER_MIN
_NEVER_TITLE = ("buttons", "navigation", "credit", "url", "copyright", "crawl", "keywords", "address", "date",
                "marker", "phrase", "teaser")


def _sure_title_ok(pg, ln: Line) -> bool:
    return (ln.kind not in _NEVER_TITLE and not pg.tmpl[ln.i] and ln.alpha >= 3
            and ln.words <= TITLE_MAX_WORDS + 10 and ln.chars <= TITLE_MAX_CHARS)


def _learned_title(pg) -> int:
    if TITLE_SURE_SHARE <= 1:
        sure = lambda ln: _sure_title_ok(pg, ln)      # noqa: E731
        j = _pointer(pg, "title", sure, TITLE_SURE_SHARE, into=TITLE_SURE_INTO)
        if j >= 0:
            return rival_title(pg, j, sure)
    ok = lambda ln: _title_ok(ln) and not pg.tmpl[ln.i]      # noqa: E731
    j = _pointer(pg, "title", ok, TITLE_POINTER_MIN,
                 into=-1)      # a headline sits above the prose and is not repeated on the site's pages
    if j >= 0:
        return rival_title(pg, j, ok)
    if j != -2:
        return j
    prose = {i for i in _window(pg) if not _title_ok(pg.lines[i])}
    return _best(pg, "title", TITLE_MIN_P, prose)


def _learned_date_and_author(pg, title_i: int) -> None:
    """The most probable date line and byline near the body start; their dates/names go first."""
    j = _pointer(pg, "date", _date_line_ok, POINTER_MIN)
    share = pg.pointers.get("date")
    if j == -2:
        j = _best(pg, "date", DATE_MIN_P, {title_i})
        share = pg.probs[:, _IX["date"]]
    if j >= 0 and j != title_i:
        where = "before" if j < title_i else "after"
        bonus = LEARNED_DATE_WEIGHT * float(share[j])
        for score, hit, t in H.date_candidates(pg.lines[j], where):
            pg.date_cands.append((score + bonus, hit, t))
        if j in pg.keep and pg.lines[j].kind != "good" and pg.probs[j, _IX["body"]] < pg.probs[j, _IX["date"]]:
            _drop(pg, j, "date line")
    k, who = _learned_byline(pg, title_i)
    if who:
        pg.authors.insert(0, who)
        if k != j and BYLINE_DATE_WEIGHT:     # '6. Mai 2022 von Anna Muster': the byline's date counts too
            bonus = BYLINE_DATE_WEIGHT * float(pg.pointers["byline"][k]) if "byline" in pg.pointers else 0.0
            for score, hit, t in H.date_candidates(pg.lines[k], "before" if k < title_i else "after"):
                pg.date_cands.append((score + bonus, hit, t))
        if k in pg.keep and pg.lines[k].kind != "good" and pg.probs[k, _IX["body"]] < pg.probs[k, _IX["byline"]]:
            _drop(pg, k, "byline")


def _byline_name(pg, k: int) -> str:
    ln = pg.lines[k]
    prev = pg.lines[k - 1].text if k > 0 else ""
    return (name_in(ln.text, prev) or H.author_from_line(ln)
            or (H.author_from_byline(ln.text) if _BYLINE_CUE.search(ln.text) else ""))


def _learned_byline(pg, title_i: int) -> tuple[int, str]:
    """(line, name) of the byline: the lines the byline pointer ranks highest (up to BYLINE_TRIES,
    share >= BYLINE_MIN_SHARE, at most BYLINE_INTO lines below the body start); the first that
    holds a person's name (``bylines.name_in``) wins. (-1, '') when none does."""
    share = pg.pointers.get("byline")
    if share is None:
        k = _best(pg, "byline", BYLINE_MIN_P, {title_i})
        return (k, _byline_name(pg, k)) if k >= 0 and k != title_i else (-1, "")
    near = pg.first_body + BYLINE_INTO
    hi = min(len(pg.lines), max(near, pg.b + BYLINE_FAR) + 1)
    order = sorted(range(hi), key=lambda j: -share[j])[:BYLINE_TRIES]
    for k in order:
        ln = pg.lines[k]
        if share[k] < BYLINE_MIN_SHARE:
            break
        if k == title_i or ln.words > BYLINE_MAX_WORDS or (ln.kind == "credit" and not _BYLINE_START.match(ln.text)):
            continue
        who = _byline_name(pg, k) if k <= near else name_after_cue(ln.text)
        if who:
            return k, who
    return -1, ""


# A headline line that is another line nearby with a few words in front ('Olympia Getränke per Schiff'
# above or below 'Getränke per Schiff') is kicker + headline printed together: the nearby line is the
# headline, the words in front the kicker. Lines searched either side; grouped cross-validation.
GLUED_REACH = 3
GLUED_MIN_WORDS = 2


def _glued_pair(pg, title_i: int) -> tuple[str, str]:
    """(kicker, headline) when the chosen line is a nearby line with a kicker in front, else ('', '')."""
    t = pg.lines[title_i]
    for j in range(max(0, title_i - GLUED_REACH), min(len(pg.lines), title_i + GLUED_REACH + 1)):
        o = pg.lines[j]
        if j == title_i or o.words < GLUED_MIN_WORDS or len(o.norm) >= len(t.norm) or not t.norm.endswith(" " + o.norm):
            continue
        cut = len(t.text) - len(o.text)
        if t.text[cut:] != o.text:
            continue
        kick = t.text[:cut].strip(" :–—-|")
        if kick and len(kick.split()) <= KICKER_MAX_WORDS:
            return kick, o.text
    return "", ""


def _set_title(pg, ex, title_i: int) -> None:
    lines = pg.lines
    ex.title = lines[title_i].text
    _drop(pg, title_i, "headline")
    kick, rest = _glued_pair(pg, title_i) if GLUED_REACH else ("", "")
    if not kick:
        kick, rest = H.split_glued_kicker(ex.title)
    if kick:
        ex.kicker, ex.title = kick, rest
    elif title_i > 0:
        pk = lines[title_i - 1]
        learned = pg.probs is not None and pg.probs[title_i - 1, _IX["kicker"]] >= KICKER_MIN_P
        if (pk.kind in SOFT and pk.text.endswith(":") and pk.words <= 4) or (learned and pk.words <= 6) or (
                pg.probs is not None and _kicker_shape(pg, title_i - 1)):
            ex.kicker = pk.text.rstrip(":").strip(" ►▶•›»")
            _drop(pg, title_i - 1, "kicker")


def _kicker_shape(pg, j: int) -> bool:
    """A short label right above the headline ('Digitalisierung', 'Aus dem Rathaus', 'REPORT'):
    at most KICKER_MAX_WORDS words, no sentence, no date, not repeated on the site's other pages,
    and not a page-furniture label (the labeller gives it more kicker/title than boilerplate share)."""
    ln = pg.lines[j]
    if ln.kind not in SOFT or ln.words > KICKER_MAX_WORDS or ln.chars > KICKER_MAX_CHARS or ln.sent_end:
        return False
    if pg.tmpl[j] or H.find_dates(ln.text) or not ln.text.lstrip(" ►▶•›»")[:1].isupper():
        return False
    p = pg.probs[j]
    return p[_IX["kicker"]] + p[_IX["title"]] >= KICKER_LABEL_SHARE * p[_IX["boilerplate"]]


def find_header(pg, ex) -> None:
    """Headline, kicker, date candidates and authors from the lines around the body start."""
    cands = _rule_candidates(pg)
    title_i = _learned_title(pg) if pg.probs is not None else -1
    if title_i < 0:
        title_i = pick_title_rules(pg.lines, cands, pg.first_body)
    pg.title_i = title_i
    if title_i >= 0:
        _set_title(pg, ex, title_i)
        _around_title(pg, title_i)
    if pg.probs is not None:
        _learned_date_and_author(pg, title_i)
    pg.date_cands = penalise_updates(pg.date_cands) + fallback_candidates(pg)
