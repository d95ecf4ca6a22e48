"""Resume and incremental runs; Ctrl-C and SIGKILL leave the previous output readable."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import manifest, runner
from pipeline.settings import Settings
from pipeline.tables import TABLES

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_hostile", HERE / "fixtures" / "hostile" / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

S = Settings(workers=1, formats=("parquet", "csv"))

# Run the real CLI in a subprocess, with every document written as its own
# part and one document that blocks until the process is signalled, so the
# test can interrupt the run at a known point without sleeping.
WRAPPER = r'''
import sys, threading
from pipeline import cli, export, manifest, runner
manifest.code_hash = lambda: "fixed-for-test"
export.PART_ROWS = 1
_real = runner.process_document
def process_document(doc, *a, **k):
    if "zz-block" in doc.source_file:
        print("BLOCKED", flush=True)
        threading.Event().wait()
    return _real(doc, *a, **k)
runner.process_document = process_document
sys.argv = ["egovnews"] + sys.argv[1:]
cli.main()
'''


@pytest.fixture(autouse=True)
def fixed_code_hash(monkeypatch):
    """Other parts of the package may change while tests run; pin the code part of the fingerprint."""
    monkeypatch.setattr(manifest, "code_hash", lambda: "fixed-for-test")


def write_articles(folder: Path, first: int, n: int, prefix: str = "", site: str = "") -> list[str]:
    """Invented articles; each file is its own 'site' (name stem = town) unless ``site`` is given,
    so corpus templates only come into play where a test asks for them."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(first, first + n):
        town = make_hostile.TOWNS[i % len(make_hostile.TOWNS)].lower()
        name = f"{site or town}-{prefix}{i:02d}.txt"
        (folder / name).write_text(make_hostile._article(i)[0], encoding="utf-8")
        names.append(name)
    return names


def norm(v):
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, list):
        return tuple(v)
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v


def sorted_tables(out: Path) -> dict[str, list[tuple]]:
    res = {}
    for t in TABLES:
        df = pd.read_parquet(out / f"{t}.parquet")
        res[t] = sorted((tuple(norm(v) for v in row) for row in df.itertuples(index=False)), key=repr)
    return res


def snapshot(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = sorted_tables(a), sorted_tables(b)
    for t in TABLES:
        assert ta[t] == tb[t], t


def test_rerun_skips_everything_and_equals_a_fresh_run(tmp_path):
    write_articles(tmp_path / "in", 0, 5)
    (tmp_path / "in" / "leer.txt").write_text("")
    first = runner.run([tmp_path / "in"], tmp_path / "out", S)
    assert first.skipped == 0 and first.articles == 5
    again = runner.run([tmp_path / "in"], tmp_path / "out", S)
    assert again.skipped == 5 and again.articles == 5 and again.errors == 1
    assert again.words == first.words
    fresh = runner.run([tmp_path / "in"], tmp_path / "fresh", S)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")
    m = pd.read_parquet(tmp_path / "out" / "_manifest.parquet")
    assert sorted(m.status) == ["carried"] * 5 and fresh.skipped == 0
    csv = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str, keep_default_na=False)
    assert sorted(csv.doc_id) == sorted(pd.read_parquet(tmp_path / "fresh" / "articles.parquet").doc_id)


def test_incremental_run_new_changed_removed_renamed(tmp_path):
    names = write_articles(tmp_path / "in", 0, 5)
    runner.run([tmp_path / "in"], tmp_path / "out", S)
    d = tmp_path / "in"
    (d / names[0]).unlink()                                   # removed
    (d / names[1]).write_text(make_hostile._article(20)[0])   # changed
    (d / names[2]).rename(d / "umbenannt.txt")                # renamed
    (d / "zz-kopie.txt").write_text((d / names[3]).read_text())  # a new duplicate
    write_articles(d, 10, 2, prefix="neu")                    # new
    s = runner.run([d], tmp_path / "out", S)
    assert s.skipped == 3 and s.articles == 6 and s.duplicates == 1
    runner.run([d], tmp_path / "fresh", S)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")
    a = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("source_file")
    assert list(a.loc[names[3], "duplicates"]) == ["zz-kopie.txt"] and names[0] not in a.index


