"""Arrow side of the export stage: the schema of every table, conversion of rows and old batches to it,
and streaming a table of a previous output back in batches.

``arrow_schema(table)`` derives the column types from ``pipeline.tables`` (list, int, float, bool
columns; the rest strings); ``conform`` brings a batch written by an older version (columns missing or
typed differently) to the current schema; ``rows_to_table`` turns buffered row dicts into a table.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..tables import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS, REGISTRY_TABLES, TABLES

MANIFEST = "_manifest"           # pseudo-table written with the others (see manifest.py)
MANIFEST_COLUMNS = ["doc_id", "source_file", "size", "mtime", "fingerprint", "templates", "status"]
READ_BATCH = 1024        # rows per batch when streaming parts back


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table`` (a table of ``pipeline.tables``, a registry table or the manifest)."""
    if table == MANIFEST:
        return pa.schema([pa.field("doc_id", pa.string()), pa.field("source_file", pa.string()),
                          pa.field("size", pa.int64()), pa.field("mtime", pa.float64()),
                          pa.field("fingerprint", pa.string()), pa.field("templates", pa.string()),
                          pa.field("status", pa.string())])
    fields = []
    for col in TABLES.get(table) or REGISTRY_TABLES[table]:
        if (table, col) in LIST_COLUMNS:
            t = pa.list_(pa.string())
        elif col in INT_COLUMNS:
            t = pa.int64()
        elif col in FLOAT_COLUMNS:
            t = pa.float64()
        elif col in BOOL_COLUMNS:
            t = pa.bool_()
        else:
            t = pa.string()
        fields.append(pa.field(col, t))
    return pa.schema(fields)


def conform(tbl: pa.Table | pa.RecordBatch, table: str) -> pa.Table:
    """``tbl`` with exactly the current columns of ``table`` (missing ones null), cast to its schema."""
    schema = arrow_schema(table)
    if isinstance(tbl, pa.RecordBatch):
        tbl = pa.Table.from_batches([tbl])
    cols = []
    for f in schema:
        if f.name in tbl.column_names:
            c = tbl.column(f.name)
            cols.append(c if c.type == f.type else c.cast(f.type))
        else:
            cols.append(pa.nulls(len(tbl), f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def all_tables() -> list[str]:
    """Every table the writer handles, in the order they are assembled: the document tables (articles
    first), the registry tables, the manifest."""
    return list(TABLES) + list(REGISTRY_TABLES) + [MANIFEST]


def rows_to_table(rows: list[dict], table: str) -> pa.Table:
    """Row dicts of ``table`` as an Arrow table of its schema (keys not in the schema are dropped,
    missing ones null)."""
    schema = arrow_schema(table)
    cols = schema.names
    return pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], schema=schema)


def read_batches(source: Path, table: str, doc_ids: set[str] | None = None,
                 patch: Callable[[list[dict]], list[dict]] | None = None) -> Iterator[pa.Table]:
    """Stream ``source/<table>.parquet`` in batches, keeping rows whose doc_id is in ``doc_ids``."""
    import pyarrow.compute as pc

    f = source / f"{table}.parquet"
    if not f.exists():
        return
    value_set = pa.array(sorted(doc_ids), pa.string()) if doc_ids is not None else None
    pf = pq.ParquetFile(f)
    for b in pf.iter_batches(batch_size=READ_BATCH):
        tbl = pa.Table.from_batches([b])
        if value_set is not None:
            tbl = tbl.filter(pc.is_in(tbl.column("doc_id"), value_set=value_set))
        if not len(tbl):
            continue
        if patch is not None:
            tbl = pa.Table.from_pylist(patch(conform(tbl, table).to_pylist()), schema=arrow_schema(table))
        yield tbl
