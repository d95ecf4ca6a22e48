"""The batch run behind ``runner.run``: lock, first pass, resume, the engine's stream, tables, publish.

``run`` takes the inputs, the output folder, the settings and two callbacks
and gives a ``RunSummary``; the steps are the numbered ones of the runner's
docstring (pipeline/runner.py). The per-document cascade is not here: the
engine (pipeline/engines, looked up by ``settings.engine``) calls
``runner.process_document``/``process_batch``, so this module imports
neither the runner nor an engine module.
"""
from __future__ import annotations

import shutil
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import engines, export, ingest, manifest
from .clean.templates import build_templates
from .errors import EgovError
from .export import MANIFEST, TableWriter
from .model import Document
from .settings import DEFAULT, Settings
from .tables import TABLES, article_rows, error_row

# Tables keyed by doc_id whose rows are carried over for skipped documents;
# errors and sources are rebuilt by every run from the inputs.
DOC_TABLES = [t for t in TABLES if t not in ("errors", "sources")]


@dataclass
class RunSummary:
    """Counts and timings of one run (``run`` gives it; ``line()`` is its one-line report)."""

    documents: int = 0
    articles: int = 0
    errors: int = 0
    duplicates: int = 0
    skipped: int = 0             # already in the output (same content and settings): rows carried over
    words: int = 0
    seconds: float = 0.0
    error_kinds: Counter = field(default_factory=Counter)
    out: str = ""
    model: str = ""
    interrupted: bool = False
    phases: dict = field(default_factory=dict)   # seconds from the start: scan_s, first_result_s, processed_s
    staging: str = ""            # where the finished parts of an interrupted run are kept

    def line(self) -> str:
        """The one-line report: counts, error kinds, duplicates, time, rate, output folder."""
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(self.error_kinds.items()))
        rate = self.documents / self.seconds if self.seconds else 0.0
        skipped = f" ({self.skipped} unchanged, carried over)" if self.skipped else ""
        s = (f"{self.documents} documents, {self.articles} articles{skipped}, {self.errors} errors"
             f"{' (' + kinds + ')' if kinds else ''}, {self.duplicates} duplicates, "
             f"{self.seconds:.1f} s ({rate:.1f} docs/s) -> {self.out}")
        return ("interrupted: " if self.interrupted else "") + s


class Interrupted(KeyboardInterrupt):
    """Ctrl-C/SIGTERM during a run; ``message`` says what was (not) written."""

    def __init__(self, message: str, summary: RunSummary):
        super().__init__(message)
        self.message = message
        self.summary = summary


def _process_stream(docs: Iterable[Document | EgovError], settings: Settings, templates) -> Iterator:
    """Yield Article or EgovError for each item, in input order, from the engine named by ``settings.engine``
    (pipeline/engines: looked up by name, so the runner imports no engine module)."""
    yield from engines.get_engine(settings.engine)(docs, settings, templates)


# --- the batch ----------------------------------------------------------------

@dataclass
class _Index:
    """What the first pass learns about the inputs."""

    first: dict[str, str] = field(default_factory=dict)        # doc_id -> first source_file
    names: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> all names, only for duplicates
    templates: object = None


def _scan(inputs: list[Path], settings: Settings, exclude: list[Path]) -> _Index:
    """The first pass over ``inputs`` (skipping ``exclude``): first names and duplicate names of every
    document, and the corpus templates when ``settings.corpus_templates`` is on."""
    idx = _Index()

    def docs():
        for d in ingest.iter_documents(inputs, settings, exclude=exclude):
            if isinstance(d, EgovError):
                continue
            did = d.doc_id
            first = idx.first.setdefault(did, d.source_file)
            if first != d.source_file:
                idx.names.setdefault(did, [first]).append(d.source_file)
            yield d

    gen = docs()
    if settings.corpus_templates:
        idx.templates = build_templates(gen)
    for _ in gen:  # whatever the template builder did not read
        pass
    return idx


class _SigtermAsInterrupt:
    """Turn SIGTERM into KeyboardInterrupt for the duration of a run (main thread only)."""

    def __enter__(self):
        self.old = None
        if threading.current_thread() is threading.main_thread():
            def handler(signum, frame):
                raise KeyboardInterrupt()
            self.old = signal.signal(signal.SIGTERM, handler)
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            signal.signal(signal.SIGTERM, self.old)
        return False


