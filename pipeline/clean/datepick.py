"""Publication-date candidates a text dump's header lines do not give.

``headfields`` scores the dates of the lines around the headline; this module adds
(1) a penalty for a date after an update cue ('Aktualisiert am ...'), so that a page
printing a publication and an update date keeps the first, and (2) fallback candidates
that are scored below every header candidate, so they count only when the header holds
no date at all:

- a date line a few lines around the body start that the header logic skipped;
- a date opening the body (or a paragraph between headline and body) after a publication cue
  ('Pressemitteilung vom 25. Januar 2022 | Berlin – ...');
- a date alone on a line just after the body, or a letter-style 'Hamburg, den 3. Mai 2021';
- a line anywhere on the page naming a date and a publishing verb ('Dieser Beitrag wurde am
  4.2.2020 veröffentlicht', 'Verfasst von: X | 31. Dezember 2008');
- last, a date in the headline ('Protokoll der Sitzung vom 11. November 2022').

Lines repeated on the site's other pages (``pg.tmpl``) and crawl/store stamps never count.
Candidates are ``(score, DateHit, line text)`` tuples like ``header.date_candidates``'s.
"""
from __future__ import annotations

import re

from .dates import DateHit, cues, find_dates

# A date after an update cue loses this much: more than the gap between a learned date line
# (rule score + LEARNED_DATE_WEIGHT * share, up to ~9) and a byline's date (~7) on the dumps;
# 2-4 gave the same dump accuracy.
UPDATE_PENALTY = 3.0
# A bare 'vom'/'am' after more than WEAK_CUE_MAX_WORDS words loses the published-cue bonus
# header.date_candidates gave it (+2): 'Pressemitteilung vom' is a label, 'X in „Y“ vom' a sentence.
WEAK_CUE_PENALTY = 2.0
WEAK_CUE_MAX_WORDS = 3
# Fallback scores: all below the lowest header score (-2, a weekday 'today' line), in the
# order the kinds are trusted; each line of distance from the body start costs FALLBACK_STEP.
FALLBACK_NEAR, FALLBACK_OPENER, FALLBACK_AFTER, FALLBACK_LETTER, FALLBACK_VERB = -10, -11, -12, -13, -14
FALLBACK_TITLE = -15
FALLBACK_STEP = 0.01
NEAR_ABOVE, NEAR_INTO = 8, 10    # lines around the body start searched for a skipped date line
AFTER_REACH = 6                  # lines after the last kept body line searched for a date alone
OPENER_LINES = 2                 # body lines whose opening may carry the date
OPENER_MAX_WORDS = 4             # 'Pressemitteilung vom', 'Meldung vom': a short cue before the date
DATE_LINE_MAX_WORDS = 20         # a longer line is prose naming a date, not a date note
VERB_LINE_MAX_WORDS = 30
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:uhr|h)?\b", re.I)
_AFTER_OPENER = re.compile(r"^\s*(?:,?\s*\d{1,2}[:.]\d{2}\s*(?:uhr)?\s*)?(?:[|:–—/-]|$)", re.I)
_LETTER = re.compile(r"^[A-ZÄÖÜ][\w.\- /]{1,40},\s+(?:den\s+|am\s+)?$")
_WORD = re.compile(r"\w+")


def _ends_with_cue(head: str, kind: str) -> bool:
    head = head.casefold().strip(" :,-–—|")
    return any(head == c or head.endswith(" " + c) for c in cues(kind))


def _crawl(text: str, h: DateHit) -> bool:
    return _ends_with_cue(text[:h.start], "crawl")


def update_penalty(text: str, h: DateHit) -> float:
    """UPDATE_PENALTY when the date ``h`` in ``text`` follows an update cue, else 0."""
    return UPDATE_PENALTY if _ends_with_cue(text[:h.start], "updated") else 0.0


def weak_cue_penalty(text: str, h: DateHit) -> float:
    """WEAK_CUE_PENALTY when the date ``h`` follows a bare 'vom'/'am' inside a sentence ('X in
    „Y“ vom 26.05.2015 über Z'): the cue bonus the header gave it is meant for a short label
    ('Artikel vom', 'Meldung vom'), else 0."""
    head = text[:h.start].casefold().strip(" :,-–—|")
    if not any(head == c or head.endswith(" " + c) for c in cues("weak")):
        return 0.0
    return WEAK_CUE_PENALTY if len(head.split()) > WEAK_CUE_MAX_WORDS else 0.0


def penalise_updates(cands: list) -> list:
    """Header candidates with update-cued dates (UPDATE_PENALTY) and dates after a weak cue inside
    a sentence (WEAK_CUE_PENALTY) marked down."""
    return [(s - update_penalty(t, h) - weak_cue_penalty(t, h), h, t) for s, h, t in cands]