def test_corpus_templates_changes_invalidate_carried_documents(tmp_path):
    """Pages of one site share lines (templates); new pages change them, so a fresh run would clean the
    old pages differently: they must be reprocessed, and the result must still equal a fresh run."""
    write_articles(tmp_path / "in", 0, 4, site="seite")
    runner.run([tmp_path / "in"], tmp_path / "out", S)
    assert runner.run([tmp_path / "in"], tmp_path / "out", S).skipped == 4  # nothing changed
    write_articles(tmp_path / "in", 4, 3, site="seite")
    write_articles(tmp_path / "in", 10, 1)                   # another site: no templates
    s = runner.run([tmp_path / "in"], tmp_path / "out", S)
    runner.run([tmp_path / "in"], tmp_path / "fresh", S)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")
    assert s.articles == 8 and s.skipped < 4


def test_force_and_changed_settings_reprocess(tmp_path):
    write_articles(tmp_path / "in", 0, 3)
    runner.run([tmp_path / "in"], tmp_path / "out", S)
    assert runner.run([tmp_path / "in"], tmp_path / "out", S.with_(force=True)).skipped == 0
    assert runner.run([tmp_path / "in"], tmp_path / "out", S.with_(max_doc_bytes=123_456)).skipped == 0
    other = S.with_(max_doc_bytes=123_456, workers=2, formats=("parquet",), doc_timeout=5)
    assert runner.run([tmp_path / "in"], tmp_path / "out", other).skipped == 3


def test_fingerprint_covers_output_settings_only():
    base = manifest.fingerprint(S)
    assert manifest.fingerprint(S.with_(workers=7, formats=("csv",), doc_timeout=1, quiet=True)) == base
    assert manifest.fingerprint(S.with_(truncate_large=False)) != base
    assert manifest.fingerprint(S.with_(model="egovnews-rules")) != base


def _start(tmp_path: Path, inputs: Path, out: Path, workers: int) -> subprocess.Popen:
    script = tmp_path / "wrapper.py"
    script.write_text(WRAPPER)
    return subprocess.Popen([sys.executable, str(script), "run", str(inputs), "--out", str(out), "-w", str(workers),
                             "--timeout", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(HERE.parent))


@pytest.mark.parametrize("sig, workers", [(signal.SIGINT, 1), (signal.SIGKILL, 1), (signal.SIGINT, 2),
                                          (signal.SIGTERM, 1)])
def test_killed_run_leaves_previous_output_and_resumes(tmp_path, sig, workers):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 0, 4)
    runner.run([inputs], out, S)                 # the previous output
    before = snapshot(out)
    write_articles(inputs, 10, 3, prefix="m")    # new documents, processed by the run we kill
    (inputs / "zz-block.txt").write_text(make_hostile._article(25)[0], encoding="utf-8")
    proc = _start(tmp_path, inputs, out, workers)
    try:
        line = proc.stdout.readline()            # blocks until the run reaches zz-block.txt
        assert line.strip() == "BLOCKED", proc.stderr.read()
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err, err
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert "interrupted: nothing was written" in err, err
        if workers == 1:  # with 2 workers the run may be stopped before its first result came back
            assert "resume" in err, err
    # the previous output is untouched and readable
    assert snapshot(out) == before
    assert len(pd.read_parquet(out / "articles.parquet")) == 4
    assert len(pd.read_csv(out / "articles.csv")) == 4
    stagings = list(tmp_path.glob(".out.partial-*"))
    assert len(stagings) == 1
    # resume: documents of the old output and of the killed run's parts are skipped
    s = runner.run([inputs], out, S)
    assert s.articles == 8 and not s.interrupted
    if workers == 1:
        assert s.skipped == 7  # 4 from the previous output + 3 finished before the kill
    else:
        assert 4 <= s.skipped <= 7
    assert not list(tmp_path.glob(".out.partial-*"))
    runner.run([inputs], tmp_path / "fresh", S)
    assert_same_tables(out, tmp_path / "fresh")


def test_interrupt_without_previous_output(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 0, 2)
    (inputs / "zz-block.txt").write_text(make_hostile._article(25)[0], encoding="utf-8")
    proc = _start(tmp_path, inputs, out, 1)
    try:
        assert proc.stdout.readline().strip() == "BLOCKED"
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "was not created" in err, err
    assert not out.exists()
