"""Dask engine: the same run as the local one, with the documents processed on a Dask cluster.

``runner.run`` drives every run, whatever the engine: it locks the output,
reads the inputs, learns the corpus templates, finds duplicates, skips
documents the manifest already holds (resume, incremental runs), writes the
tables with one ``TableWriter`` and swaps them into place. With
``settings.engine == "dask"`` its document stream (``runner._process_stream``)
hands over to ``dask_stream`` here (the engine contract of pipeline/engines), and only the per-document cascade
(``runner.process_document``: clean -> language -> nlp -> extract) runs on
the workers, in tasks of a few dozen documents:

- documents are shipped with the task (the workers need not see the client's
  files), the templates are scattered to every worker once;
- every worker loads the spaCy pipeline once (a ``WorkerPlugin`` warms the
  per-process ``load_nlp`` cache when the worker starts);
- at most ``2 x threads + 2`` tasks run at a time and finished results wait
  in a bounded reorder buffer, so memory stays flat however large the corpus;
- results come back in input order, so the tables equal, row for row, those
  of a local run over the same inputs.

This module holds the worker side (the task ``process_batch``, its time
limit, the warm-up plugin) and the cluster connection; the client-side
bookkeeping (slicing the stream into tasks, the window, the reorder buffer,
isolating failed tasks) is in engines/dask_tasks.py.

With no scheduler address a ``LocalCluster`` is started on loopback:
``settings.workers`` processes with one thread each, no dashboard. With an
address (``--scheduler tcp://host:8786``) the workers must have the same
``egovnews`` version installed. Dask starts local workers by importing the
main script: call the pipeline under ``if __name__ == "__main__":``.
"""
from __future__ import annotations

import ctypes
import itertools
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import nlp as nlp_stage
from ..errors import DocumentTimeout, EgovError, StageFailed, UsageError
from ..model import Document
from ..runner import RunSummary, process_document
from ..settings import Settings
from . import HARD_GRACE
from .dask_tasks import TASK_DOCS, TaskWindow, partition, task_sizes

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the module stays importable without the 'dask' extra
    WorkerPlugin = object

# A document whose task failed (its worker died) is given up after failing alone this many times: the
# second attempt spares a document that merely waited on the same worker as the culprit.
ISOLATED_ATTEMPTS = 2

log = logging.getLogger(__name__)


# --- worker side --------------------------------------------------------------

class _Timeout(BaseException):
    """Raised asynchronously in a worker thread whose document ran too long."""


class _Watchdog:
    """One daemon thread per worker process that stops documents running too long.

    Dask runs tasks in worker threads, where the SIGALRM timer of the local
    runner cannot be used; an asynchronous exception set on the thread does
    the same job (it fires between Python bytecodes, like a signal handler,
    and again every second in case stage code swallows it). A document stuck
    outside Python (a C call, a catastrophic regular expression) holds the
    GIL, so no thread of the process runs any more: past the hard limit
    (``engines.HARD_GRACE``, as in the local pool) a process timer
    (``setitimer``; SIGALRM's default action needs no Python) ends the worker
    process, its nanny starts a fresh one and the client isolates the
    document (``_ordered``). Where that timer is not available, the watchdog
    thread ends the process (which helps when the stuck call released the GIL).
    A document registers its deadlines in a slot without waking the thread
    (no timer thread per document); the watchdog polls the slots.
    """

    poll = 1.0

    def __init__(self):
        self.lock = threading.Lock()
        self.jobs: dict[int, list[float]] = {}   # thread id -> [next firing, hard limit] (monotonic seconds)
        self.thread: threading.Thread | None = None

    def _loop(self):
        while True:
            time.sleep(self.poll)
            now = time.monotonic()
            with self.lock:
                for tid, slot in list(self.jobs.items()):
                    if now >= slot[1]:
                        log.error("a document is stuck beyond the hard time limit: restarting this worker")
                        os._exit(70)  # the nanny starts a new worker; the client sees the task fail
                    if now >= slot[0]:
                        slot[0] = now + 1.0
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_Timeout))

    def call(self, fn, seconds: float):
        # poll often enough for short limits, rarely enough to cost nothing: a limit is kept within 25 %
        # (at most 1 s late for the default 60 s)
        poll = min(1.0, max(0.01, seconds / 4))
        tid = threading.get_ident()
        with self.lock:
            self.poll = min(self.poll, poll)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="egovnews-watchdog", daemon=True)
                self.thread.start()
            now = time.monotonic()
            self.jobs[tid] = [now + seconds, now + seconds + max(HARD_GRACE, seconds)]
            self._arm(now)
        try:
            return fn()
        finally:
            with self.lock:
                self.jobs.pop(tid, None)
                self._arm(time.monotonic())

    @staticmethod
    def _can_kill() -> bool:
        return hasattr(signal, "setitimer") and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)

    def _arm(self, now: float) -> None:
        """Point the process timer at the earliest hard limit (off when no document runs)."""
        if not self._can_kill():
            return
        hard = min((slot[1] for slot in self.jobs.values()), default=None)
        signal.setitimer(signal.ITIMER_REAL, 0 if hard is None else max(0.001, hard - now))


_WATCHDOG = _Watchdog()


def _call_with_timeout(fn, seconds: float):
    """Run ``fn()`` in this thread; raise ``_Timeout`` in it after about ``seconds``."""
    if not seconds or seconds <= 0:
        return fn()
    return _WATCHDOG.call(fn, seconds)


