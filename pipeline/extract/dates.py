"""Dates extractor: every German date expression in ``article.text``, resolved.

Candidates are found with regular expressions built from the word table
``pipeline/data/date_words.csv`` (months, weekdays, qualifiers, cue words);
they are resolved with our own month table, never with dateparser's
``search_dates`` (which invents dates from ordinary German words).

Expressions and what they resolve to (``precision``):

* ``29.9.2020``, ``29.09.20``, ``2020-09-29``, ``29. September 2020``,
  ``Mittwoch, 12. April 2023``, ``3. Okt. 2021``            -> day
* ``September 2020``, ``Sept. 2020``, ``Anfang/Mitte/Ende Oktober 2022`` -> month (first day)
* ``2025`` after a cue (``im Jahr``, ``seit``, ``bis``, ``Ende``, ...), year
  ranges ``2017-2020``, ``Frühjahr 2023``, ``im zweiten Quartal 2026``, ``(2019)``, a sentence that starts
  with a year followed by a verb (``2018 erzielte ...``)    -> year (1 January)
* year-less ``12. April``, ``am 14.06.``, ``im Oktober``, ``Mitte Oktober``:
  completed from ``article.published``: the year (published year -1, 0, +1)
  that puts the date nearest to the publication date; a weekday given with the
  date (``Mittwoch, 12. April``) must agree with the chosen year. When the
  publication date is unknown, a year-less day WITH its weekday takes the one
  year the text names whose calendar agrees; other year-less dates are then NOT
  emitted: guessing goes wrong as often as right (e.g. a profile that mentions
  2017 but appoints someone "Mitte Oktober" of a later year).

Bare month names (``Mai``, ``August``) count only after a cue word or
qualifier (``im Mai``, ``seit August``) or with a day or year; abbreviations
(``Jan.``) only with a day, so names like "Jan Erik" or "August Bebel" and
compounds like "Mai-Kundgebung" are never dates. Relative expressions
("gestern", "vergangenen Jahres", "Anfang des Jahres") are not resolved.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from functools import lru_cache

from ..model import Article, DateMention
from ..settings import DATA_DIR

YEAR_MIN, YEAR_MAX = 1800, 2100          # explicit years of full dates
BARE_YEAR_MIN, BARE_YEAR_MAX = 1900, 2099  # a lone 4-digit number is a year only in this window
# Two-digit years (29.09.20): 00..TWO_DIGIT_PIVOT -> 20xx, else 19xx (when no
# publication date gives a better century).
TWO_DIGIT_PIVOT = 50


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, int | None]]:
    """The word table ``date_words.csv``: kind (month, month_abbr, weekday, qualifier, season, cue, unit,
    time_before, time_after) -> word -> its value (month or weekday number; None for plain words)."""
    out: dict[str, dict[str, int | None]] = {}
    with (DATA_DIR / "date_words.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["kind"], {})[r["word"]] = int(r["value"]) if r["value"] else None
    return out


def _alt(words) -> str:
    """A regex alternation of ``words`` (escaped, longest first so that a prefix never wins)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    """The compiled expression patterns, by kind (see ``_candidates``), built from the word table."""
    w = _words()
    month, abbr, wday = _alt(w["month"]), _alt(w["month_abbr"]), _alt(w["weekday"])
    qual, season = _alt(w["qualifier"]), _alt(w["season"])
    y4 = r"(?P<year>(?:1[89]|20)\d\d)(?![\d\-\u2013]?\d)"
    nb = r"(?<![\w.,])"  # not glued to a preceding word, number or decimal
    return {
        "num": re.compile(nb + r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4}|\d{2})(?![\d.]?\d)"),
        "iso": re.compile(nb + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
        "num_noyear": re.compile(nb + r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?!\s?\d)"),
        "text_day": re.compile(
            rf"(?:(?P<wday>{wday}),?\s+(?:den\s+)?)?{nb}(?P<day>\d{{1,2}})\.\s*"
            rf"(?:(?P<mname>{month})|(?P<abbr>{abbr})\.)(?![\w\-])(?:,?\s+{y4})?"),
        "month_year": re.compile(rf"(?:(?P<qual>{qual})\s+)?\b(?:(?P<mname>{month})|(?P<abbr>{abbr})\.)\s+{y4}"),
        "month_bare": re.compile(rf"(?:(?P<qual>{qual})\s+(?:des\s+)?)?\b(?P<mname>{month})(?![\w\-])"),
        "year_range": re.compile(
            nb + r"(?P<y1>(?:19|20)\d\d)\s*(?:-|\u2013|bis)\s*(?P<y2>(?:19|20)\d\d)(?![\d.,]?\d)"),
        "year": re.compile(rf"(?:(?P<qual>{qual}|{season})\s+)?{nb}{y4}(?![\w%]|[.,]\d)"),
        "day_before": re.compile(r"(?<![\w.,])(\d{1,2})\.\s*(?:und|bis|/|-|\u2013)\s*$"),
    }


