"""The NER rule layer on invented German sentences (no shared data, no trained model needed)."""
from __future__ import annotations

import pytest

from pipeline.nlp import load_nlp


@pytest.fixture(scope="module")
def rules_nlp():
    return load_nlp("egovnews-rules")[0]


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_full_names_with_middle_names_initials_and_titles(rules_nlp):
    text = ("Landrat Dr. Klaus D. Grotemann begrüßte Jan Erik Bohlmeyer und Klaus Peter Sölling. "
            "Auch Prof. Anna Kessler-Brandt war da.")
    found = ents(rules_nlp, text)
    assert ("Klaus D. Grotemann", "PER") in found
    assert ("Jan Erik Bohlmeyer", "PER") in found
    assert ("Klaus Peter Sölling", "PER") in found
    assert ("Anna Kessler-Brandt", "PER") in found
    assert not any(t.startswith(("Dr.", "Prof.", "Landrat")) for t, _ in found)


def test_last_given_name_as_surname_and_particles(rules_nlp):
    found = ents(rules_nlp, "Das sagte Thomas Walter am Montag. Später sprach Ursula von der Heyde.")
    assert ("Thomas Walter", "PER") in found
    assert ("Ursula von der Heyde", "PER") in found


def test_surname_mentions_are_propagated(rules_nlp):
    doc = rules_nlp("Der Vorsitzende, Lutz Gebhardt, ist frustriert. Gebhardt fordert klare Fristen, sagt Gebhardt.")
    pers = [e.text for e in doc.ents if e.label_ == "PER"]
    assert pers.count("Gebhardt") == 2 and "Lutz Gebhardt" in pers


def test_role_word_and_speaker_context(rules_nlp):
    found = ents(rules_nlp, "Bürgermeisterin Hollmann eröffnete die Sitzung. „Wir sind bereit“, sagte Brakelmann.")
    assert ("Hollmann", "PER") in found
    assert ("Brakelmann", "PER") in found


def test_street_and_saint_are_not_people(rules_nlp):
    found = ents(rules_nlp, "Das Amt zieht in die Paul Ehrlich Straße. In St. Martin Kirchheim wurde gefeiert.")
    assert not any(lb == "PER" for _, lb in found)


def test_months_are_not_given_names(rules_nlp):
    found = ents(rules_nlp, "Im Mai Bürgerversammlung, im August Kreistag.")
    assert not any(lb == "PER" for _, lb in found)


def test_public_sector_organisations(rules_nlp):
    text = ("Das Niedersächsische Ministerium für Inneres und Sport und das Landratsamt Gifhorn arbeiten mit der "
            "Musterdaten GmbH & Co. KG, dem Förderverein Digitales Dorf e.V. und dem Bundesamt für Sicherheit "
            "in der Informationstechnik zusammen.")
    found = ents(rules_nlp, text)
    assert ("Niedersächsische Ministerium für Inneres und Sport", "ORG") in found
    assert ("Landratsamt Gifhorn", "ORG") in found
    assert ("Musterdaten GmbH & Co. KG", "ORG") in found
    assert ("Förderverein Digitales Dorf e.V.", "ORG") in found
    assert ("Bundesamt für Sicherheit in der Informationstechnik", "ORG") in found


def test_acronym_defined_in_text(rules_nlp):
    doc = rules_nlp("Der Zweckverband Digitale Kommunen (ZDK) lädt ein. Der ZDK betreibt ein Rechenzentrum.")
    found = [(e.text, e.label_) for e in doc.ents]
    assert ("Zweckverband Digitale Kommunen", "ORG") in found
    assert found.count(("ZDK", "ORG")) == 2


def test_person_in_parentheses_party_is_not_a_person(rules_nlp):
    found = ents(rules_nlp, "Emma Brandtner (CSU) widersprach.")
    assert ("Emma Brandtner", "PER") in found
    assert ("CSU", "PER") not in found


def test_places_from_gazetteer(rules_nlp):
    found = ents(rules_nlp, "Die Kreise zwischen Braunschweig und Niedersachsens Hauptstadt Hannover kooperieren mit Frankreich.")
    for name in ("Braunschweig", "Niedersachsens", "Hannover", "Frankreich"):
        assert (name, "LOC") in found


def test_locative_is_not_part_of_organisation(rules_nlp):
    found = ents(rules_nlp, "Das Verkehrsministerium in Potsdam lehnte ab.")
    assert ("Verkehrsministerium", "ORG") in found
    assert ("Potsdam", "LOC") in found


def test_offsets_point_into_text_and_rule_ids(rules_nlp):
    text = "Am Dienstag besuchte Staatssekretärin Maria Lindqvist das Landratsamt Celle."
    doc = rules_nlp(text)
    assert doc.ents
    for e in doc.ents:
        assert text[e.start_char:e.end_char] == e.text
        assert e.ent_id_.startswith("rule:")


def test_layers_can_be_switched_off():
    import spacy

    import pipeline.ner  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("egov_ner_rules", config={"layers": ["org"]})
    found = [(e.text, e.label_) for e in nlp("Thomas Walter besuchte das Landratsamt Gifhorn.").ents]
    assert found == [("Landratsamt Gifhorn", "ORG")]


def test_empty_and_odd_input(rules_nlp):
    assert list(rules_nlp("").ents) == []
    rules_nlp("( ) ( X ) GmbH e.V. von der")  # no crash on fragments


def test_acronym_of_a_law_is_no_entity():
    nlp = load_nlp("egovnews")[0]           # shipped model + rules: the rule removes what the model says
    doc = nlp("Das Onlinezugangsgesetz (OZG) verpflichtet Bund und Länder. Das OZG gilt seit 2017.")
    assert not any(e.text == "OZG" for e in doc.ents)


