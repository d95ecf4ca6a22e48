"""Where a name with a legal form begins and ends (pipeline/extract/orgs/legal.py), invented sentences:
a body noun with its 'für' complement opens the name, a legal form written after a name belongs to it."""
from pipeline.extract.orgs import extract
from pipeline.model import Article
from orgs_names import names


def test_body_noun_with_fuer_complement_opens_the_name():
    assert names("Das Buch erscheint im Verlag für Musterwesen GmbH in Beispielstadt.") == \
        ["Verlag für Musterwesen GmbH"]
    assert names("Die Gesellschaft für Beispielkunde e.V. lädt ein.") == ["Gesellschaft für Beispielkunde e.V."]


def test_fuer_after_an_ordinary_noun_is_no_part_of_the_name():
    assert names("Er entwickelt Software für Muster GmbH und andere.") == ["Muster GmbH"]


def test_legal_form_after_a_catalogued_name_is_written_with_it():
    found = extract(Article(doc_id="t", source_file="t", text="Der Bitkom e.V. fordert mehr Tempo vom Bund."))
    assert [(o.name, o.canonical) for o in found] == [("Bitkom e.V.", "Bitkom")]   # the taxonomy row stays


def test_capitalised_function_word_opens_no_name():
    assert names("Neu im Verbund ist die Muster Soft AG. Auch Beispiel Data AG ist dabei.") == \
        ["Muster Soft AG", "Beispiel Data AG"]
