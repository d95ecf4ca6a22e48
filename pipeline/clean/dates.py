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
    cues: dict[str, list[str]] = {"crawl": [], "published": [], "today": [], "updated": [], "verbs": [], "weak": []}
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


@dataclass(frozen=True, slots=True)
class DatePattern:
    name: str
    order: str          # dmy | ymd | mdy | dmy/mdy (see date_patterns.txt)
    rx: re.Pattern


@lru_cache(maxsize=1)
def patterns() -> tuple[DatePattern, ...]:
    """The date spellings of ``date_patterns.txt``, {MON} filled with every month word."""
    mon = "|".join(sorted((re.escape(m) for m in months()), key=len, reverse=True))
    out = []
    for line in _read_lines("date_patterns.txt"):
        name, order, rx = (x.strip() for x in line.split(" | ", 2))
        out.append(DatePattern(name, order, re.compile(rx.replace("{MON}", mon), re.I)))
    return tuple(out)


_HAS_DIGIT = re.compile(r"\d")


def _iso(y: int, m: int, d: int) -> str:
    if y < 100:
        y += 2000 if y < 70 else 1900
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12 and 1 <= d <= 31):
        return ""
    if m == 2 and d > 29 or m in (4, 6, 9, 11) and d > 30:
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month(s: str) -> int:
    return int(s) if s.isdigit() else months().get(s.casefold(), 0)


def _resolve(p: DatePattern, m: re.Match) -> str:
    """The ISO date a match of ``p`` spells, '' when it is no calendar date."""
    d, mo, y = int(m.group("d")), _month(m.group("m")), int(m.group("y"))
    if p.order == "dmy/mdy":
        return _iso(y, mo, d) or _iso(y, d, mo)
    return _iso(y, mo, d)


def find_dates(line: str) -> list[DateHit]:
    """Every full date in ``line``, in order of position (overlapping matches: the earliest)."""
    if not _HAS_DIGIT.search(line):
        return []
    hits: list[DateHit] = []
    for p in patterns():
        for m in p.rx.finditer(line):
            v = _resolve(p, m)
            if v:
                hits.append(DateHit(m.start(), m.end(), v))
    hits.sort(key=lambda h: (h.start, -h.end))
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
