"""Classes of organisation names (invented sentences): an association after 'Verein', a ministry as
'…ressort', a generic body noun with only its town (the place's own administration, not in the table)."""
from pipeline.extract.orgs import extract, for_table
from pipeline.model import Article
from orgs_names import names


def table(text: str) -> list[str]:
    return [o.name for o in for_table(extract(Article(doc_id="t", source_file="t", text=text)))]


def test_association_named_after_verein():
    assert names("Die Software des gemeinnützigen Vereins Liquid Musterkratie wurde gewählt.") == \
        ["Liquid Musterkratie"]
    assert names("Der Trägerverein 4MU tagt.") == ["Trägerverein 4MU"]    # no apposition name: the head names it


def test_ressort_compound_is_a_ministry_short_form():
    assert names("Das Innenressort prüft den Antrag.") == ["Innenressort"]
    assert names("Das Ressort prüft den Antrag.") == []


def test_generic_body_with_only_its_town_is_the_place():
    assert table("Die Kulmbacher Behörde prüft den Antrag.") == []
    assert "Behörde Kulmbach" in names("Die Kulmbacher Behörde prüft den Antrag.")   # found for people
    assert table("Das Amt für Digitalisierung prüft den Antrag.") == ["Amt für Digitalisierung"]
