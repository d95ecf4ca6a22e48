"""Person -> place links on invented sentences: a Land office in a sentence naming its Land, a town-hall
office in an article about one town, a place named inside another person's office."""
from __future__ import annotations

from test_people import article, rows


def places_of(r: dict, name: str) -> set[str]:
    return {p.place for p in r[name]}


def test_land_office_takes_the_land_its_sentence_names():
    t = ("Seit Mai hat das Land Sachsen einen neuen Plan, den Finanzminister Olaf Beispiel vorgestellt hat. "
         "Beispiel sprach von einem großen Schritt.")
    r = rows(article(t, ["Olaf Beispiel"], ["Sachsen"]))
    assert places_of(r, "Olaf Beispiel") == {"Sachsen"}


def test_land_office_takes_a_land_adjective_of_its_sentence():
    t = "Nach der Sitzung lobte Staatssekretärin Ina Probe die thüringischen Kommunen für ihren Einsatz."
    r = rows(article(t, ["Ina Probe"], []))
    assert places_of(r, "Ina Probe") == {"Thüringen"}


def test_land_office_with_two_lands_in_the_sentence_gets_none():
    t = "Hessen und Bayern wollen kooperieren, sagte Innenminister Paul Muster am Montag."
    r = rows(article(t, ["Paul Muster"], ["Hessen", "Bayern"]))
    assert places_of(r, "Paul Muster") == {""}


def test_federal_office_gets_no_land():
    t = "Bundesinnenministerin Eva Beispiel besuchte am Montag eine Behörde in Sachsen."
    r = rows(article(t, ["Eva Beispiel"], ["Sachsen"]))
    assert places_of(r, "Eva Beispiel") == {""}


def test_land_office_takes_the_land_of_the_sentence_before_when_its_own_names_none():
    t = "In Brandenburg ist die Digitalisierung Chefsache. Darüber sprach Minister Kurt Probe mit uns."
    r = rows(article(t, ["Kurt Probe"], ["Brandenburg"]))
    assert places_of(r, "Kurt Probe") == {"Brandenburg"}


def test_town_hall_office_without_organisation_acts_for_the_town_of_the_article():
    t = ("Die Stadt Lingen baut ihr Bürgerportal aus. Lingen will damit Wege sparen. "
         "„Wir sind auf einem guten Weg“, sagt die Dezernentin für Digitales, Maria Beispiel.")
    r = rows(article(t, ["Maria Beispiel"], ["Lingen"]))
    assert places_of(r, "Maria Beispiel") == {"Lingen (Ems)"}


def test_town_hall_office_of_a_higher_body_or_party_gets_no_town():
    t = ("Die Stadt Lingen baut ihr Bürgerportal aus. Lingen will damit Wege sparen. "
         "Das lobte auch Hans Muster, Beauftragter der Landesregierung für Informationstechnik, "
         "und Grit Probe (SPD), Leiterin einer Arbeitsgruppe.")
    r = rows(article(t, ["Hans Muster", "Grit Probe"], ["Lingen"]))
    assert places_of(r, "Hans Muster") == {""}
    assert places_of(r, "Grit Probe") == {""}


def test_town_hall_office_in_an_article_about_several_towns_gets_none():
    t = ("Lingen und Meppen bauen ihr Bürgerportal aus. Lingen und Meppen wollen Wege sparen. "
         "Das sagt Amtsleiterin Maria Beispiel.")
    r = rows(article(t, ["Maria Beispiel"], ["Lingen", "Meppen"]))
    assert places_of(r, "Maria Beispiel") == {""}


def test_place_inside_another_office_is_not_the_article_place():
    t = ("Der Verband wählte Jan Muster zum Beigeordneten. Von 2006 bis 2013 war der Jurist zuvor "
         "Bürgermeister der Stadt Lingen. Auch Eva Probe wurde zur Beigeordneten gewählt.")
    r = rows(article(t, ["Jan Muster", "Eva Probe"], ["Lingen"]))
    assert places_of(r, "Eva Probe") == {""}


def test_city_adjective_before_a_town_office_names_the_town_the_article_does_not():
    r = rows(article("Das sagte der Lindauer Oberbürgermeister Jan Muster am Montag.", ["Jan Muster"]))
    assert places_of(r, "Jan Muster") == {"Lindau (Bodensee)"}


def test_city_adjective_before_role_adjective_or_noun_in_apposition():
    r = rows(article("Das sagte der Lindauer Erste Bürgermeister Jan Muster.", ["Jan Muster"]))
    assert places_of(r, "Jan Muster") == {"Lindau (Bodensee)"}
    r = rows(article("Den Vorsitz hat dessen Lindauer Amtskollege Oberbürgermeister Jan Muster.", ["Jan Muster"]))
    assert "Lindau (Bodensee)" in places_of(r, "Jan Muster")


