"""Client side of the Dask engine: the document stream as tasks, a bounded window of them, results in order.

``task_sizes`` and ``partition`` cut the stream into slices (one task each);
``TaskWindow`` keeps a bounded number of tasks running and of finished ones
waiting, yields the results in input order, and runs a task that failed as a
whole (its worker died) again one document per task, one at a time, so only
the culprit ends up as an error row. Nothing here imports Dask: the window
gets the client, an ``as_completed`` object and the task function from
``engines/dask.py``, which also says how often a document is tried alone.
"""
from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from ..errors import EgovError
from ..model import Document

# Documents per task. A document takes ~30 ms in the cascade and its pickled
# Document + Article ~0.4 ms (measured with benchmarks/throughput.py's corpus,
# 2026-11), a Dask task costs a few ms of scheduling and transfer: 32
# documents (~1 s a task) keep that overhead under 1 % and a failed task cheap
# to redo one document at a time. Capped by settings.batch_size.
TASK_DOCS = 32
# ... and at most this many bytes of input text per task, so a run of huge
# documents does not make multi-megabyte tasks.
TASK_BYTES = 2_000_000


def task_sizes(threads: int, cap: int = TASK_DOCS) -> Iterator[int]:
    """Documents per task: 1 for the first task of each thread, then 2, 4, ... up to ``cap``.

    The stream cannot know how many documents will come; starting small gives
    every thread work at once even for a handful of documents, doubling
    reaches the efficient size after a few rounds.
    """
    size, i = 1, 0
    while True:
        yield size
        i += 1
        if i % max(1, threads) == 0:
            size = min(cap, size * 2)


def partition(items: Iterable, sizes: Iterable[int], task_bytes: int = TASK_BYTES) -> Iterator[list]:
    """Group the stream into slices of ``next(sizes)`` documents (or ``task_bytes`` bytes of text).

    Ingest errors travel in the slice where they occurred, so the output keeps
    the input order; a slice of errors only is never sent to the cluster.
    """
    sizes = iter(sizes)
    limit = next(sizes)
    batch: list = []
    n = size = 0
    for it in items:
        batch.append(it)
        if isinstance(it, Document):
            n += 1
            size += len(it.text)
            if n >= limit or size >= task_bytes:
                yield batch
                batch, n, size = [], 0, 0
                limit = next(sizes)
    if batch:
        yield batch


class TaskWindow:
    """Submits slices as tasks, a bounded window at a time, and hands their results back in input order.

    Takes the Dask ``client``, an ``as_completed`` object (``ac``), ``task``
    (``task(documents, *args) -> one result per document``, run on the
    workers with ``args``), the number of worker ``threads``, how many times a
    document is tried alone (``attempts``) and ``failed(document, exception)
    -> EgovError`` for a document given up. ``results(slices)`` gives one item
    per item of the slices, in order: the task's result for a document, the
    ingest error itself for an error.
    """

    def __init__(self, client, ac, task: Callable, args: tuple, threads: int, attempts: int,
                 failed: Callable[[Document, BaseException], EgovError]):
        self.client, self.ac, self.task, self.args = client, ac, task, args
        self.attempts, self.failed = attempts, failed
        self.window = 2 * threads + 2          # tasks running at once: keeps every thread fed
        self.buffered_max = 4 * self.window    # finished tasks waiting for an earlier one: bounds memory
        self.run_id = uuid.uuid4().hex[:8]
        self.meta: dict = {}          # future -> (slice, None, 0), or (slice, document, attempt) when isolated
        self.slots: dict[int, list] = {}       # slice index -> items (Documents or errors)
        self.done: dict[int, list] = {}        # slice index -> results, when finished
        self.isolated: dict[int, list] = {}    # slice index -> per-document results (None: pending)
        self.queue: deque = deque()            # isolated (slice, document, attempt) waiting for their turn
        self.exhausted = False

    def results(self, slices: Iterable[list]) -> Iterator:
        """Yield the result of every item of ``slices`` in input order; cancels the open tasks when stopped."""
        slices = iter(enumerate(slices))
        nxt = 0
        try:
            self._submit_more(slices)
            while True:
                while nxt in self.done:
                    yield from self._merge(nxt)
                    nxt += 1
                self._submit_more(slices)
                if self.exhausted and not self.meta and not self.done:
                    return
                if self.meta:
                    self._collect(next(self.ac))
                    self._next_isolated()
        finally:
            for f in list(self.meta):
                f.cancel()

    def _submit(self, i: int, j: int | None, todo: list[Document], attempt: int = 0) -> None:
        """Submit ``todo`` (slice ``i``, or its document ``j`` alone on try ``attempt``) as one task."""
        key = f"egovnews-{self.run_id}-{i}" + ("" if j is None else f"-{j}-{attempt}")
        fut = self.client.submit(self.task, todo, *self.args, key=key, pure=False)
        self.meta[fut] = (i, j, attempt)
        self.ac.add(fut)

    def _submit_more(self, slices: Iterator) -> None:
        """Take slices from ``slices`` while the window and the reorder buffer have room."""
        while not self.exhausted and len(self.meta) < self.window and len(self.done) < self.buffered_max:
            try:
                i, items = next(slices)
            except StopIteration:
                self.exhausted = True
                return
            self.slots[i] = items
            todo = [d for d in items if isinstance(d, Document)]
            if todo:
                self._submit(i, None, todo)
            else:
                self.done[i] = []

    def _collect(self, fut) -> None:
        """File the finished future ``fut``: its results, or its documents queued to run alone."""
        i, j, attempt = self.meta.pop(fut)
        todo = [d for d in self.slots[i] if isinstance(d, Document)]
        try:
            res, failure = fut.result(), None
        except Exception as e:  # the task failed as a whole
            res, failure = None, e
        fut.release()
        if j is None and failure is None:
            self.done[i] = res
        elif j is None:
            self.isolated[i] = [None] * len(todo)
            self.queue.extend((i, k, 1) for k in range(len(todo)))
        elif failure is not None and attempt < self.attempts:
            self.queue.appendleft((i, j, attempt + 1))
        else:
            self.isolated[i][j] = res[0] if failure is None else self.failed(todo[j], failure)
            if all(r is not None for r in self.isolated[i]):
                self.done[i] = self.isolated.pop(i)

    def _next_isolated(self) -> None:
        """Submit the next queued document alone, unless an isolated document is running."""
        if self.queue and not any(j is not None for _, j, _ in self.meta.values()):
            i, k, attempt = self.queue.popleft()
            self._submit(i, k, [[d for d in self.slots[i] if isinstance(d, Document)][k]], attempt)

    def _merge(self, i: int) -> list:
        """The items of finished slice ``i``: its results with its ingest errors in their places."""
        results = iter(self.done.pop(i))
        return [it if isinstance(it, EgovError) else next(results) for it in self.slots.pop(i)]
