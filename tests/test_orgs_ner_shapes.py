"""NER ORG spans that name no organisation by their shape (pipeline/extract/orgs/ner.py), invented
sentences with hand-set entities: a descriptive adjective with an ordinary noun, a compound of a long
English common word, one short English word, a product noun with its product, a span cut before its noun."""
from orgs_names import with_ner

run = with_ner


def test_descriptive_adjective_with_ordinary_noun_is_no_name():
    assert run("Die Offene Beispielagenda des Kreises wird fortgeschrieben.", ["Offene Beispielagenda"]) == []
    assert run("Der Digitaler Bürgerservice startet im Mai.", ["Digitaler Bürgerservice"]) == []


def test_place_adjective_or_org_head_keeps_the_name():
    assert run("Das meldet die Rheinische Musterpost heute.", ["Rheinische Musterpost"]) == ["Rheinische Musterpost"]
    assert run("Die Digitale Muster Foundation hilft.", ["Digitale Muster Foundation"]) == ["Digitale Muster Foundation"]


def test_compound_of_a_long_english_word_is_a_field_of_work():
    assert run("Beim Zugangsmanagement hapert es.", ["Zugangsmanagement"]) == []


def test_short_english_word_alone_is_no_name():
    assert run("Mehr dazu im Newsletter Tech am Freitag.", ["Tech"]) == []


def test_product_noun_opens_a_product_name():
    assert run("Die Stadt nutzt die Software Beispielo seit Jahren.", ["Software Beispielo"]) == []


def test_span_cut_before_its_noun_is_no_name():
    assert run("Das Federal Musterling Technical System startet.", ["Federal Musterling Technical"]) == []
    assert run("Die Musterwerk Solutions Gruppe wächst.", ["Musterwerk Solutions"]) == ["Musterwerk Solutions"]


def test_plural_of_a_head_names_bodies_of_a_kind():
    assert run("Die Hessischen Kommunalen Spitzenverbände fordern Geld.",
               ["Hessischen Kommunalen Spitzenverbände"]) == []
    assert run("Die Beispielagenturen wachsen.", ["Beispielagenturen"]) == []


def test_compound_of_a_product_noun_before_its_acronym_is_a_system():
    assert run("Der Ausbau des Musterinformationssystems MUSIS läuft.", ["Musterinformationssystems MUSIS"]) == []


def test_thing_of_its_owner_is_no_body():
    assert run("Er steuert die IT des Bundes seit Mai.", ["IT des Bundes"]) == []
    assert run("Der Rat der Musterstädte tagt.", ["Rat der Musterstädte"]) == ["Rat der Musterstädte"]


def test_ordinary_noun_after_a_head_is_cut():
    assert run("Laut Europäische Musterkommission Atomkraft ist sicher.", ["Europäische Musterkommission Atomkraft"]) \
        == ["Europäische Musterkommission"]
    assert run("Die Abteilung Statistik und Wahlen im Rathaus hilft.", ["Abteilung Statistik und Wahlen"]) == \
        ["Abteilung Statistik und Wahlen"]


def test_capitalised_article_inside_a_span_is_a_crossed_break():
    assert run("Musterarena Das Große Finale beginnt.", ["Musterarena Das Große Finale"]) == []
