"""Dask engine: the same run as ``runner.run``, with the documents processed on a Dask cluster.

The client (this process) does what the local runner does around the
per-document cascade: it reads the inputs (``ingest.iter_documents``), learns
the corpus templates first (``build_templates``), drops duplicate documents,
and writes every table with one ``TableWriter``. Only the cascade itself
(``runner.process_document``: clean -> nlp -> extract) runs on the workers,
in tasks of a few dozen documents:

- documents are shipped with the task (the workers need not see the client's
  files), the templates are scattered to every worker once;
- every worker loads the spaCy pipeline once (a ``WorkerPlugin`` warms the
  per-process ``load_nlp`` cache when the worker starts);
- at most ``2 x threads + 2`` tasks run at a time and finished results wait
  in a bounded reorder buffer, so memory stays flat however large the corpus;
- results are written in input order, so the tables equal, row for row, those
  of a local run over the same inputs.

With no scheduler address a ``LocalCluster`` is started on loopback:
``settings.workers`` processes with one thread each, no dashboard. With an
address (``--scheduler tcp://host:8786``) the workers must have the same
``egovnews`` version installed.
"""
from __future__ import annotations

import ctypes
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import ingest
from .. import nlp as nlp_stage
from ..clean.templates import build_templates
from ..errors import DocumentTimeout, EgovError, StageFailed, UsageError
from ..export import TableWriter
from ..model import Document
from ..runner import RunSummary, process_document
from ..settings import Settings
from ..tables import article_rows, error_row

# Documents per task. A document takes ~10-100 ms in the cascade, a Dask task
# costs ~1 ms of scheduling plus pickling, so 32 documents keep the overhead
# under 1 % while a task still finishes within seconds (calibrated on the
# samples in data/raw and ../shared/corpus/dev; see benchmarks/throughput.py).
TASK_DOCS = 32
# ... and at most this many bytes of input text per task, so a run of huge
# documents does not make multi-megabyte tasks.
TASK_BYTES = 2_000_000
# Small corpora: cut tasks smaller so every worker thread gets about this many
# tasks and none sits idle.
TASKS_PER_THREAD = 2

log = logging.getLogger(__name__)


# --- worker side --------------------------------------------------------------

class _Timeout(BaseException):
    """Raised asynchronously in a worker thread whose document ran too long."""