def test_office_word_with_small_town_short_form(rules_nlp):
    found = ents(rules_nlp, "Das Landratsamt Dillingen und die Stadtverwaltung Celle kooperieren.")
    assert ("Landratsamt Dillingen", "ORG") in found
    assert ("Stadtverwaltung Celle", "ORG") in found


def test_model_pipeline_offsets_and_labels():
    nlp = load_nlp("egovnews")[0]
    text = ("Wolfsburgs Erster Stadtrat Dennis Weilbrecht und Landrätin Sabine Kessler-Brandt stellten "
            "in Gifhorn das Portal der Musterdaten GmbH vor. Weilbrecht sagte, es gehe voran.")
    doc = nlp(text)
    assert all(e.label_ in ("PER", "LOC", "ORG", "MISC") for e in doc.ents)
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)
    pers = {e.text for e in doc.ents if e.label_ == "PER"}
    assert {"Dennis Weilbrecht", "Sabine Kessler-Brandt", "Weilbrecht"} <= pers
    assert all(t.tag_ == "" for t in doc)    # gazetteer feature strings are cleared after the NER


def test_cluster_features_are_written_and_cleared():
    import spacy

    from pipeline.ner.features import clear_tags

    nlp = spacy.blank("de")
    nlp.add_pipe("egov_gazetteer_features", config={"clusters": True})
    doc = nlp("Die Bürgermeisterin besuchte Göteborg und Qwzxvb.")
    morph = [str(t.morph) for t in doc]
    assert all(m.startswith("Cl=") for m in morph)
    assert morph[3] != "Cl=x" and morph[5] == "Cl=x"       # a known town, an invented word
    # words the clusters put together share a cluster: two towns, not a town and a verb
    other = nlp("Die Bürgermeisterin besuchte Malmö.")
    assert str(other[3].morph) == morph[3] != morph[2]
    clear_tags(doc)
    assert all(str(t.morph) == "" and t.tag_ == "" for t in doc)


def test_streets_and_numbered_roads(rules_nlp):
    found = ents(rules_nlp, "Das Bürgeramt in der Bayreuther Straße 12 und das Amt am Lindenweg 4 sind über "
                            "die A 45 und die Autobahn 7 erreichbar, das Rathaus liegt am Konrad-Adenauer-Platz.")
    for name in ("Bayreuther Straße", "Lindenweg", "A 45", "Autobahn 7", "Konrad-Adenauer-Platz"):
        assert (name, "LOC") in found, (name, found)
    assert not any("Bürgeramt in der" in t for t, _ in found)       # the street ends the office's name
    none = ents(rules_nlp, "Der Rechtsweg ist offen. Der Weg ist weit, am Arbeitsplatz und in der Einbahnstraße. "
                           "Die Verwaltung setzt auf Plan B 2.")
    assert not [t for t, lb in none if lb == "LOC"], none


def test_world_place_and_name_features():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("egov_gazetteer_features", config={"world_places": True, "world_names": True})
    doc = nlp("Ruane zog von Lichtenrade über Rio de Janeiro nach Ottensens Mitte und traf Fitzpatrick.")
    tags = {t.text: t.tag_.split("_") for t in doc}
    assert "WB" in tags["Lichtenrade"] and "WB" in tags["Ottensens"]     # a town district; its genitive
    assert "WB" in tags["Rio"] and "WI" in tags["de"] and "WI" in tags["Janeiro"]
    assert "W" not in "".join(tags["Mitte"]) and "W" not in "".join(tags["zog"])   # ordinary words stay unmarked
    assert "S" in tags["Ruane"] and "S" in tags["Fitzpatrick"] and tags["traf"] == ["-"]
    off = spacy.blank("de")
    off.add_pipe("egov_gazetteer_features")                  # default: models trained without them
    assert all("W" not in t.tag_ and "S" not in t.tag_ for t in off("Ruane zog nach Lichtenrade."))


def test_function_designations_are_not_organisation_names(rules_nlp):
    found = ents(rules_nlp, "Die Bundesregierung und der Landtag beraten mit dem Bundesamt für Sicherheit in der "
                            "Informationstechnik.")
    assert ("Bundesamt für Sicherheit in der Informationstechnik", "ORG") in found
    assert not any(t in ("Bundesregierung", "Landtag") for t, _ in found)


def test_model_org_naming_a_law_or_product_is_dropped(rules_nlp):
    from spacy.tokens import Span

    text = "Nach der Musterländischen Bauordnung prüft die Musterwerk Solutions das Bürgerkonto."
    doc = rules_nlp.make_doc(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index("Musterländischen"), words.index("Bauordnung") + 1, label="ORG"),
                Span(doc, words.index("Musterwerk"), words.index("Solutions") + 1, label="ORG"),
                Span(doc, words.index("Bürgerkonto"), words.index("Bürgerkonto") + 1, label="ORG")]
    for name, proc in rules_nlp.pipeline:
        if name == "egov_ner_rules":
            doc = proc(doc)
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Musterwerk Solutions", "ORG") in found
    assert not any(t in ("Musterländischen Bauordnung", "Bürgerkonto") for t, _ in found)


def test_organisation_complement_keeps_adjective_and_noun(rules_nlp):
    found = ents(rules_nlp, "Kristina Sinemus vom Hessischen Ministerium für Digitale Strategie und Entwicklung "
                            "und das Amt für Digitales Stefan Müllers waren da.")
    assert ("Hessischen Ministerium für Digitale Strategie und Entwicklung", "ORG") in found
    assert ("Amt für Digitales", "ORG") in found
