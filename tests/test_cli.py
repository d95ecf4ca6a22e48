"""The CLI end to end over a temp folder: tables, errors, exit codes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.tables import TABLES

CONTRACT = {
    "articles": ["doc_id", "source_file", "publisher", "url", "kicker", "title", "published", "author", "lead",
                 "text", "keywords", "image_credit", "links"],
    "people": ["doc_id", "name", "role", "role_canonical", "place", "organization", "start", "end"],
    "places": ["doc_id", "name", "kind", "ags", "state", "lat", "lon", "mentions"],
    "organizations": ["doc_id", "name", "canonical", "mentions"],
    "topics": ["doc_id", "topic", "label", "mentions", "evidence"],
    "dates": ["doc_id", "text", "date", "precision", "start", "end"],
    "errors": ["source_file", "stage", "error"],
    "boilerplate": ["doc_id", "text", "reason"],
    "quotes": ["doc_id", "speaker", "text", "start", "end"],
}


def run_cli(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_run_writes_every_contract_table_in_both_formats(raw_dir, tmp_path):
    out = tmp_path / "out"
    res = run_cli(["run", str(raw_dir), "--out", str(out), "--workers", "1", "--quiet"])
    assert res.exit_code == 1, res.output  # the empty file is an input that failed
    for table, cols in CONTRACT.items():
        pq = pd.read_parquet(out / f"{table}.parquet")
        csv = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert list(pq.columns)[: len(cols)] == cols == list(csv.columns)[: len(cols)]
        assert len(pq) == len(csv)
    arts = pd.read_parquet(out / "articles.parquet")
    errs = pd.read_parquet(out / "errors.parquet")
    # every input file is accounted for: 2 articles + 1 error
    assert sorted(arts.source_file) == ["passau portal.txt", "sub/harburg-kfz.txt"]
    assert list(errs.source_file) == ["empty.txt"]
    assert errs.error[0] and "empty" in errs.error[0]
    # the cp1252 file was decoded right
    harburg = arts[arts.source_file == "sub/harburg-kfz.txt"].iloc[0]
    assert "Kfz-Zulassung" in harburg.text and "Ã" not in harburg.text


def test_offsets_point_into_article_text(raw_dir, tmp_path):
    out = tmp_path / "out"
    run_cli(["run", str(raw_dir), "--out", str(out), "--workers", "1", "--quiet"])
    arts = pd.read_parquet(out / "articles.parquet").set_index("doc_id")
    for table, col in (("people", None), ("dates", "text"), ("quotes", "text")):
        df = pd.read_parquet(out / f"{table}.parquet")
        for r in df.itertuples():
            text = arts.loc[r.doc_id, "text"]
            assert 0 <= r.start < r.end <= len(text)
            if col:
                assert text[r.start:r.end] == getattr(r, col)


def test_exit_zero_when_all_inputs_succeed(raw_dir, tmp_path):
    (raw_dir / "empty.txt").unlink()
    res = run_cli(["run", str(raw_dir), "--out", str(tmp_path / "o"), "--workers", "1", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o" / "articles.csv").exists()
    assert not (tmp_path / "o" / "articles.parquet").exists()
    assert "2 articles" in res.output


def test_usage_errors_exit_2(tmp_path):
    assert run_cli(["run", str(tmp_path / "nope")]).exit_code == 2
    assert run_cli(["run", str(tmp_path), "--format", "xlsx"]).exit_code == 2
    assert run_cli(["frobnicate"]).exit_code == 2


def test_no_traceback_on_console_for_bad_input(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    (d / "bin.txt").write_bytes(bytes(range(256)) * 40)
    (d / "ok.txt").write_text("Die Stadt Köln digitalisiert ihre Verwaltung. " * 5, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(d), "--out", str(tmp_path / "o"),
                           "--workers", "1"], capture_output=True, text=True)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode in (0, 1)
    arts = pd.read_parquet(tmp_path / "o" / "articles.parquet")
    errs = pd.read_parquet(tmp_path / "o" / "errors.parquet")
    assert set(arts.source_file) | set(errs.source_file) == {"bin.txt", "ok.txt"}


def test_tables_schema_matches_writer():
    for t, cols in CONTRACT.items():
        assert TABLES[t][: len(cols)] == cols


REGISTRY_CONTRACT = {
    "persons": ["person_id", "name", "variants", "n_articles", "first_seen", "last_seen"],
    "person_roles": ["person_id", "role_canonical", "role", "place", "place_ags", "organization", "first_seen",
                     "last_seen", "n_articles", "doc_ids"],
    "organization_registry": ["org_id", "canonical", "variants", "n_articles", "first_seen", "last_seen"],
}


def test_run_writes_the_registry_and_links_people_and_organisations(raw_dir, tmp_path):
    out = tmp_path / "out"
    run_cli(["run", str(raw_dir), "--out", str(out), "--workers", "1", "--quiet"])
    for table, cols in REGISTRY_CONTRACT.items():
        pq = pd.read_parquet(out / f"{table}.parquet")
        csv = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert set(cols) <= set(pq.columns) and list(pq.columns) == list(csv.columns)
        assert len(pq) == len(csv) > 0, table
    people, persons = pd.read_parquet(out / "people.parquet"), pd.read_parquet(out / "persons.parquet")
    assert people.person_id.notna().all() and set(people.person_id) == set(persons.person_id)
    orgs, registry = pd.read_parquet(out / "organizations.parquet"), pd.read_parquet(out / "organization_registry.parquet")
    assert orgs.org_id.notna().all() and set(orgs.org_id) == set(registry.org_id)
    kessler = persons[persons.name == "Martin Kessler"].iloc[0]
    assert (kessler.n_articles, kessler.first_seen) == (1, "2022-05-03")


def test_help_documents_report_and_csv_raw():
    assert "--csv-raw" in run_cli(["run", "--help"]).output
    res = run_cli(["report", "--help"])
    assert res.exit_code == 0 and "--html" in res.output and "self-contained" in res.output