def run(inputs: Iterable[str | Path] = ("data/raw",), out: str | Path = "data/out",
        settings: Settings = DEFAULT, progress: Callable[[RunSummary], None] | None = None,
        on_error: Callable[[EgovError], None] | None = None) -> RunSummary:
    """Process every input and write the tables into ``out``. Returns a summary.

    Raises ``Interrupted`` (a KeyboardInterrupt) on Ctrl-C/SIGTERM, after
    keeping the finished work for a resume; ``out`` is then unchanged.
    """
    engines.check(settings.engine)  # an unknown engine or a missing extra: UsageError with the fix, at once
    inputs = [Path(p) for p in inputs]
    out = Path(out).absolute()
    with export.out_lock(out), _SigtermAsInterrupt():
        return _run_locked(inputs, out, settings, progress, on_error)


def _run_locked(inputs: list[Path], out: Path, settings: Settings, progress, on_error) -> RunSummary:
    """``run`` inside the output lock: takes the inputs, ``out`` (absolute), the settings and the callbacks;
    gives the summary. Raises ``Interrupted`` on Ctrl-C (``out`` unchanged, finished parts kept)."""
    t0 = time.perf_counter()
    summary = RunSummary(out=str(out))
    export.recover(out)
    export.check_out(out)
    fp = manifest.fingerprint(settings)
    leftovers = export.leftover_stagings(out)
    previous = {} if settings.force else manifest.load_previous(out, leftovers, fp)
    out_existed = out.exists()
    try:
        idx = _scan(inputs, settings, exclude=[out])
    except KeyboardInterrupt:
        summary.interrupted = True
        raise Interrupted(f"interrupted while reading the inputs: nothing was written; {out} is unchanged.",
                          summary) from None
    writer = TableWriter(out, settings.formats, csv_raw=settings.csv_raw)
    st = _RunState(deque(), idx, {}, fp, t0, previous, manifest.TemplateSignature(idx.templates))
    try:
        summary.phases["scan_s"] = round(time.perf_counter() - t0, 3)
        docs = _new_documents(inputs, out, settings, st, writer, summary, progress)
        results = _process_stream(docs, settings, templates=idx.templates)
        _write_tables(results, writer, st, settings, summary, progress, on_error)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.seconds = time.perf_counter() - t0
        raise Interrupted(_interrupt_message(writer, out, out_existed, summary), summary) from None
    except BaseException:
        writer.abort()
        raise
    for s in leftovers:  # their work is in out now (or was redone)
        shutil.rmtree(s, ignore_errors=True)
    summary.seconds = time.perf_counter() - t0
    return summary


@dataclass
class _RunState:
    """What streaming the documents and writing the results need to know about the run."""

    meta: deque      # (doc_id, source_file, size, mtime, templates) of the items in flight, in order
    idx: _Index
    carried: dict    # previous output folder -> doc_ids whose rows are carried over
    fp: str          # settings fingerprint
    t0: float        # perf_counter at the start of the run
    previous: dict = field(default_factory=dict)   # doc_id -> (previous output folder, template signature)
    template_sig: object = None                    # manifest.TemplateSignature of this run's templates


def _new_documents(inputs: list[Path], out: Path, settings: Settings, st: _RunState, writer: TableWriter,
                   summary: RunSummary, progress) -> Iterator:
    """The second pass: yields the documents to process (and the ingest errors) in input order.

    On the way it writes a ``sources`` row per document, counts duplicates
    (not yielded), carries over documents the previous output holds with the
    same settings and templates (a ``carried`` manifest row, not yielded) and
    appends one ``st.meta`` entry per yielded item (None for an error).
    """
    seen: set[str] = set()
    for item, (size, mtime) in ingest.iter_documents(inputs, settings, exclude=[out], with_stat=True):
        if isinstance(item, EgovError):
            st.meta.append(None)
            yield item
            continue
        did = item.doc_id
        first = st.idx.first.setdefault(did, item.source_file)
        if did in seen or first != item.source_file:
            summary.duplicates += 1
            writer.add("sources", [{"doc_id": did, "source_file": item.source_file, "duplicate_of": first}])
            continue
        seen.add(did)
        writer.add("sources", [{"doc_id": did, "source_file": item.source_file, "duplicate_of": ""}])
        tsig = st.template_sig(item.source_file, item.meta)
        src, prev_tsig = st.previous.get(did, (None, ""))
        if src is not None and prev_tsig == tsig:
            st.carried.setdefault(src, set()).add(did)
            writer.add(MANIFEST, [manifest.row(did, item.source_file, size, mtime, st.fp, tsig, "carried")])
            summary.documents += 1
            summary.skipped += 1
            summary.articles += 1
            if progress:
                progress(summary)
            continue
        st.meta.append((did, item.source_file, size, mtime, tsig))
        yield item


