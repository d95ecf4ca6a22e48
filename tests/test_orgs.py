"""Organisations extractor on invented German sentences (no corpus text, no NER needed)."""
from pipeline.extract import orgs
from pipeline.model import Article


def ner_org_names(text: str, ner_orgs: tuple[str, ...]) -> set[str]:
    """Organisation names extracted from ``text`` when the NER tagged ``ner_orgs`` as ORG."""
    import spacy

    doc = spacy.blank("de")(text)
    doc.ents = [doc.char_span(text.index(w), text.index(w) + len(w), label="ORG") for w in ner_orgs]
    a = Article(doc_id="t", source_file="t.txt", text=text)
    a.doc = doc
    return {o.name for o in orgs.extract(a)}


def run(text):
    a = Article(doc_id="t", source_file="t.txt", text=text)
    out = orgs.extract(a)
    for o in out:
        for s, e in o.spans:
            assert 0 <= s < e <= len(text)
    return {o.name: o for o in out}


def test_acronym_defined_and_reused():
    text = ("Der Nationale Normenkontrollrat (NKR) legt einen Bericht vor. Der NKR fordert mehr Tempo, "
            "der Normenkontrollrat sieht Defizite.")
    got = run(text)
    assert list(got) == ["Nationaler Normenkontrollrat"]
    o = got["Nationaler Normenkontrollrat"]
    assert o.acronym == "NKR" and o.mentions == 3 and o.canonical == "Nationaler Normenkontrollrat"


def test_unknown_org_with_acronym_and_law_without():
    text = ("Die Digitalagentur Musterland (DAM) startet. Die DAM wird gelobt. "
            "Das Onlinezugangsgesetz (OZG) gilt weiter, das OZG bleibt.")
    got = run(text)
    assert set(got) == {"Digitalagentur Musterland"}
    assert got["Digitalagentur Musterland"].acronym == "DAM" and got["Digitalagentur Musterland"].mentions == 2


def test_short_form_before_long_form():
    got = run("Beteiligt ist der Beispiel-Verbund (Bündelung elektronischer Informations-Systeme) der Länder.")
    assert "Beispiel-Verbund" in got


def test_genitive_to_nominative():
    text = ("Ein Referent des Niedersächsischen Städtetages sprach mit dem Staatssekretär im "
            "Niedersächsischen Ministerium für Inneres und Sport. Der Vorsitz des IT-Planungsrats wechselt.")
    got = run(text)
    assert "Niedersächsischer Städtetag" in got
    assert "Niedersächsisches Ministerium für Inneres und Sport" in got
    assert got["IT-Planungsrat"].canonical == "IT-Planungsrat"


def test_ministries_and_compounds():
    text = ("Die Initiative des Bundesverkehrsministeriums und die Finanzministerkonferenz beraten; "
            "ein Staatssekretär im Finanzministerium von Musterland-Süd? Nein: im Finanzministerium von "
            "Sachsen-Anhalt. Das Finanzministerium allein ist keine eigene Zeile.")
    got = run(text)
    assert got["Bundesverkehrsministerium"].canonical == "Bundesministerium für Digitales und Verkehr"
    assert "Finanzministerkonferenz" in got
    assert "Finanzministerium von Sachsen-Anhalt" in got
    assert "Finanzministerium" not in got


def test_named_units_and_bare_heads():
    text = ("Im Landratsamt Kulmbach und im Kulmbacher Landratsamt wird gearbeitet. Das Landratsamt lobt die "
            "Stabsstelle Digitalisierung. Der Zweckverband KDOS und die Direktion Bildung und Sport helfen. "
            "Der Stadtrat und das Bauamt stimmen zu.")
    got = run(text)
    assert got["Landratsamt Kulmbach"].mentions == 3
    assert {"Stabsstelle Digitalisierung", "Zweckverband KDOS", "Direktion Bildung und Sport"} <= set(got)
    assert not {"Stadtrat", "Bauamt", "Landratsamt"} & set(got)


def test_enumeration_in_ministry_name():
    got = run("Das Ministerium für Wirtschaft, Arbeit und Digitales lädt ein, IT-Dienstleister kommen.")
    assert "Ministerium für Wirtschaft, Arbeit und Digitales" in got
    got = run("Ein Staatssekretär im Hessischen Ministerium für Digitales, IT-Dienstleister wie X sagen das.")
    assert "Hessisches Ministerium für Digitales" in got


def test_legal_forms():
    got = run("Die Musterdaten GmbH und der Kommunal-Verbund Nordland AöR (KVN) sowie der Förderkreis Digital e.V. "
              "unterschreiben. Die KVN betreibt Rechenzentren.")
    assert {"Musterdaten GmbH", "Förderkreis Digital e.V."} <= set(got)
    kvn = [o for o in got.values() if o.acronym == "KVN"]
    assert len(kvn) == 1 and kvn[0].mentions == 2


