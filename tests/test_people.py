"""People extractor on invented sentences with hand-built PER entities (no NER model)."""
from __future__ import annotations

import itertools
import re

import pytest
import spacy

from pipeline.extract import people
from pipeline.extract.roles import vocabulary
from pipeline.gazetteer import resolve_place
from pipeline.model import Article, Organization

NLP = spacy.blank("de")


def occurrences(text: str, s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]


def place(text: str, name: str, *forms: str):
    p = resolve_place(name)
    assert p is not None, name
    spans = sorted(sp for f in (forms or (name,)) for sp in occurrences(text, f))
    p.spans, p.mentions, p.surface = spans, len(spans), list(forms or (name,))
    return p


def org(text: str, name: str, acronym: str = "", *forms: str) -> Organization:
    spans = sorted(sp for f in (name, acronym, *forms) if f for sp in occurrences(text, f))
    return Organization(name=name, canonical=name, mentions=len(spans), spans=spans, acronym=acronym)


def article(text: str, names: list[str], places=(), orgs=()) -> Article:
    doc = NLP.make_doc(text)
    spans = []
    for n in names:
        for s, e in occurrences(text, n):
            sp = doc.char_span(s, e, label="PER", alignment_mode="expand")
            if sp is not None and not any(sp.start < o.end and o.start < sp.end for o in spans):
                spans.append(sp)
    doc.ents = sorted(spans, key=lambda s: s.start)
    a = Article(doc_id="t", source_file="t", text=text)
    a.doc = doc
    a.places = [place(text, *p) if isinstance(p, tuple) else place(text, p) for p in places]
    a.organizations = list(orgs)
    return a


def rows(a: Article) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in people.extract(a):
        assert a.text[p.start:p.end] == p.name or p.name.endswith(a.text[p.start:p.end])
        out.setdefault(p.name, []).append(p)
    return out


def roles_of(r: dict, name: str) -> set[tuple[str, str]]:
    return {(p.role, p.role_canonical) for p in r[name]}


def test_genitive_owner_and_coordinated_roles():
    t = ("Die Sitzung eröffnete Göttingens Erste Stadträtin und Finanzdezernentin Petra Muster am Abend. "
         "Später sprach Muster über den Haushalt.")
    r = rows(article(t, ["Petra Muster"], ["Göttingen"]))
    assert roles_of(r, "Petra Muster") == {("Erste Stadträtin", "Erster Stadtrat"), ("Finanzdezernentin", "Dezernent")}
    assert {p.place for p in r["Petra Muster"]} == {"Göttingen"}
    assert r["Petra Muster"][0].place_ags == "03159016"
    assert r["Petra Muster"][0].mentions == 2


def test_apposition_after_the_name_with_complement_and_place():
    t = ("Das Vorhaben stellte Jonas Beispiel, Erster Stadtrat und Dezernent für Bildung, Sport und Umwelt "
         "der Stadt Kassel, am Montag vor.")
    r = rows(article(t, ["Jonas Beispiel"], ["Kassel"]))
    assert ("Dezernent für Bildung, Sport und Umwelt", "Dezernent") in roles_of(r, "Jonas Beispiel")
    assert ("Erster Stadtrat", "Erster Stadtrat") in roles_of(r, "Jonas Beispiel")
    assert {p.place for p in r["Jonas Beispiel"]} == {"Kassel"}


def test_article_role_comma_name_and_surname_mentions():
    t = ("Der Vorsitzende des Kreistages, Karl Probe, zeigte sich zufrieden. Man sei auf einem guten Weg, "
         "sagte Probe. Auch Proben gab es.")
    r = rows(article(t, ["Karl Probe"]))
    assert roles_of(r, "Karl Probe") == {("Vorsitzender des Kreistages", "Vorsitzender")}
    assert r["Karl Probe"][0].mentions == 2          # 'Proben' is a word, not the genitive of the surname


def test_titles_are_kept_apart():
    t = "Die Studie stellte Prof. Dr. Anna Test vor. Dr. Test leitet das Institut seit 2019."
    r = rows(article(t, ["Anna Test"]))
    assert list(r) == ["Anna Test"]
    assert r["Anna Test"][0].title == "Prof. Dr."


def test_ner_span_with_role_word_and_title_is_trimmed():
    t = "Gestern lobte Landrat Dr. Otto Fiktiv die Verwaltung."
    r = rows(article(t, ["Landrat Dr. Otto Fiktiv"], ["Landkreis Harburg"]))
    assert list(r) == ["Otto Fiktiv"]
    assert r["Otto Fiktiv"][0].title == "Dr."
    assert roles_of(r, "Otto Fiktiv") == {("Landrat", "Landrat")}


def test_plural_role_over_a_list_in_each_persons_gender():
    t = "Die Landräte Max Eins, Moritz Zwei und Paula Drei unterzeichneten den Vertrag."
    r = rows(article(t, ["Max Eins", "Moritz Zwei", "Paula Drei"]))
    assert roles_of(r, "Max Eins") == {("Landrat", "Landrat")}
    assert roles_of(r, "Paula Drei") == {("Landrätin", "Landrat")}


def test_weak_plural_with_dash_list():
    t = ("Geplant haben das die für Finanzen zuständigen Dezernenten der beiden Städte – Max Eins "
         "und Erik Zwei – seit dem Frühjahr.")
    r = rows(article(t, ["Max Eins", "Erik Zwei"]))
    assert roles_of(r, "Max Eins") == {("Dezernent", "Dezernent")}
    assert roles_of(r, "Erik Zwei") == roles_of(r, "Max Eins")


def test_party_in_brackets_and_state_owner():
    t = "Hessens Innenminister Peter Probe (CDU) kündigte ein neues Portal an."
    r = rows(article(t, ["Peter Probe"], ["Hessen"]))
    p = r["Peter Probe"][0]
    assert (p.role, p.role_canonical, p.place, p.party, p.organization) == (
        "Innenminister", "Minister", "Hessen", "CDU", "CDU")


