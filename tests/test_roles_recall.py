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
    ("Vorstandschefin", "Vorstandschefin", "Vorsitzender"),
])
def test_role_nouns_added_for_recall(word, singular, canonical):
    rw = vocabulary().analyse(word)
    assert rw is not None, word
    assert rw.singular() == singular and rw.canonical == canonical


def test_responsible_person_after_a_name():
    a = article("„Das dauert“, sagt Lena Sommerfeld, Verantwortliche für das Bürgerportal.", ["Lena Sommerfeld"])
    assert "Verantwortliche für das Bürgerportal" in {r.role for r in rows(a)["Lena Sommerfeld"]}


def test_possessive_office_needs_an_agreeing_antecedent():
    """'ihr Amt als ...' cannot belong to the man named last: no role for him."""
    a = article("Tom Berger begrüßte die Gäste. Im Juni trat ihr Amt als Kämmerin an.", ["Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


def test_possessive_office_takes_the_last_named_person():
    a = article("Tom Berger begrüßte Jan Probst. Im Juni trat er sein Amt als Kämmerer an.",
                ["Tom Berger", "Jan Probst"])
    got = rows(a)
    assert "Kämmerer" in {r.role for r in got["Jan Probst"]}
    assert "Kämmerer" not in {r.role for r in got["Tom Berger"]}


def test_quote_speaker_description_after_a_long_quote():
    """The speaker named before a long quote paragraph is still the one 'weiß der Amtsleiter' means."""
    quote = "„" + " ".join(["Die Verwaltung arbeitet jeden Tag an neuen digitalen Diensten."] * 7) + "“"
    a = article(f"Das betont Amtsleiter Jan Probst. {quote}, weiß der Behördenleiter, der lange wartete.",
                ["Jan Probst"])
    assert "Behördenleiter" in {r.role for r in rows(a)["Jan Probst"]}


def test_lone_given_name_takes_its_surname():
    """The NER tagged only the given name: the unknown capitalised word after it is the surname."""
    a = article("Der Rat bestellte Frau Michaela Zehnter zur Kämmerin der Gemeinde.", ["Michaela"])
    assert "Michaela Zehnter" in rows(a)


@pytest.mark.parametrize("text", [
    "Am Montag sprach Michaela Verwaltung und Bürger an.",        # an ordinary noun
    "Am Montag sprach Michaela Digitalisierung und Technik an.",  # a noun by its suffix
    "Am Montag begrüßte Michaela Bürgermeister Tom Berger.",      # a role word
    "Am Montag stand Michaela Neben dem Eingang.",                # a function word
])
def test_lone_given_name_keeps_no_ordinary_word(text):
    a = article(text, ["Michaela"])
    assert not any(n.startswith("Michaela ") for n in rows(a))


def test_function_word_is_no_given_name_to_extend():
    a = article("Das Lokal heißt The Sazerac und liegt am Hafen.", ["The"])
    assert not any(n.startswith("Michaela ") for n in rows(a))


def test_short_form_in_brackets_follows_the_bound_role():
    a = article("Der Rat bestellte Jana Kerner zur Informationssicherheitsbeauftragten (ISB) der Gemeinde.",
                ["Jana Kerner"])
    assert "ISB" in {r.role for r in rows(a)["Jana Kerner"]}


def test_role_coordinated_with_als_follows_the_bound_role():
    a = article("Der Rat bestellte Jana Kerner zur Kämmerin der Gemeinde sowie als Digitallotsin im Rathaus.",
                ["Jana Kerner"])
    got = {r.role for r in rows(a)["Jana Kerner"]}
    assert "Digitallotsin" in got and any(r.startswith("Kämmerin") for r in got)


def test_bare_coordinated_role_names_someone_else():
    a = article("Geladen hatte Jana Kerner, Kämmerin der Gemeinde, und der Landrat kam auch.", ["Jana Kerner"])
    assert "Landrat" not in {r.role for r in rows(a)["Jana Kerner"]}


def test_possessive_skips_a_name_after_a_preposition():
    """'Sein Hauptberuf' after '... als Nachfolger von Y' refers to the subject, not to Y."""
    a = article("Neu ist Tom Berger, der als Nachfolger von Jan Probst Landes-CIO wurde. "
                "Sein Hauptberuf: Minister für Finanzen.", ["Tom Berger", "Jan Probst"])
    got = rows(a)
    assert "Minister für Finanzen" in {r.role for r in got["Tom Berger"]}
    assert "Minister für Finanzen" not in {r.role for r in got["Jan Probst"]}


def test_successor_shares_the_office_and_the_predecessor_keeps_it():
    a = article("Der Verband wählte Tom Berger zum Nachfolger des langjährigen Geschäftsführers Jan Probst.",
                ["Tom Berger", "Jan Probst"])
    got = rows(a)
    assert "Geschäftsführer" in {r.role for r in got["Tom Berger"]}
    assert "Geschäftsführer" in {r.role for r in got["Jan Probst"]}


def test_with_name_needs_an_indefinite_office():
    a = article("Die Gemeinde sprach mit Frau Jana Kerner über die Datenschutzbeauftragte des Kreises.",
                ["Jana Kerner"])
    assert {r.role for r in rows(a)["Jana Kerner"]} == {""}


def test_coordinated_bare_predicate_shares_the_copula_subject():
    a = article("Tom Berger ist seit 2013 Mitglied des Kreistages und seit 2021 Vorsitzender des Verbandes.",
                ["Tom Berger"])
    assert "Vorsitzender des Verbandes" in {r.role for r in rows(a)["Tom Berger"]}


def test_coordinated_role_after_a_comma_is_another_clause():
    a = article("Tom Berger ist Mitglied des Kreistages, und seit 2021 Vorsitzender des Verbandes ist Jan Probst.",
                ["Tom Berger", "Jan Probst"])
    got = rows(a)
    assert "Vorsitzender des Verbandes" not in {r.role for r in got["Tom Berger"]}
    assert "Vorsitzender des Verbandes" in {r.role for r in got["Jan Probst"]}


def test_grade_compound_before_a_full_name_is_a_title():
    a = article("Es sprach Städteregionsrat Tom Berger zu den Gästen.", ["Tom Berger"])
    assert "Städteregionsrat" in {r.role for r in rows(a)["Tom Berger"]}


def test_grade_compound_without_a_name_stays_a_body():
    a = article("Tom Berger sprach vor dem Verwaltungsrat über die Zahlen.", ["Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


@pytest.mark.parametrize("text, name, role", [
    ("Verbandsgeschäftsführer Kruselmann begrüßte die Besucher.", "Kruselmann", "Verbandsgeschäftsführer"),
    ("Am Montag sagte Landrat Franz Kruselmann, das Amt sei bereit.", "Franz Kruselmann", "Landrat"),
    ("Christoph Kruselmann, Präsident des Amtes, sprach zuerst.", "Christoph Kruselmann", "Präsident des Amtes"),
])
def test_names_the_ner_missed_next_to_a_role(text, name, role):
    got = rows(article(text, []))
    assert name in got and role in {r.role for r in got[name]}


@pytest.mark.parametrize("text", [
    "Der Geschäftsführer Projektgruppe und Verband tagten.",      # a compound on a common noun
    "Der Landrat Nordheim lädt ein.",                              # a place of the article
    "Alle Landräte Kruselmann und Co. kamen.",                     # a plural role
])
def test_no_name_from_an_ordinary_word_after_a_role(text):
    got = rows(article(text, [], places=["Nordheim"] if "Nordheim" in text else ()))
    assert not got, got


def test_career_step_needs_an_agreeing_antecedent():
    a = article("Tom Berger kennt das Rathaus gut. Zuvor war sie als Kämmerin der Stadt tätig.", ["Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


def test_role_after_name_opening_a_copula_clause_is_the_next_persons():
    a = article("Vorsitzender des Rates ist Landrat Tom Berger, neue Vorsitzende des Beirats ist dessen "
                "Kollegin Bürgermeisterin Jana Kerner.", ["Tom Berger", "Jana Kerner"])
    got = rows(a)
    assert "Vorsitzende des Beirats" in {r.role for r in got["Jana Kerner"]}
    assert not any("Beirat" in r.role for r in got["Tom Berger"])


def test_apposition_closed_by_a_comma_stays_with_the_name():
    a = article("Jana Kerner, Leiterin des Bauamts, ist zufrieden mit Tom Berger.", ["Jana Kerner", "Tom Berger"])
    assert "Leiterin des Bauamts" in {r.role for r in rows(a)["Jana Kerner"]}


def test_antecedent_skips_a_name_after_a_preposition_and_its_role():
    a = article("Jana Kerner ist neu. Sie arbeitet unter Leitung von Minister Tom Berger. "
                "Sie darf sich nun Beauftragte für Datenschutz nennen.", ["Jana Kerner", "Tom Berger"])
    got = rows(a)
    assert "Beauftragte für Datenschutz" in {r.role for r in got["Jana Kerner"]}
    assert not any("Beauftragt" in r.role for r in got["Tom Berger"])


def test_predecessor_held_the_successors_office_formerly():
    a = article("Erstmals wurde eine Frau in die Position einer Landes-CIO berufen: Jana Kerner hat die "
                "Nachfolge von Tom Berger angetreten.", ["Jana Kerner", "Tom Berger"])
    got = rows(a)
    assert "Landes-CIO" in {r.role for r in got["Jana Kerner"]}
    assert {(r.role, r.current) for r in got["Tom Berger"]} == {("Landes-CIO", False)}


def test_predecessor_gets_nothing_when_several_people_hold_roles_there():
    a = article("Landrat Jan Probst gratulierte Kämmerin Jana Kerner zur Nachfolge von Tom Berger.",
                ["Jan Probst", "Jana Kerner", "Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


def test_career_step_with_copula_is_a_former_role():
    a = article("Tom Berger kennt das Rathaus gut. Zuvor war er zwischen 2006 und 2013 Kämmerer der Stadt.",
                ["Tom Berger"])
    assert {(r.role, r.current) for r in rows(a)["Tom Berger"]} == {("Kämmerer", False)}


def test_member_of_parliament_is_a_role():
    a = article("Tom Berger ist seit 2013 Mitglied des Landtages.", ["Tom Berger"])
    assert "Mitglied des Landtages" in {r.role for r in rows(a)["Tom Berger"]}


def test_members_in_plural_bind_no_single_person():
    a = article("Tom Berger begrüßte die Mitglieder des Verbandes.", ["Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


def test_pronoun_copula_needs_the_pronouns_gender():
    a = article("Tom Berger leitet seit Mai das Bauamt. Sie ist außerdem Vorsitzende des Fördervereins.",
                ["Tom Berger"])
    assert {r.role for r in rows(a)["Tom Berger"]} == {""}


def test_pronoun_copula_with_former_adverb_is_former():
    a = article("Jana Kerner leitet seit Mai das Bauamt. Sie war zuvor Referentin im Ministerium.", ["Jana Kerner"])
    assert ("Referentin", False) in {(r.role, r.current) for r in rows(a)["Jana Kerner"]}
