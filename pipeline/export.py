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
"""
from __future__ import annotations

import csv
import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import UsageError
from .csvcells import csv_safe_text, csv_value as _csv_value  # noqa: F401 (csv_safe_text: API)
from .registry import ORG_COLUMNS, PEOPLE_COLUMNS, Registry
from .tables import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS, REGISTRY_TABLES, TABLES

MANIFEST = "_manifest"           # pseudo-table written with the others (see manifest.py)
RUN_INFO = "_run.json"
REPORT_FILE = "report.html"      # written by `egovnews report`; a new run removes it (it would be stale)
MANIFEST_COLUMNS = ["doc_id", "source_file", "size", "mtime", "fingerprint", "templates", "status"]

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
READ_BATCH = 1024        # rows per batch when streaming parts back


def arrow_schema(table: str) -> pa.Schema:
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
    return list(TABLES) + list(REGISTRY_TABLES) + [MANIFEST]


# --- the output folder ----------------------------------------------------------

# Placeholder files a repository keeps in an output folder; they are carried into each new output.
KEEP_FILES = (".gitkeep", ".gitignore")


def own_names() -> set[str]:
    """Entries an egovnews output folder may contain."""
    names = {RUN_INFO, f"{MANIFEST}.parquet", REPORT_FILE, *KEEP_FILES}
    for t in [*TABLES, *REGISTRY_TABLES]:
        names |= {f"{t}.parquet", f"{t}.csv", t}
    return names


def check_out(out: Path) -> None:
    """Refuse an output path that is a file. A folder that also holds other files (a log, notes) is fine:
    ``publish`` then replaces the tables file by file and leaves those files alone."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")


def foreign_entries(out: Path) -> list[str]:
    """Entries of ``out`` that egovnews did not write."""
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir() if p.name not in own_names())


def staging_prefix(out: Path) -> str:
    return f".{out.name}.partial-"


def leftover_stagings(out: Path, exclude: Path | None = None) -> list[Path]:
    """Staging folders of earlier runs into ``out`` (call while holding the lock: their runs are dead)."""
    if not out.parent.exists():
        return []
    return sorted(p for p in out.parent.glob(staging_prefix(out) + "*") if p.is_dir() and p != exclude)


def complete_parts(staging: Path) -> list[Path]:
    parts = staging / "parts"
    if not parts.is_dir():
        return []
    return sorted(p for p in parts.iterdir() if p.is_dir() and p.name.isdigit())


def recover(out: Path) -> str | None:
    """Finish or roll back a swap that was cut short; returns what was done."""
    backups = sorted(out.parent.glob(f".{out.name}.backup-*")) if out.parent.exists() else []
    msg = None
    for b in backups:
        if not out.exists():
            os.rename(b, out)
            msg = f"restored the previous output of {out} from an interrupted swap"
        else:
            shutil.rmtree(b, ignore_errors=True)
    return msg


