"""Export stage: stream table rows to Parquet and CSV, atomically.

``TableWriter`` buffers rows per table and flushes them in chunks, so memory
does not grow with the corpus. Everything is written into a staging folder
beside ``out`` and moved into place only by ``commit()``; an interrupted run
leaves the previous output untouched.
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS, TABLES

FLUSH_ROWS = 2000  # rows buffered per table before a flush; bounds memory, keeps Parquet row groups sensible


def arrow_schema(table: str) -> pa.Schema:
    fields = []
    for col in TABLES[table]:
        if (table, col) in LIST_COLUMNS:
            t = pa.list_(pa.string())
        elif col in INT_COLUMNS:
            t = pa.int64()
        elif col in FLOAT_COLUMNS:
            t = pa.float64()
        else:
            t = pa.string()
        fields.append(pa.field(col, t))
    return pa.schema(fields)


def _csv_value(table: str, col: str, v):
    if v is None:
        return ""
    if (table, col) in LIST_COLUMNS:
        return "; ".join(str(x) for x in v)
    return v


class TableWriter:
    def __init__(self, out: Path, formats=("parquet", "csv")):
        self.out = Path(out)
        self.formats = tuple(formats)
        self.staging = self.out.parent / f".{self.out.name}.partial-{os.getpid()}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        self.buffers: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.counts: dict[str, int] = {t: 0 for t in TABLES}
        self._pq: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, tuple] = {}
        self.closed = False

    def add(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        buf = self.buffers[table]
        buf.extend(rows)
        if len(buf) >= FLUSH_ROWS:
            self._flush(table)

    def add_all(self, rows_by_table: dict[str, list[dict]]) -> None:
        for t, rows in rows_by_table.items():
            self.add(t, rows)

    def _flush(self, table: str) -> None:
        rows = self.buffers[table]
        if not rows:
            return
        cols = TABLES[table]
        if "parquet" in self.formats:
            schema = arrow_schema(table)
            batch = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], schema=schema)
            w = self._pq.get(table)
            if w is None:
                w = self._pq[table] = pq.ParquetWriter(self.staging / f"{table}.parquet", schema)
            w.write_table(batch)
        if "csv" in self.formats:
            entry = self._csv.get(table)
            if entry is None:
                fh = open(self.staging / f"{table}.csv", "w", encoding="utf-8", newline="")
                wr = csv.writer(fh)
                wr.writerow(cols)
                entry = self._csv[table] = (fh, wr)
            fh, wr = entry
            wr.writerows([[_csv_value(table, c, r.get(c)) for c in cols] for r in rows])
        self.counts[table] += len(rows)
        self.buffers[table] = []

    def close(self) -> None:
        """Flush everything and write empty tables for those with no rows."""
        if self.closed:
            return
        for t in TABLES:
            self._flush(t)
            if "parquet" in self.formats and t not in self._pq:
                pq.write_table(arrow_schema(t).empty_table(), self.staging / f"{t}.parquet")
            if "csv" in self.formats and t not in self._csv:
                with open(self.staging / f"{t}.csv", "w", encoding="utf-8", newline="") as fh:
                    csv.writer(fh).writerow(TABLES[t])
        for w in self._pq.values():
            w.close()
        for fh, _ in self._csv.values():
            fh.close()
        self.closed = True

    def commit(self, extra_files: dict[str, str] | None = None) -> None:
        """Move the finished tables into ``out``; each file is replaced atomically."""
        self.close()
        for name, content in (extra_files or {}).items():
            (self.staging / name).write_text(content, encoding="utf-8")
        self.out.mkdir(parents=True, exist_ok=True)
        for f in sorted(self.staging.iterdir()):
            os.replace(f, self.out / f.name)
        # remove stale tables of formats not written this time? keep them: a user may want both.
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        try:
            for w in self._pq.values():
                w.close()
            for fh, _ in self._csv.values():
                fh.close()
        except Exception:
            pass
        shutil.rmtree(self.staging, ignore_errors=True)
