#!/usr/bin/env python3
"""Build the gazetteers of the NER rule layer (pipeline/ner/).

    python scripts/build_ner_lexicons.py [--shared ../shared]

Writes into pipeline/data/:
  ner_loc_lexicon.txt  name<TAB>kind<TAB>population (municipalities)
                       Destatis Länder, Regierungsbezirke, Kreise and
                       municipalities (names that collide with common German words at
                       medium/high risk are left out), CLDR country and region names in
                       German (Babel), and the hand-written ner_loc_seed.txt.
  ner_org_lexicon.txt  name<TAB>source  data/egov/public_it_organisations_curated.csv
                       (name, short name, aliases), data/egov/kdn_nrw_it_service_providers.csv
                       and the hand-written ner_org_seed.txt.
  ner_common_nouns.txt nouns with a plural form in spaCy's German lemma table (spacy-lookups-data)
  ner_roles.txt        one role/person-context word per line: data/egov/roles_vocabulary.csv
                       (male and female forms, aliases) and the hand-written ner_role_seed.txt.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"

# Population from which a municipality's name without its qualifier ('Halle' for 'Halle (Saale)')
# is a place name too; calibrated by reading such short forms: below 50,000 many are words or
# ambiguous ('Waren', 'Neustadt', 'Weiden').
BASE_MIN_POP = 50_000
# CLDR region names that are ordinary words or not places in running text.
CLDR_SKIP = {"Welt", "Unbekannte Region", "Europäische Union", "Eurozone", "Vereinte Nationen", "Outlying Oceania",
             "Äußeres Ozeanien", "Pseudo-Akzente", "Pseudo-Bidi"}


def seed(name: str) -> list[str]:
    return [ln.strip() for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def base_name(name: str) -> str:
    """'Halle (Saale)' -> 'Halle', 'Lauenburg/ Elbe' -> 'Lauenburg', 'Weiden i.d.OPf.' -> 'Weiden'."""
    n = re.split(r"\s*[(/,]", name)[0]
    n = re.split(r"\s+(?:a\.|b\.|i\.|v\.d\.|a\.d\.|i\.d\.)\S*", n)[0]
    return n.strip()


def build_loc(shared: Path) -> dict[str, tuple[str, str]]:
    places = shared / "data/places"
    risky = set()
    with (places / "name_collisions_common_words.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["risk"] in ("high", "medium"):
                risky.add(r["name_short"])
                risky.add(r["base_name"])
    loc: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, check: bool = True, pop: str = ""):
        name = re.sub(r"\s+", " ", name or "").strip()
        if len(name) < 2 or not name[0].isupper() or (check and name in risky):
            return
        if name not in loc or (loc[name][0] == "base" and kind != "base"):
            loc[name] = (kind, pop)
        elif kind == "base":
            return
        elif pop and loc[name][1] and int(pop) > int(loc[name][1]):
            loc[name] = (loc[name][0], pop)

    with (places / "laender.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(r["name"], "state", check=False)
    with (places / "regierungsbezirke.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(re.sub(r"^(Statistische Region|Regierungsbezirk)\s+", "", r["name"]), "region")
    with (places / "kreise.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            short = r["name_short"]
            add(short, "district")
            if r["type"] in ("Landkreis", "Kreis"):
                add(f"{r['type']} {base_name(short)}", "district", check=False)
    with (places / "gemeinden.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["type_code"] in ("65", "66"):       # gemeindefreie Gebiete: forests, lakes
                continue
            add(r["name_short"], "municipality", pop=r["population"] or "0")
            b = base_name(r["name_short"])
            # 'Halle (Saale)' -> 'Halle'; the short form of a small town is too often a word
            # ('Waren (Müritz)' -> 'Waren' = goods), so only towns of BASE_MIN_POP and more
            if b != r["name_short"] and int(r["population"] or 0) >= BASE_MIN_POP:
                add(b, "municipality", pop=r["population"] or "0")
            elif b != r["name_short"]:
                add(b, "base", pop=r["population"] or "0")   # only after 'Landratsamt', 'Stadt', ...
    try:
        from babel import Locale

        de = Locale("de")
        for code, name in de.territories.items():
            if name not in CLDR_SKIP and not name.startswith("Pseudo"):
                add(name, "country" if code.isalpha() else "region", check=False)
        for zone in de.time_zones.values():
            city = zone.get("city")
            if city and " " not in city and "," not in city:
                add(city, "city", check=False)
    except ImportError:  # pragma: no cover - babel ships with the venv; the seed list still works
        print("babel not installed: CLDR country names skipped", file=sys.stderr)
    for name in seed("ner_loc_seed.txt"):
        add(name, "seed", check=False)
    return loc


def build_org(shared: Path) -> dict[str, str]:
    org: dict[str, str] = {}

    def add(name: str, src: str):
        name = re.sub(r"\s+", " ", name or "").strip()
        if len(name) >= 2:
            org.setdefault(name, src)

    egov = shared / "data/egov"
    with (egov / "public_it_organisations_curated.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(r["name"], "egov")
            add(r["short_name"], "egov")
            for al in (r.get("aliases") or "").split("|"):
                add(al, "egov")
    with (egov / "kdn_nrw_it_service_providers.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            # 'Stadt Bielefeld', 'Kreis Soest': municipalities acting as IT providers are places in text
            if not re.match(r"^(Stadt|Kreis|Bundesstadt|Landeshauptstadt|Gemeinde|Hansestadt)\b", r["name"]):
                add(r["name"], "kdn")
    for name in seed("ner_org_seed.txt"):
        add(name, "seed")
    return org


def build_roles(shared: Path) -> list[str]:
    roles: list[str] = []
    with (shared / "data/egov/roles_vocabulary.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for v in [r["role"], r["female_form"], *(r.get("aliases_abbrev") or "").split("|")]:
                v = v.strip()
                if v and "*" not in v and "/" not in v:
                    roles.append(v)
    roles += seed("ner_role_seed.txt")
    seen, out = set(), []
    for r in roles:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def build_nouns(loc: dict) -> list[str]:
    """Capitalised lemmas of spaCy's German lookup table (spacy-lookups-data, MIT) that have a
    plural form in the table ('Modell' <- 'Modelle', 'Anfänger' <- 'Anfängern'): ordinary nouns.
    Used only as compound heads ('Geschäftsmodell'), never to reject a whole word, because
    many surnames are nouns too (Müller, Fischer, Koch)."""
    import gzip
    import json as _json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "de_lemma_lookup.json.gz"
    lem = _json.loads(gzip.open(path).read())
    heads = set(lem.values())
    out = []
    for h in sorted(heads):
        if len(h) >= 4 and h[0].isupper() and h.isalpha() and h not in loc and any(
                lem.get(h + suf) == h for suf in ("e", "en", "n", "er", "nen")):
            out.append(h)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    if not (a.shared / "data/places").exists():
        print(f"missing {a.shared}/data/places", file=sys.stderr)
        return 2
    loc = build_loc(a.shared)
    (DATA / "ner_loc_lexicon.txt").write_text("".join(f"{n}\t{k}\t{p}\n" for n, (k, p) in sorted(loc.items())), encoding="utf-8")
    org = build_org(a.shared)
    (DATA / "ner_org_lexicon.txt").write_text("".join(f"{n}\t{s}\n" for n, s in sorted(org.items())), encoding="utf-8")
    nouns = build_nouns(loc)
    (DATA / "ner_common_nouns.txt").write_text("".join(f"{n}\n" for n in nouns), encoding="utf-8")
    roles = build_roles(a.shared)
    (DATA / "ner_roles.txt").write_text("".join(f"{r}\n" for r in roles), encoding="utf-8")
    print(f"ner_loc_lexicon.txt {len(loc)} names, ner_org_lexicon.txt {len(org)} names, ner_roles.txt {len(roles)} roles, "
          f"ner_common_nouns.txt {len(nouns)} nouns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
