"""Elliptic compounds completed for topic matching (invented sentences)."""
from __future__ import annotations

from pipeline.extract import topics
from pipeline.extract.topics import complete_elliptic, find_topics
from pipeline.model import Article
from pipeline.text import word_tokens


def forms_of(text, word):
    toks = complete_elliptic(word_tokens(text), text)
    return next(t.forms for t in toks if t.text == word)


def extracted(text):
    return {t.topic for t in topics.extract(Article(doc_id="d", source_file="d.txt", text=text))}


def test_open_compound_takes_the_head_of_the_next_one():
    forms = forms_of("Das Amt übernimmt Kfz- und Anhängerzulassung.", "Kfz-")
    assert "kfzzulassung" in forms and "kfz" in forms


def test_open_compound_across_a_list():
    forms = forms_of("Melde-, Pass- oder Ausweisbehörde", "Melde-")
    assert "meldebehoerde" in forms


def test_tail_after_a_hyphen_takes_the_first_part_of_the_compound_before():
    text = "Sie leitet das Referat IT-Steuerung, -Sicherheit und -Beschaffung im Ministerium."
    assert "itsicherheit" in forms_of(text, "Sicherheit")
    assert "itbeschaffung" in forms_of(text, "Beschaffung")


def test_plain_words_and_dashes_are_left_alone():
    text = "Die Stadt - so der Bürgermeister - plant viel. Gesamtsteuerung und Sicherheit."
    toks = word_tokens(text)
    assert [t.forms for t in complete_elliptic(toks, text)] == [t.forms for t in toks]


def test_no_completion_across_a_sentence():
    forms = forms_of("Wir sprechen über Kfz-. Und Bootszulassung folgt.", "Kfz-")
    assert forms == ("kfz",)


def test_elliptic_compounds_give_topics_in_extract():
    text = "Im Bürgerbüro gibt es Kfz- und Anhängerzulassung online."
    assert "kfz" in extracted(text)
    assert "kfz" not in {t.topic for t in find_topics(text)}     # the plain matcher sees no Kfz-Zulassung
    assert "it_sicherheit" in extracted("Die Abteilung für IT-Betrieb, -Sicherheit und -Einkauf wächst.")


def test_evidence_of_an_open_compound_runs_to_its_completion():
    art = Article(doc_id="d", source_file="d.txt", text="Im Bürgerbüro gibt es Kfz- und Anhängerzulassung online.")
    t = next(t for t in topics.extract(art) if t.topic == "kfz")
    assert t.evidence == ["Kfz- und Anhängerzulassung"]
