"""Assembly of the final tables: the cross-document registry and one Parquet/CSV file per table.

``assemble`` runs over ``all_tables()`` in order. Articles come first: their publication dates are
collected while they are written, and the registry (``pipeline/registry``) is built from all people and
organisation rows once, before the first table that needs it; people and organisations are written with
their registry ids, the registry tables from the registry, every other table as staged. Each table is
streamed batch by batch into its files (an empty table still gets a Parquet file with its schema).
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..csvcells import csv_value as _csv_value
from ..registry import ORG_COLUMNS, PEOPLE_COLUMNS, Registry
from ..tables import REGISTRY_TABLES
from .schema import MANIFEST, READ_BATCH, all_tables, arrow_schema

# table name -> its batches as staged (parts of this run, then rows carried over from a previous run)
Batches = Callable[[str], Iterator[pa.Table]]


def column_rows(batches: Batches, table: str, cols: list[str]) -> Iterator[dict]:
    """The rows of ``table`` from ``batches``, as dicts of the columns ``cols`` only."""
    for b in batches(table):
        yield from b.select(cols).to_pylist()


def build_registry(batches: Batches, published: dict[str, str]) -> Registry:
    """The cross-document registry of the people and organizations in ``batches`` (see pipeline/registry);
    ``published`` is doc_id -> publication date, collected while the articles are written (reading
    the carried articles a second time would run their patch twice)."""
    return Registry.build(list(column_rows(batches, "people", PEOPLE_COLUMNS)),
                          list(column_rows(batches, "organizations", ORG_COLUMNS)), published)


def table_batches(table: str, batches: Batches, registry: Registry | None) -> Iterator[pa.Table]:
    """The batches of ``table`` as written: registry tables from ``registry``, people and
    organizations with their registry ids, the rest as staged in ``batches``."""
    schema = arrow_schema(table)
    if table in REGISTRY_TABLES:
        rows = registry.tables[table]
        for i in range(0, len(rows), READ_BATCH):
            yield pa.Table.from_pylist(rows[i:i + READ_BATCH], schema=schema)
        return
    for b in batches(table):
        if table in ("people", "organizations"):
            b = pa.Table.from_pylist(registry.link(table, b.to_pylist()), schema=schema)
        yield b


def write_table(folder: Path, table: str, batches: Iterator[pa.Table], formats: tuple[str, ...],
                csv_raw: bool, on_batch: Callable[[pa.Table], None] | None = None) -> int:
    """Stream ``batches`` into ``folder/<table>.parquet`` and/or ``<table>.csv`` (as ``formats`` asks;
    the manifest only as Parquet), calling ``on_batch`` on each batch first; CSV cells are guarded
    against spreadsheet formulas unless ``csv_raw``. Returns the number of rows written."""
    schema = arrow_schema(table)
    want_pq = "parquet" in formats or table == MANIFEST
    want_csv = "csv" in formats and table != MANIFEST
    pw = pq.ParquetWriter(folder / f"{table}.parquet", schema) if want_pq else None
    fh = open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") if want_csv else None
    wr = csv.writer(fh) if fh else None
    if wr:
        wr.writerow(schema.names)
    n = 0
    try:
        for b in batches:
            n += len(b)
            if on_batch:
                on_batch(b)
            if pw:
                pw.write_table(b)
            if wr:
                cols = schema.names
                safe = not csv_raw
                wr.writerows([[_csv_value(table, c, r.get(c), safe) for c in cols] for r in b.to_pylist()])
        if pw and n == 0:
            pw.write_table(schema.empty_table())
    finally:
        if pw:
            pw.close()
        if fh:
            fh.close()
    return n


def assemble(folder: Path, batches: Batches, formats: tuple[str, ...], csv_raw: bool) -> dict[str, int]:
    """Write every table (``all_tables()``, in order) from ``batches`` into the new folder ``folder``,
    with the registry built on the way (see the module docstring); returns rows per table."""
    folder.mkdir()
    rows: dict[str, int] = {}
    published: dict[str, str] = {}

    def collect_published(b: pa.Table) -> None:
        """Note doc_id -> publication date ('' when unknown) of an articles batch."""
        published.update(zip(b.column("doc_id").to_pylist(),
                             (d or "" for d in b.column("published").to_pylist())))

    registry = None
    for t in all_tables():  # articles come first: the registry needs their dates
        if registry is None and (t in REGISTRY_TABLES or t in ("people", "organizations")):
            registry = build_registry(batches, published)
        rows[t] = write_table(folder, t, table_batches(t, batches, registry), formats, csv_raw,
                              collect_published if t == "articles" else None)
    return rows
