"""Units inside another body (pipeline/extract/orgs/units.py): a department needs its owner, an office
with only its owner is the owner's, a numbered unit or one after an indefinite article is no name."""
from orgs_names import names


def test_department_without_owner_is_no_organisation():
    assert names("Sie übernimmt zum Jahreswechsel das Dezernat für Finanzen und Personal.") == []
    assert names("Zuvor leitete er die Abteilung Digitale Dienste und Netze.") == []


def test_department_with_its_owner_is_one():
    found = names("Eva Beispiel, Leiterin der Abteilung Geodaten und IT im Landratsamt Musterkreis, sprach.")
    assert "Abteilung Geodaten und IT" in found
    assert "Referat Statistik" in names("Das Referat Statistik der Stadtverwaltung legte Zahlen vor.")


def test_office_of_a_named_owner_is_the_owners():
    assert names("Er dankte der Geschäftsstelle des Beispielverbandes.") == []
    assert "Geschäftsstelle Wahlen" in names("Die Geschäftsstelle Wahlen verschickt die Unterlagen.")


def test_numbered_unit_is_a_designation():
    assert names("Der Aufbaustab II stellte erste Konzepte vor.") == []
    assert names("Der Aufbaustab MUSTER stellte erste Konzepte vor.") == ["Aufbaustab MUSTER"]


def test_unit_after_an_indefinite_article_is_a_kind():
    assert names("Geplant ist eine Geschäftsstelle QWERT beim Land.") == []