def test_city_adjective_before_a_district_office_names_the_district():
    r = rows(article("Das sagte der Kulmbacher Landrat Jan Muster.", ["Jan Muster"]))
    assert places_of(r, "Jan Muster") == {"Landkreis Kulmbach"}


def test_common_noun_in_er_is_no_city_adjective():
    r = rows(article("Das sagten die Lehrer Bürgermeister Jan Muster am Montag.", ["Jan Muster"]))
    assert places_of(r, "Jan Muster") == {""}


def test_town_hall_office_in_an_article_about_one_district_takes_the_district():
    t = ("Das Landratsamt Cham stellt auf die E-Akte um. Im Landratsamt Cham sind alle Ämter dabei. "
         "Das berichtet der Digitalisierungsbeauftragte Jan Muster.")
    r = rows(article(t, ["Jan Muster"], [("Landkreis Cham", "Cham")]))
    assert places_of(r, "Jan Muster") == {"Landkreis Cham"}


def test_unit_named_without_owner_after_the_name_is_the_article_town():
    t = ("Die Stadt Lingen stellt um. In Lingen dauert das lange, erklärte Jan Muster aus dem Bauamt. "
         "Auch Kai Test vom Rathaus sieht das so.")
    r = rows(article(t, ["Jan Muster", "Kai Test"], ["Lingen"]))
    assert places_of(r, "Jan Muster") == {"Lingen (Ems)"}
    assert places_of(r, "Kai Test") == {"Lingen (Ems)"}


def test_federal_unit_after_the_name_is_no_town_and_district_office_is_the_district():
    t = ("Im Landkreis Cham wird digitalisiert. Der Landkreis Cham lädt ein. Eva Probe vom Bundesamt "
         "lobt das, ebenso Kai Test vom Landratsamt.")
    r = rows(article(t, ["Eva Probe", "Kai Test"], [("Landkreis Cham", "Landkreis Cham")]))
    assert places_of(r, "Eva Probe") == {""}
    assert places_of(r, "Kai Test") == {"Landkreis Cham"}


def test_town_adjectives_count_as_mentions_for_the_town_the_article_is_about():
    t = "In München und Augsburg wird gebaut. Die Münchner Räte hörten dazu Bürgermeister Jan Muster an."
    r = rows(article(t, ["Jan Muster"], ["München", "Augsburg"]))
    assert places_of(r, "Jan Muster") == {"München"}
    t = "In München und Augsburg wird gebaut. Die Räte hörten dazu Bürgermeister Jan Muster an."
    r = rows(article(t, ["Jan Muster"], ["München", "Augsburg"]))
    assert places_of(r, "Jan Muster") == {""}


def test_town_hall_office_in_a_sentence_about_the_district_administration_is_not_the_town():
    t = ("In Lingen tagte der Ausschuss. Lingen will sparen. Im Ausschuss stellte Fachbereichsleiter Jan "
         "Muster die Pläne der Kreisverwaltung vor.")
    r = rows(article(t, ["Jan Muster"], ["Lingen"]))
    assert places_of(r, "Jan Muster") == {""}


def test_office_in_an_article_that_speaks_of_no_local_administration_gets_no_town():
    t = ("Die Zeitzeugin wuchs in Lingen auf, ihrer Heimatstadt. Lingen hat sie nie vergessen. "
         "Mit ihr sprach die Beauftragte Eva Probe.")
    r = rows(article(t, ["Eva Probe"], ["Lingen"]))
    assert places_of(r, "Eva Probe") == {""}


def test_body_a_town_or_district_owns_names_its_place():
    r = rows(article("Das sagte Anna Muster, Geschäftsführerin der Stadtwerke Lingen, am Montag.", ["Anna Muster"]))
    assert places_of(r, "Anna Muster") == {"Lingen (Ems)"}
    r = rows(article("Das sagte Anna Muster, Chefin der Lingener Stadtwerke.", ["Anna Muster"]))
    assert places_of(r, "Anna Muster") == {"Lingen (Ems)"}
    r = rows(article("Das sagte Anna Muster, Vorstand der Kreissparkasse Unna.", ["Anna Muster"]))
    assert places_of(r, "Anna Muster") == {"Kreis Unna"}


def test_municipal_body_without_a_place_name_gives_none():
    r = rows(article("Das sagte Anna Muster, Leiterin der Stadtbibliothek, am Montag.", ["Anna Muster"]))
    assert places_of(r, "Anna Muster") == {""}


def test_unit_in_the_town_hall_of_a_named_town():
    r = rows(article("Das sagte die IT-Leiterin im Rathaus Lingen, Anna Muster, am Montag.", ["Anna Muster"]))
    assert places_of(r, "Anna Muster") == {"Lingen (Ems)"}
