"""Homonym choice and city-states in the places extractor (invented sentences, shipped data only)."""
import spacy

from pipeline.extract import places
from pipeline.model import Article


def run(text):
    a = Article(doc_id="t", source_file="t.txt", text=text, doc=spacy.blank("de")(text))
    return {p.name: p for p in places.extract(a)}


def test_one_town_of_another_land_does_not_outweigh_a_much_larger_namesake():
    # Bergheim: ~60,000 inhabitants in NRW, ~2,000 in Bavaria; Erlangen is a Bavarian town
    got = run("Die Stadt Bergheim startet ein Bürgerportal. Entwickelt hat es eine Firma aus Erlangen.")
    assert got["Bergheim"].state == "Nordrhein-Westfalen"


def test_two_towns_of_the_other_land_do():
    got = run("Die Gemeinde Bergheim startet ein Bürgerportal. Beraten haben Fachleute aus Erlangen "
              "und Ingolstadt.")
    assert got["Bergheim"].state == "Bayern"


def test_city_state_is_the_city_by_default_and_in_lists():
    got = run("In Hamburg öffnet ein Bürgeramt. Die Länder Bayern, Hamburg und Hessen arbeiten zusammen.")
    assert (got["Hamburg"].kind, got["Hamburg"].ags) == ("municipality", "02000000")


def test_city_state_named_as_land_is_the_land_in_every_mention():
    got = run("Das Land Berlin beschließt ein Digitalgesetz. Berlin will damit schneller werden.")
    assert (got["Berlin"].kind, got["Berlin"].ags, got["Berlin"].mentions) == ("state", "11", 2)
    assert [p.name for p in got.values()].count("Berlin") == 1


def test_english_name_ending_in_a_town_word_is_no_place():
    got = run("Die Region will das deutsche Silicon Valley werden, sagt man in Freising.")
    assert "Valley" not in got and "Freising" in got


def test_town_after_a_german_word_stays_a_place():
    got = run("Die Firma zieht nach Valley um. Das Rathaus Valley freut sich.")
    assert "Valley" in got


def test_district_list_item_with_written_out_qualifier_is_the_district():
    got = run("Beteiligt sind die Landkreise Rosenheim, Dillingen an der Donau und Traunstein.")
    assert got["Landkreis Dillingen a.d.Donau"].kind == "district"
    assert "Dillingen a.d.Donau" not in got


def test_district_named_with_an_adjective_in_other_cases():
    got = run("Kunden kommen aus dem Märkischen Kreis und aus dem Oberbergischen-Kreis.")
    assert {"Märkischer Kreis", "Oberbergischer Kreis"} <= set(got)


def test_land_glued_before_a_role_word_is_a_place_other_compounds_are_not():
    got = run("Das bestätigte der Thüringen-CIO am Montag. Die Bayern-App bleibt. Der Bundes-CIO schwieg.")
    assert got["Thüringen"].mentions == 1
    assert "Bayern" not in got and "Bunde" not in got
