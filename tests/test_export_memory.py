"""The table writer keeps a part's rows in Arrow, not as Python dicts, and writes them unchanged."""
from __future__ import annotations

import pandas as pd

from pipeline import export


def _doc_rows(i: int) -> dict[str, list[dict]]:
    """Invented rows of one document: an article and 0-2 dates."""
    return {"articles": [{"doc_id": f"d{i}", "source_file": f"f{i}.txt", "text": f"Text {i}", "notes": [f"n{i}"]}],
            "dates": [{"doc_id": f"d{i}", "text": str(2000 + j), "date": f"{2000 + j}-01-01", "precision": "year",
                       "start": j, "end": j + 4} for j in range(i % 3)]}


def test_buffered_rows_become_arrow_chunks_and_are_written_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 3)
    monkeypatch.setattr(export, "PART_ROWS", 10)
    w = export.TableWriter(tmp_path / "out", ("parquet", "csv"))
    for i in range(40):
        w.add_all(_doc_rows(i))
        assert all(len(rows) < 3 for rows in w.buffers.values())        # never more than a chunk as dicts
        assert sum(len(c) for cs in w.chunks.values() for c in cs) + sum(map(len, w.buffers.values())) == w._rows
    rows = w.commit()
    arts = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    dates = pd.read_parquet(tmp_path / "out" / "dates.parquet")
    assert rows["articles"] == 40 and list(arts["doc_id"]) == [f"d{i}" for i in range(40)]
    assert [list(n) for n in arts["notes"]] == [[f"n{i}"] for i in range(40)]
    want = [(r["doc_id"], r["date"], r["start"]) for i in range(40) for r in _doc_rows(i)["dates"]]
    assert list(zip(dates["doc_id"], dates["date"], dates["start"])) == want
    assert len(pd.read_csv(tmp_path / "out" / "dates.csv")) == len(want)