@contextmanager
def out_lock(out: Path):
    """Hold an exclusive lock on ``out`` (a hidden lock file beside it) for a run."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locking
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    fh = open(lock, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another egovnews run is writing to {out} (lock {lock}); wait for it or "
                             f"choose another --out") from None
        yield
    finally:
        fh.close()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def _signals_deferred():
    """Block SIGINT/SIGTERM for the few system calls of the swap (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    sigs = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def publish(new: Path, out: Path) -> str:
    """Make the complete folder ``new`` the output folder ``out``; returns the method used."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _signals_deferred():
        if not out.exists():
            os.rename(new, out)
            return "rename"
        if foreign_entries(out):  # the user's files stay where they are: each table replaced atomically
            return _replace_files(new, out, "file by file (the folder holds other files)")
        if _exchange(new, out):
            shutil.rmtree(new, ignore_errors=True)  # holds the old output now
            return "exchange"
        backup = out.parent / f".{out.name}.backup-{os.getpid()}"
        try:
            os.rename(out, backup)
        except OSError:  # out is a mount point or otherwise pinned: replace file by file
            return _replace_files(new, out, "file by file (not atomic: the folder could not be renamed)")
        os.rename(new, out)
    shutil.rmtree(backup, ignore_errors=True)
    return "rename via backup"


def _replace_files(new: Path, out: Path, method: str) -> str:
    names = {f.name for f in new.iterdir()}
    for f in sorted(new.iterdir()):
        os.replace(f, out / f.name)
    for f in list(out.iterdir()):  # our tables of formats not written this time would be stale
        if f.name in own_names() and f.name not in names:
            shutil.rmtree(f) if f.is_dir() else f.unlink()
    shutil.rmtree(new, ignore_errors=True)
    return method


# --- the writer -------------------------------------------------------------------

class TableWriter:
    """Rows in, complete tables out. See the module docstring."""

    def __init__(self, out: Path, formats=("parquet", "csv"), *, staging: Path | None = None,
                 csv_raw: bool = False):
        self.out = Path(out).absolute()
        self.formats = tuple(formats)
        self.csv_raw = csv_raw          # True: CSV cells exactly as in Parquet (no formula guard)
        token = f"{os.getpid()}-{time.time_ns() % 10**9:09d}"  # pids repeat across containers/reboots
        self.staging = staging or self.out.parent / f"{staging_prefix(self.out)}{token}"
        if self.staging.exists():
            shutil.rmtree(self.staging)
        (self.staging / "parts").mkdir(parents=True)
        self.buffers: dict[str, list[dict]] = {t: [] for t in all_tables()}
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
        if not rows:
            return
        self.buffers[table].extend(rows)
        self._rows += len(rows)
        if table == "articles":
            self._text += sum(len(r.get("text") or "") for r in rows)
        self._maybe_part()

    def add_all(self, rows_by_table: dict[str, list[dict]]) -> None:
        """All rows of one document: they always land in the same part."""
        for t, rows in rows_by_table.items():
            if rows:
                self.buffers[t].extend(rows)
                self._rows += len(rows)
                if t == "articles":
                    self._text += sum(len(r.get("text") or "") for r in rows)
        self._maybe_part()

    def carry(self, table: str, batches: Callable[[], Iterator[pa.Table]]) -> None:
        """Rows from a previous run, appended to ``table`` when the tables are assembled."""
        self.carried[table].append(batches)

    def _maybe_part(self) -> None:
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
        for t, rows in self.buffers.items():
            if rows:
                schema = arrow_schema(t)
                cols = schema.names
                tbl = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], schema=schema)
                pq.write_table(tbl, tmp / f"{t}.parquet")
                self.counts[t] += len(rows)
        final = self.staging / "parts" / f"{n:06d}"
        os.rename(tmp, final)
        self.parts.append(final)
        self.buffers = {t: [] for t in all_tables()}
        self._rows = self._text = 0
        if self.on_part:
            self.on_part(final)
        return final

    # tables out
    def _batches(self, table: str) -> Iterator[pa.Table]:
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

    def _column_rows(self, table: str, cols: list[str]) -> Iterator[dict]:
        for b in self._batches(table):
            yield from b.select(cols).to_pylist()

    def build_registry(self, published: dict[str, str]) -> Registry:
        """The cross-document registry of everything this writer assembles (see pipeline/registry);
        ``published`` is doc_id -> publication date, collected while the articles are written (reading
        the carried articles a second time would run their patch twice)."""
        return Registry.build(list(self._column_rows("people", PEOPLE_COLUMNS)),
                              list(self._column_rows("organizations", ORG_COLUMNS)), published)

    def _table_batches(self, table: str, registry: Registry) -> Iterator[pa.Table]:
        """The batches of ``table`` as written: registry tables from ``registry``, people and
        organizations with their registry ids, the rest as buffered/carried."""
        schema = arrow_schema(table)
        if table in REGISTRY_TABLES:
            rows = registry.tables[table]
            for i in range(0, len(rows), READ_BATCH):
                yield pa.Table.from_pylist(rows[i:i + READ_BATCH], schema=schema)
            return
        for b in self._batches(table):
            if table in ("people", "organizations"):
                b = pa.Table.from_pylist(registry.link(table, b.to_pylist()), schema=schema)
            yield b

    def _assemble(self, folder: Path) -> dict[str, int]:
        folder.mkdir()
        rows: dict[str, int] = {}
        published: dict[str, str] = {}
        registry = None
        for t in all_tables():  # articles come first: the registry needs their dates
            if registry is None and (t in REGISTRY_TABLES or t in ("people", "organizations")):
                registry = self.build_registry(published)
            schema = arrow_schema(t)
            want_pq = "parquet" in self.formats or t == MANIFEST
            want_csv = "csv" in self.formats and t != MANIFEST
            pw = pq.ParquetWriter(folder / f"{t}.parquet", schema) if want_pq else None
            fh = open(folder / f"{t}.csv", "w", encoding="utf-8", newline="") if want_csv else None
            wr = csv.writer(fh) if fh else None
            if wr:
                wr.writerow(schema.names)
            n = 0
            try:
                for b in self._table_batches(t, registry):
                    n += len(b)
                    if t == "articles":
                        published.update(zip(b.column("doc_id").to_pylist(),
                                             (d or "" for d in b.column("published").to_pylist())))
                    if pw:
                        pw.write_table(b)
                    if wr:
                        cols = schema.names
                        safe = not self.csv_raw
                        wr.writerows([[_csv_value(t, c, r.get(c), safe) for c in cols] for r in b.to_pylist()])
                if pw and n == 0:
                    pw.write_table(schema.empty_table())
            finally:
                if pw:
                    pw.close()
                if fh:
                    fh.close()
            rows[t] = n
        return rows

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


def iter_part_dirs(stagings: Iterable[Path]) -> Iterator[Path]:
    for s in stagings:
        yield from complete_parts(s)
