"""Hostile inputs through the whole command; limits; safe output folder handling."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import export, runner
from pipeline.errors import UsageError
from pipeline.model import Article
from pipeline.settings import Settings

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_hostile", HERE / "fixtures" / "hostile" / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

MAX_BYTES = 100_000  # small limit so the (small) big file and the long line are truncated


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expect = make_hostile.build(root / "in")
    out = root / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(root / "in"), "--out", str(out),
                           "--max-doc-bytes", str(MAX_BYTES), "--workers", "2", "--timeout", "120"],
                          capture_output=True, text=True, timeout=600)
    tables = {t: pd.read_parquet(out / f"{t}.parquet") for t in ("articles", "errors", "sources")}
    return expect, proc, tables, out


def test_no_traceback_and_exit_status_1(hostile):
    _, proc, _, _ = hostile
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # some inputs failed, outputs complete


def test_every_input_is_accounted_for(hostile):
    expect, _, t, _ = hostile
    arts = set(t["articles"].source_file)
    errs = dict(zip(t["errors"].source_file, t["errors"].code))
    dups = dict(zip(t["sources"].source_file, t["sources"].duplicate_of))
    for sf, (kind, value) in expect.items():
        if kind == "article":
            assert sf in arts, (sf, errs.get(sf))
        elif kind == "error":
            assert errs.get(sf) == value, (sf, errs.get(sf))
        elif kind == "duplicate":
            assert dups.get(sf) == value, sf
        else:  # 'language', 'article-or-error'
            assert sf in arts or sf in errs, sf
    # and nothing else: every row comes from an input
    assert arts | set(errs) <= set(expect) | {sf for sf in dups}


def test_good_inputs_are_decoded_right(hostile):
    expect, _, t, _ = hostile
    text = dict(zip(t["articles"].source_file, t["articles"].text))
    for sf, (kind, phrase) in expect.items():
        if kind == "article":
            assert phrase in text[sf], sf
            assert "Ã" not in text[sf] and "\ufffd" not in text[sf] and "\x00" not in text[sf], sf


def test_notes_say_what_was_repaired(hostile):
    _, _, t, _ = hostile
    notes = {sf: list(n) for sf, n in zip(t["articles"].source_file, t["articles"].notes)}
    assert any("mojibake" in n for n in notes["doppelt-kodiert.txt"])
    assert any("NUL" in n for n in notes["nul-bytes.txt"])
    assert any("gzip" in n for n in notes["abgebrochen.txt.gz"])
    for sf in ("riesig.txt", "eine-zeile.txt"):
        assert any(n.startswith("truncated") for n in notes[sf]), sf
    enc = dict(zip(t["articles"].source_file, t["articles"].encoding))
    assert enc["cp1252.txt"] == "cp1252" and enc["utf16-bom.txt"].startswith("utf-16")


def test_duplicates_processed_once_all_names_recorded(hostile):
    _, _, t, _ = hostile
    a = t["articles"].set_index("source_file")
    assert sorted(a.loc["original.txt", "duplicates"]) == ["kopie/gleich-auch.txt.gz", "kopie/gleich.txt"]
    did = a.loc["original.txt", "doc_id"]
    assert (t["articles"].doc_id == did).sum() == 1
    s = t["sources"][t["sources"].doc_id == did]
    assert sorted(s.source_file) == ["kopie/gleich-auch.txt.gz", "kopie/gleich.txt", "original.txt"]


def test_language_column(hostile):
    expect, _, t, _ = hostile
    lang = dict(zip(t["articles"].source_file, t["articles"].language))
    assert lang["utf8.txt"] == "de"
    for sf, (kind, code) in expect.items():
        if kind == "language" and sf in lang:
            assert lang[sf] == code, sf


def test_non_german_documents_are_kept(hostile):
    expect, _, t, _ = hostile
    arts = set(t["articles"].source_file)
    assert all(sf in arts for sf, (k, _) in expect.items() if k == "language")


def test_summary_line_counts_each_error_kind(hostile):
    _, proc, t, _ = hostile
    line = proc.stderr.strip().splitlines()[-1]
    kinds = {"E001": "InputNotFound", "E002": "EmptyInput", "E003": "BinaryInput", "E006": "BadRecord"}
    counts = t["errors"].code.value_counts()
    for code, name in kinds.items():
        if code in counts:
            assert f"{name}: {counts[code]}" in line, line
    assert f"{len(t['errors'])} errors" in line


def test_output_folder_holds_only_complete_tables(hostile):
    _, _, _, out = hostile
    assert not list(out.parent.glob(".out.partial-*")) and not list(out.parent.glob(".out.backup-*"))
    a_csv = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    a_pq = pd.read_parquet(out / "articles.parquet")
    assert len(a_csv) == len(a_pq) and list(a_csv.source_file) == list(a_pq.source_file)


# --- time limit -----------------------------------------------------------------

def _slow_clean(real):
    def clean(doc, settings=None, templates=None):
        if "langsam" in doc.source_file:
            while True:  # a pathological document: only the time limit ends this
                try:
                    while True:
                        pass
                except Exception:  # stage code that swallows errors must not swallow the time limit
                    pass
        return real(doc, settings, templates)
    return clean


@pytest.mark.parametrize("workers", [1, 2])
def test_per_document_time_limit(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(runner, "clean", _slow_clean(runner.clean))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "langsam.txt").write_text("Die Stadt Ulm prüft den Antrag. " * 20, encoding="utf-8")
    (tmp_path / "in" / "schnell.txt").write_text(make_hostile._article(1)[0], encoding="utf-8")
    s = Settings(workers=workers, doc_timeout=2, corpus_templates=False, formats=("parquet",))
    summary = runner.run([tmp_path / "in"], tmp_path / "out", s)
    errors = pd.read_parquet(tmp_path / "out" / "errors.parquet")
    assert list(errors.source_file) == ["langsam.txt"] and list(errors.code) == ["E020"]
    assert summary.articles == 1 and summary.error_kinds["DocumentTimeout"] == 1


def _hostile_process(real):
    def process_document(doc, *a, **k):
        if "absturz" in doc.source_file:
            os._exit(3)  # the worker dies (as in a native crash or the out-of-memory killer)
        if "haengt" in doc.source_file:
            import signal as sig
            import threading
            sig.pthread_sigmask(sig.SIG_BLOCK, {sig.SIGALRM})  # like C code: the time limit cannot fire
            threading.Event().wait()
        return real(doc, *a, **k)
    return process_document


def test_dead_and_hung_workers_do_not_stop_the_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "process_document", _hostile_process(runner.process_document))
    monkeypatch.setattr(runner, "HARD_GRACE", 1.0)
    d = tmp_path / "in"
    d.mkdir()
    for i, name in enumerate(["a-absturz.txt", "b-gut.txt", "c-haengt.txt", "d-gut.txt", "e-gut.txt"]):
        (d / name).write_text(make_hostile._article(i)[0], encoding="utf-8")
    s = Settings(workers=2, doc_timeout=1.0, corpus_templates=False, formats=("parquet",))
    summary = runner.run([d], tmp_path / "out", s)
    errors = pd.read_parquet(tmp_path / "out" / "errors.parquet").set_index("source_file")
    assert sorted(errors.index) == ["a-absturz.txt", "c-haengt.txt"]
    assert errors.loc["a-absturz.txt", "code"] == "E099" and "died" in errors.loc["a-absturz.txt", "error"]
    assert errors.loc["c-haengt.txt", "code"] == "E020"
    arts = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert sorted(arts.source_file) == ["b-gut.txt", "d-gut.txt", "e-gut.txt"]
    assert summary.articles == 3 and summary.errors == 2


def test_time_limit_outside_the_main_thread_does_not_crash(tmp_path):
    import threading

    from pipeline.model import Document
    result = {}

    def work():
        doc = Document("t.txt", make_hostile._article(2)[0])
        result["a"] = runner.process_document(doc, Settings(doc_timeout=5))
    th = threading.Thread(target=work)
    th.start()
    th.join()
    assert isinstance(result["a"], Article)


def test_language_is_set_after_clean():
    from pipeline.model import Document
    a = runner.process_document(Document("x.txt", make_hostile._article(3)[0]))
    assert a.language == "de"


# --- writer and output folder -----------------------------------------------------

def test_writer_flushes_in_parts_and_bounds_its_buffer(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "PART_ROWS", 10)
    w = export.TableWriter(tmp_path / "out", ("parquet", "csv"))
    for i in range(95):
        w.add_all({"articles": [{"doc_id": f"d{i}", "source_file": f"f{i}", "text": "x", "notes": []}],
                   "dates": [{"doc_id": f"d{i}", "text": "2020", "date": "2020-01-01", "precision": "year",
                              "start": 0, "end": 4}]})
        assert w._rows < 10
    assert len(w.parts) == 19  # 2 rows per document, a part every 10 rows
    rows = w.commit()
    assert rows["articles"] == 95 and rows["dates"] == 95
    assert len(pd.read_csv(tmp_path / "out" / "dates.csv")) == 95
    assert not w.staging.exists()


def test_other_files_in_the_output_folder_are_left_alone(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "meine-notizen.txt").write_text("wichtig")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Die Stadt Kiel führt die E-Akte ein. " * 5)
    for _ in range(2):  # a fresh run and a run over existing tables
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path / "in"), "--out",
                               str(tmp_path / "out"), "-q", "--force"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / "out" / "meine-notizen.txt").read_text() == "wichtig"
        assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 1
    assert not list(tmp_path.glob(".out.partial-*"))


def test_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "out").write_text("x")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Text")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path / "in"), "--out",
                           str(tmp_path / "out"), "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "is a file" in proc.stderr


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Text")
    with export.out_lock((tmp_path / "out").absolute()):
        with pytest.raises(UsageError, match="another egovnews run"):
            runner.run([tmp_path / "in"], tmp_path / "out", Settings(workers=1))


def test_recover_a_swap_cut_short(tmp_path):
    out = tmp_path / "out"
    backup = tmp_path / f".out.backup-{os.getpid()}"
    backup.mkdir()
    (backup / "articles.csv").write_text("doc_id\n")
    assert export.recover(out) and (out / "articles.csv").exists() and not backup.exists()
    backup.mkdir()
    export.recover(out)  # out exists: the swap had finished, the backup is stale
    assert not backup.exists() and out.exists()


def test_publish_replaces_the_whole_folder(tmp_path):
    out, new = tmp_path / "out", tmp_path / "new"
    out.mkdir()
    (out / "articles.csv").write_text("old")
    (out / "people.parquet").write_text("stale format")
    new.mkdir()
    (new / "articles.csv").write_text("new")
    export.publish(new, out)
    assert (out / "articles.csv").read_text() == "new" and not (out / "people.parquet").exists()
    assert not new.exists()