def test_parliament_in_brackets():
    t = "Die beiden Abgeordneten Lena Muster (Bundestag) und Paul Probe (Landtag) besuchten das Amt."
    r = rows(article(t, ["Lena Muster", "Paul Probe"]))
    assert roles_of(r, "Lena Muster") == {("Abgeordnete", "Abgeordneter")}
    assert r["Lena Muster"][0].organization == "Bundestag"
    assert roles_of(r, "Paul Probe") == {("Abgeordneter", "Abgeordneter")}
    assert r["Paul Probe"][0].organization == "Landtag"


def test_copula_with_anaphoric_organisation():
    t = "Seit März gibt es im Rathaus eine Stabsstelle Digitales. Deren Leiterin ist Maria Test."
    o = org(t, "Stabsstelle Digitales")
    r = rows(article(t, ["Maria Test"], orgs=[o]))
    p = r["Maria Test"][0]
    assert (p.role, p.role_canonical, p.organization) == ("Leiterin", "Leiter", "Stabsstelle Digitales")


def test_elected_and_chair():
    t = ("Hans Muster wurde am Dienstag zum Vorsitzenden gewählt. Zudem übernimmt Eva Probe "
         "den Vorsitz des Aufsichtsrates.")
    r = rows(article(t, ["Hans Muster", "Eva Probe"]))
    assert roles_of(r, "Hans Muster") == {("Vorsitzender", "Vorsitzender")}
    assert roles_of(r, "Eva Probe") == {("Vorsitzende des Aufsichtsrates", "Vorsitzender")}


def test_acronym_prefix_names_the_organisation():
    t = "Die XYZ Datenzentrale (XYZ) wächst. XYZ-Geschäftsführer Tim Test plant neue Stellen."
    o = org(t, "XYZ Datenzentrale", "XYZ")
    r = rows(article(t, ["Tim Test"], orgs=[o]))
    p = r["Tim Test"][0]
    assert (p.role, p.role_canonical, p.organization) == ("XYZ-Geschäftsführer", "Geschäftsführer",
                                                          "XYZ Datenzentrale")


def test_ministry_complement_gives_land_and_organisation():
    t = ("Dazu sprach Lars Beispiel, Staatssekretär im Niedersächsischen Ministerium für Inneres und Sport, "
         "in Hannover.")
    r = rows(article(t, ["Lars Beispiel"], ["Hannover"]))
    p = r["Lars Beispiel"][0]
    assert p.role == "Staatssekretär" and p.place == "Niedersachsen" and p.place_ags == "03"
    assert "Ministerium für Inneres und Sport" in p.organization


def test_district_role_takes_the_articles_only_district():
    t = "Im Landkreis Harburg gibt es Neues. Landrat Otto Fiktiv lobte die Mitarbeiter im Landratsamt."
    r = rows(article(t, ["Otto Fiktiv"], [("Landkreis Harburg", "Landkreis Harburg")]))
    assert r["Otto Fiktiv"][0].place == "Landkreis Harburg"


def test_no_place_when_unsure():
    t = "Kassel und Göttingen arbeiten zusammen. Bürgermeister Jan Probe freut sich."
    r = rows(article(t, ["Jan Probe"], ["Kassel", "Göttingen"]))
    assert r["Jan Probe"][0].place == ""


def test_person_without_role_has_one_empty_row():
    t = "Das berichtete Ralf Muster aus dem Bauamt. Muster ist zufrieden."
    r = rows(article(t, ["Ralf Muster"]))
    assert [(p.role, p.mentions) for p in r["Ralf Muster"]] == [("", 2)]


def test_partial_name_joins_the_full_name():
    t = "Jan Erik Probe sprach zuerst. Danach antwortete Erik Probe auf Fragen."
    r = rows(article(t, ["Jan Erik Probe", "Erik Probe"]))
    assert list(r) == ["Jan Erik Probe"]
    assert r["Jan Erik Probe"][0].mentions == 2


def test_age_anaphor_with_als():
    t = "Die Stadt hat Eva Muster eingestellt. Die 41-Jährige arbeitete zuvor als Referentin der Stadt Kiel."
    r = rows(article(t, ["Eva Muster"], ["Kiel"]))
    p = r["Eva Muster"][0]
    assert (p.role, p.place) == ("Referentin", "Kiel")


def test_no_people_without_entities():
    a = article("Der Bürgermeister eröffnete das Bürgerbüro.", [])
    assert people.extract(a) == []
    a.doc = None
    assert people.extract(a) == []


TEMPLATES = [
    "{role} {name} stellte am Montag das neue Portal vor.",
    "Das neue Portal stellte {name}, {role} der Stadt Kassel, am Montag vor.",
    "Am Montag sagte {name} zur Presse, das Portal sei fertig.",
    "„Das Portal ist fertig“, sagte {role} {name} am Montag.",
]
NAMES = ["Anna Fiktiv", "Dr. Bernd Probe", "Carla Maria Test"]
ROLES = ["Bürgermeisterin", "Digitaldezernent", "Pressesprecherin", "Erster Stadtrat"]


@pytest.mark.parametrize("template, name, role", list(itertools.product(TEMPLATES, NAMES, ROLES)))
def test_offsets_point_at_the_mention(template, name, role):
    t = template.format(name=name, role=role)
    clean = name.replace("Dr. ", "")
    a = article(t, [clean], ["Kassel"])
    got = people.extract(a)
    assert {p.name for p in got} == {clean}
    for p in got:
        assert t[p.start:p.end] == p.name
        assert p.title == ("Dr." if name.startswith("Dr.") else "")
        if "{role}" in template:
            assert p.role_canonical == vocabulary().analyse(role.split()[-1]).canonical or \
                p.role_canonical == vocabulary().lookup(role).canonical


