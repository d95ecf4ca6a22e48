"""Legal-form names opening in lower case with a camel-case word (pipeline/extract/orgs/legal.py), invented sentences."""
from orgs_names import names


def test_lower_case_word_before_camel_case_opens_the_name():
    assert "wahl xT GmbH" in names("Partner ist die wahl xT GmbH aus Musterstadt.")


def test_class_noun_before_the_lower_case_start_stays_out():
    assert names("Aufträge des IT-Dienstleisters wahl xT GmbH") == ["wahl xT GmbH"]


def test_function_word_and_adjective_are_no_name_start():
    assert names("Das regelt die für xT GmbH zuständige Stelle.") == ["xT GmbH"]
    assert names("Sie gründeten die neue Muster GmbH.") == ["Muster GmbH"]
