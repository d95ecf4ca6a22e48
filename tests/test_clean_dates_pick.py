"""Date spellings (pipeline/data/date_patterns.txt) and the publication-date fallbacks of
pipeline/clean/datepick.py, on lines and pages written for these tests."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.clean import datepick as P
from pipeline.clean import textdump
from pipeline.clean.dates import find_dates


@pytest.mark.parametrize("line,want", [
    ("Stand: 14.09.2016", ["2016-09-14"]),
    ("7. Februar 2019, 18:45 Uhr", ["2019-02-07"]),
    ("Veröffentlicht am 3. März 2021 von Hanna Beispiel", ["2021-03-03"]),
    ("Aktualisiert 12.10.2022, 09:10", ["2022-10-12"]),
    ("Lena Probe / 22.04.2020 / 06:15", ["2020-04-22"]),
    ("Mo., 06.11.2023", ["2023-11-06"]),
    ("2021-05-17T08:00:00+02:00", ["2021-05-17"]),
    ("Erstellt am 09/10/2018 von admin", ["2018-10-09"]),           # slashes: day first
    ("posted 12/31/2019", ["2019-12-31"]),                          # month first only when day first is impossible
    ("2020/03/05", ["2020-03-05"]),
    ("Gepostet am 4. Mai 20194. Mai 2019 von Kim", ["2019-05-04"]),  # a year glued to the next date
    ("Samstag, 2. März 2024Sonntag, 3. März 2024", ["2024-03-02", "2024-03-03"]),
    ("am 14. September", []),                                        # no year: none is invented
    ("Heft 3/2019", []),
    ("Version 10/40/2020", []),
])
def test_find_dates_spellings(line, want):
    assert [h.iso for h in find_dates(line)] == want


def test_opener_date_needs_cue_and_separator():
    h = P.opener_date("Meldung vom 3. Februar 2023 | Kassel – Die Stadt öffnet ein neues Bürgerbüro.")
    assert h is not None and h.iso == "2023-02-03"
    assert P.opener_date("Pressemitteilung vom 11.05.2020: Neue Formulare online") is not None
    # a sentence naming a date is no opener
    assert P.opener_date("Am 3. Februar 2023 öffnete die Stadt ein neues Bürgerbüro.") is None
    assert P.opener_date("Die Stadt hat seit dem 3. Februar 2023 ein Bürgerbüro | Kassel") is None


def test_letter_and_verb_dates():
    assert P.letter_date("Bad Musterstadt, den 02. Dezember 2022").iso == "2022-12-02"
    assert P.letter_date("Bad Musterstadt, den 02. Dezember 2022 und weitere Termine") is None
    assert P.verb_date("Dieser Eintrag wurde am 07/03/2021 von redaktion veröffentlicht.").iso == "2021-03-07"
    assert P.verb_date("Das Amt zieht am 07.03.2021 in den Neubau um.") is None


def test_update_cue_yields_to_publication_date():
    upd = find_dates("Aktualisiert am 19.02.2021")[0]
    pub = find_dates("Veröffentlicht am 01.02.2021")[0]
    assert P.update_penalty("Aktualisiert am 19.02.2021", upd) > 0
    assert P.update_penalty("Veröffentlicht am 01.02.2021", pub) == 0


_BODY = ("Die Verwaltung der Gemeinde Musterau stellt ihre Anträge für Bauvorhaben ab dem kommenden Monat "
         "vollständig auf ein digitales Verfahren um, wie der Bürgermeister am Dienstag mitteilte. ")


def _page(header: list[str], after: list[str]) -> str:
    body = [_BODY + f"Absatz {i} erklärt die Einzelheiten des neuen Verfahrens und der Fristen." for i in range(6)]
    return "\n\n".join(header + body + after) + "\n"


@pytest.mark.parametrize("after,want", [
    (["Musterau, den 4. März 2024"], "2024-03-04"),
    (["04.03.2024"], "2024-03-04"),
    (["Diese Seite wurde zuletzt am 5. März 2024 um 10:12 Uhr geändert."], "2024-03-05"),
])
def test_fallback_dates_on_invented_pages(after, want):
    ex = textdump.extract(_page(["Startseite", "Aktuelles", "Musterau digitalisiert den Bauantrag"], after))
    assert ex.published == want


def test_header_date_beats_fallbacks():
    ex = textdump.extract(_page(["Startseite", "Musterau digitalisiert den Bauantrag", "Stand: 01.02.2024"],
                                ["Musterau, den 4. März 2024"]))
    assert ex.published == "2024-02-01"


def _fake_page(texts: list[str], kinds: list[str], first_body: int, title_i: int):
    lines = [SimpleNamespace(text=t, kind=k, words=len(t.split())) for t, k in zip(texts, kinds)]
    return SimpleNamespace(lines=lines, tmpl=[0] * len(lines), keep={first_body: texts[first_body]},
                           first_body=first_body, title_i=title_i)


def test_headline_date_is_the_last_resort():
    texts = ["Protocol of the Session on November 11, 2022", _BODY, "Musterau, den 14. November 2022"]
    kinds = ["heading", "good", "short"]
    got = sorted(P.fallback_candidates(_fake_page(texts, kinds, 1, 0)), key=lambda c: -c[0])
    assert [c[1].iso for c in got] == ["2022-11-14", "2022-11-11"]
    got = P.fallback_candidates(_fake_page(texts[:2], kinds[:2], 1, 0))
    assert [c[1].iso for c in got] == ["2022-11-11"]


def test_repeated_lines_and_crawl_stamps_never_count():
    texts = ["Musterau, den 14. November 2022", _BODY, "Abgerufen am 20.11.2022", "Diese Seite wurde am 1.12.2022 geändert"]
    page = _fake_page(texts, ["short", "good", "date", "short"], 1, -1)
    page.tmpl = [0, 0, 0, 5]
    assert [c[1].iso for c in P.fallback_candidates(page)] == []


def test_weak_cue_counts_only_after_a_short_label():
    t = "Ein Interview mit der Ministerin im „Morgenmagazin“ vom 26.05.2015 über Verwaltung"
    assert P.weak_cue_penalty(t, find_dates(t)[0]) > 0
    t = "Meldung vom 26.05.2015"
    assert P.weak_cue_penalty(t, find_dates(t)[0]) == 0
    t = "Posted on Freitag, 15. April 2016 by Redaktion"
    assert P.weak_cue_penalty(t, find_dates(t)[0]) == 0


@pytest.mark.parametrize("line", [
    "Stand: 14.09.2016", "7. Februar 2019, 18:45 Uhr", "Lena Probe / 22.04.2020 / 06:15", "Mo., 06.11.2023",
    "2021-05-17T08:00:00+02:00", "Erstellt am 09/10/2018", "12. Okt. 2022", "April 29, 2020", "Meldung vom 3. März 2021",
])
def test_spans_agree_with_dateparser(line):
    """The span find_dates marks reads as the same day to dateparser (German, day first)."""
    dateparser = pytest.importorskip("dateparser")
    h = find_dates(line)[0]
    got = dateparser.parse(line[h.start:h.end], languages=["de", "en"],
                           settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    assert got is not None and got.date().isoformat() == h.iso