def _rest_words(text: str, hits: list[DateHit]) -> int:
    for h in reversed(hits):
        text = text[:h.start] + " " + text[h.end:]
    return len(_WORD.findall(_TIME.sub(" ", text)))


def _usable(pg, j: int) -> list[DateHit]:
    ln = pg.lines[j]
    if ln.kind == "crawl" or pg.tmpl[j]:
        return []
    return [h for h in find_dates(ln.text) if not _crawl(ln.text, h)]


def _near(pg) -> list:
    out = []
    lo, hi = max(0, pg.first_body - NEAR_ABOVE), min(len(pg.lines), pg.first_body + NEAR_INTO + 1)
    for j in range(lo, hi):
        if pg.lines[j].kind == "date" and pg.lines[j].words <= DATE_LINE_MAX_WORDS:
            for h in _usable(pg, j):
                score = FALLBACK_NEAR - FALLBACK_STEP * abs(j - pg.first_body) - update_penalty(pg.lines[j].text, h)
                out.append((score, h, pg.lines[j].text))
    return out


def opener_date(text: str) -> DateHit | None:
    """The date opening ``text`` after a short publication cue and before a separator or the
    line's end ('Pressemitteilung vom 25. Januar 2022 | Berlin – ...'), else None."""
    for h in find_dates(text[:80]):
        head = text[:h.start]
        if len(head.split()) > OPENER_MAX_WORDS:
            return None
        if _ends_with_cue(head, "published") and _AFTER_OPENER.match(text[h.end:]):
            return h
    return None


def _opener(pg) -> list:
    """Opener dates of the first body lines and of the lines between the headline and the body
    (a slideshow may part the body's first paragraph from the rest)."""
    out = []
    above = range(max(pg.title_i + 1, pg.first_body - NEAR_ABOVE, 0), pg.first_body)
    for j in dict.fromkeys([*above, *sorted(pg.keep)[:OPENER_LINES]]):
        if pg.tmpl[j]:
            continue
        h = opener_date(pg.lines[j].text)
        if h is not None:
            out.append((FALLBACK_OPENER, h, pg.lines[j].text))
    return out


def letter_date(text: str) -> DateHit | None:
    """The date of a letter-style line 'Hamburg, den 02. Dezember 2022' (nothing else), else None."""
    hits = find_dates(text)
    if len(hits) != 1 or text[hits[0].end:].strip(" .") or not _LETTER.match(text[:hits[0].start]):
        return None
    return hits[0]


def _after(pg) -> list:
    out = []
    if not pg.keep:
        return out
    last = max(pg.keep)
    for j in range(pg.first_body + 1, len(pg.lines)):
        if j in pg.keep or pg.tmpl[j]:
            continue
        text = pg.lines[j].text
        h = letter_date(text)
        if h is not None:
            out.append((FALLBACK_LETTER - FALLBACK_STEP * abs(j - last), h, text))
            continue
        if last < j <= last + AFTER_REACH:
            hits = _usable(pg, j)
            if len(hits) == 1 and _rest_words(text, hits) == 0:
                out.append((FALLBACK_AFTER - FALLBACK_STEP * (j - last), hits[0], text))
    return out


def verb_date(text: str) -> DateHit | None:
    """The first date of a short line that also holds a publishing verb ('Dieser Beitrag wurde am
    04/02/2020 veröffentlicht'), else None."""
    hits = find_dates(text)
    if not hits or len(text.split()) > VERB_LINE_MAX_WORDS:
        return None
    words = {w.casefold() for w in _WORD.findall(text)}
    if not any(v in words for v in cues("verbs")):
        return None
    return next((h for h in hits if not _crawl(text, h)), None)


def _verb_lines(pg) -> list:
    out = []
    for j, ln in enumerate(pg.lines):
        if pg.tmpl[j] or ln.kind == "crawl" or not any(c.isdigit() for c in ln.text):
            continue
        h = verb_date(ln.text)
        if h is not None:
            out.append((FALLBACK_VERB - FALLBACK_STEP * abs(j - pg.first_body), h, ln.text))
    return out


def fallback_candidates(pg) -> list:
    """Low-scored date candidates of a page (see the module docstring); call after the header
    candidates are in ``pg.date_cands`` - any of those outranks these."""
    title = []
    if pg.title_i >= 0:
        t = pg.lines[pg.title_i].text
        title = [(FALLBACK_TITLE, h, t) for h in find_dates(t)[:1] if not _crawl(t, h)]
    return _near(pg) + _opener(pg) + _after(pg) + _verb_lines(pg) + title
