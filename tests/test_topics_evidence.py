"""Topic evidence across words and topics: bare head words repeating an excluded compound, and hits
nested in a longer hit of another topic (invented sentences)."""
from __future__ import annotations

from pipeline.extract import topics
from pipeline.extract.topics import find_topics, load_taxonomy
from pipeline.extract.topics.evidence import Hit, drop_nested, repeats_excluded
from pipeline.model import Article
from pipeline.text import compile_pattern, word_tokens


def extracted(text):
    return {t.topic for t in topics.extract(Article(doc_id="d", source_file="d.txt", text=text))}


# --- a bare head word repeats the nearest compound with that head -------------------

def test_bare_word_after_an_excluded_compound_is_excluded():
    text = ("Die Kreisstadt hat ein neues Beteiligungsportal gestartet. Auf dem Portal können alle "
            "Vorschläge zum Radwegenetz machen.")
    assert "portale" not in {t.topic for t in find_topics(text)}
    assert "buergerbeteiligung" in {t.topic for t in find_topics(text)}


def test_bare_word_after_an_included_compound_still_counts():
    text = "Das neue Serviceportal ist online. Das Portal bietet vierzig Leistungen."
    t = next(t for t in find_topics(text) if t.topic == "portale")
    assert t.mentions == 2


def test_bare_word_without_an_earlier_compound_counts():
    assert "portale" in {t.topic for t in find_topics("Anträge stellen Bürger künftig über ein Portal.")}


def test_repeats_excluded_looks_at_the_nearest_compound_only():
    p = compile_pattern("portal")
    toks = word_tokens("Das Serviceportal und das Geoportal sind fertig. Das Portal ist schnell.")
    i = next(k for k, t in enumerate(toks) if t.text == "Portal")
    geo = next(k for k, t in enumerate(toks) if t.text == "Geoportal")
    assert repeats_excluded((i, i + 1), p, toks, [(geo, geo + 1)])
    service = next(k for k, t in enumerate(toks) if t.text == "Serviceportal")
    assert not repeats_excluded((i, i + 1), p, toks, [(service, service + 1)])   # Geoportal is nearer
    assert not repeats_excluded((i, i + 1), p, toks, [])


def test_a_compound_is_no_bare_word():
    p = compile_pattern("*portal")
    toks = word_tokens("Das Geoportal wächst. Das Serviceportal auch.")
    geo = next(k for k, t in enumerate(toks) if t.text == "Geoportal")
    service = next(k for k, t in enumerate(toks) if t.text == "Serviceportal")
    assert not repeats_excluded((service, service + 1), p, toks, [(geo, geo + 1)])


# --- a hit inside a longer hit of another topic belongs to that topic ----------------

def test_nested_hit_of_another_topic_is_dropped():
    hits = {"it_dienstleister": [Hit(3, 5, 1.0)], "cloud": [Hit(4, 5, 1.0)], "ozg": [Hit(0, 1, 1.0)]}
    assert drop_nested(hits) == {"it_dienstleister": [Hit(3, 5, 1.0)], "ozg": [Hit(0, 1, 1.0)]}


def test_equal_spans_of_two_topics_both_stay():
    hits = {"a": [Hit(2, 3, 1.0)], "b": [Hit(2, 3, 1.0)]}
    assert drop_nested(hits) == hits


def test_municipal_data_centre_is_a_provider_not_cloud():
    text = "Drei kommunale Rechenzentren betreuen die Gemeinden im Land."
    assert "it_dienstleister" in extracted(text)
    assert "cloud" not in extracted(text)
    # each topic on its own still sees the shorter word
    assert "cloud" in {t.topic for t in find_topics(text, load_taxonomy())}
    assert "cloud" in extracted("Die Stadt baut ein neues Rechenzentrum für ihre Daten.")


def test_nested_drop_keeps_other_hits_of_the_topic():
    text = "Drei kommunale Rechenzentren ziehen in die Cloud des Landes um."
    assert {"cloud", "it_dienstleister"} <= extracted(text)


def test_a_hit_with_a_gap_holds_no_other_hit():
    hits = {"a": [Hit(0, 6, 1.0, term=False)], "b": [Hit(2, 3, 1.0)]}
    assert drop_nested(hits) == hits
    text = "Die Verwaltung muss noch viele OZG-Leistungen digitalisieren."
    assert {"ozg", "online_dienste"} <= extracted(text)


# --- a compound whose head names an office is weak evidence ----------------------------

def test_office_compound_is_weak_evidence():
    from pipeline.extract.topics.evidence import office_compound

    toks = word_tokens("Die Kfz-Zulassungsstelle und die Kfz-Zulassung online.")
    p = compile_pattern("*kfz-zulassung*")
    assert office_compound(toks[1], p)
    assert not office_compound(toks[4], p)
    assert "kfz" not in {t.topic for t in find_topics("Die Kfz-Zulassungsstelle öffnet um acht Uhr.")}
    two = "Die Kfz-Zulassungsstelle öffnet um acht. Vor der Kfz-Zulassungsstelle gibt es Parkplätze."
    assert "kfz" in {t.topic for t in find_topics(two)}      # two weak mentions
    assert "kfz" in {t.topic for t in find_topics("Die Kfz-Zulassung geht jetzt online.")}


def test_office_heads_file_is_folded_and_without_comments():
    from pipeline.extract.topics.evidence import office_heads

    heads = office_heads()
    assert "stelle" in heads and all(h == h.lower() and "#" not in h and "ä" not in h for h in heads)


# --- a weak compound repeated is one mention --------------------------------------------

def test_repeated_weak_compound_counts_once():
    from pipeline.extract.topics.evidence import weak_compound_key

    p = compile_pattern("*verbund")
    toks = word_tokens("Der IT-Verbund, des IT-Verbunds, ein Verbund, der Leistungsverbund")
    keys = [weak_compound_key(t, p) for t in toks if "erbund" in t.text]
    assert keys == ["itverbund", "itverbund", None, "leistungsverbund"]
    one_thing = "Der IT-Verbund Musterkreis wächst. Der IT-Verbund Musterkreis stellt ein. Dem IT-Verbund gehören zehn Orte an."
    assert "kooperation" not in {t.topic for t in find_topics(one_thing)}
    two_things = "Der IT-Verbund wächst. Ein Leistungsverbund ist geplant."
    assert "kooperation" in {t.topic for t in find_topics(two_things)}
    bare = "Der Verbund wächst. Der Verbund stellt ein."
    assert "kooperation" in {t.topic for t in find_topics(bare)}
