"""Span boundaries (pipeline/extract/orgs/quoted.py, taxonomy.py), invented sentences: a quoted name with
a dash description is one name; a catalogued two-word name written as one hyphen compound is found."""

from orgs_names import names, with_ner

run = with_ner


def test_quoted_name_with_dash_description_is_one_name():
    text = 'Neu im Verband sind "MDG Musterstadt - kommunales Rechenzentrum" in Musterstadt und die AKDB.'
    assert run(text, ["MDG Musterstadt"]) == ["MDG Musterstadt - kommunales Rechenzentrum", "AKDB"]


def test_dash_outside_quotes_or_a_long_clause_stays_out():
    assert run("Die MDG Musterstadt - so heißt sie - wächst.", ["MDG Musterstadt"]) == ["MDG Musterstadt"]
    text = '„MDG Musterstadt - das ist ein Rechenzentrum mit vielen neuen Kunden im ganzen Land“, sagt sie.'
    assert run(text, ["MDG Musterstadt"]) == ["MDG Musterstadt"]


def test_catalogued_name_written_as_hyphen_compound():
    assert names("Dieter Muster (regio-IT) sprach.") == ["regio-IT"]
    assert names("Der regio-IT-Chef sprach.") == []      # glued into a compound: no mention of its own
