"""Places extractor on invented German sentences (no corpus text)."""
import spacy

from pipeline.extract import places
from pipeline.model import Article


def run(text, ents=()):
    doc = spacy.blank("de")(text)
    if ents:
        doc.ents = [doc.char_span(s, e, label=l) for s, e, l in ents]
    a = Article(doc_id="t", source_file="t.txt", text=text, doc=doc)
    return {p.name: p for p in places.extract(a)}


def test_offsets_and_counts():
    text = "Die Verwaltung in Wolfsburg wird digital. Wolfsburgs Stadtrat stimmte zu, und Braunschweig folgt."
    got = run(text)
    assert set(got) == {"Wolfsburg", "Braunschweig"}
    w = got["Wolfsburg"]
    assert w.mentions == 2 and w.ags == "03103000" and w.state == "Niedersachsen" and w.kind == "municipality"
    for s, e in w.spans:
        assert text[s:e] in ("Wolfsburg", "Wolfsburgs")
    assert w.surface == ["Wolfsburg", "Wolfsburgs"]


def test_districts_by_trigger():
    text = ("Das Landratsamt Kulmbach startet ein Portal. Im Kulmbacher Landratsamt freut man sich, "
            "auch in Kulmbach selbst. Der Landkreis Gifhorn und der Zollernalbkreis beobachten das, "
            "ebenso der Landrat des Landkreises Konstanz.")
    got = run(text)
    assert got["Landkreis Kulmbach"].ags == "09477" and got["Landkreis Kulmbach"].mentions == 2
    assert got["Kulmbach"].ags == "09477128"
    assert got["Landkreis Gifhorn"].ags == "03151"
    assert got["Zollernalbkreis"].ags == "08417"
    assert got["Landkreis Konstanz"].ags == "08335"
    assert "Gifhorn" not in got and "Konstanz" not in got


def test_plural_district_trigger():
    got = run("Die Landkreise Goslar und Peine arbeiten zusammen.")
    assert {"Landkreis Goslar", "Landkreis Peine"} <= set(got)


def test_adjectives_and_inside_words_are_not_places():
    got = run("Die niedersächsischen Kommunen und die Bremer Behörden nutzen das Bundesportal, "
              "die Bayern-App und die BayernID.")
    assert got == {}


def test_states_in_a_list_and_genitive():
    got = run("Das Netz ist mit den Landesportalen von Hamburg, Berlin, Bayern und Hessen verknüpft. "
              "Schleswig-Holsteins Regierung und Deutschlands Städte sehen zu.")
    assert {"Hamburg", "Berlin", "Bayern", "Hessen", "Schleswig-Holstein", "Deutschland"} == set(got)
    assert got["Hamburg"].ags == "02000000" and got["Bayern"].ags == "09" and got["Deutschland"].kind == "country"


def test_common_words_need_context():
    text = "Das Essen in der Kantine war gut. Weil es regnete, blieb man im Wald und in der Halle."
    assert run(text) == {}
    got = run("Die Messe findet in Essen statt, danach geht es nach Halle.")
    assert got["Essen"].ags == "05113000"
    assert got["Halle (Saale)"].ags == "15002000"


def test_common_word_in_a_list_of_places():
    got = run("Niederlassungen gibt es in Rostock, Magdeburg und Halle/Saale sowie in Lüneburg und Halle.")
    assert got["Halle (Saale)"].mentions == 2
    assert got["Lüneburg"].ags == "03355022"


def test_homonym_resolved_by_named_state():
    got = run("In Brandenburg wächst die Verwaltung zusammen. Frankfurt macht mit.")
    assert got["Frankfurt (Oder)"].ags == "12053000"
    got = run("Die Stadt Frankfurt am Main und Offenbach am Main kooperieren.")
    assert "Frankfurt am Main" in got


def test_person_names_are_not_places():
    text = "Der Kreisrat Thomas Walter lobte Herrn Lorenz. Karl Richter aus Essen sprach."
    got = run(text)
    assert set(got) == {"Essen"}
    t2 = "Die Ministerin Anna Essen sprach."
    got = run(t2, ents=[(t2.index("Anna"), t2.index(" sprach"), "PER")])
    assert got == {}


