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
from dataclasses import dataclass, field
from pathlib import Path

from . import engines, export, extract, ingest, language, manifest
from . import nlp as nlp_stage
from .clean import clean
from .clean.templates import build_templates
from .errors import DocumentTimeout, EgovError, InputTooLarge, StageFailed
from .export import MANIFEST, TableWriter
from .model import Article, Document
from .settings import DEFAULT, Settings
from .tables import TABLES, article_rows, error_row

# A document stuck outside Python (C code) is ended with its worker after doc_timeout plus this grace
# (engines read it from here at run time).
HARD_GRACE = engines.HARD_GRACE

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
    phases: dict = field(default_factory=dict)   # seconds from the start: scan_s, first_result_s, processed_s
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


def _pipe_batch(nlp, texts: list[str], settings: Settings):
    """The spaCy Docs of ``texts`` (one ``nlp.pipe`` batch), or None when that failed or took longer than
    ``doc_timeout`` (the callers then run the documents one by one)."""
    use_alarm = _can_use_alarm(settings)
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, settings.doc_timeout, 1.0)
    try:
        return list(nlp.pipe(texts, batch_size=max(1, len(texts))))
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
        summary.phases["scan_s"] = round(time.perf_counter() - t0, 3)
        results = _process_stream(docs(), settings, templates=idx.templates)
        _write_tables(results, writer, _RunState(meta, idx, carried, fp, t0), settings, summary, progress, on_error)
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
    """What writing the results needs to know about the run."""

    meta: deque      # (doc_id, source_file, size, mtime, templates) of the items in flight, in order
    idx: _Index
    carried: dict    # previous output folder -> doc_ids whose rows are carried over
    fp: str          # settings fingerprint
    t0: float        # perf_counter at the start of the run


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
    import json

    info = {"fingerprint": manifest.fingerprint(settings), "settings": manifest.fingerprint_parts(settings),
            "documents": summary.documents, "articles": summary.articles, "skipped": summary.skipped,
            "errors": summary.errors, "error_kinds": dict(summary.error_kinds),
            "duplicates": summary.duplicates, "phases": summary.phases}
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
