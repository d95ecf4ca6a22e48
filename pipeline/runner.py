"""Batch runner: inputs -> stages -> tables, in one or more processes.

``process_document`` runs the per-document cascade (clean -> language ->
nlp -> extract) under a time limit (``iter_batch``/``process_batch``: the
same over several documents, the spaCy model over them as one batch); these
live here, and the engines (pipeline/engines) call them through this module.
``run`` (pipeline/runner_batch.py, re-exported here) drives a whole batch:

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

import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import engines, extract, ingest, language
from . import nlp as nlp_stage
from .clean import clean
from .errors import DocumentTimeout, EgovError, InputTooLarge, StageFailed
from .model import Article, Document
from .runner_batch import DOC_TABLES, Interrupted, RunSummary, _process_stream, _scan, run  # noqa: F401 (the API)
from .settings import DEFAULT, Settings

# A document stuck outside Python (C code) is ended with its worker after doc_timeout plus this grace
# (engines read it from here at run time).
HARD_GRACE = engines.HARD_GRACE


# Characters of article text the spaCy model runs over in one ``nlp.pipe`` call. The model's working memory
# grows with the text of the call (measured on the real-page benchmark corpus: about 1.8 MB of RSS per 1,000
# characters, +400 MB for a batch of 32 pages with 227k characters), so a batch's documents go through in
# groups of at most this many characters: the peak memory of a run no longer depends on which long pages
# happen to share a batch. 32 typical news texts (about 1,700 characters each) stay one call; a document
# longer than this is a call of its own.
PIPE_BATCH_CHARS = 64_000


class _Alarm(BaseException):
    """The time limit: a BaseException, so stage code's ``except Exception`` cannot swallow it."""


def _on_alarm(signum, frame):
    """SIGALRM handler: raises ``_Alarm`` in the interrupted code."""
    raise _Alarm()


def _can_use_alarm(settings: Settings) -> bool:
    """Whether the time limit of ``settings`` can be a SIGALRM timer here (a limit is set, main thread)."""
    return bool(settings.doc_timeout and settings.doc_timeout > 0 and hasattr(signal, "SIGALRM")
                and threading.current_thread() is threading.main_thread())


@dataclass
class Prepared:
    """A document's state after the batched steps of ``iter_batch``: its cleaned Article with the spaCy Doc
    (or the error it raised on the way) and the seconds it has used of its time limit."""

    article: Article | None = None
    doc: object = None
    error: EgovError | None = None
    seconds: float = 0.0


def process_document(doc: Document, settings: Settings = DEFAULT, templates=None, nlp=None,
                     prepared: Prepared | None = None) -> Article:
    """Run clean -> language -> nlp -> extract on one document. Raises ``EgovError``.

    The time limit (``settings.doc_timeout``) is a SIGALRM timer, so it works
    in the main thread of any process (the single-process path and every
    worker process); elsewhere (a thread) the caller must time the call.
    With ``prepared`` (from ``iter_batch``) the steps up to the model are
    done: only extract runs, under what is left of the limit.
    """
    if prepared is not None:
        if prepared.error is not None:
            raise prepared.error
        article = prepared.article
        article.doc = prepared.doc
        t = settings.doc_timeout if settings.doc_timeout and settings.doc_timeout > 0 else 0
        return _guarded(doc, settings, lambda st: _finish(article, st), max(0.001, t - prepared.seconds) if t else 0,
                        stage="extract")

    def cascade(stage: list[str]) -> Article:
        article, pipe = _prepare(doc, settings, templates, nlp, stage)
        nlp_stage.annotate(article, pipe)
        _finish(article, stage)
        return article

    return _guarded(doc, settings, cascade, settings.doc_timeout)


def iter_batch(docs: list[Document], settings: Settings = DEFAULT, templates=None, nlp=None) -> Iterator:
    """``process_document`` for several documents with the spaCy model run over them as one batch
    (``nlp.pipe``); yields one ``Article`` or ``EgovError`` per document, in order, each as soon as it is done.

    Each document keeps its own time limit and errors: clean/language run per
    document under its limit, the model's batch under one limit of
    ``doc_timeout`` (a per-batch limit), then ``process_document`` finishes
    each document (extract) under what is left of its limit. When the batch
    fails or runs over, every document of it is processed again alone, so a
    bad document costs only itself, with its own error row.
    """
    prep: list[Prepared] = []
    pipe_nlp = nlp
    for d in docs:
        t0 = time.monotonic()
        try:
            a, pipe_nlp = _guarded(d, settings, lambda st, d=d: _prepare(d, settings, templates, nlp, st),
                                   settings.doc_timeout if settings.doc_timeout and settings.doc_timeout > 0 else 0)
            prep.append(Prepared(a, seconds=time.monotonic() - t0))
        except EgovError as e:
            prep.append(Prepared(error=e))
    ready = [p for p in prep if p.error is None]
    t0 = time.monotonic()
    sdocs = _pipe_batch(pipe_nlp, [p.article.text for p in ready], settings) if ready else []
    share = (time.monotonic() - t0) / max(1, len(ready))
    for p, sd in zip(ready, sdocs or []):
        p.doc, p.seconds = sd, p.seconds + share
    for d, p in zip(docs, prep):
        try:  # the batch failed or ran over: each of its documents alone, from the start
            yield process_document(d, settings, templates, nlp, None if sdocs is None and p.error is None else p)
        except EgovError as e:
            yield e


