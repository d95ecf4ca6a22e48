"""English phrases of ordinary words are no organisation (pipeline/extract/orgs/ner.py), invented spans."""
from pipeline.extract.orgs.ner import _english_phrase


def test_ordinary_english_phrases_are_rejected():
    assert _english_phrase(("Multiple", "Choice"))
    assert _english_phrase(("Social", "Media"))


def test_english_name_with_class_noun_or_unknown_word_is_kept():
    assert not _english_phrase(("Open", "Knowledge", "Foundation"))
    assert not _english_phrase(("Quantiva", "Labs"))
    assert not _english_phrase(("Open", "Kreishaus"))       # a German word: not an English phrase


def test_single_words_and_acronyms_are_left_to_other_rules():
    assert not _english_phrase(("Choice",))
    assert not _english_phrase(("Social", "MEDIA"))


def test_hyphenated_place_written_with_spaces_is_a_place():
    from pipeline.extract.orgs.ner import _spaced_place
    from pipeline.extract.orgs.scan import Scan
    sc = Scan("Ein Satz.")
    assert _spaced_place(sc, ("Sachsen", "Anhalt"))
    assert not _spaced_place(sc, ("Muster", "Werke"))