def test_apposition_after_brackets_and_ministry_genitive():
    t = ("Dazu sagte Ina Muster (SPD), Staatssekretärin im Bundesministerium des Innern und Beauftragte "
         "der Bundesregierung für Informationstechnik, am Rande der Messe etwas.")
    r = rows(article(t, ["Ina Muster"]))
    got = roles_of(r, "Ina Muster")
    assert ("Staatssekretärin", "Staatssekretär") in got
    assert any(role.startswith("Beauftragte der Bundesregierung") for role, _ in got)
    assert r["Ina Muster"][0].party == "SPD"
    assert any("Bundesministerium des Innern" in p.organization for p in r["Ina Muster"])


def test_field_prefix_is_no_organisation():
    t = "Das erklärte IT-Leiter Tom Probe am Freitag."
    r = rows(article(t, ["Tom Probe"]))
    assert [(p.role, p.role_canonical, p.organization) for p in r["Tom Probe"]] == [("IT-Leiter", "Leiter", "")]


def test_role_followed_by_organisation_name_after_a_person():
    t = "„Wir wachsen“, sagt Dr. Max Muster, Vorstandsvorsitzender Fiktivwerke. Die Fiktivwerke bauen aus."
    o = org(t, "Fiktivwerke")
    for names in (["Max Muster"], ["Max Muster", "Fiktivwerke"]):   # also when the NER calls the firm a person
        r = rows(article(t, names, orgs=[o]))
        assert list(r) == ["Max Muster"]
        p = r["Max Muster"][0]
        assert (p.role, p.role_canonical, p.organization, p.title) == (
            "Vorstandsvorsitzender", "Vorsitzender", "Fiktivwerke", "Dr.")


def test_party_prefix():
    t = "Das kritisierte SPD-Bundestagsabgeordnete Lena Muster scharf."
    p = rows(article(t, ["Lena Muster"]))["Lena Muster"][0]
    assert (p.role, p.role_canonical, p.party, p.organization) == (
        "SPD-Bundestagsabgeordnete", "Abgeordneter", "SPD", "SPD")


def test_die_with_masculine_role_is_plural():
    t = "Die Bürgermeister Klaus Berg und Uwe Stein begrüßten die Pläne. Bürgermeister Jan Probe und Eva Muster fehlten."
    r = rows(article(t, ["Klaus Berg", "Uwe Stein", "Jan Probe", "Eva Muster"]))
    assert roles_of(r, "Uwe Stein") == {("Bürgermeister", "Bürgermeister")}
    assert roles_of(r, "Jan Probe") == {("Bürgermeister", "Bürgermeister")}
    assert roles_of(r, "Eva Muster") == {("", "")}      # singular: only the first name


def test_place_named_for_someone_else_is_no_default():
    t = "Hamburgs Erster Bürgermeister Peter Probe lobte das Projekt. Auch Bürgermeisterin Eva Muster war da."
    r = rows(article(t, ["Peter Probe", "Eva Muster"], ["Hamburg"]))
    assert r["Peter Probe"][0].place == "Hamburg"
    assert r["Eva Muster"][0].place == ""


def test_coordinated_roles_with_their_own_organisations():
    t = ("Jan Probe, Staatssekretär im Bundesministerium des Innern und für Heimat und Beauftragter der "
         "Bundesregierung für Informationstechnik, sprach.")
    got = {(p.role, p.organization) for p in rows(article(t, ["Jan Probe"]))["Jan Probe"]}
    assert ("Staatssekretär", "Bundesministerium des Innern und für Heimat") in got
    assert ("Beauftragter der Bundesregierung für Informationstechnik", "Bundesregierung") in got


def test_retired_marker_stays_with_the_role():
    t = "Zu Gast war Bürgermeister a.D. Hans Muster aus dem Nachbarort."
    assert roles_of(rows(article(t, ["Hans Muster"])), "Hans Muster") == {("Bürgermeister a.D.", "Bürgermeister")}


def test_female_compound_role_is_one_row_with_its_canonical_office():
    t = "Das sagte Finanzsenatorin Anna Fiktiv am Dienstag."
    assert roles_of(rows(article(t, ["Anna Fiktiv"])), "Anna Fiktiv") == {("Finanzsenatorin", "Senator")}


def test_base_form_stated_later_folds_into_the_compound_row():
    t = ("Die Bundesinnenministerin Anna Fiktiv eröffnete die Messe. Später sagte die Ministerin Anna Fiktiv, "
         "sie sei zufrieden.")
    assert roles_of(rows(article(t, ["Anna Fiktiv"])), "Anna Fiktiv") == {("Bundesinnenministerin", "Minister")}


