"""Export stage: stream table rows to Parquet and CSV, and publish them atomically.

``TableWriter`` buffers rows and writes them, a few thousand at a time, as
numbered *parts* into a staging folder beside ``out``
(``.<out>.partial-<pid>/parts/000001/<table>.parquet``). A part is written
into a temporary folder and renamed when complete, and a part always holds
whole documents, so the parts of a run that was interrupted (Ctrl-C) or
killed (SIGKILL, power loss) are readable and a re-run resumes from them.

``commit()`` assembles the parts (plus rows carried over from a previous
run) into one ``<table>.parquet`` / ``<table>.csv`` per table in a complete
new folder, then swaps it with ``out`` in one step (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; elsewhere rename old -> backup, new -> out,
delete backup, and ``recover()`` repairs a swap that was cut short). Until
that moment ``out`` holds the previous output, untouched.

The package: ``schema`` (Arrow schemas, conversion, reading a previous output back), ``folder`` (the
output folder, staging folders, the run lock, the atomic publish), ``assemble`` (the registry and one
file per table) and, here, ``TableWriter``, which stages the rows and drives the others. Every name
that callers use is importable from ``pipeline.export``.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..csvcells import csv_safe_text  # noqa: F401 (API)
from ..registry import Registry
from . import assemble
from .folder import (KEEP_FILES, REPORT_FILE, RUN_INFO, check_out, complete_parts, foreign_entries,  # noqa: F401
                     iter_part_dirs, leftover_stagings, out_lock, own_names, publish, recover, staging_prefix)
from .schema import (MANIFEST, MANIFEST_COLUMNS, READ_BATCH, all_tables, arrow_schema, conform,  # noqa: F401
                     read_batches, rows_to_table)

# A part is cut at the first document boundary after any of these: rows
# buffered over all tables, bytes of article text buffered, or seconds since
# the last part. They bound the memory of the writer (a few MB of rows) and
# the work lost when a run is killed (at most a minute); parts of ~2000 rows
# keep Parquet row groups and the file count sensible (a 100k-document run
# makes a few hundred parts).
PART_ROWS = 20_000
PART_TEXT_BYTES = 32_000_000
PART_SECONDS = 60.0
FLUSH_ROWS = PART_ROWS  # kept for callers of the first version
# Buffered rows of a table are turned into an Arrow table every this many rows: a part's rows wait in Arrow's
# compact columns, not as Python dicts (about 6 KB a row as dicts against 0.2 KB in Arrow, measured on the
# output of 400 real pages: 19,500 rows took 119 MB as dicts, 3.4 MB in Arrow), so the writer's memory stays
# small at any PART_ROWS; 1,000 rows convert as fast per row as 20,000.
CHUNK_ROWS = 1_000


class TableWriter:
    """Rows in, complete tables out. See the module docstring."""

    def __init__(self, out: Path, formats=("parquet", "csv"), *, staging: Path | None = None,
                 csv_raw: bool = False):
        """A writer into ``out`` (``formats``: parquet and/or csv; ``staging``: the staging folder, by default
        a new one beside ``out``; ``csv_raw``: CSV cells exactly as in Parquet, no formula guard)."""
        self.out = Path(out).absolute()
        self.formats = tuple(formats)
        self.csv_raw = csv_raw          # True: CSV cells exactly as in Parquet (no formula guard)
        token = f"{os.getpid()}-{time.time_ns() % 10**9:09d}"  # pids repeat across containers/reboots
        self.staging = staging or self.out.parent / f"{staging_prefix(self.out)}{token}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        (self.staging / "parts").mkdir(parents=True)
        self.buffers: dict[str, list[dict]] = {t: [] for t in all_tables()}   # rows not yet in ``chunks``
        self.chunks: dict[str, list[pa.Table]] = {t: [] for t in all_tables()}  # the part's rows in Arrow
        self.counts: dict[str, int] = {t: 0 for t in all_tables()}
        self.parts: list[Path] = []
        self.carried: dict[str, list[Callable[[], Iterator[pa.Table]]]] = {t: [] for t in all_tables()}
        self._rows = 0
        self._text = 0
        self._t_part = time.monotonic()
        self.on_part: Callable[[Path], None] | None = None
        self.closed = False
        self.publish_method = ""

    # rows in
    def add(self, table: str, rows: list[dict]) -> None:
        """Buffer ``rows`` of ``table``; a part is written when a limit is reached (see PART_ROWS)."""
        if not rows:
            return
        self._buffer(table, rows)
        self._maybe_part()

    def add_all(self, rows_by_table: dict[str, list[dict]]) -> None:
        """All rows of one document: they always land in the same part."""
        for t, rows in rows_by_table.items():
            if rows:
                self._buffer(t, rows)
        self._maybe_part()

    def _buffer(self, table: str, rows: list[dict]) -> None:
        """Add ``rows`` of ``table`` to the current part; every CHUNK_ROWS of them become an Arrow table."""
        buf = self.buffers[table]
        buf.extend(rows)
        self._rows += len(rows)
        if table == "articles":
            self._text += sum(len(r.get("text") or "") for r in rows)
        if len(buf) >= CHUNK_ROWS:
            self._to_arrow(table)

    def _to_arrow(self, table: str) -> None:
        """Move the buffered row dicts of ``table`` into its Arrow chunks."""
        if self.buffers[table]:
            self.chunks[table].append(rows_to_table(self.buffers[table], table))
            self.buffers[table] = []

    def carry(self, table: str, batches: Callable[[], Iterator[pa.Table]]) -> None:
        """Rows from a previous run, appended to ``table`` when the tables are assembled."""
        self.carried[table].append(batches)

    def _maybe_part(self) -> None:
        """Write a part when the buffer holds PART_ROWS rows or PART_TEXT_BYTES of text, or PART_SECONDS passed."""
        if (self._rows >= PART_ROWS or self._text >= PART_TEXT_BYTES
                or time.monotonic() - self._t_part >= PART_SECONDS):
            self.checkpoint()

    def checkpoint(self) -> Path | None:
        """Write the buffered rows as one complete part (no-op when nothing is buffered)."""
        self._t_part = time.monotonic()
        if not self._rows:
            return None
        n = len(self.parts) + 1
        tmp = self.staging / "parts" / f".tmp-{n:06d}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        for t in all_tables():
            self._to_arrow(t)
            if self.chunks[t]:
                tbl = pa.concat_tables(self.chunks[t])
                pq.write_table(tbl, tmp / f"{t}.parquet")
                self.counts[t] += len(tbl)
        final = self.staging / "parts" / f"{n:06d}"
        os.rename(tmp, final)
        self.parts.append(final)
        self.buffers = {t: [] for t in all_tables()}
        self.chunks = {t: [] for t in all_tables()}
        self._rows = self._text = 0
        if self.on_part:
            self.on_part(final)
        return final

    # tables out
    def _batches(self, table: str) -> Iterator[pa.Table]:
        """The staged batches of ``table``: the parts of this run, then the rows carried over."""
        for part in self.parts:
            f = part / f"{table}.parquet"
            if f.exists():
                pf = pq.ParquetFile(f)
                for b in pf.iter_batches(batch_size=READ_BATCH):
                    yield conform(b, table)
        for source in self.carried[table]:
            for b in source():
                if len(b):
                    yield conform(b, table)

    def build_registry(self, published: dict[str, str]) -> Registry:
        """The cross-document registry of everything this writer assembles (see ``assemble.build_registry``;
        ``published``: doc_id -> publication date)."""
        return assemble.build_registry(self._batches, published)

    def _assemble(self, folder: Path) -> dict[str, int]:
        """Write all tables into the new folder ``folder`` (see ``assemble``); returns rows per table."""
        return assemble.assemble(folder, self._batches, self.formats, self.csv_raw)

    def close(self) -> None:
        """Write the last buffered rows as a part."""
        if not self.closed:
            self.checkpoint()
            self.closed = True

    def commit(self, extra_files: dict[str, str] | None = None) -> dict[str, int]:
        """Assemble the tables into a complete folder and swap it into ``out``; returns rows per table."""
        self.close()
        new = self.staging / "out"
        if new.exists():
            shutil.rmtree(new)
        rows = self._assemble(new)
        info = {"rows": {t: n for t, n in rows.items() if t != MANIFEST},
                "written": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        files = dict(extra_files or {})
        if RUN_INFO in files:
            try:
                info.update(json.loads(files.pop(RUN_INFO)))
            except ValueError:
                pass
        (new / RUN_INFO).write_text(json.dumps(info, indent=1, ensure_ascii=False), encoding="utf-8")
        for name, content in files.items():
            (new / name).write_text(content, encoding="utf-8")
        for name in KEEP_FILES:
            if (self.out / name).is_file():
                shutil.copy2(self.out / name, new / name)
        self.publish_method = publish(new, self.out)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.closed = True
        return rows

    def abort(self, keep_parts: bool = False) -> None:
        """Stop: keep the complete parts for a resume (``keep_parts``) or delete everything staged."""
        self.closed = True
        if keep_parts and self.parts:
            shutil.rmtree(self.staging / "out", ignore_errors=True)
            for p in (self.staging / "parts").glob(".tmp-*"):
                shutil.rmtree(p, ignore_errors=True)
            return
        shutil.rmtree(self.staging, ignore_errors=True)
