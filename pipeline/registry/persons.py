"""People across documents: one ``persons`` row per person, a ``person_roles`` timeline.

Input are the rows of the ``people`` table (one per document, person and
role) and each document's publication date. The people extractor already
resolves short forms inside a document ('Weilmann' -> 'Dennis Weilmann');
across documents rows are grouped on ``keys.person_key`` of the full name
(case, umlaut/ß spellings, other diacritics, titles and initials do not
matter).

The same key in two articles is one person, unless the articles say
otherwise. What says otherwise (``conflict``): both sides state a place for
the name and no place of one is the place of the other or lies in it (AGS
prefix: a town lies in its district and Land), AND both sides state an
organisation and no organisation matches (same key, or the words of one
contained in the other). Places alone or organisations alone never split a
name: people change employers and speak in other towns. Articles that state
neither join the person with the most articles.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .keys import ags_compatible, fold, person_key, stable_id


def most_common(values: Iterable[str]) -> str:
    """The most frequent non-empty value ('' when none); ties go to the alphabetically first."""
    c = Counter(v for v in values if v)
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else ""


def place_evidence(row: dict) -> str:
    """One people row's place as a comparable key: 'ags:<code>' or 'name:<folded name>' ('' when none)."""
    if row.get("place_ags"):
        return f"ags:{row['place_ags']}"
    return f"name:{fold(row['place'])}" if row.get("place") else ""


def _places_compatible(a: set[str], b: set[str]) -> bool:
    for x in a:
        for y in b:
            if x == y or (x[:4] == y[:4] == "ags:" and ags_compatible(x[4:], y[4:])):
                return True
    return False


def _orgs_compatible(a: set[str], b: set[str]) -> bool:
    for x in a:
        for y in b:
            wx, wy = set(x.split()), set(y.split())
            if wx <= wy or wy <= wx:
                return True
    return False


def conflict(places_a: set[str], orgs_a: set[str], places_b: set[str], orgs_b: set[str]) -> bool:
    """True when two sets of evidence about one name cannot be the same person (module docstring)."""
    return bool(places_a and places_b and not _places_compatible(places_a, places_b)
                and orgs_a and orgs_b and not _orgs_compatible(orgs_a, orgs_b))


class _Cluster:
    def __init__(self, docs: list[str], places: set[str], orgs: set[str]):
        self.docs, self.places, self.orgs = list(docs), set(places), set(orgs)

    def absorb(self, other: "_Cluster") -> None:
        self.docs += other.docs
        self.places |= other.places
        self.orgs |= other.orgs