def _write_tables(results: Iterable, writer: TableWriter, st: _RunState, settings: Settings, summary: RunSummary,
                  progress, on_error) -> None:
    """The run's table-writing step: add every result's rows as it comes back (the workers go on
    meanwhile), then the rows carried over, then publish all tables into ``out`` in one step
    (``writer.commit``). Work that needs the finished tables goes right after this call."""
    for item in results:
        if "first_result_s" not in summary.phases:
            summary.phases["first_result_s"] = round(time.perf_counter() - st.t0, 3)
        _add_result(item, st.meta.popleft(), writer, st, summary, on_error)
        summary.seconds = time.perf_counter() - st.t0
        if progress:
            progress(summary)
    summary.phases["processed_s"] = round(time.perf_counter() - st.t0, 3)
    _carry_over(writer, st.carried, st.idx, summary)
    writer.commit(extra_files={export.RUN_INFO: _run_info(settings, summary)})


def _add_result(item, m, writer: TableWriter, st: _RunState, summary: RunSummary, on_error) -> None:
    """The rows of one processed document (or its error row)."""
    summary.documents += 1
    if isinstance(item, EgovError):
        summary.errors += 1
        summary.error_kinds[type(item).__name__] += 1
        writer.add("errors", [error_row(item.source_file, item.stage, item.message, item.code)])
        if on_error:
            on_error(item)
        return
    did, sf, size, mtime, tsig = m
    item.source_file = sf
    item.duplicates = [n for n in st.idx.names.get(did, []) if n != sf]
    summary.articles += 1
    summary.words += len(item.text.split())
    summary.model = item.model or summary.model
    rows = article_rows(item)
    rows[MANIFEST] = [manifest.row(did, sf, size, mtime, st.fp, tsig)]
    writer.add_all(rows)


def _carry_over(writer: TableWriter, carried: dict[Path, set[str]], idx: _Index, summary: RunSummary) -> None:
    """Register the rows of skipped documents, read back from where they were written."""
    def patch(rows: list[dict]) -> list[dict]:
        for r in rows:  # a carried document may be known under other names now
            did = r["doc_id"]
            r["source_file"] = idx.first.get(did, r["source_file"])
            r["duplicates"] = [n for n in idx.names.get(did, []) if n != r["source_file"]]
            summary.words += int(r.get("n_words") or 0)
            summary.model = summary.model or r.get("model") or ""
        return rows

    for src, ids in carried.items():
        for t in DOC_TABLES:
            writer.carry(t, lambda src=src, t=t, ids=ids: export.read_batches(
                src, t, ids, patch if t == "articles" else None))


def _run_info(settings: Settings, summary: RunSummary) -> str:
    """The run-info file's text (JSON): settings fingerprint and parts, counts, error kinds, phases."""
    import json

    info = {"fingerprint": manifest.fingerprint(settings), "settings": manifest.fingerprint_parts(settings),
            "documents": summary.documents, "articles": summary.articles, "skipped": summary.skipped,
            "errors": summary.errors, "error_kinds": dict(summary.error_kinds),
            "duplicates": summary.duplicates, "phases": summary.phases}
    return json.dumps(info, default=str)


def _interrupt_message(writer: TableWriter, out: Path, out_existed: bool, summary: RunSummary) -> str:
    """After Ctrl-C: keep the finished parts for a resume (unless the tables were already published) and
    give the message saying what ``out`` holds and where the kept work is."""
    if writer.publish_method:  # the signal came after the new tables were swapped in
        return f"interrupted after the tables were complete: {out} holds this run's output."
    kept = 0
    try:
        writer.checkpoint()  # the documents finished so far, as one more part
    except BaseException:
        pass
    try:
        writer.abort(keep_parts=True)
        kept = sum(1 for _ in writer.parts)
    except BaseException:
        pass
    before = "still holds the previous output" if out_existed else "was not created"
    done = summary.articles - summary.skipped
    msg = f"interrupted: nothing was written to {out} (it {before})."
    if kept and done:
        summary.staging = str(writer.staging)
        msg += (f" The {done} document(s) processed so far are kept in {writer.staging}; run the same command "
                f"again to resume from them (--force starts over).")
    return msg
