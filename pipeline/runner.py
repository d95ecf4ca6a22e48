"""Batch runner: inputs -> stages -> tables, in one or more processes.

``process_document`` runs the per-document cascade (clean -> language ->
nlp -> extract) under a time limit; ``run`` drives a whole batch:

1. lock the output folder, repair a swap that was cut short, read the
   manifests of the previous output and of interrupted runs (resume);
2. a first pass over the inputs learns the corpus templates and finds
   duplicate documents (same content hash under several names);
3. the second pass streams each new document to worker processes (a bounded
   window, so memory stays flat), skips documents already processed with the
   same settings, writes rows as they come back and records every failure in
   ``errors``;
4. the tables (new rows + rows carried over for skipped documents) are
   assembled in a staging folder and swapped into ``out`` in one step.

Ctrl-C (or SIGTERM) stops the run: ``out`` is left as it was, the finished
parts stay in the staging folder and a re-run resumes from them.
"""
from __future__ import annotations

import shutil
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import export, extract, ingest, language, manifest
from . import nlp as nlp_stage
from .clean import clean
from .clean.templates import build_templates
from .errors import DocumentTimeout, EgovError, InputTooLarge, StageFailed
from .export import MANIFEST, TableWriter
from .model import Article, Document
from .settings import DEFAULT, Settings
from .tables import TABLES, article_rows, error_row

# Tables keyed by doc_id whose rows are carried over for skipped documents;
# errors and sources are rebuilt by every run from the inputs.
DOC_TABLES = [t for t in TABLES if t not in ("errors", "sources")]


@dataclass
class RunSummary:
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
    staging: str = ""            # where the finished parts of an interrupted run are kept

    def line(self) -> str:
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


class _Alarm(BaseException):
    """The time limit: a BaseException, so stage code's ``except Exception`` cannot swallow it."""


def _on_alarm(signum, frame):
    raise _Alarm()


def _can_use_alarm(settings: Settings) -> bool:
    return bool(settings.doc_timeout and settings.doc_timeout > 0 and hasattr(signal, "SIGALRM")
                and threading.current_thread() is threading.main_thread())


def process_document(doc: Document, settings: Settings = DEFAULT, templates=None, nlp=None) -> Article:
    """Run clean -> language -> nlp -> extract on one document. Raises ``EgovError``.

    The time limit (``settings.doc_timeout``) is a SIGALRM timer, so it works
    in the main thread of any process (the single-process path and every
    worker process); elsewhere (a thread) the caller must time the call.
    """
    stage = "clean"
    use_alarm = _can_use_alarm(settings)
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        # fires at the limit, then every second until cleared, in case a bare ``except:`` ate the first one
        signal.setitimer(signal.ITIMER_REAL, settings.doc_timeout, 1.0)
    try:
        article = clean(doc, settings, templates)
        article.doc_id = doc.doc_id             # the join key is the content hash of the input
        for note in doc.notes:                  # decoding/truncation notes belong to the article
            if note not in article.notes:
                article.notes.append(note)
        if not article.encoding:
            article.encoding = doc.encoding
        stage = "language"
        if not article.language:
            article.language = language.detect(article.text)
        stage = "nlp"
        if nlp is None:
            nlp, name = nlp_stage.load_nlp(settings.model)
        else:
            name = getattr(nlp, "_egov_name", "")
        article.model = name or getattr(nlp, "_egov_name", "")
        _fit_nlp_limit(article, nlp, settings)
        nlp_stage.annotate(article, nlp)
        stage = "extract"
        extract.extract_all(article)
        article.doc = None
        return article
    except _Alarm:
        raise DocumentTimeout(f"processing took longer than {settings.doc_timeout:g} s in the {stage} stage "
                              f"(raise --timeout to allow more)", source_file=doc.source_file, stage=stage) from None
    except EgovError as e:
        e.source_file = e.source_file or doc.source_file
        raise
    except Exception as e:  # a bug or an input we did not foresee: keep the batch going
        raise StageFailed(f"unexpected {type(e).__name__} in the {stage} stage: {e}",
                          source_file=doc.source_file, stage=stage) from e
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _fit_nlp_limit(article: Article, nlp, settings: Settings) -> None:
    """Keep the text within the spaCy pipeline's ``max_length`` (characters): cut it at a paragraph
    boundary with a note, or refuse it when large documents are to be rejected."""
    limit = getattr(nlp, "max_length", 0) or 0
    if not limit or len(article.text) <= limit:
        return
    if not settings.truncate_large:
        raise InputTooLarge(f"the article text has {len(article.text):,} characters, more than the NLP "
                            f"pipeline's limit of {limit:,}", stage="nlp")
    n = len(article.text)
    article.text = ingest.cut_at_boundary(article.text, limit)
    article.notes.append(f"truncated: the article text has {n:,} characters; kept the first "
                         f"{len(article.text):,} up to a paragraph boundary (the NLP pipeline's limit is {limit:,})")


