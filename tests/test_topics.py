"""Topics extractor, its taxonomy file and the text helpers it uses (invented sentences)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline.extract import topics
from pipeline.extract.topics import find_topics, load_taxonomy
from pipeline.model import Article
from pipeline.settings import DATA_DIR
from pipeline.text import (compile_pattern, find_matches, fold, inflects, inflects_plural, split_hyphen,
                           strip_linking, word_tokens)

# The ids of ../shared/eval/TOPICS.md (the contract with the gold annotations).
CONTRACT_IDS = {
    "ozg", "efa", "registermodernisierung", "nutzerkonto", "eid", "e_akte", "e_rechnung", "portale",
    "standards", "it_sicherheit", "digitale_souveraenitaet", "cloud", "ki", "open_data", "smart_city",
    "breitband", "schule", "kooperation", "corona", "verwaltungsdigitalisierung", "online_dienste",
    "bauantrag", "kfz", "fachverfahren", "basisdienste", "schnittstellen", "it_dienstleister",
    "foerderung", "fachkraefte", "gesetzgebung", "buergerbeteiligung", "geodaten", "beschaffung",
    "datenschutz", "bund_laender", "kritik",
}


def ids(text):
    return {t.topic for t in find_topics(text)}


# --- text helpers -------------------------------------------------------------

def test_fold_and_inflection():
    assert fold("Fachkräfte") == fold("FACHKRAEFTE") == "fachkraefte"
    assert inflects(fold("Gesetzes"), "gesetz") and not inflects(fold("Gesetzbuch"), "gesetz")
    assert inflects_plural(fold("Bauanträge"), "bauantrag")
    assert inflects_plural(fold("Zuschüssen"), "zuschuss")
    assert split_hyphen("Bund-Länder-Gremium") == ["Bund", "Länder", "Gremium"]
    assert "verfahren" in strip_linking("sverfahren")


def test_word_tokens_offsets_and_parts():
    text = "Die OZG-Umsetzung läuft; Komm.ONE hilft – Gesetzes- und Verordnungsentwürfe."
    toks = word_tokens(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
    ozg = next(t for t in toks if t.text == "OZG-Umsetzung")
    assert ozg.norm == "ozgumsetzung" and ozg.parts == ("ozg", "umsetzung")
    assert any(t.text == "Komm.ONE" for t in toks)
    assert toks[-1].clause > toks[0].clause


def test_pattern_syntax():
    toks = word_tokens("Die Kooperationsvereinbarung mit dem IT-Verbund und der KI-Strategie.")
    assert find_matches(compile_pattern("kooperation*"), toks)
    assert find_matches(compile_pattern("*verbund"), toks)
    assert find_matches(compile_pattern("=KI"), toks)
    assert not find_matches(compile_pattern("=ki"), toks)
    assert find_matches(compile_pattern("die ~2 mit"), toks)
    assert not find_matches(compile_pattern("die ~0 mit"), toks)
    with pytest.raises(ValueError):
        compile_pattern("~ foo")


def test_gap_does_not_cross_a_sentence():
    toks = word_tokens("Wir setzen auf Digitalisierung. Verwaltung bleibt analog.")
    assert not find_matches(compile_pattern("digitalisierung ~3 verwaltung*"), toks)


# --- taxonomy -------------------------------------------------------------------

def test_taxonomy_has_every_contract_id_and_compiles():
    tax = load_taxonomy()
    assert CONTRACT_IDS <= {t.id for t in tax}
    assert all(t.label and t.strong for t in tax)
    assert len({t.id for t in tax}) == len(tax)


def test_taxonomy_matches_shared_topic_list_when_present():
    p = Path("/work/shared/eval/TOPICS.md")
    if not p.exists():
        pytest.skip("shared TOPICS.md not available")
    shared = set(re.findall(r"^\| ([a-z_]+) \|", p.read_text(encoding="utf-8"), re.M)) - {"id"}
    assert shared <= {t.id for t in load_taxonomy()}


def test_users_can_extend_the_taxonomy(tmp_path):
    src = DATA_DIR / "topics.csv"
    rows = list(csv.DictReader(src.open(encoding="utf-8")))
    rows.append({"id": "feuerwehr", "label": "Feuerwehr", "strong": "feuerwehr*|*feuerwehr",
                 "weak": "", "exclude": "", "description": "invented extra topic"})
    p = tmp_path / "topics.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    got = find_topics("Die Freiwillige Feuerwehr erhält ein digitales Alarmsystem.", load_taxonomy(str(p)))
    assert "feuerwehr" in {t.topic for t in got}


# --- matching ----------------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("Die OZG-Umsetzung im Landkreis kommt voran.", "ozg"),
    ("Beide Städte haben eine Kooperationsvereinbarung unterschrieben.", "kooperation"),
    ("Im Rathaus herrscht Fachkräftemangel.", "fachkraefte"),
    ("Die Corona-Pandemie hat vieles beschleunigt.", "corona"),
    ("Das Land treibt die Digitalisierung der kommunalen Verwaltung voran.", "verwaltungsdigitalisierung"),
    ("Der Zweckverband betreibt das Rechenzentrum für 40 Gemeinden.", "kooperation"),
    ("Eltern können den Kita-Antrag jetzt online stellen.", "online_dienste"),
    ("Die Gemeinde führt die elektronische Akte ein.", "e_akte"),
    ("Der IT-Dienstleister ITEBO betreut die Kommunen.", "it_dienstleister"),
    ("Für das Projekt gibt es Fördermittel vom Land.", "foerderung"),
    ("Der Referentenentwurf liegt den Verbänden vor.", "gesetzgebung"),
    ("Die Bürger melden sich mit der BundID an.", "nutzerkonto"),
    ("Der Personalausweis mit Online-Ausweisfunktion wird kaum genutzt.", "eid"),
    ("Die Stadt stellt ihre Geodaten als Open Data bereit.", "open_data"),
    ("Das Bauamt nimmt Bauanträge nun digital an.", "bauantrag"),
    ("Der IT-Planungsrat hat die Föderale IT-Kooperation beauftragt.", "bund_laender"),
    ("Der Landesrechnungshof kritisiert die Kosten.", "kritik"),
    # definition words and their usual expansions (Finanzierung; eID = elektronische Identität, nPA)
    ("Die Finanzierung des Glasfasernetzes ist noch offen.", "foerderung"),
    ("Das Land übernimmt die Anschubfinanzierung für die App.", "foerderung"),
    ("Wer sich mit dem neuen Personalausweis anmeldet, braucht keine Unterschrift.", "eid"),
    ("Die digitale Identität soll künftig auf dem Smartphone liegen.", "eid"),
    ("Eine Identitäts-Wallet der EU ist geplant.", "eid"),
    ("Dem Bauamt fehlt das nötige Fachpersonal.", "fachkraefte"),
    # a missed target or deadline and slow progress (the definition's 'Verzug, Fristen verpasst')
    ("Der Zeitplan für die Software wurde nicht eingehalten.", "kritik"),
    ("Beim digitalen Bauantrag hat die Stadt ihr Ziel klar verfehlt.", "kritik"),
    ("Der Ausbau des Netzes kommt nur schleppend voran.", "kritik"),
    # a legislative project, and a law named by its title ('Gesetz zur/über ...')
    ("Das Gesetzesvorhaben geht nun in den Landtag.", "gesetzgebung"),
    ("Das Gesetz zur Förderung der elektronischen Verwaltung gilt seit 2013.", "gesetzgebung"),
])
def test_positive(text, topic):
    assert topic in ids(text)


@pytest.mark.parametrize("text, topic", [
    ("Die Standortförderung der Stadt lädt Unternehmen ein.", "foerderung"),
    ("Die Wirtschaftsförderung zieht eine positive Bilanz.", "foerderung"),
    ("Die Wortwolke zeigt die häufigsten Begriffe, am Himmel ziehen Wolken auf.", "cloud"),
    ("Alle Verwaltungsportale werden zu einem Portalverbund vernetzt.", "kooperation"),
    ("Die Stellenausschreibung für die neue Sachbearbeitung läuft.", "beschaffung"),
    ("Die Online-Terminvergabe im Bürgeramt ist freigeschaltet.", "beschaffung"),
    ("Die Schnittstelle zwischen Land und Kommunen ist der Landkreistag.", "schnittstellen"),
    ("Der Eid wurde im Rathaus abgelegt.", "eid"),
    ("In Zusammenarbeit mit der Volkshochschule gibt es einen Kurs.", "kooperation"),
    ("Die Kita Sonnenschein feiert ihr Jubiläum mit den Kindern.", "ki"),
    ("Das Papier liegt auf dem Tisch.", "schnittstellen"),
    ("Der Verkehrsverbund erhöht die Preise.", "kooperation"),
    ("Der Ausweis liegt im Fundbüro.", "eid"),
    ("Das Land stockt die Mittel für die Schulen auf.", "kritik"),
    ("Das Ziel wurde im Frühjahr erreicht.", "kritik"),
    ("Das regelt die Stadt nicht per Gesetz, sondern per Vertrag.", "gesetzgebung"),
])
def test_negative(text, topic):
    assert topic not in ids(text)


def test_weak_terms_need_two_hits():
    one = "Die Gemeinde ist Mitglied in einem Verbund."
    two = "Die Gemeinde ist Mitglied in einem Verbund. Der Verbund betreibt gemeinsame Server."
    assert "kooperation" not in ids(one)
    assert "kooperation" in ids(two)


def test_evidence_and_mentions():
    text = "Die OZG-Umsetzung stockt. Das Onlinezugangsgesetz verlangt mehr, sagt die OZG-Beauftragte."
    t = next(t for t in find_topics(text) if t.topic == "ozg")
    assert t.mentions == 3
    assert t.evidence == ["OZG-Umsetzung", "Onlinezugangsgesetz", "OZG-Beauftragte"]
    assert t.label


def test_extract_on_article():
    art = Article(doc_id="d", source_file="d.txt", text="Die E-Rechnung ist Pflicht, auch die XRechnung.")
    assert [t.topic for t in topics.extract(art)] == ["e_rechnung"]
    assert topics.extract(Article(doc_id="e", source_file="e.txt", text="")) == []


def test_lemmas_from_a_doc_are_used(tmp_path):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from pipeline.text import doc_lemmas

    p = tmp_path / "t.csv"
    p.write_text("id,label,strong,weak,exclude,description\nrz,Rechenzentrum,rechenzentrum,,,x\n",
                 encoding="utf-8")
    tax = load_taxonomy(str(p))
    words = ["Zwei", "Rechenzentren", "schließen"]
    text = " ".join(words)
    assert find_topics(text, tax) == []          # irregular plural: no rule covers it
    doc = Doc(Vocab(), words=words, lemmas=["zwei", "Rechenzentrum", "schließen"])
    got = find_topics(text, tax, lemmas=doc_lemmas(doc))
    assert [(t.topic, t.evidence) for t in got] == [("rz", ["Rechenzentren"])]


def test_bare_digitalpakt_is_weak_evidence_for_schools():
    assert "schule" not in ids("Die Abgeordnete forderte einen Digitalpakt zwischen Land und Kommunen.")
    assert "schule" in ids("Die Mittel aus dem DigitalPakt Schule sind ausgeschöpft.")
    assert "schule" in ids("Der Digitalpakt läuft aus. Ein neuer Digitalpakt soll folgen.")


def test_topic_from_two_words_meeting_in_two_sentences():
    from pipeline.extract.topics import cooccurrence_topics, load_taxonomy

    two = "Die Gemeinde Musterfeld treibt die Digitalisierung voran. Im Rathaus ist die Digitalisierung Chefsache."
    got = cooccurrence_topics(two, set(), load_taxonomy())
    assert [t.topic for t in got] == ["verwaltungsdigitalisierung"] and got[0].mentions == 2
    assert cooccurrence_topics("Die Gemeinde treibt die Digitalisierung voran. Sonst nichts.", set(), load_taxonomy()) == []
    assert cooccurrence_topics(two, {"verwaltungsdigitalisierung"}, load_taxonomy()) == []


def test_two_words_around_a_gap_match_in_either_order():
    from pipeline.extract.topics.taxonomy import either_order

    assert either_order("antraege ~3 online") == ["antraege ~3 online", "online ~3 antraege"]
    assert either_order("digitalisierung der ~3 verwaltung") == ["digitalisierung der ~3 verwaltung"]
    assert either_order("kooperation*") == ["kooperation*"]
    assert "online_dienste" in ids("Wer will, kann online alle Anträge stellen.")
    assert "online_dienste" in ids("Die Anträge gibt es jetzt online.")


def test_hyphenated_exclusions_also_exclude_the_words_apart():
    from pipeline.extract.topics.taxonomy import spelt_apart

    assert spelt_apart("open-data-portal*") == ["open-data-portal*", "open data portal*"]
    assert spelt_apart("=Komm.ONE") == ["=Komm.ONE"] and spelt_apart("*it-dienstleist*") == ["*it-dienstleist*"]
    assert "portale" not in ids("Die Stadt zeigt ihr neues Open Data Portal mit Verkehrsdaten.")
    assert "portale" in ids("Die Stadt zeigt ihr neues Portal für Anträge.")


def test_hyphenated_compounds_match_their_paraphrase():
    from pipeline.extract.topics.taxonomy import paraphrase

    assert paraphrase("kfz-abmeldung*") == ["kfz-abmeldung*", "abmeldung* von/vom/der/des/fuer/zur/zum ~1 kfz*"]
    assert paraphrase("e-akte*") == ["e-akte*"]                       # one-letter modifier: no paraphrase
    assert paraphrase("=Komm.ONE") == ["=Komm.ONE"] and paraphrase("it-dienstleist* ~2 x") == ["it-dienstleist* ~2 x"]
    assert "kfz" in ids("Ab Mai ist die Abmeldung von Kfz im Internet möglich.")
    assert "kfz" in ids("Die Zulassung der Kraftfahrzeuge läuft jetzt schneller.")
    assert "kfz" not in ids("Die Zulassung der Ärztin zur Kasse steht noch aus.")