def test_relative_clause_with_als():
    t = "Neu im Team ist Anna Fiktiv, die seit 2020 als Projektleiterin der Stadt Kassel arbeitet."
    p = rows(article(t, ["Anna Fiktiv"], ["Kassel"]))["Anna Fiktiv"]
    assert {(x.role, x.place) for x in p} >= {("Projektleiterin", "Kassel")}


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["Bürgermeisterin", "Erster", "Stadtrat", "und", "Dezernent", "für", "Kultur", ",", ".", "der", "Stadt",
          "Kassel", "Die", "Landräte", "–", "(", "CDU", ")", "„", "“", "sagte", "Probe", ":", "ist", "zum",
          "Vorsitzenden", "gewählt", "als", "Dr.", "des", "im", "Ministerium", "Anna Fiktiv", "Jan Probe", "\n\n",
          "a.D.", "übernimmt", "den", "Vorsitz", "Deren", "Leiterin", "41-Jährige", "von"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_any_word_salad_gives_valid_rows(pieces):
    t = " ".join(pieces)
    a = article(t, ["Anna Fiktiv", "Jan Probe"], ["Kassel"] if "Kassel" in t else [])
    got = people.extract(a)
    for p in got:
        assert 0 <= p.start < p.end <= len(t)
        assert t[p.start:p.end] == p.name or p.name.endswith(t[p.start:p.end])
        assert p.name in ("Anna Fiktiv", "Jan Probe")
    a.people = got
    from pipeline.extract import quotes
    for q in quotes.extract(a):
        assert t[q.start:q.end] == q.text and q.text


def test_adjacent_per_spans_are_one_name():
    t = "Die Stadträte Jan Erik Probe und Max Muster unterschrieben."
    a = article(t, ["Jan", "Erik Probe", "Max Muster"])
    assert sorted(p.name for p in people.extract(a)) == ["Jan Erik Probe", "Max Muster"]


def test_genitive_full_name_is_the_same_person():
    t = "Jan Probe stellte den Plan vor. Jan Probes Vorschlag fand Zustimmung."
    r = rows(article(t, ["Jan Probe", "Jan Probes"]))
    assert list(r) == ["Jan Probe"] and r["Jan Probe"][0].mentions == 2


def org_article(text: str, names: list[str], places=()) -> Article:
    """An article whose organisations come from the organisations extractor."""
    from pipeline.extract import orgs
    a = article(text, names, places)
    a.organizations = orgs.extract(a)
    return a


def test_organisation_right_after_a_name_with_a_role():
    t = ("Digitalministerin Anna Fiktiv vom Hessischen Ministerium für Digitale Strategie und Entwicklung "
         "stellte das Portal vor. Die Kreisbaurätin Eva Muster aus dem Landratsamt Gießen lobte die Zusammenarbeit.")
    r = rows(org_article(t, ["Anna Fiktiv", "Eva Muster"], ["Gießen"]))
    assert {p.organization for p in r["Anna Fiktiv"]} == {"Hessisches Ministerium für Digitale Strategie und Entwicklung"}
    assert {p.place for p in r["Anna Fiktiv"]} == {"Hessen"}
    assert ("Kreisbaurätin", "Rat") in roles_of(r, "Eva Muster")
    assert {p.organization for p in r["Eva Muster"]} == {"Landratsamt Gießen"}


def test_organisation_after_a_bracket_and_without_role():
    t = ("Stadtdirektorin Maria Probe (SPD) beim Zweckverband KDMN sprach. "
         "Auch Jan Probe von der Beispiel GmbH war da.")
    r = rows(org_article(t, ["Maria Probe", "Jan Probe"]))
    assert {p.organization for p in r["Maria Probe"]} == {"Zweckverband KDMN"}
    assert r["Maria Probe"][0].party == "SPD"
    assert [p.organization for p in r["Jan Probe"]] == ["Beispiel GmbH"]


def test_place_noun_right_after_a_name():
    t = "Stadtbaudirektor Max Muster von der Stadt Erfurt und Landrätin Eva Probe unterzeichneten."
    r = rows(org_article(t, ["Max Muster", "Eva Probe"], ["Erfurt"]))
    assert r["Max Muster"][0].place == "Erfurt"
    assert r["Eva Probe"][0].organization == ""


def test_no_organisation_link_unless_right_after_the_name():
    t = ("Bürgermeisterin Anna Fiktiv lobte das Landratsamt Gießen. Jan Probe sprach mit Leuten vom "
         "Landratsamt Gießen. Ministerin Eva Muster von der Leyen kam später.")
    r = rows(org_article(t, ["Anna Fiktiv", "Jan Probe", "Eva Muster von der Leyen"], ["Gießen"]))
    assert {p.organization for p in r["Anna Fiktiv"]} == {""}
    assert {p.organization for p in r["Jan Probe"]} == {""}
    assert {p.organization for p in r["Eva Muster von der Leyen"]} == {""}


def test_parteilos_is_a_party_value_but_no_organisation():
    t = "Bürgermeister Hans Probe (parteilos) und Landrätin Eva Probe (CDU) eröffneten das Portal."
    r = rows(org_article(t, ["Hans Probe", "Eva Probe"]))
    assert r["Hans Probe"][0].party == "parteilos" and r["Hans Probe"][0].organization == ""
    assert r["Eva Probe"][0].party == "CDU" and r["Eva Probe"][0].organization == "CDU"


def test_role_after_the_linked_organisation_in_the_same_apposition():
    t = ("Die Umstellung laufe nach Plan, sagte Clara Beispiel, beim Landratsamt Traunstein Leiterin der "
         "IT-Abteilung, am Montag. Markus Probe vom Landesamt für Geoinformation, dort Referatsleiter, zeigte "
         "die neue Karte.")
    r = rows(org_article(t, ["Clara Beispiel", "Markus Probe"], ["Traunstein"]))
    (clara,) = r["Clara Beispiel"]
    assert (clara.role, clara.organization) == ("Leiterin der IT-Abteilung", "Landratsamt Traunstein")
    assert clara.place == "Landkreis Traunstein" and clara.place_ags == "09189"
    (markus,) = r["Markus Probe"]
    assert (markus.role, markus.organization) == ("Referatsleiter", "Landesamt für Geoinformation")


def test_role_after_a_link_only_when_it_closes_the_apposition():
    t = ("Markus Probe vom Landesamt für Geoinformation sieht Referatsleiter in der Pflicht. "
         "Jan Muster vom Landratsamt Gießen, Abteilungsleiterin Eva Fiktiv widersprach.")
    r = rows(org_article(t, ["Markus Probe", "Jan Muster", "Eva Fiktiv"], ["Gießen"]))
    assert [p.role for p in r["Markus Probe"]] == [""]
    assert [p.role for p in r["Jan Muster"]] == [""]
    assert [p.role for p in r["Eva Fiktiv"]] == ["Abteilungsleiterin"]


def test_place_in_brackets_after_the_name():
    t = "Das klappt schon gut, sagte Jens Probe (Stadt Kassel), Digitalisierungsbeauftragter."
    (jens,) = rows(org_article(t, ["Jens Probe"], ["Kassel"]))["Jens Probe"]
    assert (jens.role, jens.place, jens.place_ags) == ("Digitalisierungsbeauftragter", "Kassel", "06611000")
    (jens,) = rows(org_article("Das klappt schon gut, sagte Jens Probe, Bürgermeister.", ["Jens Probe"]))["Jens Probe"]
    assert (jens.role, jens.place) == ("Bürgermeister", "")


def test_district_office_gives_its_city_only_when_the_name_says_so():
    t = ("Das sagte Petra Lange, Leiterin der IT im Bezirksamt Hamburg-Nord. Bezirksstadträtin Carla Vogt "
         "vom Bezirksamt Mitte war auch da. Jonas Hartmann vom Berliner Bezirksamt Treptow-Köpenick, dort "
         "Referent, widersprach.")
    r = rows(org_article(t, ["Petra Lange", "Carla Vogt", "Jonas Hartmann"]))
    (petra,) = r["Petra Lange"]
    assert (petra.place, petra.place_ags, petra.organization) == ("Hamburg", "02000000", "Bezirksamt Hamburg-Nord")
    assert {(p.place, p.organization) for p in r["Carla Vogt"]} == {("", "Bezirksamt Mitte")}
    (jonas,) = r["Jonas Hartmann"]
    assert (jonas.role, jonas.place, jonas.organization) == ("Referent", "Berlin", "Bezirksamt Treptow-Köpenick")


def test_role_complement_runs_to_the_end_of_the_organisation_name():
    t = "Jonas Hartmann, Sprecher des Senats der Freien und Hansestadt Hamburg, sagte nichts."
    (jonas,) = rows(org_article(t, ["Jonas Hartmann"], ["Hamburg"]))["Jonas Hartmann"]
    assert jonas.role == "Sprecher des Senats der Freien und Hansestadt Hamburg"
    assert (jonas.organization, jonas.place) == ("Senat der Freien und Hansestadt Hamburg", "Hamburg")


def test_role_complement_takes_a_place_name_of_several_tokens():
    t = ("Der Beigeordnete für Bauen der Stadt Halle (Saale), Jan Probe, kündigte das an. "
         "Oberbürgermeisterin von Neustadt an der Weinstraße, Anna Fiktiv (CDU), berichtete davon. "
         "Der Bürgermeister von Frankfurt am Main, Max Muster, schwieg.")
    a = article(t, ["Jan Probe", "Anna Fiktiv", "Max Muster"],
                ["Halle (Saale)", "Neustadt an der Weinstraße", "Frankfurt am Main"])
    r = rows(a)
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("Beigeordneter für Bauen", "Halle (Saale)")]
    assert [(p.role, p.place) for p in r["Anna Fiktiv"]] == [("Oberbürgermeisterin", "Neustadt an der Weinstraße")]
    assert [(p.role, p.place) for p in r["Max Muster"]] == [("Bürgermeister", "Frankfurt am Main")]


