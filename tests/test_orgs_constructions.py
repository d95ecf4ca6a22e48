"""Organisation constructions of issue 13 on invented German sentences (no corpus text)."""
from pipeline.extract import orgs
from pipeline.model import Article


def found(text: str, ner_orgs: tuple[str, ...] = ()) -> dict:
    """name -> Organization of the ``organizations`` table for ``text`` (NER ORGs given by hand)."""
    a = Article(doc_id="t", source_file="t.txt", text=text)
    if ner_orgs:
        import spacy

        doc = spacy.blank("de")(text)
        doc.ents = [doc.char_span(text.index(w), text.index(w) + len(w), label="ORG") for w in ner_orgs]
        a.doc = doc
    return {o.name: o for o in orgs.for_table(orgs.extract(a))}


def test_short_form_ministries_as_written_in_the_nominative():
    got = found("Aus dem Wirtschaftsministerium kam Lob, das Umweltministerium schwieg. Ein Sprecher des "
                "Umweltministeriums bestätigte das.")
    assert set(got) == {"Wirtschaftsministerium", "Umweltministerium"}
    assert got["Umweltministerium"].mentions == 2


def test_short_form_after_an_indefinite_article_names_no_ministry():
    assert found("Die Partei fordert ein eigenes Heimatministerium und die Gründung eines Sportministeriums.") == {}


def test_short_form_counts_for_the_one_named_ministry_it_stands_for():
    got = found("Das Bundesministerium der Finanzen legt den Etat vor. Das Finanzministerium rechnet mit mehr.")
    assert set(got) == {"Bundesministerium der Finanzen"} and got["Bundesministerium der Finanzen"].mentions == 2
    got = found("Im Kultusministerium von Musterland-Nord? Nein, im Kultusministerium von Thüringen. "
                "Das Kultusministerium lädt ein.")
    assert "Kultusministerium" not in got and got["Kultusministerium von Thüringen"].mentions == 3


def test_lower_case_land_adjective_gives_a_nominative_name():
    got = found("Eine Regel des bayerischen Umweltministeriums gilt seit Mai.")
    assert set(got) == {"Bayerisches Umweltministerium"}
    got = found("Der Plan der sächsischen Staatsregierung liegt vor. Die Staatsregierung will ihn umsetzen.")
    assert set(got) == {"Sächsische Staatsregierung"} and got["Sächsische Staatsregierung"].mentions == 2


def test_government_of_an_unnamed_land_is_no_organisation():
    assert found("Die Landesregierung will mehr Geld geben.") == {}
    assert "Thüringer Landesregierung" in found("Die Thüringer Landesregierung will mehr Geld geben.")


def test_parliamentary_groups_named_after_their_parties():
    got = found("Die SPD/FDP-Landtagsfraktion und die AfD-Fraktion stimmen zu, die Linksfraktion nicht. "
                "Ein Sprecher der SPD Kreistagsfraktion lobt.")
    assert {"SPD/FDP-Landtagsfraktion", "AfD-Fraktion", "Linksfraktion", "SPD Kreistagsfraktion"} <= set(got)
    assert "FDP" not in got and "Fraktion" not in got


def test_parties_in_the_nominative_and_in_compounds():
    got = found("Wie der Linken-Abgeordnete Max Muster sagte, stimmte die Fraktion der Linken dagegen.")
    assert "Linke" in got and got["Linke"].canonical == "Die Linke"
    got = found("Anna Beispiel von den Grünen widerspricht.")
    assert "Grünen" in got
    assert "CDU" in found("Der CDU-Politiker Paul Muster lobt den Plan.")


def test_place_administration_is_the_place_not_an_organisation():
    text = "Im Landratsamt Kulmbach und in der Stadtverwaltung Bamberg wird gearbeitet."
    a = Article(doc_id="t", source_file="t.txt", text=text)
    every = {o.name for o in orgs.extract(a)}
    assert {"Landratsamt Kulmbach", "Stadtverwaltung Bamberg"} <= every          # people still read them
    assert found(text) == {}


def test_name_in_apposition_after_a_class_noun():
    got = found("Das Softwareunternehmen Codewerk und die Firma Nordwind Systems liefern, beraten vom "
                "Startup DEMO Movies (www.demo.example). Die Fachfirma Muster GmbH aus Bonn hilft.")
    assert {"Codewerk", "Nordwind Systems", "DEMO Movies", "Muster GmbH"} <= set(got)
    assert not any(n.startswith(("Firma", "Fachfirma", "Softwareunternehmen")) for n in got)


