"""Quotes extractor on invented sentences with hand-built PER entities."""
from __future__ import annotations

import pytest

from pipeline.extract import people, quotes
from pipeline.extract.quotes import quote_spans

from test_people import article


def run(text: str, names: list[str], places=()) -> list:
    a = article(text, names, places)
    a.people = people.extract(a)
    got = quotes.extract(a)
    for q in got:
        assert text[q.start:q.end] == q.text
        assert q.speaker in {p.name for p in a.people}
    return got


@pytest.mark.parametrize("open_, close", [("„", "“"), ("„", "\""), ("\"", "\""), ("«", "»"), ("»", "«"),
                                          ("“", "”")])
def test_quote_styles_after_verb(open_, close):
    t = f"Die Stadt plant viel. {open_}Wir sind bereit für den Start{close}, sagte Bürgermeisterin Anna Fiktiv."
    got = run(t, ["Anna Fiktiv"])
    assert [(q.speaker, q.text) for q in got] == [("Anna Fiktiv", "Wir sind bereit für den Start")]


def test_comma_inside_the_quote_and_so():
    t = "„Das spart viel Papier,“ so Kreistagsabgeordnete Lena Muster. Danach ging es weiter."
    got = run(t, ["Lena Muster"])
    assert [(q.speaker, q.text) for q in got] == [("Lena Muster", "Das spart viel Papier")]


def test_surname_speaker_resolves_to_the_full_name():
    t = ("Der Vorsitzende des Beirats, Karl Probe, ist unzufrieden. „Es fehlt ein klarer Zeitplan“, "
         "sagt Probe.")
    got = run(t, ["Karl Probe"])
    assert [(q.speaker, q.person) for q in got] == [("Karl Probe", "Probe")]


def test_long_role_between_verb_and_name():
    t = ("„Alle Portale sollen verbunden werden“, erklärte kürzlich der Beauftragte der Landesregierung "
         "für Informationstechnik, Paul Test.")
    got = run(t, ["Paul Test"])
    assert [q.speaker for q in got] == ["Paul Test"]


def test_name_colon_quote_and_continuation():
    t = ("Maria Beispiel: „Wir haben viel erreicht.“ Auch die Bürger profitieren. „Der Weg ist "
         "aber noch lang.“\n\nPeter Probe ergänzt: „Wir bleiben dran.“")
    got = run(t, ["Maria Beispiel", "Peter Probe"])
    assert [(q.speaker, q.text) for q in got] == [
        ("Maria Beispiel", "Wir haben viel erreicht."),
        ("Maria Beispiel", "Der Weg ist aber noch lang."),
        ("Peter Probe", "Wir bleiben dran."),
    ]


def test_no_speaker_no_quote():
    t = ("Das Projekt „Digitale Stadt“ startet. Jan Muster lobt den Plan. Ein Sprecher erklärte: "
         "„Wir sind zufrieden.“ Das Programm heißt \"Smart 2030\".")
    assert run(t, ["Jan Muster"]) == []


def test_continuation_stops_at_someone_elses_introduction():
    t = ("„Wir starten im Mai“, sagte Jan Muster. Ein Sprecher des Amtes erklärte dazu: "
         "„Die Technik steht bereit.“")
    got = run(t, ["Jan Muster"])
    assert [q.text for q in got] == ["Wir starten im Mai"]


def test_quote_of_another_person_mentioned_inside_is_not_the_speaker():
    t = "„Wie Anna Fiktiv schon sagte, geht es voran“, betonte Jan Muster."
    got = run(t, ["Anna Fiktiv", "Jan Muster"])
    assert [q.speaker for q in got] == ["Jan Muster"]


def test_unclosed_quote_is_dropped():
    assert quote_spans("Er sagte: „Das ist offen.\n\nNeuer Absatz ohne Ende.") == []
    assert quote_spans("Ein „Zitat“ und \"noch eins\"") == [(5, 10), (17, 26)]


def test_no_people_no_quotes():
    a = article("„Das ist gut“, sagte jemand.", [])
    a.people = people.extract(a)
    assert quotes.extract(a) == []


def test_pronoun_speaker_needs_matching_gender():
    t = "Anna Fiktiv leitet das Amt. „Wir digitalisieren alles“, sagte sie."
    assert [q.speaker for q in run(t, ["Anna Fiktiv"])] == ["Anna Fiktiv"]
    t = "Anna Fiktiv leitet das Amt. „Wir digitalisieren alles“, sagte er."
    assert run(t, ["Anna Fiktiv"]) == []
    t = "Anna Fiktiv traf Jan Muster. „Wir digitalisieren alles“, sagte sie."
    assert run(t, ["Anna Fiktiv", "Jan Muster"]) == []