def test_taxonomy_aliases_and_generic_words():
    text = ("Die Bundesregierung, der Bundestag und die EU reden mit Dataport und der AKDB. "
            "Stadt, Land, Bund und Kommunen sowie die Verwaltung schauen zu.")
    got = run(text)
    assert {"Bundesregierung", "Bundestag", "EU", "Dataport", "AKDB"} == set(got)
    assert got["Bundestag"].canonical == "Deutscher Bundestag"
    assert got["EU"].canonical == "Europäische Union"


def test_compound_prefix_counts_only_with_standalone_mention():
    assert run("Auf EU-Ebene wird beraten.") == {}
    got = run("Die EU hat entschieden, EU-Bürger profitieren.")
    assert got["EU"].mentions == 2


def test_nested_taxonomy_org_kept():
    text = ("Die Konferenz des Chefs des Bundeskanzleramtes mit den Chefinnen und Chefs der Staats- und "
            "Senatskanzleien der Länder (ChefBK/CdSK) tagt.")
    got = run(text)
    assert any(n.startswith("Konferenz des Chefs des Bundeskanzleramtes") for n in got)
    assert "Bundeskanzleramt" in got


def test_empty():
    assert orgs.extract(Article(doc_id="e", source_file="e", text="")) == []


def test_resolve_org():
    from pipeline.extract.orgs import resolve_org

    o = resolve_org("des Niedersächsischen Städtetages")
    assert o.name == "Niedersächsischer Städtetag" and o.mentions == 0
    o = resolve_org("(SPD)")
    assert o.name == "SPD" and o.canonical == "Sozialdemokratische Partei Deutschlands"
    assert resolve_org("im Landratsamt Kulmbach").name == "Landratsamt Kulmbach"
    o = resolve_org("MA", "Die Musteragentur Nordland (MA) hilft.")
    assert o.name == "Musteragentur Nordland" and o.acronym == "MA"
    assert resolve_org("die Verwaltung") is None
    assert resolve_org("") is None


def test_topic_complements_are_kept_whole():
    cases = {
        "Heute stellte das Hessische Ministerium für Digitale Strategie und Entwicklung die App vor.":
            "Hessisches Ministerium für Digitale Strategie und Entwicklung",
        "Beteiligt ist das Ministerium für Ländliche Räume und Verbraucherschutz mit zwei Stellen.":
            "Ministerium für Ländliche Räume und Verbraucherschutz",
        "Das Ministerium für Soziales, Gesundheit, Integration und Verbraucherschutz fördert das Projekt.":
            "Ministerium für Soziales, Gesundheit, Integration und Verbraucherschutz",
        "Geplant hat es das Ministerium für Wirtschaft, Arbeit und Wohnungsbau im Frühjahr.":
            "Ministerium für Wirtschaft, Arbeit und Wohnungsbau",
        "Das Ministerium für Inneres und Sport stellte am Montag die App vor.": "Ministerium für Inneres und Sport",
        "Das Ministerium für Digitales und die Stadt Köln arbeiten zusammen.": "Ministerium für Digitales",
        "Sie kommt vom Ministerium für Ernährung, Ländlichen Raum und Verbraucherschutz Baden-Württemberg.":
            "Ministerium für Ernährung, Ländlichen Raum und Verbraucherschutz Baden-Württemberg",
        "Er kommt vom Ministerium des Innern des Landes Nordrhein-Westfalen und berät.":
            "Ministerium des Innern des Landes Nordrhein-Westfalen",
        "Das Amt für Informationstechnik der Stadt Nürnberg zog Bilanz.":
            "Amt für Informationstechnik der Stadt Nürnberg",
        "Das Sächsische Staatsministerium der Justiz und für Demokratie, Europa und Gleichstellung lädt ein.":
            "Sächsisches Staatsministerium der Justiz und für Demokratie, Europa und Gleichstellung",
        "Das Thüringer Finanzministerium zahlt.": "Thüringer Finanzministerium",
    }
    for text, name in cases.items():
        assert name in run(text), (text, list(run(text)))


def test_complement_stops_before_a_name_or_a_bare_place_noun():
    got = run("Das Ministerium für Digitale Verwaltung Anna Muster sagte etwas. Das Amt für Statistik der Stadt teilt mit.")
    assert "Ministerium für Digitale Verwaltung" in got
    assert "Amt für Statistik" in got