def test_role_stated_with_a_copula():
    t = ("Seit März ist Anna Fiktiv Chief Digital Officer der Stadt Kassel. "
         "Neue Leiterin des Kreisamtes ist seit Mai Clara Beispiel. "
         "Jens Probe bleibt Digitalisierungsbeauftragter des Landkreises Gießen. "
         "Im Juni wurde Eva Muster zur Landrätin des Landkreises Gießen gewählt. "
         "Danach ist Hans Peter Richter nach Kassel gefahren.")
    # the NER glues the role onto the name after an inverted copula ('ist Anna Fiktiv Chief ...')
    a = article(t, ["Anna Fiktiv Chief", "Clara Beispiel", "Jens Probe", "Eva Muster", "Hans Peter Richter"],
                ["Kassel", ("Landkreis Gießen", "Landkreises Gießen")])
    r = rows(a)
    assert [(p.role, p.place) for p in r["Anna Fiktiv"]] == [("Chief Digital Officer", "Kassel")]
    assert [p.role for p in r["Clara Beispiel"]] == ["Leiterin des Kreisamtes"]
    assert [(p.role, p.place) for p in r["Jens Probe"]] == [("Digitalisierungsbeauftragter", "Landkreis Gießen")]
    assert [(p.role, p.place) for p in r["Eva Muster"]] == [("Landrätin", "Landkreis Gießen")]
    assert [p.role for p in r["Hans Peter Richter"]] == [""]     # a surname that is a role word stays


def test_copula_gap_takes_only_adverbials():
    t = "Neue Leiterin des Amtes ist nach Angaben der Stadt Kassel Anna Fiktiv. Erster Stadtrat ist Jan Probe."
    r = rows(article(t, ["Anna Fiktiv", "Jan Probe"], ["Kassel"]))
    assert [p.role for p in r["Anna Fiktiv"]] == [""]
    assert [p.role for p in r["Jan Probe"]] == ["Erster Stadtrat"]


def test_role_complement_runs_over_a_comma_list_up_to_the_name():
    t = ("Die Dezernentin für Bürgerinnen und Bürger, Digitales und Internationales, Petra Lange, sagte das. "
         "Der Dezernent für Bauen und Umwelt, Jan Probe, schwieg.")
    r = rows(article(t, ["Petra Lange", "Jan Probe"]))
    assert [p.role for p in r["Petra Lange"]] == ["Dezernentin für Bürgerinnen und Bürger, Digitales und Internationales"]
    assert [p.role for p in r["Jan Probe"]] == ["Dezernent für Bauen und Umwelt"]