def test_class_noun_before_an_ordinary_noun_names_nothing():
    assert found("Viele Unternehmen Nachweise digital, die Dienstleister Digitalisierung voran.") == {}


def test_ner_spans_that_are_ordinary_words_or_phrases_are_dropped():
    text = "Die Zeit drängt, sagte sie. Die Vereinigung lobt eine Sächsische Initiative. Beispielsoft hilft."
    got = found(text, ("Die Zeit", "Vereinigung", "Sächsische Initiative", "Beispielsoft"))
    assert set(got) == {"Beispielsoft"}


def test_ner_span_running_into_a_person_is_dropped():
    text = "Das Team sitzt in der Musterkanzlei von Ministerpräsident Paul Beispiel."
    got = found(text, ("Musterkanzlei von Ministerpräsident Paul Beispiel",))
    assert not any("Beispiel" in n for n in got)


def test_federal_bodies_from_the_public_bodies_list():
    got = found("Das Zollkriminalamt und das Bundesamt für Kartographie und Geodäsie arbeiten zusammen.")
    assert got["Zollkriminalamt"].canonical == "Zollkriminalamt"
    assert got["Bundesamt für Kartographie und Geodäsie"].canonical == "Bundesamt für Kartographie und Geodäsie"


def test_office_holders_of_the_public_bodies_list_are_no_organisations():
    lx = orgs.lexicon()
    names = {t.canonical for t in lx.taxa}
    assert "Bundespräsident" not in names and "Bundeskanzlerin" not in names
    assert not any(n.startswith("Beauftragte der Bundesregierung") for n in names)


def test_short_form_bodies_cabinet_and_chamber():
    got = found("Das Bundeskabinett beschließt, das Landeskabinett berät. Er leitet die IT der Ärztekammer in Bonn.")
    assert {"Bundeskabinett", "Landeskabinett", "Ärztekammer"} <= set(got)


def test_adjective_with_a_generic_head_is_no_name():
    assert found("Die Gemeinde darf sich „Modernes Amt“ nennen.") == {}
    assert "Niedersächsisches Ministerium für Kultur" in found("Das Niedersächsische Ministerium für Kultur lädt ein.")


def test_complement_boundaries():
    got = found("Sie ist Staatssekretärin im Bundesministerium für Arbeit, für Sport und Heimat geworden.")
    assert "Bundesministerium für Arbeit, für Sport und Heimat" in got
    got = found("Das Amt für Statistik in Zusammenarbeit mit dem Amt für Umwelt der Universitätsstadt lädt ein.")
    assert {"Amt für Statistik", "Amt für Umwelt"} <= set(got)


def test_offices_of_the_curated_list_are_no_organisations():
    assert not any(t.category == "Amt/Funktion" for t in orgs.lexicon().taxa)


def test_office_with_its_owner_is_no_organisation():
    text = "Paul Muster ist Beauftragter der Landesregierung für Breitband und Funk, sagte er."
    assert found(text, ("Landesregierung für Breitband und Funk",)) == {}
    text = "Anna Beispiel, Geschäftsführerin der Nordwind Daten GmbH, lobt."
    assert "Nordwind Daten GmbH" in found(text, ("Nordwind Daten GmbH",))


def test_long_form_of_an_acronym_does_not_run_into_a_person_or_a_role():
    got = found("Das Team sitzt in der Musterkanzlei von Ministerin Anna Beispiel (SPD).")
    assert not any("Beispiel" in n for n in got)
    assert not any("Informationstechnik" in n for n in found("Sie ist Beauftragte des Senats für Informationstechnik (CIO)."))


def test_catalogued_one_word_name_counts_for_the_more_specific_one():
    got = found("Der Bayerische Landkreistag tagt in Prien. Zum Landkreistag kamen 70 Landräte.")
    assert set(got) == {"Bayerischer Landkreistag"} and got["Bayerischer Landkreistag"].mentions == 2


def test_acronym_defined_by_steht_fuer_and_its_elliptic_continuation():
    text = ("Die Kunden sind in den Verbänden NDV, SDV und ODV organisiert. Das Kürzel NDV steht für „Nördliche "
            "Datenverarbeitung Vorland“, SDV für „Südliche Datenverarbeitung Vorland“. Alle gehören dem "
            "Zweckverband NDV an.")
    got = found(text, ("Kürzel NDV",))
    assert {"Nördliche Datenverarbeitung Vorland", "Südliche Datenverarbeitung Vorland"} <= set(got)
    assert got["Nördliche Datenverarbeitung Vorland"].acronym == "NDV"
    assert got["Nördliche Datenverarbeitung Vorland"].mentions == 3
    assert not {"NDV", "SDV", "Kürzel NDV", "Zweckverband NDV"} & set(got)