# --- worker processes -------------------------------------------------------
_W: dict = {}


def _init_worker(settings: Settings, templates) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _W["settings"], _W["templates"] = settings, templates
    _W["nlp"] = _warm(nlp_stage.load_nlp(settings.model)[0])


def _warm(nlp):
    """Run the pipeline once, so lazy loading (lookup tables) is not charged to the first document's time limit."""
    try:
        nlp("Die Stadt Ulm stellt ein neues Bürgerportal vor.")
    except Exception:
        pass
    return nlp


def _work(doc: Document):
    """The per-document task (module level, so it pickles)."""
    try:
        return process_document(doc, _W["settings"], _W["templates"], _W["nlp"])
    except EgovError as e:
        return e


def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """Stop the workers now: they may be deep in a long document.

    SIGKILL, not SIGTERM: a worker forked a moment ago may not have run
    ``_init_worker`` yet and still carry the parent's SIGTERM handler, which
    raises KeyboardInterrupt and prints a traceback from the process bootstrap
    (seen once on a loaded machine with 2 workers and Ctrl-C). Workers hold no
    state worth cleaning up: every result goes back to the parent."""
    for p in list((getattr(ex, "_processes", None) or {}).values()):
        try:
            p.kill()
        except Exception:
            pass
    ex.shutdown(wait=False, cancel_futures=True)


# SIGALRM ends a document after ``doc_timeout`` seconds, but only between
# Python bytecodes: a worker stuck inside C code (a parser, a regex engine
# without signal checks) cannot be stopped that way. The parent kills the
# worker (and restarts the pool) when a document has been running for
# ``doc_timeout`` plus this grace (at least the timeout itself again: the
# "running" clock of a future also includes its wait in the call queue).
HARD_GRACE = 30.0
POLL_SECONDS = 0.5


class _Pool:
    """A process pool that can be restarted when a worker dies or hangs."""

    def __init__(self, settings: Settings, templates):
        self.settings, self.templates = settings, templates
        self.ex = self._new()
        self.restarts = 0

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.settings.workers, initializer=_init_worker,
                                   initargs=(self.settings, self.templates))

    def submit(self, doc: Document):
        return self.ex.submit(_work, doc)

    def restart(self) -> None:
        _stop_pool(self.ex)
        self.ex.shutdown(wait=True, cancel_futures=True)
        self.ex = self._new()
        self.restarts += 1

    def hard_limit(self) -> float | None:
        t = self.settings.doc_timeout
        return t + max(HARD_GRACE, t) if t and t > 0 else None


def _wait(fut, hard: float | None) -> bool:
    """Wait for ``fut``; False when it has been running longer than ``hard`` seconds."""
    started = None
    while True:
        done, _ = wait([fut], timeout=POLL_SECONDS)
        if done:
            return True
        if hard is not None and fut.running():
            started = started or time.monotonic()
            if time.monotonic() - started > hard:
                return False