def test_person_linked_to_an_organisation_named_with_its_seat_gets_the_place():
    t = ("Prof. Anna Fiktiv von der Hochschule für Polizei und Rechtspflege Göttingen mahnte Geduld. "
         "Jan Probe, Referent der Hochschule für Polizei und Rechtspflege Göttingen, stimmte zu.")
    r = rows(org_article(t, ["Anna Fiktiv", "Jan Probe"]))
    (anna,) = r["Anna Fiktiv"]
    assert (anna.role, anna.organization) == ("", "Hochschule für Polizei und Rechtspflege Göttingen")
    assert (anna.place, anna.place_ags) == ("Göttingen", "03159016")
    (jan,) = r["Jan Probe"]
    assert (jan.role, jan.place) == ("Referent der Hochschule für Polizei und Rechtspflege Göttingen", "Göttingen")


def test_middle_initial_stays_in_the_name():
    t = ("Kreisdirektor Martin K. Probe nannte das Projekt einen wichtigen Schritt. "
         "„Wir wollen keine Insellösungen“, sagte Probe.")
    r = rows(article(t, ["Martin K. Probe"]))
    assert [p.role for p in r["Martin K. Probe"]] == ["Kreisdirektor"]


def test_bare_place_after_aus_right_after_the_name():
    t = "Der FDP-Landtagsabgeordnete Jan Probe aus Offenbach verlangte mehr Tempo bei der E-Rechnung."
    r = rows(article(t, ["Jan Probe"], [("Offenbach am Main", "Offenbach")]))
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("FDP-Landtagsabgeordneter", "Offenbach am Main")]


def test_city_adjective_before_the_role_names_the_city():
    t = ("Die Stadt Kassel bietet 300 Leistungen online an. Das laufe gut, sagte der Kasseler "
         "Landtagsabgeordnete Jan Probe (SPD) in Wiesbaden.")
    r = rows(article(t, ["Jan Probe"], ["Kassel", "Wiesbaden"]))
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("Landtagsabgeordneter", "Kassel")]


def test_city_district_compound_gives_the_city():
    t = ("Auch Bremerhaven soll profitieren. Der Bezirksbürgermeister von Berlin-Pankow, Jan Probe, "
         "war als Gast eingeladen.")
    r = rows(article(t, ["Jan Probe"], ["Bremerhaven", "Berlin"]))
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("Bezirksbürgermeister", "Berlin")]


def test_relative_owner_points_back_to_the_last_place():
    t = ("Die Stadt Rosenheim startet den Dienst. In Rosenheim sind alle zufrieden. Die Nachbargemeinde "
         "Kolbermoor nutzt ihn seit Mai, wie deren Erster Bürgermeister Jan Probe berichtete.")
    r = rows(article(t, ["Jan Probe"], ["Rosenheim", "Kolbermoor"]))
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("Erster Bürgermeister", "Kolbermoor")]


def test_destination_of_a_move_is_not_the_office_place():
    t = ("Anna Fiktiv folgt auf Jan Probe, der nach sechs Jahren als Chief Digital Officer zum "
         "Landkreis Bad Dürkheim wechselt.")
    r = rows(article(t, ["Anna Fiktiv", "Jan Probe"], ["Landkreis Bad Dürkheim"]))
    assert [(p.role, p.place) for p in r["Jan Probe"]] == [("Chief Digital Officer", "")]


def test_organisation_of_a_firm_prefix_and_of_an_an_der_complement():
    t = ("Fiktiv-Gründer und Geschäftsführer Jan Probe sieht Potenzial. Partner der Fiktiv GmbH ist "
         "Dr. Eva Muster, Professorin an der Hochschule Musterhausen.")
    r = rows(article(t, ["Jan Probe", "Eva Muster"],
                     orgs=[org(t, "Fiktiv GmbH"), org(t, "Hochschule Musterhausen")]))
    assert {(p.role, p.organization) for p in r["Jan Probe"]} == {
        ("Fiktiv-Gründer", "Fiktiv GmbH"), ("Geschäftsführer", "Fiktiv GmbH")}
    assert [(p.role, p.organization) for p in r["Eva Muster"]] == [("Professorin", "Hochschule Musterhausen")]


def test_an_with_an_accusative_article_is_no_organisation_of_the_role():
    t = "Landrat Jan Probe schrieb als Landrat an das Fiktivministerium einen Brief."
    r = rows(article(t, ["Jan Probe"], orgs=[org(t, "Fiktivministerium")]))
    assert {(p.role, p.organization) for p in r["Jan Probe"]} == {("Landrat", "")}


def test_mdl_abbreviation_and_a_party_in_brackets_after_the_role():
    t = "Im Landtag sprach auch Jan Probe, MdL (FDP), über die E-Akte."
    r = rows(article(t, ["Jan Probe"]))
    assert [(p.role, p.role_canonical, p.organization, p.party) for p in r["Jan Probe"]] == [
        ("MdL", "Abgeordneter", "Landtag", "FDP")]


def test_office_announced_then_taken_over_in_the_next_sentence():
    t = ("Die Stadt bekommt eine neue Leiterin des Bürgeramts. Ab Mai übernimmt Dr. Eva Muster die Aufgabe. "
         "Zuvor war sie Referentin im Fiktivministerium.")
    r = rows(article(t, ["Eva Muster"], orgs=[org(t, "Fiktivministerium")]))
    # the earlier office is kept as a former one (issue 13: former roles stay, current=False)
    assert [(p.role, p.current) for p in r["Eva Muster"]] == [("Leiterin des Bürgeramts", True),
                                                              ("Referentin", False)]


def test_no_takeover_when_the_next_sentence_names_two_people():
    t = "Die Stadt sucht einen neuen Leiter des Bürgeramts. Ab Mai übernimmt Jan Probe mit Tim Klein die Aufgabe."
    r = rows(article(t, ["Jan Probe", "Tim Klein"]))
    assert [p.role for p in r["Jan Probe"]] == [""] and [p.role for p in r["Tim Klein"]] == [""]


