"""Batch runner: inputs -> stages -> tables, in one or more processes.

``process_document`` runs the per-document cascade (clean -> nlp -> extract);
``run`` drives a whole batch: it streams Documents from ingest, fans them out
to worker processes, writes rows as they come back, records every failure in
``errors`` and commits the tables atomically at the end.
"""
from __future__ import annotations

import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import extract, ingest, nlp as nlp_stage
from .clean import clean
from .clean.templates import build_templates
from .errors import DocumentTimeout, EgovError, StageFailed
from .export import TableWriter
from .model import Article, Document
from .settings import DEFAULT, Settings
from .tables import article_rows, error_row


@dataclass
class RunSummary:
    documents: int = 0
    articles: int = 0
    errors: int = 0
    duplicates: int = 0
    words: int = 0
    seconds: float = 0.0
    error_kinds: Counter = field(default_factory=Counter)
    out: str = ""
    model: str = ""
    interrupted: bool = False

    def line(self) -> str:
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(self.error_kinds.items()))
        rate = self.documents / self.seconds if self.seconds else 0.0
        s = (f"{self.documents} documents, {self.articles} articles, {self.errors} errors"
             f"{' (' + kinds + ')' if kinds else ''}, {self.duplicates} duplicates, "
             f"{self.seconds:.1f} s ({rate:.1f} docs/s) -> {self.out}")
        return ("interrupted: " if self.interrupted else "") + s


class _Alarm(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Alarm()


def process_document(doc: Document, settings: Settings = DEFAULT, templates=None, nlp=None) -> Article:
    """Run clean -> nlp -> extract on one document. Raises ``EgovError``."""
    stage = "clean"
    use_alarm = settings.doc_timeout and settings.doc_timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, settings.doc_timeout)
    try:
        article = clean(doc, settings, templates)
        stage = "nlp"
        if nlp is None:
            nlp, name = nlp_stage.load_nlp(settings.model)
        else:
            name = getattr(nlp, "_egov_name", "")
        article.model = name or getattr(nlp, "_egov_name", "")
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


# --- worker processes -------------------------------------------------------
_W: dict = {}


def _init_worker(settings: Settings, templates) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _W["settings"], _W["templates"] = settings, templates
    _W["nlp"] = nlp_stage.load_nlp(settings.model)[0]


def _work(doc: Document):
    try:
        return process_document(doc, _W["settings"], _W["templates"], _W["nlp"])
    except EgovError as e:
        return e


def _process_stream(docs: Iterable[Document | EgovError], settings: Settings, templates) -> Iterator:
    """Yield Article or EgovError for each item, in input order."""
    if settings.workers <= 1:
        nlp = nlp_stage.load_nlp(settings.model)[0]
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
    with ProcessPoolExecutor(settings.workers, initializer=_init_worker, initargs=(settings, templates)) as ex:
        pending: deque = deque()
        try:
            for d in docs:
                pending.append(d if isinstance(d, EgovError) else ex.submit(_work, d))
                while len(pending) >= window:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        except BaseException:
            for f in pending:
                if not isinstance(f, EgovError):
                    f.cancel()
            ex.shutdown(wait=False, cancel_futures=True)
            raise


def _result(item):
    if isinstance(item, EgovError):
        return item
    try:
        return item.result()
    except EgovError as e:
        return e
    except Exception as e:
        return StageFailed(f"worker failed: {type(e).__name__}: {e}", stage="process")


def run(inputs: Iterable[str | Path] = ("data/raw",), out: str | Path = "data/out",
        settings: Settings = DEFAULT, progress: Callable[[RunSummary], None] | None = None,
        on_error: Callable[[EgovError], None] | None = None) -> RunSummary:
    """Process every input and write the tables into ``out``. Returns a summary."""
    if settings.engine == "dask":  # the same run on a Dask cluster (pipeline/engines/dask.py)
        from .engines.dask import run_dask
        return run_dask(inputs, out, settings, progress=progress, on_error=on_error)
    t0 = time.perf_counter()
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    summary = RunSummary(out=str(out))
    templates = None
    if settings.corpus_templates:
        templates = build_templates(d for d in ingest.iter_documents(inputs, settings) if not isinstance(d, EgovError))
    writer = TableWriter(out, settings.formats)
    seen: dict[str, str] = {}
    sources: list[dict] = []

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
        for item in _process_stream(docs(), settings, templates):
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
    except KeyboardInterrupt:
        writer.abort()
        summary.interrupted = True
        summary.seconds = time.perf_counter() - t0
        raise
    writer.commit()
    summary.seconds = time.perf_counter() - t0
    return summary
