"""Clean stage: article text and header fields out of invented page dumps (no corpus text)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.clean import build_templates, clean
from pipeline.clean.header import split_dateline, split_end_initials, split_glued_kicker
from pipeline.clean.lines import make_lines
from pipeline.clean.templates import site_key
from pipeline.errors import NoArticleText
from pipeline.model import Document

FIX = Path(__file__).parent / "fixtures" / "clean"


def doc(name: str, **meta) -> Document:
    p = FIX / name
    return Document(name, p.read_text(encoding="utf-8"), "html" if p.suffix == ".html" else "text", meta)


def reasons(article) -> set[str]:
    return {b.reason for b in article.boilerplate}


# --- a trade-journal dump with its full page tail ------------------------------------

def test_kommune_style_dump_header_fields():
    a = clean(doc("kommune_tail.txt"))
    assert (a.kicker, a.title, a.published, a.author) == ("Breitband", "Glasfaser für Lindenau", "2022-06-14", "kl")
    assert a.keywords == ["Breitband", "Lindenau", "Glasfaser"]
    assert a.image_credit == "Gemeinde Lindenau/Max Beispiel"
    assert a.links == ["https://www.lindenau.example", "https://www.netz-lindenau.example/ausbau"]
    assert a.lead.startswith("Die Gemeinde Lindenau schließt") and a.text.startswith(a.lead)


def test_kommune_style_dump_text_has_no_page_furniture():
    a = clean(doc("kommune_tail.txt"))
    assert "Petra Sandmann" in a.text and a.text.rstrip().endswith("über langsame Leitungen beklagen.")
    for junk in ("[14.6.2022]", "Breitband:", "Glasfaser für Lindenau", "(kl)", "Stichwörter", "Bildquelle",
                 "Druckversion", "Link mailen", "Weitere Meldungen", "Förderbescheid", "mehr...", "Messfahrzeuge",
                 "Suchen", "Anzeige", "des Verlags", "Abonnement", "Ausgabe 6/2022", "GmbH", "12345 Musterstadt",
                 "Aktuelle Meldungen", "https://"):
        assert junk not in a.text, junk
    assert {"teaser list", "publisher notice", "vendor list", "share/print buttons", "image credit",
            "keywords", "author initials", "date line", "link"} <= reasons(a)


def test_paragraphs_are_separated_by_blank_lines():
    a = clean(doc("kommune_tail.txt"))
    paras = a.text.split("\n\n")
    assert len(paras) == 3 and all(p.strip() == p and "\n" not in p for p in paras)


# --- agency dateline, colon-glued kicker, teaser that repeats the start -------------

def test_dpa_dateline_and_glued_kicker():
    a = clean(doc("dpa_glued.txt"))
    assert (a.kicker, a.title, a.author) == ("Talstadt", "Landkreis führt digitale Bauakte ein", "dpa/lsw")
    assert a.text.startswith("Der Landkreis Talstadt stellt")
    assert a.text.count("Der Landkreis Talstadt stellt") == 1          # the '...' teaser is gone
    for junk in ("(dpa", "Talstadt (", "dpa-Newskanal", "Zur Startseite", "Lesen Sie mehr", "Gutscheine"):
        assert junk not in a.text, junk
    assert "dateline" in reasons(a)


def test_opening_author_credit_in_brackets():
    from pipeline.clean.header import split_opening_credit

    page = ("Digitale Verwaltung\n\nFachkongress ringt um die Registermodernisierung\n\n"
            "(BS/Lena Vogt) Beim Fachkongress in Potsdam ging es vor allem um eine Frage: Wann kommen "
            "die neuen Register in den Kommunen an? Die Antworten fielen unterschiedlich aus.\n\n"
            "Der Landkreis Talstadt will bis 2027 alle Fachverfahren anbinden, sagte die Amtsleiterin. "
            "Die Kosten trägt zum großen Teil das Land.\n")
    a = clean(Document("bs.txt", page, "text", {}))
    assert a.author == "Lena Vogt"
    assert a.text.startswith("Beim Fachkongress in Potsdam") and "BS/" not in a.text
    assert "author credit" in reasons(a)
    for t in ("(CDU) Der Antrag", "(Foto: Stadt) Die", "(2019) Der Bericht", "(siehe oben) Die"):
        assert split_opening_credit(t) == ("", ""), t      # a party, a credit, a year, a remark: no author
    assert split_opening_credit("(dpa) Die Stadt") == ("(dpa) ", "dpa")


def test_camelcase_glued_kicker():
    a = clean(doc("camel_kicker.txt"))
    assert (a.kicker, a.title) == ("Interview", "Digitale Akten im Rathaus")
    assert "InterviewDigitale" not in a.text and a.text.startswith("Frau Berger")


@pytest.mark.parametrize("line, want", [
    ("KommentarDigitale Souveränität als Ziel", ("Kommentar", "Digitale Souveränität als Ziel")),
    ("Serie OZGDer lange Weg zum Portal", ("Serie OZG", "Der lange Weg zum Portal")),
    ("Bremen:Senat beschließt Cloud-Strategie", ("Bremen", "Senat beschließt Cloud-Strategie")),
    ("WhatsApp startet neue Funktion für Behörden", ("", "WhatsApp startet neue Funktion für Behörden")),
    ("Die BayernID wird Pflicht", ("", "Die BayernID wird Pflicht")),
    ("Bund: Neue Regeln für die E-Akte", ("", "Bund: Neue Regeln für die E-Akte")),
    ("Der StadtRat", ("", "Der StadtRat")),                   # one word left: a headline, no kicker
])
def test_split_glued_kicker(line, want):
    assert split_glued_kicker(line) == want


@pytest.mark.parametrize("text, who, rest", [
    ("Kiel (dpa) - Die Landesregierung hat", "dpa", "Die Landesregierung hat"),
    ("Frankfurt/Main (dpa/lhe) - Die Stadt", "dpa/lhe", "Die Stadt"),
    ("Musterhausen (MOZ) Die Stadt hat", "", "Die Stadt hat"),
    ("Berlin (epd). Der Bund will", "", None),   # not a separator we know: left alone
])
def test_split_dateline(text, who, rest):
    pre, got_who, got_rest = split_dateline(text)
    if rest is None:
        assert pre == "" or got_rest
        return
    assert (got_who, got_rest) == (who, rest) and pre


def test_parenthesised_acronym_is_no_dateline():
    for t in ("Die Kommunale Gemeinschaftsstelle (KGSt) hat einen Bericht vorgelegt.",
              "Der Nationale Normenkontrollrat (NKR) stellt dem Entwurf ein schlechtes Zeugnis aus."):
        assert split_dateline(t) == ("", "", t)


def test_end_initials():
    assert split_end_initials("Das Portal startet im Mai. (ab)") == ("Das Portal startet im Mai.", "ab")
    assert split_end_initials("Die Kosten trägt der Bund (rund 2 Mio. Euro).")[1] == ""


# --- browser copy of a whole page ---------------------------------------------------

def test_browser_copy_fields_and_text():
    a = clean(doc("browser_copy.txt"))
    assert a.title == "Rathaus verschickt Bescheide nur noch digital"
    assert (a.published, a.author, a.image_credit) == ("2023-03-03", "Anna Beispiel", "Stadt Beispielstadt")
    assert "Erste Rückmeldungen aus dem Testbetrieb" in a.text                    # subheading kept
    assert "Das neue Postfach im Servicekonto zeigt alle Bescheide an einem Ort." in a.text  # caption kept
    for junk in ("Cookies", "Startseite", "Foto:", "Veröffentlicht am", "Von Anna", "Teilen", "WhatsApp",
                 "könnte Sie auch", "Gewerbegebiet", "Kommentar", "E-Mail-Adresse", "Marktplatz 5", "©",
                 "Impressum", "Rathaus verschickt"):
        assert junk not in a.text, junk
    assert {"cookie notice", "comments", "teaser list", "byline", "image credit"} <= reasons(a)


def test_crawl_date_is_not_the_publication_date():
    a = clean(doc("crawl_stamp.txt"))
    assert a.published == "" and a.author == "Jana K. Musterfrau"
    assert a.text.startswith("Die Stadt Musterhausen hat") and "2022-05" not in a.text
    assert "crawl date" in reasons(a) and "dateline" in reasons(a)


def test_today_header_is_not_the_publication_date():
    text = ("Mittwoch, 30. April 2025\n\nSerie DigitalDer lange Weg ins Netz\n\n"
            "[10.10.2019] Viele Kommunen bieten erst wenige Leistungen online an. Das soll sich bis 2022 ändern, "
            "doch der Weg dorthin ist weit.\n\nDie Bundesländer haben sich auf gemeinsame Standards geeinigt. "
            "Trotzdem unterscheiden sich die Portale der Städte und Gemeinden noch stark voneinander, wie eine "
            "Umfrage unter 300 Verwaltungen zeigt.\n")
    a = clean(Document("x.txt", text))
    assert (a.published, a.kicker, a.title) == ("2019-10-10", "Serie Digital", "Der lange Weg ins Netz")
    assert "Mittwoch" not in a.text and "[10.10.2019]" not in a.text


# --- HTML ----------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    a = clean(doc("article.html"))
    assert a.title == "Landkreis Nordfeld digitalisiert Kita-Anmeldung"
    assert (a.published, a.author, a.publisher) == ("2023-02-14", "Lena Korte", "Nordfelder Rundschau")
    assert a.url == "https://www.rundschau-nordfeld.example/lokales/kita-anmeldung-digital"
    assert "Landrätin Sabine Feldmann" in a.text and "Datenschutzbeauftragte" in a.text
    assert a.text.count("\n\n") >= 3
    for junk in ("Startseite", "Buslinie", "Musikschulen", "Teilen", "Facebook", "Impressum", "©"):
        assert junk not in a.text, junk


def test_container_metadata_wins():
    d = doc("browser_copy.txt", title="Bescheide digital", url="https://example.org/a", published="2023-03-04")
    a = clean(d)
    assert (a.title, a.url, a.published) == ("Bescheide digital", "https://example.org/a", "2023-03-04")


# --- corpus templates ----------------------------------------------------------------

SLOGAN = ("Das Regionalportal für Talstadt und Umgebung berichtet seit vielen Jahren täglich über Politik, "
          "Wirtschaft, Kultur und Sport in unserer Region.")


def _site_page(i: int) -> str:
    body = (f"Die Gemeinde Nummer {i} hat in ihrer Sitzung am Montag beschlossen, ihre Verwaltung weiter zu "
            f"digitalisieren. Insgesamt sollen {10 + i} neue Onlinedienste bis zum Jahresende entstehen.\n\n"
            f"Der Bürgermeister sagte, die Bürgerinnen und Bürger hätten lange auf diese Angebote gewartet. "
            f"Die Kosten von {i * 1000} Euro übernimmt zur Hälfte das Land.")
    return f"Startseite\nPolitik\n\n{SLOGAN}\n\nDigitale Gemeinde {i}\n\n{body}\n\nImpressum\n"


def test_templates_remove_lines_repeated_across_a_site():
    docs = [Document(f"talstadt/portal-{i}.txt", _site_page(i)) for i in range(5)]
    docs.append(Document("anderswo/blatt-1.txt", _site_page(9)))
    idx = build_templates(iter(docs))
    assert idx is not None
    assert idx.is_template(SLOGAN, "talstadt/portal-2.txt") >= 3
    assert idx.is_template(SLOGAN, "anderswo/blatt-1.txt") == 0
    with_t = clean(docs[1], templates=idx)
    alone = clean(docs[1])                      # single-document path works without templates
    assert SLOGAN not in with_t.text and "Gemeinde Nummer 1" in with_t.text
    assert "Gemeinde Nummer 1" in alone.text
    assert any(b.reason.startswith("template repeated on") for b in with_t.boilerplate)


def test_syndicated_copies_are_not_template():
    page = _site_page(1)
    docs = [Document(f"talstadt/kopie-{i}.txt", page) for i in range(4)]
    idx = build_templates(iter(docs))
    assert idx is None or idx.is_template(page.split("\n\n")[3], "talstadt/kopie-0.txt") == 0


def test_site_key():
    assert site_key(Document("a/b.txt", "x", meta={"url": "https://www.example.org/x"})) == "host:example.org"
    assert site_key("dumps/kommune-031.txt") == site_key("dumps/kommune-2020-09-29-a.txt")
    assert site_key("dumps/kommune-031.txt") != site_key("dumps/anderes-031.txt")


# --- odd input ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\n  ", "Startseite\nImpressum\nKontakt\nSuche", "\x00\x01\x02",
                                  "Druckversion PDF Link mailen\n\nWeitere Meldungen\n"])
def test_no_article_text_raises_coded_error(text):
    with pytest.raises(NoArticleText) as e:
        clean(Document("leer.txt", text))
    assert e.value.code == "E010" and "no article text" in e.value.message


def test_foreign_language_prose_is_kept():
    text = ("Town opens a digital town hall\n\nThe city council approved the new online portal on Tuesday. "
            "Citizens will be able to apply for parking permits from home, the mayor said.\n\n"
            "More services are to follow by the end of the year, according to the city.\n")
    a = clean(Document("en.txt", text))
    assert "parking permits" in a.text and "end of the year" in a.text


def test_one_huge_line_and_many_lines():
    sentence = "Die Stadt digitalisiert ihre Verwaltung und bietet neue Dienste für die Bürger an. "
    a = clean(Document("gross.txt", sentence * 20000))
    assert len(a.text) > 1_000_000
    b = clean(Document("viele.txt", "\n".join([sentence] * 20000)))
    assert b.text.count("\n\n") == 0 or len(b.text) > 100   # duplicates collapse, something is kept


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_never_raises_anything_but_no_article_text(text):
    try:
        a = clean(Document("zufall.txt", text))
    except NoArticleText:
        return
    assert isinstance(a.text, str) and a.text == a.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Startseite", "Die Gemeinde hat am Montag einen neuen Haushalt für das kommende Jahr beschlossen.",
    "[3.4.2021] Der Kreis baut sein Bürgerportal aus und bietet weitere Leistungen online an.",
    "Stichwörter: A, B", "Bildquelle: X", "Druckversion PDF Link mailen", "Weitere Meldungen",
    "Kiel (dpa) - Das Land investiert in die Verwaltung und stellt dafür neue Mittel bereit.", "(ab)",
    "https://example.org", "12345 Musterstadt", "Muster GmbH", "", "Anzeige", "Montag, 3. Mai 2021",
    "KommentarNeue Wege", "Von Anna Beispiel", "© Foto: Y"]), max_size=40))
def test_random_page_shapes_never_crash(parts):
    try:
        a = clean(Document("form.txt", "\n".join(parts)))
    except NoArticleText:
        return
    assert "\n\n\n" not in a.text
    assert not a.published or len(a.published) == 10


# --- line kinds --------------------------------------------------------------------------

@pytest.mark.parametrize("line, kind", [
    ("Druckversion PDF Link mailen", "buttons"),
    ("Auf Facebook teilen Auf Twitter teilen Auf WhatsApp teilen", "buttons"),
    ("Weitere Meldungen", "marker"),
    ("Das könnte Sie auch interessieren", "marker"),
    ("26.02.2021", "date"),
    ("Montag, 06.11.2023", "date"),
    ("Bildquelle: Stadt Musterhausen", "credit"),
    ("(Foto: Max Beispiel)", "credit"),
    ("Stichwörter: Politik, Digitalisierung", "keywords"),
    ("[27.10.2020] Der Verband reagiert mit einem Positionspapier auf den Bericht. mehr...", "teaser"),
    ("21079 Hamburg", "address"),
    ("Muster Software GmbH", "address"),
    ("https://www.example.org/seite", "url"),
    ("Die Gemeinde hat am Montag beschlossen, ihre Verwaltung bis 2025 vollständig zu digitalisieren.", "good"),
    ("Neue Wege im Rathaus", "heading"),
])
def test_line_kinds(line, kind):
    assert make_lines(line)[0].kind == kind


def test_press_release_place_and_date_opening():
    text = ("Kreis startet digitale Kfz-Zulassung\n\nWinsen, 12.09.2023. Der Landkreis bietet die Zulassung ab "
            "sofort online an. Die Zulassungsstelle werde dadurch spürbar entlastet, sagte der Landrat.\n")
    a = clean(Document("pm.txt", text))
    assert a.published == "2023-09-12" and a.text.startswith("Der Landkreis bietet")
    assert "dateline" in reasons(a)


@pytest.mark.parametrize("text, want", [
    ("Im Rathaus gilt Maskenpflicht. Foto: Max Beispiel/cc by 2.0", ("Im Rathaus gilt Maskenpflicht.", "Max Beispiel/cc by 2.0")),
    ("Das neue Portal. (Foto: Stadt Musterhausen)", ("Das neue Portal.", "Stadt Musterhausen")),
    ("Der Plan für 2024 – © Anna Beispiel", ("Der Plan für 2024", "Anna Beispiel")),
    ("Das ist ein Foto: schön.", ("Das ist ein Foto: schön.", "")),
])
def test_strip_trailing_credit(text, want):
    from pipeline.clean.header import strip_credit
    assert strip_credit(text) == want


def test_stock_agency_line_is_a_credit():
    assert make_lines("Musterfoto/Shutterstock.com")[0].kind == "credit"


def test_headline_above_reading_time_and_share_bar():
    text = ("Startseite\nPolitik\n\nPolitik\n\nKreistag beschließt neues Bürgerportal\n\n12.03.2024\n\n"
            "Lesezeit: 3 Minuten\n\nKommentare 0\n\nTeilen\n\n"
            "Der Kreistag hat am Dienstag einstimmig beschlossen, ein neues Bürgerportal aufzubauen. Bis zum "
            "Sommer sollen dort die ersten zwanzig Leistungen online angeboten werden.\n\n"
            "Die Kosten von rund 300.000 Euro teilen sich der Kreis und die Gemeinden. Landrätin Eva Beispiel "
            "sprach von einem wichtigen Schritt für die Verwaltung.\n")
    a = clean(Document("kreistag.txt", text))
    assert (a.title, a.published) == ("Kreistag beschließt neues Bürgerportal", "2024-03-12")
    assert "Lesezeit" not in a.text and "Kommentare" not in a.text and a.text.startswith("Der Kreistag")


def test_teaser_cards_after_the_article_are_dropped():
    article = ("Die Stadt Musterhausen führt zum Jahresbeginn eine digitale Bauakte ein. Architektinnen und "
               "Architekten reichen Pläne dann nur noch über das Portal ein, Papier wird nicht mehr angenommen.\n\n"
               "Nach Angaben der Bauverwaltung dauert ein Verfahren derzeit im Schnitt vier Monate. Mit der "
               "digitalen Akte sollen es höchstens zwei sein, weil alle Stellen gleichzeitig prüfen können.\n\n")
    cards = "".join(f"Neue Buslinie verbindet Ortsteil {i} mit dem Zentrum\n\nDie Linie fährt ab Montag "
                    f"alle zwanzig Minuten und hält an {i + 5} Haltestellen.\n\n" for i in range(4))
    a = clean(Document("karten.txt", "Digitale Bauakte kommt\n\n" + article + cards))
    assert "höchstens zwei sein" in a.text and "Buslinie" not in a.text and "Haltestellen" not in a.text


def test_numbered_steps_are_not_teaser_cards():
    steps = "".join(f"{i} von 5\n\nRühre die Zutaten in Schritt {i} gut um und lass den Teig ruhen.\n\n"
                    for i in range(1, 6))
    text = ("Rührkuchen für Einsteiger\n\nDieser Kuchen gelingt immer, auch wenn du zum ersten Mal backst. Du "
            "brauchst nur wenige Zutaten und etwa eine Stunde Zeit.\n\n" + steps)
    a = clean(Document("rezept.txt", text))
    assert "Schritt 5" in a.text
