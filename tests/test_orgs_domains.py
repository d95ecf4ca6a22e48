"""Web domains named as actors (pipeline/extract/orgs/domains.py), on invented sentences."""
from orgs_names import names


def test_domain_after_preposition_is_an_actor():
    assert "beispielnetz.org" in names("Nach Informationen von beispielnetz.org soll der Entwurf bald kommen.")


def test_domain_after_article_and_adjective_is_an_actor():
    assert "Musterverein.org" in names("Vertreter des zivilgesellschaftlichen Musterverein.org zeigten sich irritiert.")


def test_address_credit_and_mail_are_no_actor():
    assert names("Die Daten stehen auf der Website musterstadt.de bereit.") == []
    assert names("Montage: beispielnetz.org") == []
    assert names("Mehr unter www.musterstadt.de oder info@musterstadt.de.") == []


def test_function_word_is_no_organisation():
    from pipeline.extract.orgs.ner import _function_word
    assert _function_word("Vieles") and _function_word("Einige")
    assert not _function_word("Beispielsoft") and not _function_word("Union")
