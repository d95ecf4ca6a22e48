"""The local engine: the cascade in this process (one worker) or in a local process pool.

``stream`` implements the engine contract of pipeline/engines (one result
per input item, in input order). Documents go to the workers in batches
(``runner.process_batch``: clean and extract per document, the spaCy model
over the batch with ``nlp.pipe``); the first batches are small so that every
worker has work at once, later ones grow to ``settings.batch_size``. The
parent keeps a bounded window of batches in flight (memory stays flat) and
hands the results back in order while the workers go on, so the tables are
written while the workers run.

Failures cost only their document: a document that fails or times out in a
batch gets its own error row (``process_batch``); a batch whose worker dies
(a crash in native code, the out-of-memory killer) or that is stuck outside
Python beyond the hard limit is run again one document at a time in a fresh
pool, which finds the culprit.
"""
from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .. import nlp as nlp_stage
from .. import runner
from ..errors import DocumentTimeout, EgovError, StageFailed
from ..model import Document
from ..settings import Settings
from . import HARD_GRACE

POLL_SECONDS = 0.5
FIRST_BATCH = 2       # documents in each worker's first batch; doubled up to settings.batch_size
_W: dict = {}         # per worker process: settings, templates, nlp


def _init_worker(settings: Settings, templates) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    nlp_stage.pin_blas_threads()
    _W["settings"], _W["templates"] = settings, templates
    _W["nlp"] = runner.warm(nlp_stage.load_nlp(settings.model)[0])


def _work(docs: list[Document]) -> list:
    """The task: one Article or EgovError per document (module level, so it pickles)."""
    s, tmpl, nlp = _W["settings"], _W["templates"], _W["nlp"]
    if len(docs) == 1:
        try:
            return [runner.process_document(docs[0], s, tmpl, nlp)]
        except EgovError as e:
            return [e]
    return runner.process_batch(docs, s, tmpl, nlp)


def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """Stop the workers now: they may be deep in a long document.

    SIGKILL, not SIGTERM: a worker forked a moment ago may not have run
    ``_init_worker`` yet and still carry the parent's SIGTERM handler, which
    raises KeyboardInterrupt and prints a traceback from the process bootstrap.
    Workers hold no state worth cleaning up: every result goes back to the parent."""
    for p in list((getattr(ex, "_processes", None) or {}).values()):
        try:
            p.kill()
        except Exception:
            pass
    ex.shutdown(wait=False, cancel_futures=True)


class _Pool:
    """A process pool that can be restarted when a worker dies or hangs."""

    def __init__(self, settings: Settings, templates):
        self.settings, self.templates = settings, templates
        self.ex = self._new()
        self.restarts = 0

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.settings.workers, initializer=_init_worker,
                                   initargs=(self.settings, self.templates))

    def submit(self, docs: list[Document]):
        return self.ex.submit(_work, docs)

    def restart(self) -> None:
        _stop_pool(self.ex)
        self.ex.shutdown(wait=True, cancel_futures=True)
        self.ex = self._new()
        self.restarts += 1

    def hard_limit(self) -> float | None:
        """Seconds a task may run before its worker is taken for stuck outside Python (where SIGALRM
        cannot stop it). A batch gets the limit of one document: batches take about a second, and one
        that runs over is run again document by document, each with this limit."""
        t = self.settings.doc_timeout
        grace = getattr(runner, "HARD_GRACE", HARD_GRACE)  # the runner's setting (tests shorten it)
        return t + max(grace, t) if t and t > 0 else None


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
    """After a restart, send again every batch whose result was lost with the old pool."""
    for entry in pending:
        docs, fut = entry
        if fut is not None and (not fut.done() or fut.cancelled() or _broken(fut)):
            entry[1] = pool.submit(docs)


def _alone(pool: _Pool, doc: Document, pending: deque):
    """Run one document of a failed batch by itself; its result or its error."""
    hard = pool.hard_limit()
    fut = pool.submit([doc])
    ok = _wait(fut, hard)
    if ok and not _broken(fut):
        return _result(fut, [doc])[0]
    pool.restart()
    _resubmit(pool, pending)
    if not ok:
        return DocumentTimeout(f"processing did not stop within {hard:g} s (stuck outside Python, where the "
                               f"--timeout of {pool.settings.doc_timeout:g} s cannot interrupt it); its worker "
                               f"process was restarted", source_file=doc.source_file, stage="process")
    return StageFailed("the worker process died while processing this document (a crash in native code "
                       "or out of memory); the batch went on without it", source_file=doc.source_file,
                       stage="process")