@pytest.mark.parametrize("text, role", [
    ("Der ehemalige Landrat Jan Fiktiv kam ebenfalls.", "Landrat"),
    ("Ex-Bürgermeisterin Anna Fiktiv kam ebenfalls.", "Ex-Bürgermeisterin"),
    ("Anna Fiktiv kam ebenfalls. Zuvor war Anna Fiktiv Referentin im Rathaus.", "Referentin"),
    ("Jan Fiktiv, bis 2019 Kämmerer der Gemeinde, kam ebenfalls.", "Kämmerer"),
])
def test_former_roles_are_kept_with_current_false(text, role):
    name = "Anna Fiktiv" if "Anna" in text else "Jan Fiktiv"
    got = {(p.role, p.current) for p in rows(article(text, [name]))[name]}
    assert (role, False) in got


def test_current_role_stays_current():
    got = rows(article("Landrat Jan Fiktiv kam ebenfalls. Zuvor hatte er gesprochen.", ["Jan Fiktiv"]))
    assert {(p.role, p.current) for p in got["Jan Fiktiv"]} == {("Landrat", True)}


@pytest.mark.parametrize("word, head, prefix", [
    ("Sachsen-CIO", "CIO", "Sachsen-"), ("Landes-CIOs", "CIO", "Landes-"),
    ("nordnetz-Geschäftsführerin", "Geschäftsführer", "nordnetz-"), ("3D-Projektleiter", "Leiter", "3D-Projekt"),
    ("Fraktionsvize", "Vize", "Fraktions"), ("Datenschutzlotsin", "Lotse", "Datenschutz"),
])
def test_role_morphology_of_compounds(word, head, prefix):
    rw = vocabulary().analyse(word)
    assert rw is not None and rw.entry.role == head and rw.prefix == prefix


def test_land_prefix_of_an_abbreviated_role_gives_the_land():
    t = "Das begrüßte Sachsen-CIO Jan Fiktiv am Montag."
    p = rows(article(t, ["Jan Fiktiv"], ["Sachsen"]))["Jan Fiktiv"]
    assert {(x.role, x.place) for x in p} == {("Sachsen-CIO", "Sachsen")}


def test_unit_in_a_place_gives_the_place():
    t = "Jan Fiktiv, der Leiter des Bürgerbüros in Nordheim, zeigte das Portal."
    p = rows(article(t, ["Jan Fiktiv"], ["Nordheim"]))["Jan Fiktiv"]
    assert {x.place for x in p} == {"Nordheim"}


def test_unnamed_city_after_a_role_takes_the_city_the_article_is_about():
    t = ("Nordheim stellt digitale Dienste vor. In Nordheim gibt es nun ein Portal. "
         "Das erklärte die Digitalisierungsbeauftragte der Stadt, Anna Fiktiv.")
    p = rows(article(t, ["Anna Fiktiv"], ["Nordheim"]))["Anna Fiktiv"]
    assert {x.place for x in p} == {"Nordheim"}


def test_derived_adjective_inside_an_apposition():
    t = "Das kritisierte Anna Fiktiv, digitalpolitische Sprecherin der Fraktion, am Montag."
    assert "Sprecherin der Fraktion" in {p.role for p in rows(article(t, ["Anna Fiktiv"]))["Anna Fiktiv"]}


def test_copula_after_a_name_set_off_by_commas():
    t = "Ihr Vorgänger, Jan Fiktiv, war ebenfalls Staatssekretär gewesen."
    assert {p.role for p in rows(article(t, ["Jan Fiktiv"]))["Jan Fiktiv"]} == {"Staatssekretär"}


def test_bislang_marks_a_former_role_in_an_apposition():
    t = "Zum 1. Mai übernimmt Anna Fiktiv, bislang Leiterin der Pressestelle, das neue Amt."
    got = {(p.role, p.current) for p in rows(article(t, ["Anna Fiktiv"]))["Anna Fiktiv"]}
    assert got == {("Leiterin der Pressestelle", False)}


def test_city_adjective_of_kind_points_to_the_article_city():
    t = ("Nordheim baut sein Portal aus. In Nordheim gibt es nun Termine online. "
         "Das sagte Jan Fiktiv (städtischer Digitalbeauftragter).")
    p = rows(article(t, ["Jan Fiktiv"], ["Nordheim"]))["Jan Fiktiv"]
    assert {(x.role, x.place) for x in p} == {("Digitalbeauftragter", "Nordheim")}


@pytest.mark.parametrize("text, ner, name", [
    ("Ministerin Anna Fiktiv Förderbescheide überreicht.", "Anna Fiktiv Förderbescheide", "Anna Fiktiv"),
    ("Das sagte Jan Fiktiv von den Grünen am Montag.", "Jan Fiktiv von den Grünen", "Jan Fiktiv"),
    ("Das sagte Franz Josef Fiktiv am Montag.", "Franz Josef Fiktiv", "Franz Josef Fiktiv"),
    ("Das sagte Martin K. Fiktiv am Montag.", "Martin K. Fiktiv", "Martin K. Fiktiv"),
])
def test_name_ends_after_the_surname(text, ner, name):
    assert list(rows(article(text, [ner]))) == [name]


def test_second_persons_surname_after_a_name_is_a_mention_of_that_person():
    t = ("Anna Beispiel wird Staatssekretärin. Ministerin Jana Fiktiv Beispiel nannte sie geeignet. "
         "Beispiel dankte.")
    got = rows(article(t, ["Anna Beispiel", "Jana Fiktiv Beispiel"]))
    assert set(got) == {"Anna Beispiel", "Jana Fiktiv"}
    assert got["Anna Beispiel"][0].mentions == 3


def test_misspelt_given_name_is_the_same_person():
    t = "Stadtrat Holkger Fiktiv eröffnete. Im Bild: Stadtrat Holger Fiktiv."
    got = rows(article(t, ["Holger Fiktiv", "Holkger Fiktiv"]))
    assert list(got) == ["Holger Fiktiv"]


def test_different_given_names_stay_two_people():
    t = "Anna Fiktiv und Jana Fiktiv sprachen."
    assert set(rows(article(t, ["Anna Fiktiv", "Jana Fiktiv"]))) == {"Anna Fiktiv", "Jana Fiktiv"}


