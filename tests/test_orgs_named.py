"""Names introduced by naming words after a class noun or organisation head (orgs/apposition.py), invented."""
from orgs_names import names


def test_name_after_mit_namen_with_org_head_before():
    assert "KOMDAT" in names("Das Zentrum wird eine Anstalt öffentlichen Rechts mit Namen „KOMDAT“ sein.")


def test_name_after_namens_with_class_noun_before():
    assert "Quantiva" in names("Die Firma namens Quantiva hat den Preis gewonnen.")


def test_no_owner_noun_no_organisation():
    assert names("Ein Hund namens Bello bellt.") == []
    assert names("Ein Projekt namens Datenfluss startet.") == []


def test_acronym_compound_on_organisation_head_names_one():
    assert "ABCD-Umsetzungsorganisation" in names("Zuständig ist die neu geschaffene ABCD-Umsetzungsorganisation.")
    assert "Verein für Digitales" in names("Der Verein für Digitales lädt ein.")


def test_bare_organisation_or_verein_is_none():
    assert names("Die Organisation hat viele Mitglieder. Der Förderverein tagt.") == []
