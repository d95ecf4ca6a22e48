"""The pattern table of the people extractor: every pattern's own example gives what it promises."""
from __future__ import annotations

import pytest

from pipeline.extract.people import patterns as pt
from test_people import article, rows

PATTERNS = pt.patterns()


def test_every_pattern_has_name_example_and_expectation():
    names = [p["name"] for p in PATTERNS]
    assert len(names) == len(set(names))
    for p in PATTERNS:
        assert p["example"] and p["doc"] and p["gives"] in ("role", "place") and p["tokens"]
        assert p["expect"]["person"] in p["example"]


@pytest.mark.parametrize("pat", PATTERNS, ids=[p["name"] for p in PATTERNS])
def test_pattern_example(pat):
    a = article(pat["example"], pat["names"], places=pat["places"])
    got = rows(a)
    person = pat["expect"]["person"]
    assert person in got, got
    if pat["gives"] == "place":
        assert pat["expect"]["place"] in {r.place for r in got[person]}
    else:
        assert pat["expect"]["role"] in {r.role for r in got[person]}, [r.role for r in got[person]]


@pytest.mark.parametrize("pat", PATTERNS, ids=[p["name"] for p in PATTERNS])
def test_pattern_matches_its_own_example(pat):
    """The pattern itself (not another construction) matches its example."""
    from pipeline.extract.people import collect
    from pipeline.extract.people.phrases import find_phrases
    a = article(pat["example"], pat["names"], places=pat["places"])
    ctx, persons, _ = collect(a)
    hits = [caps for p, caps in pt.find_matches(ctx, find_phrases(ctx)) if p is pat]
    assert hits, pat["name"]


def test_place_pattern_needs_the_bracket_closed():
    a = article("Referent Jan Probst (Nordheim und Umgebung) eröffnete die Sitzung.", ["Jan Probst"],
                places=["Nordheim"])
    assert {r.place for r in rows(a)["Jan Probst"]} == {""}


def test_quote_speaker_description_needs_agreeing_gender():
    """'der Amtsleiter' cannot refer back to a woman: no role for her."""
    a = article("„Wir sind fertig“, sagte Jana Kerner. „Das Amt arbeitet digital.“, ergänzt der Amtsleiter.",
                ["Jana Kerner"])
    assert {r.role for r in rows(a)["Jana Kerner"]} == {""}


def test_quote_speaker_description_refers_to_the_last_name():
    a = article("Tom Berger kam. „Wir sind fertig“, sagte Jan Probst. „Gut so.“, lacht der Amtsleiter.",
                ["Tom Berger", "Jan Probst"])
    got = rows(a)
    assert "Amtsleiter" in {r.role for r in got["Jan Probst"]}
    assert {r.role for r in got["Tom Berger"]} == {""}
