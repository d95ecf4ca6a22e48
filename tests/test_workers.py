"""The local multi-process path: same tables as one process, models loaded once per worker, bounded read-ahead."""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import nlp as nlp_stage
from pipeline import runner
from pipeline.api import load
from pipeline.errors import EgovError
from pipeline.model import Document
from pipeline.settings import DEFAULT
from pipeline.tables import REGISTRY_TABLES, TABLES

# Invented sentences; {ort}/{name}/{n} vary them into distinct documents.
TEMPLATE = """{ort} startet digitales Bürgerbüro

[{d}.{m}.2023] Die Stadt {ort} bietet seit dieser Woche {n} Verwaltungsleistungen online an.

Bürgermeisterin {name} sagte am Donnerstag: „Wir wollen, dass niemand mehr für einen Antrag ins Rathaus kommen muss."
Das Projekt wird vom Land mit {n}.000 Euro gefördert. Bis Ende 2025 sollen alle Leistungen des
Onlinezugangsgesetzes verfügbar sein.
"""
PLACES = ["Tübingen", "Erfurt", "Cottbus", "Minden", "Husum", "Passau", "Wetzlar", "Goslar", "Landshut", "Emden"]
NAMES = ["Petra Lindner", "Karin Vogt", "Julia Hartmann", "Sabine Roth", "Anja Keller"]


def make_corpus(root: Path, n: int = 12) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = TEMPLATE.format(ort=PLACES[i % len(PLACES)], name=NAMES[i % len(NAMES)], n=10 + i, d=1 + i % 28,
                               m=1 + i % 12)
        (root / f"meldung-{i:02d}.txt").write_text(text, encoding="utf-8")
    (root / "leer.txt").write_text("", encoding="utf-8")
    return root


def tables(out: Path) -> dict[str, pd.DataFrame]:
    t = load(out)
    assert set(t) == {*TABLES, *REGISTRY_TABLES}
    return t


def test_two_workers_write_the_tables_of_one_row_for_row(tmp_path):
    corpus = make_corpus(tmp_path / "raw")
    s1 = runner.run([corpus], tmp_path / "one", DEFAULT.with_(workers=1))
    s2 = runner.run([corpus], tmp_path / "two", DEFAULT.with_(workers=2))
    one, two = tables(tmp_path / "one"), tables(tmp_path / "two")
    for t in TABLES:
        pd.testing.assert_frame_equal(one[t].reset_index(drop=True), two[t].reset_index(drop=True), obj=t)
    assert list(two["articles"].source_file) == [f"meldung-{i:02d}.txt" for i in range(12)]  # input order
    for f in ("documents", "articles", "errors", "words", "error_kinds"):
        assert getattr(s1, f) == getattr(s2, f), f


@pytest.mark.skipif(multiprocessing.get_start_method(allow_none=False) != "fork",
                    reason="counts loads through a patched function that forked workers inherit")
def test_each_worker_loads_the_pipeline_once(tmp_path, monkeypatch):
    log = tmp_path / "loads.txt"
    real = nlp_stage.load_nlp

    def counting(model=None):
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(model)

    monkeypatch.setattr(nlp_stage, "load_nlp", counting)
    corpus = make_corpus(tmp_path / "raw", n=16)
    s = runner.run([corpus], tmp_path / "out", DEFAULT.with_(workers=2))
    assert s.articles == 16
    pids = [p for p in log.read_text().split() if int(p) != os.getpid()]
    assert 1 <= len(set(pids)) <= 2            # the worker processes
    assert len(pids) == len(set(pids))         # each loaded the pipeline exactly once


def test_the_stream_reads_ahead_a_bounded_window(tmp_path):
    pulled = []

    def docs():
        for i in range(200):
            pulled.append(i)
            yield Document(f"d{i}.txt", TEMPLATE.format(ort=PLACES[i % 10], name=NAMES[i % 5], n=i, d=1, m=1))

    stream = runner._process_stream(docs(), DEFAULT.with_(workers=2), None)
    first = next(stream)
    assert not isinstance(first, EgovError) and first.source_file == "d0.txt"
    assert len(pulled) < 200  # it did not read the whole input before the first result
    rest = list(stream)
    assert [a.source_file for a in [first, *rest]] == [f"d{i}.txt" for i in range(200)]
