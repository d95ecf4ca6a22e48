"""The Dask engine gives the tables of a local run (a LocalCluster on loopback, 2 workers)."""
from __future__ import annotations

import gzip
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from pipeline.api import load  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.engines.dask import _call_with_timeout, _Timeout, partition, run_dask, task_sizes  # noqa: E402
from pipeline.errors import EmptyInput  # noqa: E402
from pipeline.model import Document  # noqa: E402
from pipeline.runner import run  # noqa: E402
from pipeline.settings import DEFAULT  # noqa: E402
from pipeline.tables import REGISTRY_TABLES, TABLES  # noqa: E402

LOOPBACK = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}  # no dashboard, health checks on loopback
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

# Invented articles (no corpus text).
ARTICLES = {
    "kreis-goerlitz-wohngeld.txt": """Sachsen:
Wohngeld jetzt online im Landkreis Görlitz

[14.2.2024] Der Landkreis Görlitz nimmt Anträge auf Wohngeld ab sofort über das Portal Amt24 entgegen.

Landrätin Sabine Hartwig sagte am Mittwoch in Görlitz, die Wohngeldstelle habe zuletzt mehr als 6.000 Anträge im Jahr bearbeitet. „Mit dem Onlineantrag sparen die Menschen den Weg ins Landratsamt", sagte Hartwig. Die Sächsische Anstalt für kommunale Datenverarbeitung (SAKD) begleitet die Einführung.

Bis Ende 2024 sollen auch Elterngeld und BAföG digital beantragt werden können.
""",
    "stadt-kiel-termine.txt": """Kiel führt digitale Terminvergabe ein

Kiel, 03.07.2023. Die Landeshauptstadt Kiel vergibt Termine im Bürgeramt künftig nur noch online oder telefonisch. Stadtrat Jonas Petersen erklärte, die Wartezeiten seien seit Mai 2023 um ein Drittel gesunken.

Das Verfahren stammt vom IT-Dienstleister Dataport, der auch für Hamburg und Bremen arbeitet.
""",
    "sub/rhein-sieg-ki.txt": """Rhein-Sieg-Kreis testet KI-Assistenten

Der Rhein-Sieg-Kreis erprobt seit dem 1. September 2023 einen Chatbot auf seiner Internetseite. Kreisdirektorin Elke Brandt sagte in Siegburg: „Der Assistent beantwortet Fragen rund um die Uhr."

Der Test läuft zunächst bis März 2024. Danach entscheidet der Kreistag über den Regelbetrieb.
""",
    "sub/deep/landau-ratsinfo.txt": """Rheinland-Pfalz:
Landau veröffentlicht Ratsinformationen digital

[8.11.2022] Die Stadt Landau in der Pfalz stellt alle Sitzungsunterlagen des Stadtrats in ein neues Ratsinformationssystem.

Oberbürgermeister Dominik Geißler sprach von einem „Schritt zu mehr Transparenz". Seit Oktober 2022 arbeiten die Fraktionen papierlos.
""",
}
DUPLICATE = ("copy-of-kiel.txt", "stadt-kiel-termine.txt")
JSONL = [
    {"title": "Ulm startet Open-Data-Portal", "published": "2023-05-02",
     "text": "Die Stadt Ulm hat am Dienstag ein Open-Data-Portal freigeschaltet. Bürgermeister Tim Vogler sagte, "
             "bis Ende 2023 sollen 100 Datensätze verfügbar sein.\n\nDie Daten stehen unter einer freien Lizenz."},
    {"title": "Leer", "text": ""},
    {"title": "Fulda digitalisiert Bauanträge",
     "text": "Der Landkreis Fulda nimmt Bauanträge seit dem 1. Juni 2023 digital an. Landrat Bernd Woide "
             "(CDU) sprach von einem wichtigen Schritt für das Onlinezugangsgesetz."},
]


def make_corpus(root: Path) -> Path:
    for name, text in ARTICLES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / DUPLICATE[0]).write_text(ARTICLES[DUPLICATE[1]], encoding="utf-8")
    lines = [json.dumps(r, ensure_ascii=False) for r in JSONL] + ["{not json"]
    (root / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "meldung.txt.gz").write_bytes(gzip.compress(ARTICLES["stadt-kiel-termine.txt"].replace(
        "Kiel", "Lübeck").encode("cp1252")))
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def _hashable(v):
    if isinstance(v, (list, tuple, np.ndarray)):
        return tuple(_hashable(x) for x in v)
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    return v


