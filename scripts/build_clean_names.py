#!/usr/bin/env python3
"""Derive pipeline/data/boilerplate_given_names.txt from the shared given-name statistics.

    .venv/bin/python scripts/build_clean_names.py [/work/shared/data/names]

The clean stage uses the list only to tell a byline ('Klaus D. Grote') from a
two-word headline ('Strategischer Partner'): the first word of a byline is a
given name. Names given to at least MIN_COUNT newborns are kept; German function
words are dropped. Source and licence: pipeline/data/clean.SOURCE.md.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIN_COUNT = 3   # drops one-off spellings; keeps older names that are rare among newborns (Klaus, Helmut)


def main() -> int:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/names")
    f = src / "given_names_newborns_berlin_koeln_leipzig_muenchen.csv"
    stop = set()
    for line in (ROOT / "pipeline/data/boilerplate_stopwords.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            stop.update(w.casefold() for w in line.split())
    names = set()
    with f.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            n = row["name"].strip()
            if int(row["count_total"] or 0) < MIN_COUNT or not n.isalpha() or len(n) < 2:
                continue
            if n.casefold() in stop:
                continue
            names.add(n)
    out = ROOT / "pipeline/data/boilerplate_given_names.txt"
    head = ("# Given names (first word of a byline), derived by scripts/build_clean_names.py from the newborn\n"
            "# first-name statistics in /work/shared/data/names (Berlin, Köln, Leipzig, München; see\n"
            "# pipeline/data/clean.SOURCE.md for sources, licences and attribution).\n")
    out.write_text(head + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
