"""OZG services extractor and its data file (invented sentences)."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import services
from pipeline.extract.services import find_services, load_services
from pipeline.model import Article
from pipeline.settings import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]
THEMENFELDER = {"Arbeit & Ruhestand", "Bauen & Wohnen", "Bildung", "Ein- & Auswanderung",
                "Engagement & Hobby", "Familie & Kind", "Forschung & Förderung", "Gesundheit",
                "Mobilität & Reisen", "Querschnitt", "Recht & Ordnung", "Steuern & Zoll", "Umwelt",
                "Unternehmensführung & -entwicklung"}


def by_id(text):
    return {s.ozg_id: s for s in find_services(text)}


def test_data_file_is_well_formed():
    with (DATA_DIR / "ozg_services.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 300
    assert len({r["ozg_id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["ozg_id"].isdigit() and r["leistung"] and r["aliases"]
        assert r["themenfeld"] in THEMENFELDER


def test_elterngeld_online():
    got = by_id("Elterngeld online: Eltern können den Antrag auf Elterngeld jetzt digital stellen.")
    assert set(got) == {"10000"}
    s = got["10000"]
    assert s.leistung == "Elterngeld" and s.themenfeld == "Familie & Kind"
    assert s.mentions == 2 and s.evidence == ["Elterngeld"]


@pytest.mark.parametrize("text, ozg_id, surface", [
    ("Im Kreis gingen 300 Bauanträge digital ein.", "10519", "Bauanträge"),
    ("Die Baugenehmigung kommt nun per Post.", "10519", "Baugenehmigung"),
    ("Die Kfz-Zulassung ist jetzt rund um die Uhr möglich.", "10439", "Kfz-Zulassung"),
    ("Die Kraftfahrzeugzulassungsstelle bleibt geschlossen.", "10439", "Kraftfahrzeugzulassungsstelle"),
    ("Die Elterngeldstelle zieht um.", "10000", "Elterngeldstelle"),
    ("Wer ein Gewerbe anmelden will, braucht ein Nutzerkonto.", "10294", "Gewerbe anmelden"),
    ("Studierende beantragen BAföG künftig online.", "10056", "BAföG"),
    ("Das Wohngeld wurde erhöht.", "10092", "Wohngeld"),
    ("Die Grundsteuererklärung lässt sich über ELSTER abgeben.", "10117", "Grundsteuererklärung"),
])
def test_names_and_forms(text, ozg_id, surface):
    got = by_id(text)
    assert ozg_id in got
    assert surface in got[ozg_id].evidence
    start = text.index(surface)
    assert text[start:start + len(surface)] == surface


@pytest.mark.parametrize("text", [
    "Die Klage des Vereins wurde abgewiesen.",
    "Die Gewerbesteuereinnahmen der Stadt sind gestiegen.",
    "Die Wirtschaftsförderung lädt zum Unternehmerfrühstück.",
    "Der Kraftfahrzeugverkehr in der Innenstadt nimmt zu.",
    "Die Anmeldung zum Stadtlauf ist geöffnet.",
    "Der Zuschuss für das Vereinsheim wurde bewilligt.",
])
def test_generic_words_are_not_services(text):
    assert find_services(text) == []


def test_longer_alias_wins():
    got = by_id("Er bezog Arbeitslosengeld II, vorher Arbeitslosengeld.")
    assert got["10082"].evidence == ["Arbeitslosengeld II"]
    assert got["10073"].evidence == ["Arbeitslosengeld"]


def test_aliases_load():
    rows, aliases = load_services()
    assert rows and aliases
    assert all(a.ozg_id in rows for a in aliases)


def test_extract_on_article():
    art = Article(doc_id="a", source_file="a.txt", text="Den Reisepass gibt es bald digital beantragt.")
    assert [s.ozg_id for s in services.extract(art)] == ["10177"]


def test_build_script_reproduces_data_file(tmp_path):
    src = Path("/work/shared/data/egov")
    if not (src / "ozg_leistungen.csv").exists():
        pytest.skip("shared OZG data not available")
    out = tmp_path / "ozg_services.csv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_services.py"), str(src), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (DATA_DIR / "ozg_services.csv").read_text(encoding="utf-8")