def _broken(fut) -> bool:
    return fut.done() and not fut.cancelled() and isinstance(fut.exception(), BrokenProcessPool)


def _resubmit(pool: _Pool, pending: deque) -> None:
    """After a restart, send again every document whose result was lost with the old pool."""
    for entry in pending:
        doc, fut = entry
        if fut is not None and (not fut.done() or fut.cancelled() or _broken(fut)):
            entry[1] = pool.submit(doc)


def _next_result(pool: _Pool, pending: deque):
    """The result of the oldest document in flight; survives dead and hung workers."""
    doc, fut = pending[0]
    if fut is None:  # an ingest error travelling in order
        pending.popleft()
        return doc
    hard = pool.hard_limit()
    if not _wait(fut, hard):
        pending.popleft()
        pool.restart()
        _resubmit(pool, pending)
        return DocumentTimeout(f"processing did not stop within {hard:g} s (stuck outside Python, where the "
                               f"--timeout of {pool.settings.doc_timeout:g} s cannot interrupt it); its worker "
                               f"process was restarted", source_file=doc.source_file, stage="process")
    if not _broken(fut):
        pending.popleft()
        return _result(fut, doc)
    # A worker died (a crash in native code, the out-of-memory killer). Find out whether this
    # document did it by running it alone in a fresh pool; the others are sent again afterwards.
    pool.restart()
    alone = pool.submit(doc)
    ok = _wait(alone, hard)
    pending.popleft()
    if not ok or _broken(alone):
        pool.restart()
        _resubmit(pool, pending)
        if not ok:
            return DocumentTimeout(f"processing did not stop within {hard:g} s; its worker process was restarted",
                                   source_file=doc.source_file, stage="process")
        return StageFailed("the worker process died while processing this document (a crash in native code "
                           "or out of memory); the batch went on without it", source_file=doc.source_file,
                           stage="process")
    _resubmit(pool, pending)
    return _result(alone, doc)


def _process_stream(docs: Iterable[Document | EgovError], settings: Settings, templates) -> Iterator:
    """Yield Article or EgovError for each item, in input order."""
    if settings.engine == "dask":  # the same stream from a Dask cluster (pipeline/engines/dask.py)
        from .engines.dask import dask_stream
        yield from dask_stream(docs, settings, templates)
        return
    if settings.workers <= 1:
        nlp = _warm(nlp_stage.load_nlp(settings.model)[0])
        for d in docs:
            if isinstance(d, EgovError):
                yield d
                continue
            try:
                yield process_document(d, settings, templates, nlp)
            except EgovError as e:
                yield e
        return
    window = settings.workers * 8  # documents in flight: keeps workers busy, memory bounded

    def preloaded(items):
        # Load and warm the whole cascade before the first submit forks the workers: they inherit it
        # copy-on-write instead of each loading it again (40 documents, 2 workers: 16 s -> 10-12 s; less
        # memory). Not at all when no document needs processing (an incremental run with nothing new).
        warm = True
        for d in items:
            if warm and not isinstance(d, EgovError):
                warm = False
                try:
                    process_document(Document("<warm-up>", "Die Stadt Ulm stellt ein neues Bürgerportal vor."),
                                     settings.with_(doc_timeout=0), None, _warm(nlp_stage.load_nlp(settings.model)[0]))
                except Exception:
                    pass  # the documents will report it
            yield d

    pool: _Pool | None = None
    pending: deque = deque()  # [document or ingest error, future or None], in input order
    try:
        for d in preloaded(docs):
            if isinstance(d, EgovError):
                pending.append([d, None])
            else:
                if pool is None:
                    pool = _Pool(settings, templates)  # after the warm-up: workers fork a warm parent
                pending.append([d, pool.submit(d)])
            while len(pending) >= window:
                yield _next_result(pool, pending)
        while pending:
            yield _next_result(pool, pending)
    except BaseException:
        if pool is not None:
            _stop_pool(pool.ex)
        raise
    finally:
        if pool is not None:
            pool.ex.shutdown(wait=True, cancel_futures=True)


