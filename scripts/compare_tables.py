"""Compare two egovnews output folders table by table (refactor check).

    python scripts/compare_tables.py OLD_OUT NEW_OUT [--ignore-cols model,...]

Reads every ``*.parquet`` table in both folders (``_manifest``/``_run`` are
skipped: they record code versions and timings), sorts rows, and prints one
line per table: ``same`` or the number of rows only in OLD / only in NEW, with
a few examples. Exit status 0 when all tables are identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from collections import Counter


def _cell(v) -> str:
    if hasattr(v, "__len__") and not isinstance(v, (str, bytes)):
        return repr([_cell(x) for x in v])
    return "None" if v is None or (isinstance(v, float) and v != v) else repr(v)


def _rows(df: pd.DataFrame, cols: list[str]) -> Counter:
    return Counter(tuple(_cell(v) for v in row) for row in df[cols].astype(object).itertuples(index=False))


def compare(old: Path, new: Path, ignore: set[str], show: int = 3) -> bool:
    names = sorted({p.stem for p in old.glob("*.parquet")} | {p.stem for p in new.glob("*.parquet")})
    same_all = True
    for name in names:
        if name.startswith("_"):
            continue
        po, pn = old / f"{name}.parquet", new / f"{name}.parquet"
        if not po.exists() or not pn.exists():
            print(f"{name}: only in {'NEW' if pn.exists() else 'OLD'}")
            same_all = False
            continue
        a, b = pd.read_parquet(po), pd.read_parquet(pn)
        ca, cb = [c for c in a.columns if c not in ignore], [c for c in b.columns if c not in ignore]
        if set(ca) != set(cb):
            print(f"{name}: columns differ: {sorted(set(ca) ^ set(cb))}")
            same_all = False
        cols = sorted(set(ca) & set(cb))
        ra, rb = _rows(a, cols), _rows(b, cols)
        only_old, only_new = ra - rb, rb - ra
        if only_old or only_new:
            same_all = False
            print(f"{name}: {len(a)} vs {len(b)} rows; {sum(only_old.values())} only in OLD, "
                  f"{sum(only_new.values())} only in NEW")
            for label, part in (("-", only_old), ("+", only_new)):
                for row in list(part)[:show]:
                    print(f"  {label} {dict(zip(cols, row))}"[:400])
        else:
            print(f"{name}: same ({len(a)} rows)")
    return same_all


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--ignore-cols", default="", help="comma-separated columns to leave out")
    args = ap.parse_args()
    ignore = {c for c in args.ignore_cols.split(",") if c}
    return 0 if compare(args.old, args.new, ignore) else 1


if __name__ == "__main__":
    sys.exit(main())