def _prev_word(text: str, pos: int) -> str:
    """The word before ``pos`` (within 40 characters), casefolded; '' when there is none."""
    m = re.search(r"(\w+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1).casefold() if m else ""


def _next_word(text: str, pos: int) -> str:
    """The word after ``pos`` (within 40 characters), as written; '' when there is none."""
    m = re.match(r"\W*?(\w+)", text[pos:pos + 40])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    """The cue words of the word table ('im', 'seit', 'Jahr', ...), casefolded."""
    return frozenset(k.casefold() for k in _words()["cue"])


def _has_cue(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` is a cue word."""
    return _prev_word(text, pos) in _cues()


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens the text, a sentence or a line."""
    return pos == 0 or bool(re.search(r"(?:[.!?:]\s+|\n\s*)$", text[max(0, pos - 5):pos]))


def _valid(y: int, m: int, d: int) -> date | None:
    """The date y-m-d, or None when the calendar has no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _published(article: Article) -> date | None:
    """The publication date of ``article`` (its ISO ``published`` field), or None."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", article.published or "")
    return _valid(int(m[1]), int(m[2]), int(m[3])) if m else None


def _complete_year(month: int, day: int, pub: date | None, weekday: int | None = None) -> date | None:
    """The year-less date nearest to the publication date (weekday must agree when given)."""
    if pub is None:
        return None
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        d = _valid(y, month, day)
        if d is None or (weekday is not None and d.weekday() != weekday):
            continue
        if best is None or abs((d - pub).days) < abs((best - pub).days):
            best = d
    return best


def _two_digit(yy: int, pub: date | None) -> int:
    """The full year of a two-digit year: the century nearest to ``pub``, else by ``TWO_DIGIT_PIVOT``."""
    if pub is not None:
        return min((c + yy for c in (1900, 2000, 2100)), key=lambda y: abs(y - pub.year))
    return 2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy


def _month_of(m: re.Match) -> int:
    """The month number of a match with a month name (group ``mname``) or abbreviation (``abbr``)."""
    w = _words()
    if m.groupdict().get("mname"):
        return w["month"][m["mname"]]  # type: ignore[return-value]
    return w["month_abbr"][m["abbr"]]  # type: ignore[return-value]


def _day_without_year(month: int, day: int, pub: date | None, years: frozenset[int],
                      weekday: int | None = None) -> date | None:
    """A year-less day: completed from the publication date; without one, only a day with its weekday
    ('Dienstag, 4. Oktober') in the one year the text names (``_text_years``) whose calendar agrees."""
    if pub is not None or weekday is None:
        return _complete_year(month, day, pub, weekday)
    fits = [d for y in years if (d := _valid(y, month, day)) is not None and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def _text_years(text: str) -> frozenset[int]:
    """Years the text states in its dates (any precision): the candidates for a year-less day with a
    weekday when the publication date is unknown. Without the weekday no year is guessed: a deadline
    ('bis Dezember 2022') and a meeting ('am 10. Mai' of the next year) share no year often enough."""
    return frozenset(d.year for _, _, d, _ in _candidates(text, None))


def _candidates(text: str, pub: date | None, years: frozenset[int] = frozenset()):
    """Every date candidate of ``text``: takes the text, the publication date ``pub`` (or None) and
    ``years``, the text's years for a year-less day with a weekday without ``pub`` (``_text_years``);
    yields (start, end, date, precision), one expression kind after the other (overlaps are settled by
    ``find_dates``)."""
    yield from _numeric_days(text, pub)
    yield from _numeric_days_without_year(text, pub, years)
    yield from _text_days(text, pub, years)
    yield from _months(text, pub)
    yield from _years(text)


def _numeric_days(text: str, pub: date | None):
    """Full numeric dates ('29.9.2020', '29.09.20', '2020-09-29'): takes the text and the publication date
    (the century of a two-digit year); yields (start, end, date, 'day')."""
    rx = _regexes()
    for m in rx["num"].finditer(text):
        y = int(m["year"])
        y = _two_digit(y, pub) if len(m["year"]) == 2 else y
        d = _valid(y, int(m["month"]), int(m["day"])) if YEAR_MIN <= y <= YEAR_MAX else None
        if d:
            yield m.start(), m.end(), d, "day"
    for m in rx["iso"].finditer(text):
        d = _valid(int(m["year"]), int(m["month"]), int(m["day"]))
        if d and YEAR_MIN <= d.year <= YEAR_MAX:
            yield m.start(), m.end(), d, "day"


def _numeric_days_without_year(text: str, pub: date | None, years: frozenset[int]):
    """Year-less numeric days ('am 14.06.'): takes the text, the publication date and the text's years
    (see ``_day_without_year``); yields (start, end, date, 'day'). Short forms ('1.2.', maybe a section
    number) need a cue word; a time ('um 9.05.', '9.05. Uhr') is none."""
    w = _words()
    for m in _regexes()["num_noyear"].finditer(text):
        if not (len(m["month"]) == 2 or _has_cue(text, m.start())):
            continue
        if (_prev_word(text, m.start()) in {k.casefold() for k in w.get("time_before", {})}
                or _next_word(text, m.end()) in w.get("time_after", {})):
            continue
        d = _day_without_year(int(m["month"]), int(m["day"]), pub, years)
        if d:
            yield m.start(), m.end(), d, "day"


def _text_days(text: str, pub: date | None, years: frozenset[int]):
    """Days with a month name ('Mittwoch, 12. April 2023', '3. Okt. 2021', '12. April'): takes the text,
    the publication date and the text's years (for a year-less day); yields (start, end, date, 'day'),
    also the first day of a pair ('29. und 30. September 2020', 'vom 1. bis 3. Oktober')."""
    rx = _regexes()
    w = _words()
    for m in rx["text_day"].finditer(text):
        month, day = _month_of(m), int(m["day"])
        wd = w["weekday"][m["wday"]] if m["wday"] else None
        if m["year"]:
            d = _valid(int(m["year"]), month, day)
        else:
            d = _day_without_year(month, day, pub, years, wd)  # type: ignore[arg-type]
        if not d:
            continue
        yield m.start(), m.end(), d, "day"
        b = rx["day_before"].search(text, max(0, m.start() - 20), m.start())
        if b and not m["wday"]:
            d0 = _valid(d.year, month, int(b.group(1)))
            if d0:
                yield b.start(), b.start() + len(b.group(1)) + 1, d0, "day"


def _months(text: str, pub: date | None):
    """Months ('September 2020', 'Ende Oktober 2022', and 'im Mai' completed from ``pub``): takes the text
    and the publication date; yields (start, end, first day of the month, 'month'). A bare month name
    needs a qualifier or a cue word."""
    rx = _regexes()
    w = _words()
    for m in rx["month_year"].finditer(text):
        y = int(m["year"])
        yield m.start(), m.end(), date(y, _month_of(m), 1), "month"
    for m in rx["month_bare"].finditer(text):
        if not (m["qual"] or _has_cue(text, m.start())):
            continue
        d = _complete_year(w["month"][m["mname"]], 1, pub)  # type: ignore[arg-type]
        if d:
            yield m.start(), m.end(), d, "month"


def _years(text: str):
    """Years: both ends of a range ('2017-2020') and a lone year in the window BARE_YEAR_MIN..MAX that a
    qualifier or season, a cue word (not before a unit: 'bis 2025 Euro'), brackets ('(2019)') or a
    sentence opening with a verb after it ('2018 erzielte ...') marks; takes the text, yields
    (start, end, 1 January, 'year')."""
    rx = _regexes()
    w = _words()
    for m in rx["year_range"].finditer(text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 < y2:
            yield m.start("y1"), m.end("y1"), date(y1, 1, 1), "year"
            yield m.start("y2"), m.end("y2"), date(y2, 1, 1), "year"
    for m in rx["year"].finditer(text):
        y = int(m["year"])
        if not BARE_YEAR_MIN <= y <= BARE_YEAR_MAX:
            continue
        start = m.start("year")
        nxt = _next_word(text, m.end())
        unit = nxt.casefold().startswith(tuple(w["unit"])) if nxt else False
        ok = bool(m["qual"])
        ok = ok or (_has_cue(text, start) and not unit)
        ok = ok or (text[max(0, start - 1):start] == "(" and text[m.end():m.end() + 1] == ")")
        ok = ok or (_sentence_start(text, start) and nxt[:1].islower())
        if ok:
            yield m.start(), m.end(), date(y, 1, 1), "year"


_RANK = {"day": 3, "month": 2, "year": 1}


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """All date expressions of ``text`` (see the module docstring), in text order."""
    years = _text_years(text) if published is None else frozenset()
    cands = sorted(set(_candidates(text, published, years)),
                   key=lambda c: (-(c[1] - c[0]), -_RANK[c[3]], c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, d, prec in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(DateMention(text=text[s:e], date=d.isoformat(), precision=prec, start=s, end=e))
    return sorted(out, key=lambda m: m.start)


def extract(article: Article) -> list[DateMention]:
    """The date mentions of ``article.text``, year-less ones completed from ``article.published``."""
    return find_dates(article.text or "", _published(article))
