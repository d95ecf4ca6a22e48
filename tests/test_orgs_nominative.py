"""Nominative of NER organisation spans after 'der'/'einer' (pipeline/extract/orgs/ner.py), invented sentences."""
from pipeline.extract.orgs.ner import _strong_nominative
from pipeline.extract.orgs.scan import Scan


def nominative(text: str, first: str, n: int) -> str:
    sc = Scan(text)
    a = sc.words.index(first)
    return _strong_nominative(sc, a, a + n, " ".join(sc.words[a:a + n]))


def test_feminine_after_der_takes_e():
    assert nominative("Das sagte sie der Westfälischen Zeitung am Montag.", "Westfälischen", 2) == "Westfälische Zeitung"


def test_quote_between_article_and_name():
    assert nominative("Das sagte er der „Märkischen Rundschau“.", "Märkischen", 2) == "Märkische Rundschau"


def test_masculine_genitive_and_lone_adjective_stay():
    assert nominative("ein Beitrag des Bayerischen Rundfunks", "Bayerischen", 2) == "Bayerischen Rundfunks"
    assert nominative("ein Artikel in der Sächsischen", "Sächsischen", 1) == "Sächsischen"
