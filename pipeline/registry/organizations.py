"""Organisations across documents: one ``organization_registry`` row per organisation.

Rows of the ``organizations`` table are grouped on ``keys.org_key`` of the
canonical name when the catalogue gave one ('BMI' and 'Bundesinnenministerium'
are one organisation), else of the name as written. No evidence splits an
organisation: the same name is the same body.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .keys import org_key, stable_id
from .persons import most_common


def org_row_key(row: dict) -> str:
    """The registry key of one organizations row ('' for a row without a name)."""
    return org_key(row.get("canonical") or "") or org_key(row.get("name") or "")


def build_organizations(orgs: list[dict], published: dict[str, str]) -> tuple[list[dict], dict[str, str]]:
    """``organization_registry`` rows (sorted by org_id) and key -> org_id."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for r in orgs:
        k = org_row_key(r)
        if k:
            by_key[k].append(r)
    rows, ids = [], {}
    for k, rs in by_key.items():
        oid = stable_id("O", k)
        ids[k] = oid
        docs = {r["doc_id"] for r in rs}
        dates = sorted(published[d] for d in docs if published.get(d))
        names = Counter(n for _, n in {(r["doc_id"], r.get("name") or "") for r in rs} if n)
        canonical = most_common(r.get("canonical") or "" for r in rs)
        rows.append({"org_id": oid, "canonical": canonical,
                     "name": canonical or sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                     "variants": sorted(names), "acronym": most_common(r.get("acronym") or "" for r in rs),
                     "n_articles": len(docs), "mentions": sum(int(r.get("mentions") or 0) for r in rs),
                     "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None})
    rows.sort(key=lambda r: r["org_id"])
    return rows, ids