def _result(item, doc: Document | None = None):
    if isinstance(item, EgovError):
        return item
    try:
        return item.result()
    except EgovError as e:
        return e
    except Exception as e:  # e.g. a result that could not be pickled back
        return StageFailed(f"worker failed: {type(e).__name__}: {e}", stage="process",
                           source_file=doc.source_file if doc is not None else "")


# --- the batch ----------------------------------------------------------------

@dataclass
class _Index:
    """What the first pass learns about the inputs."""

    first: dict[str, str] = field(default_factory=dict)        # doc_id -> first source_file
    names: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> all names, only for duplicates
    templates: object = None


def _scan(inputs: list[Path], settings: Settings, exclude: list[Path]) -> _Index:
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
    inputs = [Path(p) for p in inputs]
    out = Path(out).absolute()
    with export.out_lock(out), _SigtermAsInterrupt():
        return _run_locked(inputs, out, settings, progress, on_error)


def _run_locked(inputs: list[Path], out: Path, settings: Settings, progress, on_error) -> RunSummary:
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
    carried: dict[Path, set[str]] = {}
    meta: deque = deque()  # (doc_id, source_file, size, mtime, templates) of the items in flight, in order
    template_sig = manifest.TemplateSignature(idx.templates)

    def docs():
        seen: set[str] = set()
        for item, (size, mtime) in ingest.iter_documents(inputs, settings, exclude=[out], with_stat=True):
            if isinstance(item, EgovError):
                meta.append(None)
                yield item
                continue
            did = item.doc_id
            first = idx.first.setdefault(did, item.source_file)
            if did in seen or first != item.source_file:
                summary.duplicates += 1
                writer.add("sources", [{"doc_id": did, "source_file": item.source_file, "duplicate_of": first}])
                continue
            seen.add(did)
            writer.add("sources", [{"doc_id": did, "source_file": item.source_file, "duplicate_of": ""}])
            tsig = template_sig(item.source_file, item.meta)
            src, prev_tsig = previous.get(did, (None, ""))
            if src is not None and prev_tsig == tsig:
                carried.setdefault(src, set()).add(did)
                writer.add(MANIFEST, [manifest.row(did, item.source_file, size, mtime, fp, tsig, "carried")])
                summary.documents += 1
                summary.skipped += 1
                summary.articles += 1
                if progress:
                    progress(summary)
                continue
            meta.append((did, item.source_file, size, mtime, tsig))
            yield item

    try:
        for item in _process_stream(docs(), settings, templates=idx.templates):
            m = meta.popleft()
            summary.documents += 1
            if isinstance(item, EgovError):
                summary.errors += 1
                summary.error_kinds[type(item).__name__] += 1
                writer.add("errors", [error_row(item.source_file, item.stage, item.message, item.code)])
                if on_error:
                    on_error(item)
            else:
                did, sf, size, mtime, tsig = m
                item.source_file = sf
                item.duplicates = [n for n in idx.names.get(did, []) if n != sf]
                summary.articles += 1
                summary.words += len(item.text.split())
                summary.model = item.model or summary.model
                rows = article_rows(item)
                rows[MANIFEST] = [manifest.row(did, sf, size, mtime, fp, tsig)]
                writer.add_all(rows)
            summary.seconds = time.perf_counter() - t0
            if progress:
                progress(summary)
        _carry_over(writer, carried, idx, summary)
        writer.commit(extra_files={export.RUN_INFO: _run_info(settings, summary)})
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
    import json

    info = {"fingerprint": manifest.fingerprint(settings), "settings": manifest.fingerprint_parts(settings),
            "documents": summary.documents, "articles": summary.articles, "skipped": summary.skipped,
            "errors": summary.errors, "error_kinds": dict(summary.error_kinds),
            "duplicates": summary.duplicates}
    return json.dumps(info, default=str)


def _interrupt_message(writer: TableWriter, out: Path, out_existed: bool, summary: RunSummary) -> str:
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