def test_two_known_given_names_one_letter_apart_stay_two_people():
    t = "Lena Fiktiv und Lina Fiktiv sprachen."
    assert set(rows(article(t, ["Lena Fiktiv", "Lina Fiktiv"]))) == {"Lena Fiktiv", "Lina Fiktiv"}


def test_owner_place_at_the_end_of_a_unit():
    t = "Seit Mai ist Jan Fiktiv Leiter des Amts für IT der Universitätsstadt Nordheim und verantwortlich."
    p = rows(article(t, ["Jan Fiktiv"], ["Nordheim"]))["Jan Fiktiv"]
    assert {(x.role, x.place) for x in p} == {("Leiter des Amts für IT", "Nordheim")}


@pytest.mark.parametrize("text, role", [
    ("Das sagte Jan Fiktiv, Leiter IT, am Montag.", "Leiter IT"),
    ("Das sagte Sachgebietsleiter Sicherheit und Ordnung Jan Fiktiv am Montag.",
     "Sachgebietsleiter Sicherheit und Ordnung"),
    ("Das sagte Landrat Jan Fiktiv am Montag.", "Landrat"),
])
def test_role_with_its_unit_without_preposition(text, role):
    assert {p.role for p in rows(article(text, ["Jan Fiktiv"]))["Jan Fiktiv"]} == {role}


def test_honorific_between_role_and_name():
    t = "Im Mai bestellte der Rat Gemeinderätin Frau Anna Fiktiv."
    assert {p.role for p in rows(article(t, ["Anna Fiktiv"]))["Anna Fiktiv"]} == {"Gemeinderätin"}


def test_council_before_an_honorific_is_no_role():
    t = "Im Mai 2017 hatte der Gemeinderat Frau Anna Fiktiv zur Beauftragten bestellt."
    assert "Gemeinderätin" not in {p.role for p in rows(article(t, ["Anna Fiktiv"]))["Anna Fiktiv"]}


@pytest.mark.parametrize("text", [
    "Seit Mai ist Jan Probst Leiter des Amts für IT der Barockstadt Nordheim und damit zuständig.",
    "Jan Probst, Bürgermeister der Ortsgemeinde Nordheim, sprach.",
])
def test_compound_place_noun_names_the_place(text):
    """A compound on a place-noun head ('Barockstadt', 'Ortsgemeinde') introduces the place like 'Stadt'."""
    assert {r.place for r in rows(article(text, ["Jan Probst"], places=["Nordheim"]))["Jan Probst"]} == {"Nordheim"}


def test_compound_place_noun_needs_the_head():
    """'Arbeitsgemeinschaft' ends in no place-noun head: no place."""
    got = rows(article("Jan Probst, Leiter der Arbeitsgemeinschaft Nordheim, sprach.", ["Jan Probst"],
                       places=["Nordheim"]))
    assert {r.place for r in got["Jan Probst"]} == {""}


def test_town_ending_like_a_place_noun_is_no_place_noun():
    """'Darmstadt' ends in '-stadt' but is a town of the gazetteer: 'von Darmstadt' stays a place."""
    a = article("Der Oberbürgermeister von Darmstadt, Jan Probst, sprach.", ["Jan Probst"], places=["Darmstadt"])
    assert {r.place for r in rows(a)["Jan Probst"]} == {"Darmstadt"}


def test_suspended_compound_in_a_complement_list():
    """'für Bau- und Verkehrswesen': the hyphen of a suspended part keeps the list going."""
    got = rows(article("Tom Berger, Dezernent für Bau- und Verkehrswesen, sprach.", ["Tom Berger"]))
    assert {r.role for r in got["Tom Berger"]} == {"Dezernent für Bau- und Verkehrswesen"}


def test_copula_predicate_before_a_comma_and_another_name():
    """'A ist seitdem Ehrenvorsitzender, B wurde ...': the role is A's (copula), not B's (apposition)."""
    got = rows(article("Der Verein ehrte Tom Berger. Berger ist seitdem Ehrenvorsitzender, Jan Probst wurde "
                       "nun zum Geschäftsführer bestellt.", ["Tom Berger", "Jan Probst"]))
    assert "Ehrenvorsitzender" in {r.role for r in got["Tom Berger"]}
    assert "Ehrenvorsitzender" not in {r.role for r in got["Jan Probst"]}


def test_span_ending_in_a_plural_role_is_no_person():
    """'Nordheimer Gemeinderäte' (an NER PER span) is a group named by a plural role, not a name."""
    got = rows(article("Das erfuhren die Nordheimer Gemeinderäte von Bürgermeister Jan Probst.",
                       ["Nordheimer Gemeinderäte", "Jan Probst"]))
    assert set(got) == {"Jan Probst"}


def test_plural_role_before_one_name_is_not_that_persons():
    got = rows(article("Das erfuhren die Nordheimer Gemeinderäte von Bürgermeister Jan Probst.", ["Jan Probst"],
                       places=["Nordheim"]))
    assert {r.role for r in got["Jan Probst"]} == {"Bürgermeister"}


def test_place_adverb_points_to_the_previous_sentences_town():
    text = "Das sagt Tom Berger, Bürgermeister in Nordheim. Dort hat man mit Hauptamtsleiter Jan Probst einen Lotsen."
    got = rows(article(text, ["Tom Berger", "Jan Probst"], places=["Nordheim"]))
    assert {r.place for r in got["Jan Probst"]} == {"Nordheim"}


def test_place_adverb_needs_one_town_before():
    text = "Tom Berger kam aus Nordheim und Hannover. Dort arbeitet Amtsleiter Jan Probst."
    got = rows(article(text, ["Tom Berger", "Jan Probst"], places=["Nordheim", "Hannover"]))
    assert {r.place for r in got["Jan Probst"]} == {""}
