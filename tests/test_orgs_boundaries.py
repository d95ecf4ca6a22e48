"""Where a name ends and which case it is in (invented sentences): a complement list stops before a person,
a topic name before a function word, an NER span with an object after a noun ran over; 'Deutsch…' is an
adjective of the name; '…bund' is a head noun; a head in a genitive complement keeps its case."""

from orgs_names import names, with_ner

run = with_ner


def test_complement_list_stops_before_a_person():
    assert names("Es sprachen das Bundesministerium für Bildung und Forschung und Institutsdirektorin Eva "
                 "Muster.") == ["Bundesministerium für Bildung und Forschung"]


def test_topic_name_stops_at_a_function_word():
    assert names("Das meldete die Stabsstelle Digitales Das Ergebnis ist gut.") == ["Stabsstelle Digitales"]


def test_ner_span_with_an_object_after_a_noun_ran_over():
    assert run("Nun prüft die Musterprüfstelle Nord den Bau genau.", ["Musterprüfstelle Nord den Bau"]) == []
    assert run("Der Verband für den Beispielsektor tagt.", ["Verband für den Beispielsektor"]) == \
        ["Verband für den Beispielsektor"]


def test_deutsch_adjective_takes_the_nominative():
    assert names("Laut der Deutschen Beispiel-Agentur steigt der Bedarf.") == ["Deutsche Beispiel-Agentur"]


def test_bund_compound_is_a_head():
    assert names("Der Chef des Deutschen Musterbundes sprach.") == ["Deutscher Musterbund"]
    assert names("Das Geld des Bundes fließt in die Länder.") == []


def test_head_in_a_genitive_complement_keeps_its_case():
    assert "Daten des Bund" not in run("Die Daten des Bundes liegen vor.", ["Daten des Bundes"])


def test_long_form_before_its_acronym_takes_the_nominative():
    assert names("Laut den Experten des Zentrums für digitale Musterkunde der deutschen Sprache (ZMS) steigt "
                 "der Bedarf.") == ["Zentrum für digitale Musterkunde der deutschen Sprache"]
