#!/usr/bin/env python3
"""Build the organisation taxonomy shipped in ``pipeline/data/organisations.csv``.

    python scripts/build_orgs.py [--src /work/shared/data/egov]

Merges three sources into one row per organisation
(``canonical, acronym, aliases, category, level, land``):

* ``public_it_organisations_curated.csv`` (shared e-government vocabulary:
  IT-Planungsrat, FITKO, Dataport, AKDB, ekom21, ITEBO ...; rows of category
  'Amt/Funktion' are offices of a person and left out);
* ``kdn_nrw_it_service_providers.csv`` (NRW municipal IT service providers;
  rows that are cities or districts themselves - 'Stadt Bochum' - are left
  out: a city is a place, not an organisation in our tables);
* ``pipeline/data/organisations_extra.csv`` (hand-kept: federal and state
  bodies, ministries with their short names, parties, municipal umbrella
  associations, a few IT vendors);
* ``federal_public_bodies.csv`` (shared; okfn/publicbodies, MIT: 1,003 federal
  bodies). Rows that name an office holder, not a body (classification
  'Beauftragte(r)', or a name the role vocabulary reads as a role:
  'Bundespräsident', 'Bundeskanzlerin'), are left out: they are roles.

Rows are merged when their canonical name or acronym is the same
(casefolded); later sources add aliases, never replace names.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"
COLS = ["canonical", "acronym", "aliases", "category", "level", "land"]
# Acronyms too ambiguous in running text to stand for the organisation on their own.
# Categories of the curated list that name an office held by a person, not an organisation ('Beauftragter
# der Bundesregierung für Informationstechnik' is a role: the people table carries it).
OFFICES = {"Amt/Funktion"}
AMBIGUOUS_ACRONYMS = {"BA", "AA", "DB", "SE", "KI", "IT", "KID", "krz", "kdvz"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split(s: str) -> list[str]:
    # a bare ministry compound ('Digitalministerium') names a ministry of the Bund and of every Land alike
    return [x.strip() for x in (s or "").split("|") if x.strip()
            and not (x.strip().endswith("ministerium") and not x.strip().startswith("Bundes"))]


class Taxonomy:
    def __init__(self):
        self.rows: list[dict] = []
        self.by_form: dict[str, dict] = {}

    def add(self, canonical: str, acronym: str = "", aliases=(), category="", level="", land="") -> None:
        canonical = canonical.strip()
        acronym = acronym.strip()
        if acronym == canonical:
            acronym = ""
        if acronym in AMBIGUOUS_ACRONYMS:
            aliases = list(aliases)
            acronym = ""
        forms = [canonical, acronym, *aliases]
        row = next((self.by_form[f.casefold()] for f in forms if f and f.casefold() in self.by_form), None)
        if row is None:
            row = dict(canonical=canonical, acronym=acronym, aliases=[], category=category, level=level, land=land)
            self.rows.append(row)
        elif acronym and not row["acronym"]:
            row["acronym"] = acronym
        for f in (canonical, *aliases):
            if f and f != row["canonical"] and f != row["acronym"] and f not in row["aliases"]:
                row["aliases"].append(f)
        for k, v in (("category", category), ("level", level), ("land", land)):
            if v and not row[k]:
                row[k] = v
        for f in forms:
            if f:
                self.by_form.setdefault(f.casefold(), row)


def build(src: Path) -> list[dict]:
    tx = Taxonomy()
    for r in read_csv(src / "public_it_organisations_curated.csv"):
        if r["category"] in OFFICES:
            continue
        tx.add(r["name"], r["short_name"], split(r["aliases"]), r["category"], r["level"], r["land"])
    for r in read_csv(src / "kdn_nrw_it_service_providers.csv"):
        name = r["name"].strip()
        if name.startswith(("Stadt ", "Kreis ", "Bundesstadt ", "Landkreis ")):
            continue
        tx.add(name, aliases=[], category="Kommunaler IT-Dienstleister", level="Kommune", land="NW")
    for r in read_csv(DATA / "organisations_extra.csv"):
        tx.add(r["canonical"], r["acronym"], split(r["aliases"]), r["category"], r["level"], r["land"])
    for name, category in federal_bodies(src / "federal_public_bodies.csv"):
        tx.add(name, aliases=[], category=category, level="Bund")
    return tx.rows


def federal_bodies(path: Path) -> list[tuple[str, str]]:
    """(name, classification) of the federal bodies that are bodies, not office holders."""
    if not path.exists():
        return []
    sys.path.insert(0, str(ROOT))
    from pipeline.extract.roles import vocabulary
    out = []
    for r in read_csv(path):
        name = " ".join(r["name"].split())
        if not name or r["classification"] == "Beauftragte(r)" or vocabulary().analyse(name.split()[0]):
            continue
        out.append((name, r["classification"] or "Bundesbehörde"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default="/work/shared/data/egov")
    a = ap.parse_args()
    rows = build(Path(a.src))
    out = DATA / "organisations.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "aliases": "|".join(r["aliases"])})
    print(f"{out.name}: {len(rows)} organisations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
