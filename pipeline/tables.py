"""Tables stage: turn Articles into rows of the tables in CONTRACT.md.

``TABLES`` is the schema: table name -> ordered columns. The contract's
columns come first; columns we add follow. List columns are Python lists here
(Parquet list columns, ``"; "``-joined in CSV).
"""
from __future__ import annotations

from .model import Article

TABLES: dict[str, list[str]] = {
    "articles": ["doc_id", "source_file", "publisher", "url", "kicker", "title", "published", "author",
                 "lead", "text", "keywords", "image_credit", "links",
                 "language", "model", "encoding", "n_words", "duplicates", "notes", "dateline"],
    "people": ["doc_id", "name", "role", "role_canonical", "place", "organization", "start", "end",
               "place_ags", "title", "party", "mentions", "current", "person_id"],
    "places": ["doc_id", "name", "kind", "ags", "state", "lat", "lon", "mentions", "surface"],
    "organizations": ["doc_id", "name", "canonical", "mentions", "acronym", "org_id"],
    "topics": ["doc_id", "topic", "label", "mentions", "evidence"],
    "dates": ["doc_id", "text", "date", "precision", "start", "end"],
    "quotes": ["doc_id", "speaker", "text", "start", "end", "person"],
    "services": ["doc_id", "ozg_id", "leistung", "themenfeld", "mentions", "evidence"],
    "entities": ["doc_id", "text", "label", "start", "end", "source"],
    "boilerplate": ["doc_id", "text", "reason"],
    "errors": ["source_file", "stage", "error", "code"],
    "sources": ["doc_id", "source_file", "duplicate_of"],
}

# Tables across documents, rebuilt from the tables above at the end of every run (pipeline/registry);
# ``people.person_id`` and ``organizations.org_id`` are filled then too.
REGISTRY_TABLES: dict[str, list[str]] = {
    "persons": ["person_id", "name", "variants", "n_articles", "first_seen", "last_seen", "mentions",
                "title", "party"],
    "person_roles": ["person_id", "role_canonical", "role", "place", "place_ags", "organization",
                     "first_seen", "last_seen", "n_articles", "doc_ids"],
    "organization_registry": ["org_id", "canonical", "name", "variants", "acronym", "n_articles", "mentions",
                              "first_seen", "last_seen"],
}

LIST_COLUMNS = {("persons", "variants"), ("person_roles", "doc_ids"), ("organization_registry", "variants"),
                ("articles", "keywords"), ("articles", "links"), ("articles", "duplicates"),
                ("articles", "notes"), ("topics", "evidence"), ("places", "surface"),
                ("services", "evidence")}
INT_COLUMNS = {"start", "end", "mentions", "n_words", "n_articles"}
FLOAT_COLUMNS = {"lat", "lon"}
BOOL_COLUMNS = {"current"}


def article_rows(a: Article) -> dict[str, list[dict]]:
    """All rows one article contributes, by table."""
    d = a.doc_id
    return {
        "articles": [{
            "doc_id": d, "source_file": a.source_file, "publisher": a.publisher, "url": a.url,
            "kicker": a.kicker, "title": a.title, "published": a.published, "author": a.author,
            "lead": a.lead, "text": a.text, "keywords": list(a.keywords), "image_credit": a.image_credit,
            "links": list(a.links), "language": a.language, "model": a.model, "encoding": a.encoding,
            "n_words": len(a.text.split()), "duplicates": list(a.duplicates), "notes": list(a.notes),
            "dateline": a.dateline,
        }],
        "people": [{"doc_id": d, "name": p.name, "role": p.role, "role_canonical": p.role_canonical,
                    "place": p.place, "organization": p.organization, "start": p.start, "end": p.end,
                    "place_ags": p.place_ags, "title": p.title, "party": p.party, "mentions": p.mentions,
                    "current": p.current}
                   for p in a.people],
        "places": [{"doc_id": d, "name": p.name, "kind": p.kind, "ags": p.ags, "state": p.state,
                    "lat": p.lat, "lon": p.lon, "mentions": p.mentions, "surface": list(p.surface)}
                   for p in a.places],
        "organizations": [{"doc_id": d, "name": o.name, "canonical": o.canonical, "mentions": o.mentions,
                           "acronym": o.acronym} for o in a.organizations],
        "topics": [{"doc_id": d, "topic": t.topic, "label": t.label, "mentions": t.mentions,
                    "evidence": list(t.evidence)} for t in a.topics],
        "dates": [{"doc_id": d, "text": x.text, "date": x.date, "precision": x.precision,
                   "start": x.start, "end": x.end} for x in a.dates],
        "quotes": [{"doc_id": d, "speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end,
                    "person": q.person} for q in a.quotes],
        "services": [{"doc_id": d, "ozg_id": s.ozg_id, "leistung": s.leistung, "themenfeld": s.themenfeld,
                      "mentions": s.mentions, "evidence": list(s.evidence)} for s in a.services],
        "entities": [{"doc_id": d, "text": e.text, "label": e.label, "start": e.start, "end": e.end,
                      "source": e.source} for e in a.entities],
        "boilerplate": [{"doc_id": d, "text": b.text, "reason": b.reason} for b in a.boilerplate],
    }


def error_row(source_file: str, stage: str, error: str, code: str = "") -> dict:
    return {"source_file": source_file, "stage": stage, "error": error, "code": code}
