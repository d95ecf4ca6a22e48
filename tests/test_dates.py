"""Dates extractor on invented German sentences (no corpus text)."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import dates
from pipeline.extract.dates import find_dates
from pipeline.model import Article


def found(text, published=None, precisions=("day", "month", "year")):
    ms = find_dates(text, published)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date, m.precision) for m in ms if m.precision in precisions]


@pytest.mark.parametrize("text, expect", [
    ("Die Sitzung fand am 3.5.2022 statt.", [("3.5.2022", "2022-05-03", "day")]),
    ("Frist: 07.11.21, danach nicht mehr.", [("07.11.21", "2021-11-07", "day")]),
    ("Der Vertrag gilt ab dem 15. März 2024.", [("15. März 2024", "2024-03-15", "day")]),
    ("Stichtag ist der 2023-12-31 laut Beschluss.", [("2023-12-31", "2023-12-31", "day")]),
    ("Das Amt öffnet am Freitag, 8. Dezember 2023 wieder.",
     [("Freitag, 8. Dezember 2023", "2023-12-08", "day")]),
    ("Gestartet ist das Projekt am 3. Okt. 2019 in Hameln.", [("3. Okt. 2019", "2019-10-03", "day")]),
    ("Die Umfrage lief im Juli 2021 unter Beschäftigten.", [("Juli 2021", "2021-07-01", "month")]),
    ("Erhoben wurde im Sept. 2021.", [("Sept. 2021", "2021-09-01", "month")]),
    ("Der Bericht (Stand: Februar 2023) liegt vor.", [("Februar 2023", "2023-02-01", "month")]),
    ("Die Software soll Ende November 2024 ausgerollt werden.",
     [("Ende November 2024", "2024-11-01", "month")]),
])
def test_explicit_dates(text, expect):
    assert found(text) == expect


def test_year_precision_needs_a_cue():
    text = ("Im Jahr 2026 sollen alle Anträge digital sein. Seit 2015 arbeitet er dort. "
            "Bis Ende 2027 folgt der Rest. Der Kreis hat 1200 Mitarbeiter und 2300 Anträge. "
            "Mehr als 2000 Gemeinden machen mit.")
    got = found(text)
    assert ("2026", "2026-01-01", "year") in got
    assert ("2015", "2015-01-01", "year") in got
    assert ("Ende 2027", "2027-01-01", "year") in got
    assert all(d[0] not in ("1200", "2300", "2000") for d in got)


def test_year_range_and_sentence_initial_year():
    got = found("Das Programm 2019-2022 ist beendet. 2021 meldete der Verband ein Plus.")
    assert ("2019", "2019-01-01", "year") in got and ("2022", "2022-01-01", "year") in got
    assert ("2021", "2021-01-01", "year") in got


def test_day_ranges_give_both_days():
    got = found("Die Messe findet vom 4. bis 6. Juni 2024 statt, die Tagung am 1. und 2. Juli 2024.")
    assert [d[1] for d in got] == ["2024-06-04", "2024-06-06", "2024-07-01", "2024-07-02"]


def test_yearless_dates_need_the_publication_date():
    text = "Am Montag, 4. März, startet das Portal. Ab dem 01.04. gilt die neue Regel. Mitte Mai folgt mehr."
    assert found(text) == []
    got = found(text, date(2024, 2, 20))
    assert ("Montag, 4. März", "2024-03-04", "day") in got
    assert ("01.04.", "2024-04-01", "day") in got
    assert ("Mitte Mai", "2024-05-01", "month") in got


def test_yearless_date_takes_the_nearest_year():
    # published in late December: "am 10. Januar" is next year's
    assert found("Die Frist endet am 10. Januar.", date(2022, 12, 28)) == [("10. Januar", "2023-01-10", "day")]
    # and in January, "im Dezember" is last year's
    assert found("Im Dezember wurde gewählt.", date(2023, 1, 5)) == [("Dezember", "2022-12-01", "month")]


def test_weekday_must_agree_with_completed_year():
    # 12 April was a Wednesday in 2023, not in 2022 or 2024
    assert found("Ab Mittwoch, 12. April, gilt es.", date(2023, 2, 1)) == [
        ("Mittwoch, 12. April", "2023-04-12", "day")]


@pytest.mark.parametrize("text", [
    "Jan Erik Hoffmann leitet das Amt, August Wiese den Bauhof.",
    "Die Mai-Kundgebung fiel aus, der Maibaum steht.",
    "Die Kommune bietet 575 Leistungen an, rund 2000 Städte machen mit.",
    "Erschienen in Ausgabe 10/2020 des Magazins.",
    "Die Version 1.2.3 behebt Fehler, Paragraf 3.4. regelt das.",
    "Seit den 1960er-Jahren gibt es Rechenzentren.",
    "Das kostet bis 2000 Euro.",
    "Der Bus fährt um 9.05. wieder, der nächste 10.15. Uhr.",
    "Er erklärte im Interview, dass die Frist verstrichen sei.",
])
def test_no_false_dates(text):
    assert found(text, date(2022, 6, 1)) == []


def test_invalid_dates_are_skipped():
    assert found("Am 31.02.2022 und am 45.13.2021 war nichts.") == []


def test_extract_uses_article_published():
    art = Article(doc_id="x", source_file="x.txt", text="Das Bürgerbüro schließt am 23. Dezember.",
                  published="2021-12-01")
    ms = dates.extract(art)
    assert [(m.date, m.precision) for m in ms] == [("2021-12-23", "day")]
    assert ms[0].text == art.text[ms[0].start:ms[0].end]


FRAGMENTS = ["am 3.5.2022", "seit März 2017", "Mitte Oktober", "im Jahr 2025", "2018-2020", "Jan", "Mai",
             "am 14.06.", "Mittwoch, 12. April", "Ende 2022", "575 Leistungen", "(6. August 2013)",
             "die Verwaltung", "–", "\n\n", " ", ", ", ". ", "1.", "10/2020", "29. und 30. September 2020"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12),
       st.one_of(st.none(), st.dates(date(1995, 1, 1), date(2035, 12, 31))))
def test_offsets_always_point_into_text(parts, pub):
    text = " ".join(parts)
    for m in find_dates(text, pub):
        assert text[m.start:m.end] == m.text
        assert m.precision in ("day", "month", "year")
        assert date.fromisoformat(m.date)


@pytest.mark.parametrize("text, expect", [
    ("Der Landkreis will im zweiten Quartal 2026 nachziehen.", [("zweiten Quartal 2026", "2026-01-01", "year")]),
    ("Im ersten Halbjahr 2025 gingen 40 Anträge ein.", [("ersten Halbjahr 2025", "2025-01-01", "year")]),
    ("Es gab 2026 Quartalsberichte, 17 Quartal 2026 nicht.", []),
])
def test_quarter_and_half_year(text, expect):
    assert found(text) == expect


def test_year_less_day_with_weekday_without_publication_date_takes_the_year_whose_calendar_agrees():
    from pipeline.extract.dates import find_dates

    got = [(d.text, d.date) for d in find_dates("Seit März 2021 und ab Juni 2024 gilt es, ab Mittwoch, 3. Juli.")]
    assert ("Mittwoch, 3. Juli", "2024-07-03") in got                 # 3 July 2024 is a Wednesday, 2021 a Saturday
    assert all(t != "Donnerstag, 3. Juli" for t, _ in
               ((d.text, d.date) for d in find_dates("Ab Juni 2024 gilt es, ab Donnerstag, 3. Juli.")))
    assert [d.text for d in find_dates("Ab Juni 2024 gilt es. Am 3. Juli wird gefeiert.")] == ["Juni 2024"]
