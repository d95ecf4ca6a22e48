#!/usr/bin/env python3
"""Build ``pipeline/data/ozg_services.csv``: OZG services with the names to find them by.

    .venv/bin/python scripts/build_services.py [SRC_DIR] [--out FILE]

SRC_DIR (default ``/work/shared/data/egov``) holds the kdn-nrw/OZG-Datenbank-NRW
extracts (MIT, (c) 2020 Gert Hammes; see ``pipeline/data/egov.SOURCE.md``):
``ozg_leistungen.csv`` (OZG-ID, Leistung, Lebenslage, Themenfeld),
``leika_leistungen_ozg_mapping.csv`` (LeiKa names -> OZG-ID) and
``ozg_themenfelder.csv`` (the 14 Themenfelder, used as a check).

Aliases of a service, precision first:
1. its OZG name split at ``,`` / ``und`` / ``bzw.`` / ``/`` (elliptic parts
   like ``-bescheinigung`` dropped), parenthesised short forms (``BAföG``);
   a one-word part counts when it is the whole name or ends with a service
   head word (``-geld``, ``-genehmigung``, ``-ausweis`` ...); a several-word
   name counts as a phrase;
2. one-word LeiKa names, and the first word of LeiKa names when every LeiKa
   name starting with it maps to the same OZG-ID, when they end with a
   service head word;
3. curated aliases from ``pipeline/data/ozg_services_curated.csv``
   (``Bauantrag`` -> Baugenehmigung, ``Kfz-Zulassung`` ...);
minus curated ``stop`` words (generic: ``Klage``, ``Impfung``, fiscal-policy
taxes) and one-word names shorter than ``MIN_WORD_LEN``. An alias claimed by
two services is dropped unless it is one service's own OZG name.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.text import fold  # noqa: E402

DATA = ROOT / "pipeline" / "data"
# One-word names shorter than this are too often ordinary words ("Rente", "Name").
MIN_WORD_LEN = 8
# A headed compound needs a first part of at least this many letters:
# "Baugenehmigung" (bau-) yes, "Zuschuss" (a bare head) no.
MIN_MODIFIER_LEN = 3


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """Split an OZG name into (phrases, words): 'Bauvorbescheid und Baugenehmigung'
    -> one-word parts both; 'Hilfe zum Lebensunterhalt' -> the phrase;
    '(BAföG)' -> a word. Parts of a split several-word name are dropped
    ('Erlaubnis für Großraum- und Schwerverkehr' gives nothing)."""
    words = []
    for par in re.findall(r"\(([^)]*)\)", name):
        words += [p.strip() for p in par.split("/") if re.fullmatch(r"[\wÄÖÜäöüß\-]+", p.strip())]
    bare = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", name)).strip()
    parts = [p.strip() for p in re.split(r",\s*|\s+und\s+|\s+bzw\.\s+|\s*/\s*", bare) if p.strip()]
    phrases = []
    if len(parts) == 1 and " " in bare:
        phrases.append(bare)
    elif all(" " not in p for p in parts):
        words += [p for p in parts if not p.startswith("-") and not p.endswith("-")]
    return phrases, words


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", nargs="?", default="/work/shared/data/egov")
    ap.add_argument("--out", default=str(DATA / "ozg_services.csv"))
    args = ap.parse_args()
    src = Path(args.src)
    services = read_csv(src / "ozg_leistungen.csv")
    leika = read_csv(src / "leika_leistungen_ozg_mapping.csv")
    fields = {r["themenfeld"] for r in read_csv(src / "ozg_themenfelder.csv")}
    curated = read_csv(DATA / "ozg_services_curated.csv")
    heads = tuple(fold(r["value"]) for r in curated if r["kind"] == "head")
    stop = {fold(r["value"]) for r in curated if r["kind"] == "stop"}
    by_id = {r["ozg_id"]: r for r in services}
    unknown = {r["themenfeld"] for r in services} - fields
    if unknown:
        print(f"warning: Themenfelder not in ozg_themenfelder.csv: {sorted(unknown)}", file=sys.stderr)

    def headed(w: str) -> bool:
        """Ends with a service head word and has a real first part ('Hundesteuer', not 'Zuschuss')."""
        f = fold(w)
        return any(f.endswith(h) and len(f) - len(h) >= MIN_MODIFIER_LEN for h in heads)

    def ok(alias: str, whole: bool) -> bool:
        f = fold(alias)
        if f in stop:
            return False
        if " " in alias:
            return True
        if re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{3,}", alias) and sum(c.isupper() for c in alias) >= 2:
            return True  # an acronym: BAföG, AFBG
        return len(alias) >= MIN_WORD_LEN and (whole or headed(alias))

    claims: dict[str, set[str]] = defaultdict(set)   # folded alias -> ozg ids
    forms: dict[tuple[str, str], str] = {}            # (id, folded) -> alias as written
    own: dict[str, str] = {}                          # folded own OZG name -> id

    def add(oid: str, alias: str):
        f = fold(alias)
        claims[f].add(oid)
        forms.setdefault((oid, f), alias)
        # a plural name ('Parkausweise') also gives its singular when that ends with a head
        if f.endswith("e") and f[:-1].endswith(heads):
            add(oid, alias[:-1])

    for r in services:
        phrases, words = name_parts(r["leistung"])
        for p in phrases:
            if ok(p, whole=True):
                add(r["ozg_id"], p)
        for p in words:
            if ok(p, whole=p == r["leistung"]):
                add(r["ozg_id"], p)
        own[fold(r["leistung"])] = r["ozg_id"]
    first_word: dict[str, set[str]] = defaultdict(set)
    for r in leika:
        if r["ozg_id"] not in by_id:
            continue
        words = r["leistung"].split()
        if len(words) == 1 and ok(words[0], whole=False):
            add(r["ozg_id"], words[0])
        if words:
            first_word[words[0]].add(r["ozg_id"])
    for w, ids in first_word.items():
        if len(ids) == 1 and re.fullmatch(r"[\wÄÖÜäöüß\-]+", w) and ok(w, whole=False):
            add(next(iter(ids)), w)
    for r in curated:
        if r["kind"] == "alias" and r["ozg_id"] in by_id and fold(r["value"]) not in stop:
            add(r["ozg_id"], r["value"])

    aliases: dict[str, list[str]] = defaultdict(list)
    dropped = 0
    for f, ids in claims.items():
        if len(ids) > 1:
            if f in own and own[f] in ids:
                ids = {own[f]}
            else:
                dropped += 1
                continue
        oid = next(iter(ids))
        aliases[oid].append(forms[(oid, f)])

    out = Path(args.out)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ozg_id", "leistung", "themenfeld", "lebenslage", "aliases"])
        for r in services:
            al = sorted(set(aliases.get(r["ozg_id"], [])), key=lambda a: (fold(a), a))
            if not al:
                continue
            w.writerow([r["ozg_id"], r["leistung"], r["themenfeld"], r["lebenslage"], "|".join(al)])
            n += 1
    total = sum(len(v) for v in aliases.values())
    print(f"{out}: {n} services with {total} aliases "
          f"({len(services)} OZG services read, {dropped} ambiguous aliases dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
