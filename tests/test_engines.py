"""The engine boundary: engines looked up by name, a missing extra is one line with the fix, batches isolate
documents, a third engine is one function."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import engines, runner
from pipeline.api import load
from pipeline.cli import main
from pipeline.errors import EgovError, StageFailed, UsageError
from pipeline.model import Article, Document
from pipeline.settings import DEFAULT
from pipeline.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]

# Invented sentences; {ort}/{name}/{n} vary them into distinct documents.
TEXT = """{ort} stellt Bauanträge auf digitale Einreichung um

[{d}.3.2024] Der Landkreis {ort} nimmt ab sofort {n} Anträge im Monat über ein neues Portal entgegen.
Landrat {name} sagte am Dienstag, die Bearbeitung werde dadurch um Wochen kürzer.
"""
PLACES = ["Tübingen", "Görlitz", "Cottbus", "Passau", "Goslar", "Emden", "Husum"]
NAMES = ["Peter Albrecht", "Maria Seidel", "Jonas Krämer"]


def docs(n: int = 7) -> list[Document]:
    return [Document(f"d{i}.txt", TEXT.format(ort=PLACES[i % 7], name=NAMES[i % 3], n=10 + i, d=1 + i))
            for i in range(n)]


def corpus(root: Path, n: int = 7) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for d in docs(n):
        (root / d.source_file).write_text(d.text, encoding="utf-8")
    return root


def same_tables(a: Path, b: Path) -> None:
    ta, tb = load(a), load(b)
    for t in TABLES:
        pd.testing.assert_frame_equal(ta[t].reset_index(drop=True), tb[t].reset_index(drop=True), obj=t)


def test_engines_are_looked_up_by_name():
    assert {"local", "dask"} <= set(engines.names())
    from pipeline.engines import local
    assert engines.get_engine("local") is local.stream
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        engines.get_engine("spark")


def test_runner_imports_no_engine_module():
    src = (ROOT / "pipeline" / "runner.py").read_text(encoding="utf-8")
    assert "engines.dask" not in src and "engines.local" not in src and "dask_stream" not in src
    code = "import sys, pipeline.runner; print(any(m.startswith('pipeline.engines.') for m in sys.modules))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "False", res.stderr


def test_dask_without_the_extra_is_exit_2_with_the_install_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)   # as if dask[distributed] were not installed
    res = CliRunner().invoke(main, ["run", str(corpus(tmp_path / "in", 2)), "--engine", "dask",
                                    "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 2
    assert "the Dask engine needs: pip install 'egovnews[dask]'" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "out").exists()


CALLS: list = []


def serial_engine(items, settings, templates=None):
    """A whole engine: every document in this process, one by one."""
    for it in items:
        CALLS.append(it)
        if isinstance(it, EgovError):
            yield it
            continue
        try:
            yield runner.process_document(it, settings, templates)
        except EgovError as e:
            yield e


def test_a_third_engine_is_one_function(tmp_path, monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "serial", engines.EngineSpec("serial", f"{__name__}:serial_engine"))
    CALLS.clear()
    src = corpus(tmp_path / "in")
    runner.run([src], tmp_path / "mine", DEFAULT.with_(engine="serial", workers=1))
    runner.run([src], tmp_path / "local", DEFAULT.with_(workers=1))
    assert len(CALLS) == 7
    same_tables(tmp_path / "local", tmp_path / "mine")


def _key(item):
    if isinstance(item, Article):
        return ("article", item.doc_id, item.text, [(p.name, p.role) for p in item.people],
                [(e.text, e.label) for e in item.entities])
    return ("error", item.source_file, item.stage, item.code)


def test_a_batch_gives_what_single_documents_give():
    ds = docs()
    single = [_key(runner.process_document(d)) for d in ds]
    assert [_key(r) for r in runner.process_batch(ds)] == single


def test_a_failing_document_costs_only_itself(monkeypatch):
    real = runner.extract.extract_all

    def extract_all(article):
        if "Cottbus" in article.text:
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(runner.extract, "extract_all", extract_all)
    out = runner.process_batch(docs())
    bad = [r for r in out if isinstance(r, EgovError)]
    assert len(bad) == 1 and isinstance(bad[0], StageFailed) and bad[0].source_file == "d2.txt"
    assert bad[0].stage == "extract" and "boom" in bad[0].message
    assert sum(isinstance(r, Article) for r in out) == 6


def test_a_failed_model_batch_falls_back_to_single_documents(monkeypatch):
    expected = [_key(r) for r in runner.process_batch(docs())]
    monkeypatch.setattr(runner, "_pipe_batch", lambda nlp, texts, settings: None)
    seen = []
    real = runner._prepare

    def prepare(doc, *a):
        seen.append(doc.source_file)
        return real(doc, *a)

    monkeypatch.setattr(runner, "_prepare", prepare)
    assert [_key(r) for r in runner.process_batch(docs())] == expected
    assert len(seen) == 14  # once for the batch, once more for each document alone


def test_the_local_engine_groups_documents_in_growing_batches():
    from pipeline.engines.local import _batches

    err = StageFailed("x", source_file="bad.txt")
    items = docs(3) + [err] + docs(20)
    groups = list(_batches(items, workers=2, cap=8))
    flat = [it for g in groups for it in g]
    assert flat == items                                   # order kept, nothing lost
    assert [err] in groups                                 # an ingest error travels alone, in place
    sizes = [len(g) for g in groups if not isinstance(g[0], EgovError)]
    assert sizes[0] == 2 and max(sizes) == 8


def test_char_batches_keep_order_and_the_character_limit():
    texts = ["a" * 5, "b" * 4, "c" * 12, "d" * 1, "e" * 3, "f" * 6]
    groups = list(runner.char_batches(texts, 10))
    assert [t for g in groups for t in g] == texts                # order kept, nothing lost
    assert all(sum(map(len, g)) <= 10 or len(g) == 1 for g in groups)
    assert ["c" * 12] in groups                                   # longer than the limit: a group of its own
    assert groups[0] == ["a" * 5, "b" * 4] and groups[-1] == ["d", "e" * 3, "f" * 6]


def test_the_model_runs_over_groups_of_limited_text_with_the_same_results(monkeypatch):
    expected = [_key(r) for r in runner.process_batch(docs())]
    nlp = runner.nlp_stage.load_nlp(DEFAULT.model)[0]
    calls = []

    class Spy:
        """The pipeline, recording the texts of each ``pipe`` call."""

        max_length, _egov_name = nlp.max_length, getattr(nlp, "_egov_name", "")

        def pipe(self, texts, batch_size=1):
            texts = list(texts)
            calls.append(len(texts))
            return nlp.pipe(texts, batch_size=batch_size)

    limit = 2 * max(len(d.text) for d in docs())                 # at most two of these documents a call
    monkeypatch.setattr(runner, "PIPE_BATCH_CHARS", limit)
    got = [_key(r) for r in runner.process_batch(docs(), nlp=Spy())]
    assert got == expected
    assert sum(calls) == 7 and len(calls) >= 4 and max(calls) <= 2