def process_batch(docs: list[Document], settings: Settings = DEFAULT, templates=None, nlp=None) -> list:
    """``iter_batch`` as a list (the task of a worker process)."""
    return list(iter_batch(docs, settings, templates, nlp))


def char_batches(texts: list[str], limit: int) -> Iterator[list[str]]:
    """``texts`` cut into consecutive groups of at most ``limit`` characters in all (a longer text is a group
    of its own), in order; gives each group as a list."""
    group: list[str] = []
    size = 0
    for t in texts:
        if group and size + len(t) > limit:
            yield group
            group, size = [], 0
        group.append(t)
        size += len(t)
    if group:
        yield group


def _pipe_batch(nlp, texts: list[str], settings: Settings):
    """The spaCy Docs of ``texts`` (``nlp.pipe`` over groups of at most PIPE_BATCH_CHARS characters, all under
    one time limit), or None when that failed or took longer than ``doc_timeout`` (the callers then run the
    documents one by one)."""
    use_alarm = _can_use_alarm(settings)
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, settings.doc_timeout, 1.0)
    try:
        return [sd for chunk in char_batches(texts, PIPE_BATCH_CHARS)
                for sd in nlp.pipe(chunk, batch_size=len(chunk))]
    except (_Alarm, Exception):
        return None
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _prepare(doc: Document, settings: Settings, templates, nlp, stage: list[str]):
    """clean -> language -> the pipeline's text limit; returns (the Article, the spaCy pipeline to run:
    ``nlp``, or the one ``settings.model`` names when ``nlp`` is None)."""
    stage[0] = "clean"
    article = clean(doc, settings, templates)
    article.doc_id = doc.doc_id             # the join key is the content hash of the input
    for note in doc.notes:                  # decoding/truncation notes belong to the article
        if note not in article.notes:
            article.notes.append(note)
    if not article.encoding:
        article.encoding = doc.encoding
    stage[0] = "language"
    if not article.language:
        article.language = language.detect(article.text)
    stage[0] = "nlp"
    if nlp is None:
        nlp, name = nlp_stage.load_nlp(settings.model)
    else:
        name = getattr(nlp, "_egov_name", "")
    article.model = name or getattr(nlp, "_egov_name", "")
    _fit_nlp_limit(article, nlp, settings)
    return article, nlp


def _finish(article: Article, stage: list[str]) -> Article:
    """Run extract on the annotated ``article`` and drop its spaCy Doc; gives the article."""
    stage[0] = "extract"
    extract.extract_all(article)
    article.doc = None
    return article


def _guarded(doc: Document, settings: Settings, fn: Callable[[list[str]], object], seconds: float,
             stage: str = "clean"):
    """``fn(stage)`` under a time limit of ``seconds`` (SIGALRM; none when 0 or unusable); its failures become
    the document's coded ``EgovError`` naming the stage it was in (``fn`` updates ``stage[0]``)."""
    stage_box = [stage]
    use_alarm = bool(seconds) and _can_use_alarm(settings)
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        # fires at the limit, then every second until cleared, in case a bare ``except:`` ate the first one
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        return fn(stage_box)
    except _Alarm:
        st = stage_box[0]
        raise DocumentTimeout(f"processing took longer than {settings.doc_timeout:g} s in the {st} stage "
                              f"(raise --timeout to allow more)", source_file=doc.source_file, stage=st) from None
    except EgovError as e:
        e.source_file = e.source_file or doc.source_file
        raise
    except Exception as e:  # a bug or an input we did not foresee: keep the batch going
        st = stage_box[0]
        raise StageFailed(f"unexpected {type(e).__name__} in the {st} stage: {e}",
                          source_file=doc.source_file, stage=st) from e
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


def warm(nlp):
    """Run the pipeline once, so lazy loading (lookup tables) is not charged to the first document's time limit."""
    try:
        nlp("Die Stadt Ulm stellt ein neues Bürgerportal vor.")
    except Exception:
        pass
    return nlp


_warm = warm  # former name
