"""The one data model that passes between the stages.

ingest  -> ``Document``   (decoded text or HTML of one input, plus metadata)
clean   -> ``Article``    (header fields + clean ``text`` + removed ``boilerplate``)
nlp     -> spaCy ``Doc`` over ``Article.text`` (kept on ``Article.doc``, never exported)
extract -> fills ``Article.people/places/organizations/topics/dates/quotes/entities``
tables  -> rows of the tables in CONTRACT.md

Every ``start``/``end`` is a 0-based, end-exclusive character offset into
``Article.text`` (the clean text), so ``article.text[m.start:m.end] == m.text``
holds for every mention (a test checks it).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """Stable document id: the first 16 hex digits of the SHA-1 of the text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One decoded input: what ingest hands to clean."""

    source_file: str               # relative to the input root, '/'-separated; 'file#member' for archives
    text: str                      # decoded, Unicode-normalised text (for HTML: the HTML source)
    fmt: str = "text"              # 'text' | 'html' | 'jsonl'
    meta: dict[str, Any] = field(default_factory=dict)  # fields given by the container (JSONL keys, WARC url, ...)
    encoding: str = "utf-8"        # the encoding the bytes were read with
    notes: list[str] = field(default_factory=list)      # repairs applied while decoding (mojibake, NUL, truncation)

    @property
    def doc_id(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class Span:
    """A recognised entity mention (PER/LOC/ORG/MISC) in the clean text."""

    start: int
    end: int
    text: str
    label: str
    source: str = "model"          # 'model' | 'rule' | 'gazetteer'


@dataclass(slots=True)
class Boilerplate:
    text: str
    reason: str


@dataclass(slots=True)
class Person:
    name: str                      # full name as best known in the document
    start: int                     # one mention (the first)
    end: int
    role: str = ""                 # singular, as written
    role_canonical: str = ""
    place: str = ""
    place_ags: str = ""
    organization: str = ""
    title: str = ""                # academic title kept apart: 'Dr.', 'Prof. Dr.'
    party: str = ""
    mentions: int = 1
    current: bool = True           # False when the text gives the role as a former one ('Ex-', 'ehemalige', 'zuvor')


@dataclass(slots=True)
class Place:
    name: str                      # official short name
    kind: str                      # municipality | district | state | country | other
    ags: str = ""
    state: str = ""
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)  # forms as written


@dataclass(slots=True)
class Organization:
    name: str                      # as written, full form
    canonical: str = ""
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)
    acronym: str = ""


@dataclass(slots=True)
class Topic:
    topic: str
    label: str
    mentions: int = 0
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DateMention:
    text: str
    date: str                      # ISO YYYY-MM-DD (first day for partial dates)
    precision: str                 # day | month | year
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    speaker: str                   # the person's full name as in people
    text: str                      # the quoted words
    start: int
    end: int
    person: str = ""


@dataclass(slots=True)
class Service:
    """An OZG service (Leistung) named in the text."""

    ozg_id: str
    leistung: str
    themenfeld: str = ""
    evidence: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Article:
    doc_id: str
    source_file: str
    text: str = ""
    publisher: str = ""
    url: str = ""
    kicker: str = ""
    title: str = ""
    published: str = ""            # ISO date or ''
    author: str = ""
    lead: str = ""
    keywords: list[str] = field(default_factory=list)
    image_credit: str = ""
    links: list[str] = field(default_factory=list)
    language: str = ""
    model: str = ""
    encoding: str = ""
    notes: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # other source files with the same content
    dateline: str = ""             # where the news was filed ('Kiel' of 'Kiel (dpa) - '), removed from text
    boilerplate: list[Boilerplate] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    doc: Any = None                # spaCy Doc over text; not exported, dropped before pickling
