"""Dates in page headers: find German (and ISO/English) calendar dates in a line.

``find_dates(line)`` returns ``DateHit``s with the ISO date and the span; the
header logic decides which of them is the publication date. Only full dates
(day, month, year) count: a publication date is a day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import _read_lines

# Years outside this window are not publication dates of web articles.
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int
    end: int
    iso: str


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    section = ""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    cues: dict[str, list[str]] = {"crawl": [], "published": [], "today": []}
    for line in _read_lines("boilerplate_dates.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == "months":
            k, _, v = line.partition("=")
            months[k.strip().casefold()] = int(v)
        elif section == "weekdays":
            weekdays.add(line.casefold())
        elif section in cues:
            cues[section].append(line.casefold())
    return {"months": months, "weekdays": weekdays, "cues": cues}


def months() -> dict[str, int]:
    return _tables()["months"]  # type: ignore[return-value]


def weekdays() -> set[str]:
    return _tables()["weekdays"]  # type: ignore[return-value]


def cues(kind: str) -> list[str]:
    return _tables()["cues"][kind]  # type: ignore[index]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    mon = "|".join(sorted((re.escape(m) for m in months()), key=len, reverse=True))
    numeric = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])")
    named = re.compile(r"(?<![\d])(\d{1,2})\.?\s*(?:\b(" + mon + r")\b)\.?\s+(\d{4})(?!\d)", re.I)
    iso = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
    english = re.compile(r"\b(" + mon + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)
    return numeric, named, iso, english


_HAS_DIGIT = re.compile(r"\d")


def _iso(y: int, m: int, d: int) -> str:
    if y < 100:
        y += 2000 if y < 70 else 1900
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12 and 1 <= d <= 31):
        return ""
    if m == 2 and d > 29 or m in (4, 6, 9, 11) and d > 30:
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(line: str) -> list[DateHit]:
    """Every full date in ``line``, in order of position."""
    if not _HAS_DIGIT.search(line):
        return []
    numeric, named, iso, english = _patterns()
    mt = months()
    hits: list[DateHit] = []
    for m in numeric.finditer(line):
        v = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if v:
            hits.append(DateHit(m.start(), m.end(), v))
    for m in named.finditer(line):
        v = _iso(int(m.group(3)), mt.get(m.group(2).casefold(), 0), int(m.group(1)))
        if v:
            hits.append(DateHit(m.start(), m.end(), v))
    for m in iso.finditer(line):
        v = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if v:
            hits.append(DateHit(m.start(), m.end(), v))
    for m in english.finditer(line):
        v = _iso(int(m.group(3)), mt.get(m.group(1).casefold(), 0), int(m.group(2)))
        if v:
            hits.append(DateHit(m.start(), m.end(), v))
    hits.sort(key=lambda h: h.start)
    out: list[DateHit] = []
    for h in hits:  # drop overlaps (keep the earliest)
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def parse_iso(value: str) -> str:
    """An ISO date (YYYY-MM-DD) from metadata values like '2021-04-29T10:00:00+02:00' or '29.4.2021'."""
    if not value:
        return ""
    value = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    hits = find_dates(value)
    return hits[0].iso if hits else ""
