"""The registry: people and organisations across documents, rebuilt from the per-document tables.

``Registry.build(people, organizations, published)`` takes the rows of the
``people`` and ``organizations`` tables and each document's publication date
and gives the tables ``persons``, ``person_roles`` and
``organization_registry`` plus the ids that link the per-document rows to
them (``people.person_id``, ``organizations.org_id``). It depends only on the
rows, never on their order, so a resumed, incremental or Dask run gives the
registry of a fresh local run over the same documents. The export stage
(``TableWriter``) rebuilds it at the end of every run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .keys import person_key
from .organizations import build_organizations, org_row_key
from .persons import build_persons, conflict

__all__ = ["Registry", "conflict", "person_key"]

# The columns each registry table reads from the per-document tables.
PEOPLE_COLUMNS = ["doc_id", "name", "role", "role_canonical", "place", "place_ags", "organization",
                  "title", "party", "mentions", "current"]
ORG_COLUMNS = ["doc_id", "name", "canonical", "mentions", "acronym"]


@dataclass
class Registry:
    tables: dict[str, list[dict]] = field(default_factory=dict)
    person_ids: dict[tuple[str, str], str] = field(default_factory=dict)   # (doc_id, person key) -> id
    org_ids: dict[str, str] = field(default_factory=dict)                  # org key -> id

    @classmethod
    def build(cls, people: list[dict], organizations: list[dict], published: dict[str, str]) -> "Registry":
        """Takes people rows, organizations rows and doc_id -> publication date ('' when unknown)."""
        persons, roles, pids = build_persons(people, published)
        orgs, oids = build_organizations(organizations, published)
        return cls({"persons": persons, "person_roles": roles, "organization_registry": orgs}, pids, oids)

    def person_id(self, row: dict) -> str | None:
        """The person id of one people row (None for a row without a name)."""
        return self.person_ids.get((row.get("doc_id"), person_key(row.get("name") or "")))

    def org_id(self, row: dict) -> str | None:
        """The org id of one organizations row."""
        return self.org_ids.get(org_row_key(row))

    def link(self, table: str, rows: list[dict]) -> list[dict]:
        """``rows`` of ``people``/``organizations`` with ``person_id``/``org_id`` set (others unchanged)."""
        if table == "people":
            for r in rows:
                r["person_id"] = self.person_id(r)
        elif table == "organizations":
            for r in rows:
                r["org_id"] = self.org_id(r)
        return rows