def test_colon_after_bracket_or_apposition():
    t = ("Bayerns Digitalminister Max Muster (CSU) meinte: „Das ist ein wichtiger Schritt.“ Jan Probe, "
         "Leiter des Bauamts, sagte: „Wir sind bereit.“")
    got = run(t, ["Max Muster", "Jan Probe"], ["Bayern"])
    assert [(q.speaker, q.text) for q in got] == [("Max Muster", "Das ist ein wichtiger Schritt."),
                                                 ("Jan Probe", "Wir sind bereit.")]


def test_dash_before_the_speech_verb():
    t = "„Wir liegen im Plan“ – so Amtsleiter Jan Probe."
    assert [q.speaker for q in run(t, ["Jan Probe"])] == ["Jan Probe"]


def test_title_abbreviation_after_the_verb_does_not_end_the_sentence():
    t = "„Wir bauen das Portal aus“, sagte Ministerin Dr. Vera Probst-Kahl bei der Übergabe in Musterstadt."
    assert [q.speaker for q in run(t, ["Vera Probst-Kahl"])] == ["Vera Probst-Kahl"]
    t = "„Wir bauen das Portal aus“, erklärte Prof. Dr. Jan Probe am 4. März in Musterstadt."
    assert [q.speaker for q in run(t, ["Jan Probe"])] == ["Jan Probe"]


def test_speaker_and_speech_verb_before_a_quoted_phrase():
    t = ("Amtsleiterin Vera Probst (SPD) sprach am 5. Februar 2025 von einem „Rathaus für die Jackentasche“. "
         "Jan Probe, Leiter des Bauamts, bezeichnete das Angebot als „längst überfällig“.")
    got = run(t, ["Vera Probst", "Jan Probe"])
    assert [(q.speaker, q.text) for q in got] == [("Vera Probst", "Rathaus für die Jackentasche"),
                                                 ("Jan Probe", "längst überfällig")]


def test_quoted_phrase_after_a_verb_without_a_speaker_in_the_sentence():
    t = "Jan Probe leitet das Amt. Das Land sprach von einem „Meilenstein“. Anna Fiktiv lobt den „Neustart“."
    got = run(t, ["Jan Probe", "Anna Fiktiv"])
    assert [(q.speaker, q.text) for q in got] == []


def test_speech_verb_and_comma_clause_before_a_quoted_phrase():
    t = "Jan Probe betonte, die Stadt sei „gut aufgestellt“. Anna Fiktiv ist, wie man hört, „zufrieden“."
    got = run(t, ["Jan Probe", "Anna Fiktiv"])
    assert [(q.speaker, q.text) for q in got] == [("Jan Probe", "gut aufgestellt")]


INTERVIEW = ("Seit Mai ist Anna Fiktiv Digitalbeauftragte der Stadt Kassel. Mit ihr sprach Jan Probe.\n\n"
             "{q}Frau Fiktiv, wie weit ist die Stadt?\n\n"
             "{a}Weiter als viele denken. Wir haben 80 Leistungen online.\n\n"
             "{q}Und was fehlt noch?\n\n"
             "{a}Vor allem Personal. Ich sage immer: „Ohne Leute keine Digitalisierung.“\n\n"
             "Das Gespräch führte Jan Probe.")


@pytest.mark.parametrize("q, a", [("", "Fiktiv: "), ("Frage: ", "Antwort: "), ("Kommune21: ", "Anna Fiktiv: "),
                                  ("Jan Probe: ", "Fiktiv: ")])
def test_interview_answers_without_quotation_marks(q, a):
    t = INTERVIEW.format(q=q, a=a)
    got = run(t, ["Anna Fiktiv", "Jan Probe"])
    assert [(x.speaker, x.text) for x in got] == [
        ("Anna Fiktiv", "Weiter als viele denken. Wir haben 80 Leistungen online."),
        ("Anna Fiktiv", "Vor allem Personal. Ich sage immer: „Ohne Leute keine Digitalisierung.“")]


def test_no_interview_without_alternating_turns():
    t = ("Anna Fiktiv stellte das Portal vor. Wie geht es weiter?\n\n"
         "Fazit: Das Portal wird gut genutzt.\n\n"
         "Fiktiv: Wir sind zufrieden. Die Zahlen steigen.\n\n"
         "Fiktiv: Wir machen weiter.")
    assert run(t, ["Anna Fiktiv"]) == []
