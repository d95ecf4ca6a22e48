"""The author's name in a byline line (pipeline/clean/bylines.py), on lines written for this project."""
from __future__ import annotations

import pytest

from pipeline.clean.bylines import name_in


@pytest.mark.parametrize("line, name", [
    ("Von Anna Muster | 12.03.2024", "Anna Muster"),
    ("Von: Karla Beispiel", "Karla Beispiel"),
    ("03.05.2022 par Jonas Feldmeier", "Jonas Feldmeier"),
    ("8. Mai 2021 von Greta in Reisen , Alltag", "Greta"),                       # one name after a cue
    ("17. Juni 2020 Tobias Lindqvist Schreibe einen Kommentar", "Tobias Lindqvist"),
    ("Tobias Lindqvist 09 PM | 3 Juni", "Tobias Lindqvist"),
    ("Mareike Sonnfeld , 03.11.2023 15:32 Uhr", "Mareike Sonnfeld"),
    ("Eine Reportage von Paul Ostermeier", "Paul Ostermeier"),
    ("Posted on 2. März 2018 Author Lena Brückner3 Kommentare", "Lena Brückner"),
    ("von Ole Hansmann Foto: © Bildagentur", "Ole Hansmann"),
    ("Von Clara von der Aue Kategorien: Politik", "Clara von der Aue"),
    ("By Anna Lena Kowalski 10. Februar 2019 in Mode", "Anna Lena Kowalski"),
    ("durch Mia Tran", "Mia Tran"),
    ("March 4, 2021 Jonas", "Jonas"),                                           # a given name alone
])
def test_name_in_byline(line, name):
    assert name_in(line) == name


@pytest.mark.parametrize("line", [
    "Aktuelle Nachrichten", "Mehr zum Thema", "Startseite | Kontakt", "Foto: dpa",
    "Bildquelle: Jonas Feldmeier",                  # a credit, not a byline
    "Gespeichert von admin am 7. Juli 2019 - 18:44",
    "Registrieren Login",
])
def test_no_name_in_furniture(line):
    assert name_in(line) == ""


def test_lone_cue_line_above():
    assert name_in("Lokalredaktion Talheim", prev="Von") == "Lokalredaktion Talheim"
    assert name_in("Lokalredaktion Talheim") == ""


def test_name_after_cue_needs_the_cue():
    from pipeline.clean.bylines import name_after_cue
    assert name_after_cue("Text und Fotos: von Jonas Feldmeier") == "Jonas Feldmeier"
    assert name_after_cue("Jonas Feldmeier") == ""
    assert name_after_cue("Der Antrag von Bauherren liegt vor") == ""