def _next_results(pool: _Pool, pending: deque) -> list:
    """The results of the oldest batch in flight; survives dead and hung workers."""
    docs, fut = pending[0]
    if fut is None:  # an ingest error travelling in order
        pending.popleft()
        return docs
    ok = _wait(fut, pool.hard_limit())
    if ok and not _broken(fut):
        pending.popleft()
        return _result(fut, docs)
    # The worker died or is stuck: every document of the batch alone in a fresh pool finds the culprit;
    # the other batches in flight are sent again.
    pending.popleft()
    pool.restart()
    _resubmit(pool, pending)
    return [_alone(pool, d, pending) for d in docs]


def _result(fut, docs: list[Document]) -> list:
    try:
        return fut.result()
    except EgovError as e:
        return [e] * len(docs)
    except Exception as e:  # e.g. a result that could not be pickled back
        return [StageFailed(f"worker failed: {type(e).__name__}: {e}", stage="process", source_file=d.source_file)
                for d in docs]


def _batches(items: Iterable, workers: int, cap: int) -> Iterator[list]:
    """Group the stream into batches: documents together (``FIRST_BATCH`` per worker at first, doubling up
    to ``cap``), each ingest error as a one-item group of its own, all in input order."""
    size, given, batch = max(1, min(FIRST_BATCH, cap)), 0, []
    for it in items:
        if isinstance(it, EgovError):
            if batch:
                yield batch
                batch, given = [], given + 1
            yield [it]
            continue
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch, given = [], given + 1
            if given % max(1, workers) == 0:
                size = min(cap, size * 2)
    if batch:
        yield batch


def _serial(docs: Iterable, settings: Settings, templates) -> Iterator:
    nlp_stage.pin_blas_threads()
    nlp = runner.warm(nlp_stage.load_nlp(settings.model)[0])
    for group in _batches(docs, 1, max(1, settings.batch_size)):
        if isinstance(group[0], EgovError):
            yield group[0]
        elif len(group) == 1:
            try:
                yield runner.process_document(group[0], settings, templates, nlp)
            except EgovError as e:
                yield e
        else:
            yield from runner.iter_batch(group, settings, templates, nlp)  # each result as soon as it is done


def _preloaded(items, settings: Settings):
    """Load and warm the whole cascade before the first submit forks the workers: they inherit it
    copy-on-write instead of each loading it again. Not at all when no document needs processing
    (an incremental run with nothing new)."""
    warm = True
    for d in items:
        if warm and not isinstance(d, EgovError):
            warm = False
            try:
                nlp_stage.pin_blas_threads()
                runner.process_document(Document("<warm-up>", "Die Stadt Ulm stellt ein neues Bürgerportal vor."),
                                        settings.with_(doc_timeout=0), None,
                                        runner.warm(nlp_stage.load_nlp(settings.model)[0]))
            except Exception:
                pass  # the documents will report it
        yield d


def stream(docs: Iterable, settings: Settings, templates=None) -> Iterator:
    """Yield Article or EgovError for each item, in input order (the engine contract)."""
    if settings.workers <= 1:
        yield from _serial(docs, settings, templates)
        return
    window = settings.workers * 3  # batches in flight: keeps workers busy, memory bounded
    pool: _Pool | None = None
    pending: deque = deque()  # [documents or [ingest error], future or None], in input order
    cap = max(1, settings.batch_size)
    try:
        for group in _batches(_preloaded(docs, settings), settings.workers, cap):
            if isinstance(group[0], EgovError):
                pending.append([group, None])
            else:
                if pool is None:
                    pool = _Pool(settings, templates)  # after the warm-up: workers fork a warm parent
                pending.append([group, pool.submit(group)])
            while len(pending) >= window:
                yield from _next_results(pool, pending)
        while pending:
            yield from _next_results(pool, pending)
    except BaseException:
        if pool is not None:
            _stop_pool(pool.ex)
        raise
    finally:
        if pool is not None:
            pool.ex.shutdown(wait=True, cancel_futures=True)
