"""Role recall constructions (issue 13): role nouns, short titles and constructions that state a role
away from the name. Invented sentences, hand-built PER entities (no NER model)."""
from __future__ import annotations

import pytest

from pipeline.extract.roles import vocabulary
from test_people import article, rows


@pytest.mark.parametrize("word, singular, canonical", [
    ("ISB", "ISB", "Chief Information Security Officer"),
    ("Verantwortlichen", "Verantwortlicher", "Verantwortlicher"),
    ("IT-Verantwortlicher", "IT-Verantwortlicher", "Verantwortlicher"),
    ("Digitalpolitikerin", "Digitalpolitikerin", "Politiker"),
    ("Oppositionsführers", "Oppositionsführer", "Oppositionsführer"),
])
def test_role_nouns_added_for_recall(word, singular, canonical):
    rw = vocabulary().analyse(word)
    assert rw is not None, word
    assert rw.singular() == singular and rw.canonical == canonical


def test_responsible_person_after_a_name():
    a = article("„Das dauert“, sagt Lena Sommerfeld, Verantwortliche für das Bürgerportal.", ["Lena Sommerfeld"])
    assert "Verantwortliche für das Bürgerportal" in {r.role for r in rows(a)["Lena Sommerfeld"]}