def canonical(df: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by every column, list cells as tuples: equal tables compare equal."""
    df = df.map(_hashable) if hasattr(df, "map") else df.applymap(_hashable)
    if len(df):
        df = df.sort_values(list(df.columns), key=lambda s: s.astype(str), kind="stable")
    return df.reset_index(drop=True)


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = load(a), load(b)
    assert set(ta) == set(tb) == {*TABLES, *REGISTRY_TABLES}
    for t in TABLES:
        pd.testing.assert_frame_equal(canonical(ta[t]), canonical(tb[t]), obj=t)
        # CSV too: one table each, same rows
        ca = pd.read_csv(a / f"{t}.csv", dtype=str, keep_default_na=False)
        cb = pd.read_csv(b / f"{t}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(canonical(ca), canonical(cb), obj=f"{t}.csv")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR, scheduler_kwargs=LOOPBACK) as c:
        yield c


def local_run(inputs, out):
    return run(inputs, out, DEFAULT.with_(workers=1))


def test_cli_dask_engine_equals_local_run(tmp_path):
    corpus = make_corpus(tmp_path / "raw")
    local_run([corpus], tmp_path / "local")
    res = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask",
                                    "--workers", "2", "--quiet"], catch_exceptions=False)
    assert res.exit_code == 1, res.output  # the empty inputs are recorded as errors
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    arts_l = load(tmp_path / "local")["articles"]
    arts_d = load(tmp_path / "dask")["articles"]
    assert list(arts_d.source_file) == list(arts_l.source_file)  # input order, row for row
    assert len(arts_d) == 7 and "stadt-kiel-termine.txt" not in set(arts_d.source_file)  # sorted: the copy came first


def test_scheduler_address_small_tasks_and_summary(tmp_path, cluster):
    corpus = make_corpus(tmp_path / "raw")
    s_local = local_run([corpus], tmp_path / "local")
    errors, seen = [], []
    settings = DEFAULT.with_(engine="dask", scheduler=cluster.scheduler_address, batch_size=2)
    s_dask = run([corpus], tmp_path / "dask", settings, progress=lambda s: seen.append(s.documents),
                 on_error=errors.append)
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    for f in ("documents", "articles", "errors", "duplicates", "words", "error_kinds"):
        assert getattr(s_dask, f) == getattr(s_local, f), f
    assert seen == list(range(1, s_dask.documents + 1))
    assert sorted(e.source_file for e in errors) == ["empty.txt", "export.jsonl#2", "export.jsonl#4"]
    assert any(isinstance(e, EmptyInput) for e in errors)
    # the client keeps its cluster: an external scheduler is not shut down by a run
    with distributed.Client(cluster.scheduler_address) as c:
        assert len(c.run(lambda: 1)) == 2


def test_no_templates_and_csv_only(tmp_path, cluster):
    corpus = make_corpus(tmp_path / "raw")
    s = DEFAULT.with_(formats=("csv",), corpus_templates=False)
    run([corpus], tmp_path / "local", s.with_(workers=1))
    run_dask([corpus], tmp_path / "dask", s.with_(engine="dask", scheduler=cluster.scheduler_address))
    assert not [p for p in (tmp_path / "dask").glob("*.parquet") if not p.name.startswith("_")]  # tables: CSV only
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_partition_keeps_order_and_limits():
    docs = [Document(f"d{i}.txt", "x" * (10 if i != 3 else 100)) for i in range(7)]
    items = docs[:2] + [EmptyInput("e", source_file="e.txt")] + docs[2:]
    parts = list(partition(items, iter([3, 3, 3, 3]), task_bytes=50))
    assert [x for p in parts for x in p] == items
    assert all(sum(isinstance(x, Document) for x in p) <= 3 for p in parts)
    assert [len(p) for p in parts] == [4, 1, 3]  # the 100-byte document fills a slice alone
    sizes = task_sizes(threads=2, cap=8)
    assert [next(sizes) for _ in range(10)] == [1, 1, 2, 2, 4, 4, 8, 8, 8, 8]


def test_timeout_interrupts_a_runaway_document():
    def spin():
        t0 = time.monotonic()
        while time.monotonic() - t0 < 30:  # bounded, so a broken timer fails instead of hanging
            pass
        return "not interrupted"

    with pytest.raises(_Timeout):
        _call_with_timeout(spin, 0.05)
    assert _call_with_timeout(lambda: 42, 5) == 42


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not present")
def test_dev_corpus_equal(tmp_path, cluster):
    local_run([DEV], tmp_path / "local")
    run([DEV], tmp_path / "dask", DEFAULT.with_(engine="dask", scheduler=cluster.scheduler_address))
    assert_same_tables(tmp_path / "local", tmp_path / "dask")
    assert len(load(tmp_path / "dask")["sources"]) == len(list(DEV.glob("*.txt")))  # every input accounted for


def test_incremental_rerun_processes_only_new_documents(tmp_path, cluster):
    corpus = make_corpus(tmp_path / "raw")
    settings = DEFAULT.with_(engine="dask", scheduler=cluster.scheduler_address)
    first = run([corpus], tmp_path / "dask", settings)
    assert first.skipped == 0 and first.articles == 7
    (corpus / "neu-bad-kreuznach.txt").write_text(
        "Bad Kreuznach digitalisiert das Fundbüro\n\nDie Stadt Bad Kreuznach meldet Fundsachen seit dem "
        "2. Januar 2024 online. Bürgermeister Thomas Weber sagte, das spare viele Anrufe.\n", encoding="utf-8")
    (corpus / "sub" / "rhein-sieg-ki.txt").write_text(ARTICLES["sub/rhein-sieg-ki.txt"].replace("März", "April"),
                                                      encoding="utf-8")
    again = run([corpus], tmp_path / "dask", settings)
    assert again.articles == 8 and again.skipped == 6  # one new, one changed: processed; the rest carried
    local_run([corpus], tmp_path / "local")
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


class _StuckInC(distributed.WorkerPlugin):
    """On every (re)started worker: documents named 'haengt' get stuck in C code; a 1 s grace."""

    name = "test-stuck-in-c"

    def setup(self, worker):
        import re

        from pipeline import runner as worker_runner
        from pipeline.engines import dask as engine

        real = worker_runner.clean

        def clean(doc, settings=None, templates=None):
            if "haengt" in doc.source_file:
                re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking in C: no signal handler gets in
            return real(doc, settings, templates)

        worker_runner.clean = clean
        engine.HARD_GRACE = 1.0


def test_a_document_stuck_in_c_code_costs_only_itself(tmp_path, monkeypatch):
    import cloudpickle

    from pipeline.engines import dask as engine

    # isolated documents run one at a time, so the only one that can fail alone is the culprit: one try is
    # enough here and saves a worker restart
    monkeypatch.setattr(engine, "ISOLATED_ATTEMPTS", 1)

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    corpus = make_corpus(tmp_path / "raw")
    (corpus / "sub" / "haengt.txt").write_text(ARTICLES["kreis-goerlitz-wohngeld.txt"].replace("Görlitz", "Zittau"),
                                               encoding="utf-8")
    sched = {**LOOPBACK, "allowed_failures": 0}  # as the engine's own LocalCluster
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                  silence_logs=logging.CRITICAL, scheduler_kwargs=sched) as c, \
            distributed.Client(c) as client:
        client.register_plugin(_StuckInC())
        s = run([corpus], tmp_path / "dask", DEFAULT.with_(engine="dask", scheduler=c.scheduler_address,
                                                           doc_timeout=1))
    errors = load(tmp_path / "dask")["errors"]
    stuck = errors[errors.source_file == "sub/haengt.txt"]
    assert len(stuck) == 1 and "worker process ended" in stuck.error.iloc[0]
    assert s.articles == 7  # every other document of the batch came through
    (corpus / "sub" / "haengt.txt").unlink()
    local_run([corpus], tmp_path / "local")
    ta, tb = load(tmp_path / "local"), load(tmp_path / "dask")
    pd.testing.assert_frame_equal(canonical(ta["articles"]), canonical(tb["articles"]))