class _Watchdog:
    """One daemon thread per worker process that interrupts documents running too long.

    Dask runs tasks in worker threads, where the SIGALRM timer of the local
    runner cannot be used; an asynchronous exception set on the thread does
    the same job (it fires between Python bytecodes, like a signal handler).
    A job is registered by writing a slot, without waking the thread: a
    thread started or woken per document costs ~15 ms of GIL hand-over
    (measured: 100 documents 1.7 s instead of 0.2 s), the watchdog polls.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.jobs: dict[int, tuple[int, float]] = {}   # thread id -> (token, deadline)
        self.token = 0
        self.thread: threading.Thread | None = None

    def _loop(self):
        while True:
            time.sleep(self.poll)
            now = time.monotonic()
            with self.lock:
                for tid, (tok, deadline) in list(self.jobs.items()):
                    if now >= deadline:
                        del self.jobs[tid]
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_Timeout))

    def call(self, fn, seconds: float):
        # poll often enough for short timeouts, rarely enough to cost nothing (<1 % at 1 s)
        poll = min(1.0, max(0.01, seconds / 4))
        with self.lock:
            if self.thread is None or not self.thread.is_alive() or poll < self.poll:
                self.poll = poll
                if self.thread is None or not self.thread.is_alive():
                    self.thread = threading.Thread(target=self._loop, name="egovnews-watchdog", daemon=True)
                    self.thread.start()
            self.token += 1
            tid = threading.get_ident()
            self.jobs[tid] = (self.token, time.monotonic() + seconds)
        try:
            return fn()
        finally:
            with self.lock:
                self.jobs.pop(tid, None)

    poll = 1.0


_WATCHDOG = _Watchdog()


def _call_with_timeout(fn, seconds: float):
    """Run ``fn()`` in this thread; raise ``_Timeout`` in it after about ``seconds``."""
    if not seconds or seconds <= 0:
        return fn()
    return _WATCHDOG.call(fn, seconds)


def _process_one(doc: Document, settings: Settings, templates, nlp):
    inner = settings.with_(doc_timeout=0)  # no SIGALRM outside the main thread; timed here instead
    try:
        return _call_with_timeout(lambda: process_document(doc, inner, templates, nlp), settings.doc_timeout)
    except _Timeout:
        return DocumentTimeout(f"processing took longer than {settings.doc_timeout:g} s "
                               f"(raise --timeout to allow more)", source_file=doc.source_file)
    except EgovError as e:
        return e


def process_batch(docs: list[Document], settings: Settings, templates=None) -> list:
    """The task: one ``Article`` or ``EgovError`` per document, in order."""
    nlp = nlp_stage.load_nlp(settings.model)[0]  # lru_cached: loaded once per worker process
    out = []
    for d in docs:
        try:
            out.append(_process_one(d, settings, templates, nlp))
        except _Timeout:  # the timer fired just as the document finished
            out.append(DocumentTimeout(f"processing took longer than {settings.doc_timeout:g} s",
                                       source_file=d.source_file))
    return out


def _warm_plugin(model: str | None):
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmNLP(WorkerPlugin):
        """Load the spaCy pipeline once when a worker starts (or joins later)."""

        name = "egovnews-nlp"

        def __init__(self, model):
            self.model = model

        def setup(self, worker):
            nlp_stage.load_nlp(self.model)

    return WarmNLP(model)


# --- client side --------------------------------------------------------------

def partition(items: Iterable, task_docs: int = TASK_DOCS, task_bytes: int = TASK_BYTES) -> Iterator[list]:
    """Group the ingest stream into slices of at most ``task_docs`` documents / ``task_bytes`` bytes.

    Ingest errors travel in the slice where they occurred, so the output keeps
    the input order; a slice of errors only is never sent to the cluster.
    """
    batch: list = []
    n = size = 0
    for it in items:
        batch.append(it)
        if isinstance(it, Document):
            n += 1
            size += len(it.text)
            if n >= task_docs or size >= task_bytes:
                yield batch
                batch, n, size = [], 0, 0
    if batch:
        yield batch


def plan_task_docs(n_docs: int | None, threads: int, cap: int = TASK_DOCS) -> int:
    """Documents per task: ``cap``, smaller when the corpus would leave threads idle."""
    if not n_docs:
        return cap
    return max(1, min(cap, -(-n_docs // max(1, threads * TASKS_PER_THREAD))))


def _connect(settings: Settings):
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise UsageError("the dask engine needs dask.distributed: pip install 'egovnews[dask]'") from e
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as e:
            raise UsageError(f"cannot reach the Dask scheduler at {settings.scheduler}: {e}") from e
    try:
        # dashboard off; the scheduler's small HTTP server (health checks) on a free loopback port
        cluster = LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    except RuntimeError as e:
        raise UsageError(f"cannot start a local Dask cluster ({e}); in a script, call the pipeline under "
                         f"`if __name__ == '__main__':` (Dask starts its workers by importing the script)") from e
    return Client(cluster), cluster


def _stream(client, docs: Iterable, settings: Settings, templates, task_docs: int) -> Iterator:
    """Yield ``Article`` or ``EgovError`` for each item of ``docs``, in input order."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    window = 2 * threads + 2          # tasks running at once: keeps every thread fed
    buffered_max = 4 * window         # finished tasks waiting for an earlier one: bounds memory
    tmpl = client.scatter(templates, broadcast=True) if templates is not None else None
    run_id = uuid.uuid4().hex[:8]
    slices = iter(enumerate(partition(docs, task_docs)))
    meta: dict = {}                   # future -> slice index
    slots: dict[int, list] = {}       # slice index -> items (Documents or errors)
    done: dict[int, list] = {}        # slice index -> results, when finished
    nxt = 0
    running = 0
    exhausted = False
    ac = as_completed()

    def submit_more():
        nonlocal running, exhausted
        while not exhausted and running < window and len(done) < buffered_max:
            try:
                i, items = next(slices)
            except StopIteration:
                exhausted = True
                return
            slots[i] = items
            todo = [d for d in items if isinstance(d, Document)]
            if not todo:
                done[i] = []
                continue
            fut = client.submit(process_batch, todo, settings, tmpl, key=f"egovnews-{run_id}-{i}", pure=False,
                                retries=1)
            meta[fut] = i
            running += 1
            ac.add(fut)

    def merge(i: int) -> list:
        results = iter(done.pop(i))
        return [it if isinstance(it, EgovError) else next(results) for it in slots.pop(i)]

    try:
        submit_more()
        while True:
            while nxt in done:
                yield from merge(nxt)
                nxt += 1
            submit_more()
            if exhausted and not meta and not done:
                return
            if not meta:
                continue
            fut = next(ac)
            i = meta.pop(fut)
            running -= 1
            try:
                res = fut.result()
            except Exception as e:  # a worker died or the task failed: record, keep going
                docs_i = [d for d in slots[i] if isinstance(d, Document)]
                res = [StageFailed(f"dask task failed: {type(e).__name__}: {e}", source_file=d.source_file,
                                   stage="process") for d in docs_i]
            done[i] = res
            fut.release()
    finally:
        for f in list(meta):
            f.cancel()