def test_head_with_a_quoted_short_name():
    assert "Gesamtzweckverband 7IT" in found("Sie schließen sich zum Gesamtzweckverband „7IT“ zusammen.")
    assert "Initiative Modernes Amt" not in found("Die Initiative „Modernes Amt“ zeichnet aus.")


def test_legal_name_after_a_feminine_article_in_the_nominative():
    got = found("Gesellschafter ist nun auch die Stadt, neben der Kommunalen Datenverarbeitung Nordland Service GmbH.")
    assert "Kommunale Datenverarbeitung Nordland Service GmbH" in got


def test_coordinated_compound_of_plural_members_names_a_body():
    assert "Städte- und Gemeindetag" in found("Die Jury tagte mit Beteiligung des Städte- und Gemeindetags.")
    assert "Haupt- und Personalamt" not in found("Das Haupt- und Personalamt prüft den Antrag.")


def test_written_complement_is_kept_as_written():
    got = found("Sie ist Staatssekretärin im Bundesministerium des Inneren.")
    assert "Bundesministerium des Inneren" in got and got["Bundesministerium des Inneren"].canonical
    assert "Nationaler Normenkontrollrat" in found("Ein Bericht des Nationalen Normenkontrollrates liegt vor.")


def test_catalogued_acronym_the_text_defines_with_another_long_form_is_one_organisation():
    got = found("Mit der Musterdaten Nord Service GmbH (AKDB) wird gearbeitet. Die AKDB hilft.")
    assert list(got) == ["Musterdaten Nord Service GmbH"] and got["Musterdaten Nord Service GmbH"].mentions == 2


def test_bodies_of_people_named_by_their_heads():
    got = found("Die ABCD-Steuerungsgruppe löst den Lenkungskreis Registerpflege ab. Die IT-Steuerungsgruppe des "
                "Bundes tagt, der Arbeitskreis Digitalisierung auch.")
    assert {"ABCD-Steuerungsgruppe", "Lenkungskreis Registerpflege", "IT-Steuerungsgruppe des Bundes",
            "Arbeitskreis Digitalisierung"} <= set(got)


def test_owner_in_a_genitive_complement_is_an_organisation_too():
    got = found("Er leitet die Arbeitsgemeinschaft Kommunales der SPD/FDP-Landtagsfraktion.")
    assert {"Arbeitsgemeinschaft Kommunales der SPD/FDP-Landtagsfraktion", "SPD/FDP-Landtagsfraktion"} <= set(got)
    assert not {"SPD", "FDP"} & set(got)


def test_short_form_before_a_bracket_naming_the_organisation():
    got = found("Beteiligt sind die NZD (Nordländische Zentrale für Daten) und das NCC (Nordländisches Competence "
                "Center). Das NCC wächst.")
    assert got["Nordländisches Competence Center"].acronym == "NCC"
    assert got["Nordländisches Competence Center"].mentions == 2 and "NCC" not in got


def test_acronym_in_comma_apposition():
    got = found("Das Rechenzentrum der Kommunalen Datenzentrale Niedersachsen, KDN. Die Kunden der KDN bleiben.")
    assert list(got) == ["Kommunale Datenzentrale Niedersachsen"]
    assert got["Kommunale Datenzentrale Niedersachsen"].acronym == "KDN"
    assert got["Kommunale Datenzentrale Niedersachsen"].mentions == 2


def test_city_adjective_before_a_catalogued_name_is_not_part_of_it():
    got = found("Die Software der Aachener Dataport hilft.", ("Aachener Dataport",))
    assert list(got) == ["Dataport"]
    assert "Hessischer Landtag" in found("Der Hessische Landtag tagt.")


def test_legal_and_head_names_with_unusual_shapes():
    got = found("Hauber löst Sander von der net-Data AG ab. Der Zweckverband 7IT wächst. "
                "Der Verband der Musterhersteller e.V. lädt ein.")
    assert {"net-Data AG", "Zweckverband 7IT", "Verband der Musterhersteller e.V."} <= set(got)
    assert "Data AG" not in got


def test_undefined_acronym_spelling_the_initials_of_a_named_organisation():
    text = "Er wechselt ins Bundesministerium für Sport und Ehrenamt. Ein Sprecher des BMSE bestätigte."
    got = found(text, ("BMSE",))
    assert list(got) == ["Bundesministerium für Sport und Ehrenamt"]
    assert got["Bundesministerium für Sport und Ehrenamt"].mentions == 2
    assert got["Bundesministerium für Sport und Ehrenamt"].acronym == "BMSE"