def test_ner_organisations_skip_topic_terms_and_short_acronyms():
    import spacy

    text = "Die Musterwerk Solutions setzt auf Smart City und IT, sagt die Stadt."
    nlp = spacy.blank("de")
    doc = nlp(text)

    def span(words):
        s = text.index(words)
        return doc.char_span(s, s + len(words), label="ORG")

    doc.ents = [span("Musterwerk Solutions"), span("Smart City"), span("IT")]
    a = Article(doc_id="t", source_file="t.txt", text=text)
    a.doc = doc
    names = {o.name for o in orgs.extract(a)}
    assert "Musterwerk Solutions" in names
    assert "Smart City" not in names and "IT" not in names


def test_ner_organisation_ending_in_a_role_is_no_organisation():
    names = ner_org_names("Der Talheimer Landrat und die Talheimer Datenwerke begrüßen den Beschluss.",
                          ("Talheimer Landrat", "Talheimer Datenwerke"))
    assert "Talheimer Datenwerke" in names and "Talheimer Landrat" not in names


def test_senate_of_a_city_state():
    cases = {
        "Am Dienstag beschloss der Senat der Freien und Hansestadt Hamburg ein neues Cloud-Konzept.":
            "Senat der Freien und Hansestadt Hamburg",
        "Der Senat von Berlin stellt zwölf Millionen Euro für die E-Akte bereit.": "Senat von Berlin",
        "Laut einer Vorlage für den Berliner Senat fehlen noch 40 Stellen.": "Berliner Senat",
        "Der Senat des Landes Bremen prüft die Vergabe.": "Senat des Landes Bremen",
    }
    for text, name in cases.items():
        assert name in run(text), (text, list(run(text)))
    got = run("Der Senat der Freien und Hansestadt Hamburg tagt. Der Senat vertagt die Entscheidung.")
    assert got["Senat der Freien und Hansestadt Hamburg"].mentions == 2
    assert "Senat" not in got


def test_district_offices_named_by_their_district():
    text = ("Das Bezirksamt Mitte testet die digitale Terminbuchung, das Bezirksamt Friedrichshain-Kreuzberg "
            "folgt im Herbst. In Hamburg zieht das Bezirksamt Hamburg-Nord nach.")
    got = run(text)
    assert {"Bezirksamt Mitte", "Bezirksamt Friedrichshain-Kreuzberg", "Bezirksamt Hamburg-Nord"} <= set(got)
    # a weekday, a role word or no name after the head is no district name
    got = run("Das Bezirksamt Montag früh geöffnet? Das Bezirksamt Bürgermeisterin Muster sagte nein.")
    assert not any(n.startswith("Bezirksamt") for n in got), list(got)


def test_catalogued_name_of_its_own_head_gives_one_row():
    text = ("Der Zweckverband Kommunale Datenverarbeitung Oldenburg (KDO) betreibt ein Rechenzentrum. "
            "Die KDO stellt zehn Leute ein.")
    got = run(text)
    assert list(got) == ["Zweckverband Kommunale Datenverarbeitung Oldenburg"]
    o = got["Zweckverband Kommunale Datenverarbeitung Oldenburg"]
    assert o.canonical == "Kommunale Datenverarbeitung Oldenburg" and o.acronym == "KDO" and o.mentions == 2
    # a head that is not what the catalogue says the organisation is keeps both rows
    got = run("Der Aufbaustab FITKO hat seine Arbeit beendet.")
    assert {"Aufbaustab FITKO", "FITKO"} <= set(got)


def test_catalogued_name_inside_an_ner_span_of_its_own_head():
    import spacy

    text = "Beim Zweckverband Kommunale Datenverarbeitung Oldenburg laufen 40 Fachverfahren."
    doc = spacy.blank("de")(text)
    s = text.index("Zweckverband")
    doc.ents = [doc.char_span(s, text.index(" laufen"), label="ORG")]
    a = Article(doc_id="t", source_file="t.txt", text=text)
    a.doc = doc
    got = orgs.extract(a)
    assert [(o.name, o.canonical) for o in got] == [
        ("Zweckverband Kommunale Datenverarbeitung Oldenburg", "Kommunale Datenverarbeitung Oldenburg")]


def _with_ner(text, *org_forms):
    """An article whose NER tagged every occurrence of the given forms as ORG."""
    import re

    import spacy

    doc = spacy.blank("de")(text)
    spans = [doc.char_span(m.start(), m.end(), label="ORG") for f in org_forms
             for m in re.finditer(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text)]
    doc.ents = sorted(spans, key=lambda s: s.start)
    a = Article(doc_id="t", source_file="t.txt", text=text)
    a.doc = doc
    return {o.name: o for o in orgs.extract(a)}