def _process_one(doc: Document, settings: Settings, inner: Settings, templates, nlp):
    """One document through ``process_document`` (with ``inner`` settings) under the watchdog's limit of
    ``settings.doc_timeout``; gives its ``Article`` or ``EgovError`` (a time-out as ``DocumentTimeout``)."""
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
    inner = settings.with_(doc_timeout=0)  # no SIGALRM in a worker thread: timed by the watchdog instead
    out = []
    for d in docs:
        try:
            out.append(_process_one(d, settings, inner, templates, nlp))
        except _Timeout:  # the timer fired just as the document finished
            out.append(DocumentTimeout(f"processing took longer than {settings.doc_timeout:g} s",
                                       source_file=d.source_file))
    return out


WARM_TEXT = "Die Stadt Ulm stellt am 3. Mai 2024 ein neues Bürgerportal vor, sagte Bürgermeisterin Anna Berg."


def warm_worker(settings: Settings):
    """Load the pipeline and everything its stages load lazily (run one invented sentence through)."""
    nlp = nlp_stage.load_nlp(settings.model)[0]
    try:
        process_document(Document("<warm-up>", WARM_TEXT), settings.with_(doc_timeout=0), None, nlp)
    except Exception as e:  # the real documents will report it
        log.debug("warm-up failed: %s", e)
    return nlp


class WarmNLP(WorkerPlugin):
    """Load the pipeline once when a worker starts (or joins later), before it gets documents."""

    name = "egovnews-nlp"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker):
        warm_worker(self.settings)


# --- client side --------------------------------------------------------------

def _connect(settings: Settings):
    """Gives (client, cluster): a client of ``settings.scheduler``, or of a new loopback ``LocalCluster``
    (then also returned, to be closed); ``UsageError`` when neither works."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise UsageError("the Dask engine needs: pip install 'egovnews[dask]'") from e
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as e:
            raise UsageError(f"cannot reach the Dask scheduler at {settings.scheduler}: {e}") from e
    try:
        # dashboard off; the scheduler's small HTTP server (health checks) on a free loopback port; no log
        # lines from the cluster on the console (task failures come back as errors rows; a Ctrl-C makes
        # the workers log connection tracebacks while they shut down)
        cluster = LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL,
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0",
                                                 # a task whose worker died fails at once: the client
                                                 # isolates its documents (see _ordered)
                                                 "allowed_failures": 0})
    except RuntimeError as e:
        raise UsageError(f"cannot start a local Dask cluster ({e}); in a script, call the pipeline under "
                         f"`if __name__ == '__main__':` (Dask starts its workers by importing the script)") from e
    return Client(cluster), cluster


def dask_stream(docs: Iterable, settings: Settings, templates=None) -> Iterator:
    """Yield ``Article`` or ``EgovError`` for each item of ``docs``, in input order (``_process_stream``'s contract).

    The cluster is started (or connected to) only when the first document
    arrives: an incremental run with nothing new costs no cluster.
    """
    from distributed import as_completed

    docs = iter(docs)
    for item in docs:
        if isinstance(item, EgovError):
            yield item
            continue
        break
    else:
        return
    client, cluster = _connect(settings)
    try:
        try:
            client.register_plugin(WarmNLP(settings))
        except Exception as e:  # older distributed or plugin refused: workers load lazily instead
            log.debug("worker plugin not registered: %s", e)
        threads = max(1, sum(client.nthreads().values()))
        yield from _ordered(client, as_completed, itertools.chain([item], docs), settings, templates, threads)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _task_failed(doc: Document, e: BaseException, settings: Settings) -> EgovError:
    """The error row of ``doc`` given up after its task failed with ``e`` (a dead worker, or another failure)."""
    if type(e).__name__ == "KilledWorker":
        return StageFailed(f"the worker process ended while processing this document (a crash in native code, "
                           f"out of memory, or stuck beyond the hard time limit of "
                           f"{settings.doc_timeout + max(HARD_GRACE, settings.doc_timeout):g} s); the batch went on "
                           f"without it", source_file=doc.source_file, stage="process")
    return StageFailed(f"dask task failed: {type(e).__name__}: {e}", source_file=doc.source_file, stage="process")


def _ordered(client, as_completed, docs, settings, templates, threads) -> Iterator:
    """Submit slices of ``docs`` as tasks, a bounded window at a time; yield the results in input order.

    Takes the client, Dask's ``as_completed``, the stream of documents and
    ingest errors, the run's settings and templates and the cluster's number
    of threads; gives one ``Article`` or ``EgovError`` per item (``TaskWindow``
    in engines/dask_tasks.py does the bookkeeping). A task that fails as a
    whole (its worker died: a crash, the out-of-memory killer, the watchdog's
    hard limit) is run again one document per task, so only the document that
    caused it ends up as an error row: a document is given up after failing
    alone ``ISOLATED_ATTEMPTS`` times. Isolated documents run one at a time,
    so none of them can fail for waiting on the same worker as another one
    that brings it down.
    """
    tmpl = client.scatter(templates, broadcast=True) if templates is not None else None
    slices = partition(docs, task_sizes(threads, min(TASK_DOCS, settings.batch_size)))
    window = TaskWindow(client, as_completed(), process_batch, (settings, tmpl), threads, ISOLATED_ATTEMPTS,
                        lambda doc, e: _task_failed(doc, e, settings))
    yield from window.results(slices)


def run_dask(inputs: Iterable[str | Path], out: str | Path, settings: Settings,
             progress: Callable[[RunSummary], None] | None = None,
             on_error: Callable[[EgovError], None] | None = None) -> RunSummary:
    """Process every input on a Dask cluster and write the tables into ``out`` (``runner.run`` with engine dask)."""
    from ..runner import run

    return run(inputs, out, settings.with_(engine="dask"), progress=progress, on_error=on_error)