def cluster_documents(evidence: dict[str, tuple[set[str], set[str]]]) -> list[_Cluster]:
    """Split the documents that name one key into persons.

    Takes doc_id -> (place keys, organisation keys) and gives clusters, the one
    with the most documents first. Documents sharing a place or an
    organisation are linked first; the linked groups (largest first, then
    those without evidence) then join the first cluster they do not conflict
    with. The result does not depend on the order of the input.
    """
    parent = {d: d for d in evidence}

    def find(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    owner: dict[str, str] = {}
    for d in sorted(evidence):
        places, orgs = evidence[d]
        for v in sorted({f"p|{p}" for p in places} | {f"o|{o}" for o in orgs}):
            if v in owner:
                parent[find(d)] = find(owner[v])
            else:
                owner[v] = d
    groups: dict[str, list[str]] = defaultdict(list)
    for d in evidence:
        groups[find(d)].append(d)
    comps = []
    for docs in groups.values():
        places = set().union(*(evidence[d][0] for d in docs))
        orgs = set().union(*(evidence[d][1] for d in docs))
        comps.append(_Cluster(sorted(docs), places, orgs))
    comps.sort(key=lambda c: (not (c.places or c.orgs), -len(c.docs), c.docs[0]))
    clusters: list[_Cluster] = []
    for c in comps:
        home = next((k for k in clusters if not conflict(k.places, k.orgs, c.places, c.orgs)), None)
        if home is None:
            clusters.append(c)
        else:
            home.absorb(c)
    clusters.sort(key=lambda k: (-len(k.docs), min(k.docs)))
    return clusters


def fullest_name(names: Counter) -> str:
    """The fullest written form: most words, then with umlauts/diacritics, then most frequent."""
    return sorted(names.items(), key=lambda kv: (-len(kv[0].split()), kv[0].isascii(), -kv[1], kv[0]))[0][0]


def assign_persons(people: list[dict]) -> tuple[dict[tuple[str, str], str], dict[str, list[dict]]]:
    """Give every (doc_id, person key) a person id.

    Takes people rows; gives ((doc_id, key) -> person_id, person_id -> its rows).
    """
    by_key: dict[str, dict[str, tuple[set, set]]] = defaultdict(dict)
    for r in people:
        k = person_key(r.get("name") or "")
        if not k:
            continue
        places, orgs = by_key[k].setdefault(r["doc_id"], (set(), set()))
        pe = place_evidence(r)
        if pe:
            places.add(pe)
        if r.get("organization"):
            orgs.add(fold(r["organization"]))
    ids: dict[tuple[str, str], str] = {}
    for k, evidence in by_key.items():
        for i, c in enumerate(cluster_documents(evidence)):
            sig = () if i == 0 else (min(c.places | c.orgs),)
            pid = stable_id("P", k, *sig)
            for d in c.docs:
                ids[(d, k)] = pid
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for r in people:
        pid = ids.get((r["doc_id"], person_key(r.get("name") or "")))
        if pid:
            rows_of[pid].append(r)
    return ids, rows_of


def _span(docs: Iterable[str], published: dict[str, str]) -> tuple[str | None, str | None]:
    dates = sorted(published[d] for d in docs if published.get(d))
    return (dates[0], dates[-1]) if dates else (None, None)


def person_row(pid: str, rows: list[dict], published: dict[str, str]) -> dict:
    """The ``persons`` row of one person from its people rows."""
    docs = {r["doc_id"] for r in rows}
    per_doc_names = Counter(n for _, n in {(r["doc_id"], r["name"]) for r in rows})  # articles per form
    first, last = _span(docs, published)
    mentions = {}
    for r in rows:  # a person with two roles has two rows per document, each with the person's mentions
        mentions[r["doc_id"]] = max(mentions.get(r["doc_id"], 0), int(r.get("mentions") or 0))
    return {"person_id": pid, "name": fullest_name(per_doc_names), "variants": sorted(per_doc_names),
            "n_articles": len(docs), "first_seen": first, "last_seen": last,
            "mentions": sum(mentions.values()), "title": most_common(r.get("title") or "" for r in rows),
            "party": most_common(r.get("party") or "" for r in rows)}


def _former(row: dict) -> bool:
    """True when the people row states the role as a former one (``people.current`` is false)."""
    v = row.get("current")
    try:
        return v is not None and v == v and not bool(v)
    except TypeError:  # pandas.NA and the like: unknown, so not former
        return False


def role_rows(pid: str, rows: list[dict], published: dict[str, str]) -> list[dict]:
    """The ``person_roles`` rows of one person: one per role (its canonical form, else as written)
    and place; rows of that role that name no place count for its most frequent place.

    ``first_seen``/``last_seen`` span the articles that state the role as current: an article saying
    'the former Landrat X' is in ``doc_ids`` but does not show X in office on its date."""
    by_role: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        rk = fold(r.get("role_canonical") or "") or fold(r.get("role") or "")
        if rk:
            by_role[rk].append(r)
    out = []
    for rk, rrows in by_role.items():
        by_place: dict[str, list[dict]] = defaultdict(list)
        for r in rrows:
            by_place[place_evidence(r)].append(r)
        placeless = by_place.pop("", [])
        if by_place:
            top = sorted(by_place, key=lambda p: (-len({r["doc_id"] for r in by_place[p]}), p))[0]
            by_place[top] += placeless
        else:
            by_place[""] = placeless
        for prows in by_place.values():
            docs = sorted({r["doc_id"] for r in prows})
            first, last = _span({r["doc_id"] for r in prows if not _former(r)}, published)
            out.append({"person_id": pid,
                        "role_canonical": most_common(r.get("role_canonical") or "" for r in prows),
                        "role": most_common(r.get("role") or "" for r in prows),
                        "place": most_common(r.get("place") or "" for r in prows),
                        "place_ags": most_common(r.get("place_ags") or "" for r in prows),
                        "organization": most_common(r.get("organization") or "" for r in prows),
                        "first_seen": first, "last_seen": last, "n_articles": len(docs), "doc_ids": docs})
    return out


def build_persons(people: list[dict], published: dict[str, str]):
    """``persons`` rows, ``person_roles`` rows and (doc_id, key) -> person_id, each sorted by id/time."""
    ids, rows_of = assign_persons(people)
    persons = [person_row(pid, rows, published) for pid, rows in rows_of.items()]
    roles = [rr for pid, rows in rows_of.items() for rr in role_rows(pid, rows, published)]
    persons.sort(key=lambda r: r["person_id"])
    roles.sort(key=lambda r: (r["person_id"], r["first_seen"] or "9999", r["role_canonical"], r["role"],
                              r["place"], r["doc_ids"]))
    return persons, roles, ids
