"""The notebook runs top to bottom on a fresh run over the bundled samples."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]


def test_notebook_executes(tmp_path, monkeypatch):
    monkeypatch.setenv("EGOVNEWS_ROOT", str(ROOT))
    monkeypatch.setenv("EGOVNEWS_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("EGOVNEWS_FIGURES", str(tmp_path))
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert (tmp_path / "out" / "articles.parquet").exists()
    for fig in ("topics.png", "person_roles.png", "topics_by_month.png", "places_land.png"):
        assert (tmp_path / fig).stat().st_size > 5000, fig
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "article(s)," in text and "articles have a publication date" in text