def run_dask(inputs: Iterable[str | Path], out: str | Path, settings: Settings,
             progress: Callable[[RunSummary], None] | None = None,
             on_error: Callable[[EgovError], None] | None = None) -> RunSummary:
    """Process every input on a Dask cluster and write the tables into ``out``."""
    t0 = time.perf_counter()
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    summary = RunSummary(out=str(out))
    client, cluster = _connect(settings)
    try:
        try:
            client.register_plugin(_warm_plugin(settings.model))
        except Exception as e:  # older distributed or plugin refused: workers load lazily instead
            log.debug("worker plugin not registered: %s", e)
        n_docs = None
        templates = None
        if settings.corpus_templates:
            counted = [0]

            def counting():
                for d in ingest.iter_documents(inputs, settings):
                    if not isinstance(d, EgovError):
                        counted[0] += 1
                        yield d

            templates = build_templates(counting())
            n_docs = counted[0] or None
        task_docs = plan_task_docs(n_docs, sum(client.nthreads().values()), min(TASK_DOCS, settings.batch_size))
        writer = TableWriter(out, settings.formats)
        seen: dict[str, str] = {}

        def docs():
            for d in ingest.iter_documents(inputs, settings):
                if isinstance(d, EgovError):
                    yield d
                    continue
                did = d.doc_id
                if did in seen:
                    summary.duplicates += 1
                    writer.add("sources", [{"doc_id": did, "source_file": d.source_file, "duplicate_of": seen[did]}])
                    continue
                seen[did] = d.source_file
                writer.add("sources", [{"doc_id": did, "source_file": d.source_file, "duplicate_of": ""}])
                yield d

        try:
            for item in _stream(client, docs(), settings, templates, task_docs):
                summary.documents += 1
                if isinstance(item, EgovError):
                    summary.errors += 1
                    summary.error_kinds[type(item).__name__] += 1
                    writer.add("errors", [error_row(item.source_file, item.stage, item.message, item.code)])
                    if on_error:
                        on_error(item)
                else:
                    summary.articles += 1
                    summary.words += len(item.text.split())
                    summary.model = item.model
                    writer.add_all(article_rows(item))
                summary.seconds = time.perf_counter() - t0
                if progress:
                    progress(summary)
        except BaseException:
            writer.abort()
            summary.interrupted = True
            raise
        writer.commit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - t0
    return summary
