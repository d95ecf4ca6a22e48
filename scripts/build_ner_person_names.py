#!/usr/bin/env python3
"""Build the international person-name list used as a feature by the NER model.

    pip install faker && python scripts/build_ner_person_names.py

Reads the first and last names of every Latin-script locale of the PyPI package
``Faker`` (MIT licence; its name lists are compiled from public name statistics)
and writes ``pipeline/data/ner_world_names.txt.gz``: ``name<TAB>F|S`` (F = first
name, S = surname; a name that is both gets both lines). The German newborn
statistics behind the rule layer's given names know 'Maria' but not 'Izolda',
'Dossifej' or 'Thorkildsen'; this list only feeds a feature of the statistical
model (``F``/``S`` in pipeline/ner/features.py), which learns how far to trust
it. It is too ambiguous for a rule ('Brand', 'Will', 'Kirche' are surnames).

Left out: names that are not Latin script, shorter than 3 letters, not
capitalised, or ordinary German words (the rule layer's lists of common nouns,
capitalised words, role words and stop words).
"""
from __future__ import annotations

import gzip
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "pipeline" / "data" / "ner_world_names.txt.gz"
FIRST = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LAST = ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary")


def _names(value) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return []


def main() -> int:
    try:
        import faker
        import faker.providers.person as person
    except ImportError:
        print("Faker is not installed: pip install faker", file=sys.stderr)
        return 2
    from pipeline.ner.lexicons import is_ordinary_word
    out: dict[str, set] = {}
    locales = 0
    for info in pkgutil.iter_modules(person.__path__):
        mod = importlib.import_module(f"faker.providers.person.{info.name}")
        prov = getattr(mod, "Provider", None)
        if prov is None:
            continue
        locales += 1
        for attrs, kind in ((FIRST, "F"), (LAST, "S")):
            for attr in attrs:
                for n in _names(getattr(prov, attr, ())):
                    n = n.strip()
                    if (len(n) < 3 or " " in n or not n[:1].isupper() or not all(ord(c) < 0x250 for c in n)
                            or not n.replace("-", "").replace("'", "").isalpha()):
                        continue
                    if is_ordinary_word(n):
                        continue
                    out.setdefault(n, set()).add(kind)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(f"# first (F) and last (S) names of Faker {faker.VERSION} person providers (MIT)\n".encode())
        raw.write("".join(f"{n}\t{k}\n" for n in sorted(out) for k in sorted(out[n])).encode("utf-8"))
    nf = sum("F" in k for k in out.values())
    ns = sum("S" in k for k in out.values())
    print(f"{OUT.name}: {len(out)} names ({nf} first, {ns} last) from {locales} locales "
          f"({OUT.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