def test_foreign_places():
    got = run("Die Stadt St. Gallen will zu den führenden Städten der Schweiz gehören, wie St.Gallen betont.")
    assert got["St. Gallen"].mentions == 2 and got["St. Gallen"].kind == "other" and got["St. Gallen"].ags == ""
    assert got["Schweiz"].kind == "country"


def test_urls_and_compounds_skipped():
    got = run("Mehr unter www.berlin.de und auf der Seite berlin.de; der Ost-Niedersachsen-Verbund tagt.")
    assert got == {}


def test_empty_text():
    assert places.extract(Article(doc_id="e", source_file="e", text="")) == []


def test_state_abbreviations_and_article_states():
    got = run("In NRW und im Saarland, auch in den Gemeinden des Saarlandes, laufen Projekte. Die Bayern jubeln.")
    assert got["Nordrhein-Westfalen"].ags == "05"
    assert got["Saarland"].mentions == 2
    assert "Bayern" not in got


def test_land_adjective_opening_an_organisation_name():
    got = run("Ein Staatssekretär im Hessischen Ministerium für Digitales und die Bayerische Staatskanzlei loben "
              "die bayerischen Kommunen und die Bayerische Bauordnung.")
    assert got["Hessen"].mentions == 1 and got["Bayern"].mentions == 1


def test_city_in_the_name_of_a_district_office():
    text = ("Das Bezirksamt Hamburg-Nord startet ein Pilotprojekt, im Bezirksamt Berlin-Mitte wartet man. "
            "Das Bezirksamt Altona folgt, die Bayern-App und Ost-Niedersachsen bleiben außen vor.")
    got = run(text)
    assert set(got) == {"Hamburg", "Berlin"}, list(got)
    h = got["Hamburg"]
    assert h.ags == "02000000" and [text[s:e] for s, e in h.spans] == ["Hamburg"]
    # a small namesake of a district's name is no city with district offices
    assert run("Das Bezirksamt Harburg-Süd lädt ein.") == {}


def test_city_district_compound_tagged_as_one_place_names_the_city():
    text = "Der Bezirksbürgermeister von Berlin-Pankow kam. Die Region Berlin-Brandenburg und ein Hamburg-Besuch."
    def loc(w):
        s = text.index(w)
        return (s, s + len(w), "LOC")
    got = run(text, [loc("Berlin-Pankow"), loc("Berlin-Brandenburg")])
    assert got["Berlin"].mentions == 1 and got["Berlin"].spans == [(text.index("Berlin"), text.index("Berlin") + 6)]
    assert "Hamburg" not in got                      # a compound without a LOC entity stays skipped


def test_place_named_only_in_a_dateline_is_not_in_the_table():
    from pipeline.extract import places
    from pipeline.model import Article

    for text in ("Bamberg. Der Kreis stellt ein neues Portal vor.", "Bamberg (ots) – Der Kreis stellt ein Portal vor.",
                 "Bamberg Die Stadt stellt ein Portal vor.", "Titel\nBamberg - Die Stadt stellt ein Portal vor."):
        found = places.extract(Article(doc_id="t", source_file="t", text=text))
        assert "Bamberg" in {p.name for p in found}                       # people may still read it
        assert "Bamberg" not in {p.name for p in places.for_table(found, text)}
    text = "Bamberg. Die Stadt Bamberg stellt ein Portal vor."
    found = places.extract(Article(doc_id="t", source_file="t", text=text))
    assert "Bamberg" in {p.name for p in places.for_table(found, text)}
    text = "Bamberg ist eine Stadt in Franken."
    found = places.extract(Article(doc_id="t", source_file="t", text=text))
    assert "Bamberg" in {p.name for p in places.for_table(found, text)}


def test_land_adjective_before_a_municipal_umbrella_association_names_the_land():
    from pipeline.extract import places
    from pipeline.model import Article

    text = "In Prien ist der Hessische Landkreistag zusammengekommen."
    assert "Hessen" in {p.name for p in places.extract(Article(doc_id="t", source_file="t", text=text))}