def test_one_senate_however_the_city_is_written():
    got = run("Der Berliner Senat legte eine Strategie vor. Der Senat von Berlin müsse die Bezirke einbinden.")
    assert list(got) == ["Senat von Berlin"] and got["Senat von Berlin"].mentions == 2
    got = run("Der Hamburger Senat tagt. Der Senat der Freien und Hansestadt Hamburg vertagt sich.")
    assert list(got) == ["Senat der Freien und Hansestadt Hamburg"]
    got = run("Das Kulmbacher Landratsamt lädt ein. Im Landratsamt Kulmbach gibt es Kaffee.")
    assert list(got) == ["Landratsamt Kulmbach"] and got["Landratsamt Kulmbach"].mentions == 2
    got = run("Der Senat von Berlin und der Senat von Bremen beraten.")
    assert set(got) == {"Senat von Berlin", "Senat von Bremen"}


def test_catalogued_name_after_a_legal_form_head_gives_one_row():
    got = run("Die Software stammt vom Landesbetrieb Hessische Zentrale für Datenverarbeitung (HZD). "
              "Die HZD betreibt sie.")
    assert list(got) == ["Landesbetrieb Hessische Zentrale für Datenverarbeitung"]
    o = got["Landesbetrieb Hessische Zentrale für Datenverarbeitung"]
    assert o.canonical == "Hessische Zentrale für Datenverarbeitung" and o.mentions == 2


def test_defined_acronym_tagged_by_the_ner_counts_for_the_long_form():
    text = ("Der Zweckverband Musterland-IT (ZMIT) betreibt die Server. Die Leiterin der ZMIT ist zufrieden. "
            "Die ZMIT wächst.")
    got = _with_ner(text, "ZMIT")
    assert list(got) == ["Zweckverband Musterland-IT"]
    assert got["Zweckverband Musterland-IT"].acronym == "ZMIT" and got["Zweckverband Musterland-IT"].mentions == 3


def test_ner_organisation_that_is_an_adjective_or_a_place_is_dropped():
    text = "Die Kommunale Musterunion kauft das Rechenzentrum des Landkreises Vorpommern-Greifswald."
    got = _with_ner(text, "Kommunale", "Landkreises Vorpommern-Greifswald")
    assert "Kommunale" not in got and "Landkreises Vorpommern-Greifswald" not in got, list(got)


def test_name_ends_with_its_seat_after_a_fuer_complement():
    text = ("Die Hochschule für Polizei und Rechtspflege Göttingen lädt ein. Das Amt für Umwelt Essen "
            "prüft. Das Landesamt für Vermessung Brandenburg misst. Die Akademie für Verwaltung Ludwigsburg-Land gibt es nicht.")
    got = run(text)
    assert "Hochschule für Polizei und Rechtspflege Göttingen" in got
    assert "Amt für Umwelt" in got                      # 'Essen' is an ordinary word (places_risk.csv)
    assert "Landesamt für Vermessung Brandenburg" in got
    assert "Akademie für Verwaltung" in got             # the compound goes on after the town


def test_senate_name_runs_over_an_adjective_before_the_place():
    text = ("Der Senat der Freien Hansestadt Bremen hat am Dienstag eine Digitalstrategie beschlossen. "
            "Der Bremer Senat will bis 2028 liefern.")
    got = run(text)
    assert "Senat der Freien" not in got
    assert got["Senat der Freien Hansestadt Bremen"].mentions == 2


def test_ner_organisation_that_is_a_place_noun_compound_with_a_place_is_a_place():
    names = ner_org_names("Die Nachbargemeinde Kolbermoor und die Stadtwerke Kolbermoor ziehen mit.",
                          ("Nachbargemeinde Kolbermoor", "Stadtwerke Kolbermoor"))
    assert "Nachbargemeinde Kolbermoor" not in names and "Stadtwerke Kolbermoor" in names


def test_ner_organisation_containing_a_topic_word_is_kept():
    names = ner_org_names("Anlass war ein Bericht des Hessischen Rechnungshofs. Die Smart City bleibt ein Thema.",
                          ("Hessischen Rechnungshofs", "Smart City"))
    assert "Smart City" not in names
    assert "Hessischer Rechnungshof" in names      # head noun: nominative


def test_catalogued_name_after_an_adjective_is_one_organisation():
    names = ner_org_names("Gestern hat der Fiktivische Landtag debattiert. Der Landtag tagt erneut im Mai.",
                          ("Fiktivische Landtag",))
    assert set(names) == {"Fiktivischer Landtag"}


def test_ner_organisation_that_is_a_single_role_word_is_dropped():
    names = ner_org_names("Die Landesbeauftragte für den Datenschutz mahnte zur Vorsicht.", ("Landesbeauftragte",))
    assert names == set()
