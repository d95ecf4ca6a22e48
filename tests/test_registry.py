"""The registry across documents: keys, merge and split of names, timelines, stable ids.

Everything here is invented: hand-built table rows, and three short articles
about one (invented) person whose office changes.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from pipeline import manifest, runner
from pipeline.registry import Registry, conflict
from pipeline.registry.keys import ags_compatible, person_key
from pipeline.settings import Settings
from pipeline.tables import REGISTRY_TABLES

S = Settings(workers=1, formats=("parquet", "csv"))

ARTICLES = {
    "harburg-kfz.txt": """Landkreis Harburg startet digitale Kfz-Zulassung

Winsen, 12.09.2021. Der Landkreis Harburg bietet die Kfz-Zulassung ab sofort vollständig online an. Landrat Peter Reinecke sagte, die Zulassungsstelle werde dadurch spürbar entlastet.
""",
    "harburg-eakte.txt": """Harburg führt E-Akte ein

Winsen, 03.02.2022. Der Landkreis Harburg arbeitet seit Januar mit der elektronischen Akte. Landrat Dr. Peter Reinecke sprach von einem großen Schritt für die Verwaltung.
""",
    "nds-staatssekretaer.txt": """Neuer Staatssekretär für Digitales in Niedersachsen

Hannover, 15.06.2024. Peter Reinecke ist neuer Staatssekretär im Niedersächsischen Ministerium für Inneres und Sport. Reinecke war zuvor Landrat im Landkreis Harburg.
""",
}


def person(doc, name, role="", place="", ags="", org="", **kw):
    return {"doc_id": doc, "name": name, "role": role, "role_canonical": kw.pop("canonical", role),
            "place": place, "place_ags": ags, "organization": org, "title": kw.pop("title", ""),
            "party": "", "mentions": kw.pop("mentions", 1), "current": kw.pop("current", True)}


# --- keys -------------------------------------------------------------------------

def test_person_key_ignores_case_diacritics_titles_and_initials():
    assert person_key("Prof. Dr. Jan E. Böhling") == person_key("jan boehling") == "jan boehling"
    assert person_key("Klaus Weiß") == person_key("Klaus Weiss")
    assert person_key("Anna Müller") == person_key("Anna Mueller")
    assert person_key("René Meyer-Falcke") == person_key("Rene Meyer Falcke")
    assert person_key("Anna Müller") != person_key("Anna Möller")
    assert person_key("Dr.-Ing. Eva Roth") == "eva roth"


def test_ags_containment():
    assert ags_compatible("03", "03353") and ags_compatible("03353000", "03353")
    assert not ags_compatible("03353", "03241") and not ags_compatible("", "03")


# --- merge and split ----------------------------------------------------------------

def test_same_name_in_two_articles_is_one_person():
    rows = [person("d1", "Peter Reinecke", "Landrat", "Landkreis Harburg", "03353"),
            person("d2", "Dr. Peter Reinecke", "Landrat"),                     # no place: nothing says otherwise
            person("d3", "Peter Reinecke", "Staatssekretär", "Niedersachsen", "03", "Innenministerium")]
    reg = Registry.build(rows, [], {"d1": "2021-09-12", "d2": "2022-02-03", "d3": "2024-06-15"})
    [p] = reg.tables["persons"]
    assert p["n_articles"] == 3 and p["name"] == "Dr. Peter Reinecke"  # most words
    assert (p["first_seen"], p["last_seen"]) == ("2021-09-12", "2024-06-15")
    assert sorted(p["variants"]) == ["Dr. Peter Reinecke", "Peter Reinecke"]
    assert {reg.person_id(r) for r in rows} == {p["person_id"]}


def test_fullest_form_is_the_name():
    rows = [person("d1", "Jan Boehling"), person("d2", "Jan E. Böhling"), person("d3", "Jan Boehling")]
    [p] = Registry.build(rows, [], {}).tables["persons"]
    assert p["name"] == "Jan E. Böhling" and p["n_articles"] == 3


def test_other_place_alone_or_other_organisation_alone_does_not_split():
    places_differ = [person("d1", "Eva Roth", "CIO", "Kiel", "01002000", "Dataport"),
                     person("d2", "Eva Roth", "CIO", "Hamburg", "02000000", "Dataport")]
    orgs_differ = [person("d1", "Eva Roth", "CIO", "Kiel", "01002000", "Dataport"),
                   person("d2", "Eva Roth", "Vorstand", "Schleswig-Holstein", "01", "ITV.SH")]
    for rows in (places_differ, orgs_differ):
        assert len(Registry.build(rows, [], {}).tables["persons"]) == 1


def test_incompatible_places_and_organisations_split_a_name():
    rows = [person("d1", "Eva Roth", "CIO", "Kiel", "01002000", "Dataport"),
            person("d2", "Eva Roth", "Bürgermeisterin", "Freiburg im Breisgau", "08311000", "Stadt Freiburg"),
            person("d3", "Eva Roth", "CIO", "Schleswig-Holstein", "01", "Dataport AöR"),
            person("d4", "Eva Roth")]                                  # says nothing: joins the larger one
    reg = Registry.build(rows, [], {"d1": "2020-01-01", "d2": "2023-05-05", "d3": "2021-01-01"})
    persons = sorted(reg.tables["persons"], key=lambda p: -p["n_articles"])
    assert [p["n_articles"] for p in persons] == [3, 1]
    ids = {r["doc_id"]: reg.person_id(r) for r in rows}
    assert ids["d1"] == ids["d3"] == ids["d4"] != ids["d2"]
    assert persons[1]["first_seen"] == persons[1]["last_seen"] == "2023-05-05"


def test_conflict_needs_both_places_and_organisations():
    assert conflict({"ags:01002000"}, {"dataport"}, {"ags:08311000"}, {"stadt freiburg"})
    assert not conflict({"ags:01002000"}, {"dataport"}, {"ags:01"}, {"stadt freiburg"})
    assert not conflict({"ags:01002000"}, set(), {"ags:08311000"}, {"stadt freiburg"})
    assert not conflict({"name:kiel"}, {"dataport"}, {"name:freiburg"}, {"dataport aoer"})


def test_registry_does_not_depend_on_row_order():
    rows = [person(f"d{i}", n, r, pl, ags, org) for i, (n, r, pl, ags, org) in enumerate([
        ("Eva Roth", "CIO", "Kiel", "01002000", "Dataport"), ("Eva Roth", "Bürgermeisterin", "Freiburg",
                                                                "08311000", "Stadt Freiburg"),
        ("Eva Roth", "", "", "", ""), ("Tim Vogler", "Bürgermeister", "Ulm", "08421000", ""),
        ("Tim Vogler", "Oberbürgermeister", "Ulm", "08421000", ""), ("Tim Vogler", "", "", "", "")])]
    orgs = [{"doc_id": "d0", "name": "Dataport AöR", "canonical": "Dataport", "mentions": 2, "acronym": ""},
            {"doc_id": "d1", "name": "Dataport", "canonical": "Dataport", "mentions": 1, "acronym": ""}]
    dates = {f"d{i}": f"202{i}-01-0{i + 1}" for i in range(6)}
    ref = Registry.build(rows, orgs, dates).tables
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert Registry.build(shuffled, orgs[::-1], dates).tables == ref


def test_role_timeline_one_row_per_role_and_place():
    rows = [person("d1", "Tim Vogler", "Bürgermeister", "Ulm", "08421000"),
            person("d2", "Tim Vogler", "Bürgermeister"),
            person("d3", "Tim Vogler", "Oberbürgermeister", "Ulm", "08421000"),
            person("d4", "Tim Vogler", "Bürgermeister", "Neu-Ulm", "09775147")]
    dates = {"d1": "2019-03-01", "d2": "2020-07-01", "d3": "2023-01-10", "d4": "2018-01-01"}
    roles = Registry.build(rows, [], dates).tables["person_roles"]
    got = [(r["role"], r["place"], r["first_seen"], r["last_seen"], r["n_articles"], r["doc_ids"]) for r in roles]
    assert got == [("Bürgermeister", "Neu-Ulm", "2018-01-01", "2018-01-01", 1, ["d4"]),
                   ("Bürgermeister", "Ulm", "2019-03-01", "2020-07-01", 2, ["d1", "d2"]),
                   ("Oberbürgermeister", "Ulm", "2023-01-10", "2023-01-10", 1, ["d3"])]


def test_organisations_grouped_by_canonical_name():
    orgs = [{"doc_id": "d1", "name": "BSI", "canonical": "Bundesamt für Sicherheit in der Informationstechnik",
             "mentions": 2, "acronym": "BSI"},
            {"doc_id": "d2", "name": "Bundesamt für Sicherheit in der Informationstechnik",
             "canonical": "Bundesamt für Sicherheit in der Informationstechnik", "mentions": 1, "acronym": "BSI"},
            {"doc_id": "d2", "name": "Stadtwerke Ulm", "canonical": "", "mentions": 1, "acronym": ""}]
    reg = Registry.build([], orgs, {"d1": "2022-01-01", "d2": "2023-01-01"})
    by_name = {r["name"]: r for r in reg.tables["organization_registry"]}
    bsi = by_name["Bundesamt für Sicherheit in der Informationstechnik"]
    assert (bsi["n_articles"], bsi["mentions"], bsi["first_seen"], bsi["last_seen"]) == (2, 3, "2022-01-01",
                                                                                         "2023-01-01")
    assert bsi["variants"] == ["BSI", "Bundesamt für Sicherheit in der Informationstechnik"]
    assert reg.org_id(orgs[0]) == reg.org_id(orgs[1]) == bsi["org_id"] != reg.org_id(orgs[2])


# --- runs -----------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def fixed_code_hash(monkeypatch):
    monkeypatch.setattr(manifest, "code_hash", lambda: "fixed-for-test")


def write(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or ARTICLES:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def registry_tables(out: Path) -> dict[str, list]:
    res = {}
    for t in [*REGISTRY_TABLES, "people", "organizations"]:
        df = pd.read_parquet(out / f"{t}.parquet")
        rows = [tuple(tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in r)
                for r in df.astype(object).where(df.notna(), None).itertuples(index=False)]
        res[t] = sorted(rows, key=repr)
    return res


def test_a_former_role_keeps_its_article_but_not_its_date():
    rows = [person("d1", "Tim Vogler", "Landrat", "Harburg", "03353"),
            person("d2", "Tim Vogler", "Landrat", "Harburg", "03353", current=False),
            person("d2", "Tim Vogler", "Staatssekretär")]
    dates = {"d1": "2021-09-12", "d2": "2024-06-15"}
    roles = {r["role"]: r for r in Registry.build(rows, [], dates).tables["person_roles"]}
    assert (roles["Landrat"]["first_seen"], roles["Landrat"]["last_seen"]) == ("2021-09-12", "2021-09-12")
    assert roles["Landrat"]["doc_ids"] == ["d1", "d2"] and roles["Landrat"]["n_articles"] == 2
    assert roles["Staatssekretär"]["first_seen"] == "2024-06-15"


def test_run_links_one_person_across_articles(tmp_path):
    runner.run([write(tmp_path / "in")], tmp_path / "out", S)
    persons = pd.read_parquet(tmp_path / "out" / "persons.parquet")
    p = persons[persons.name.str.contains("Reinecke")]
    assert len(p) == 1 and p.n_articles.iloc[0] == 3
    assert (p.first_seen.iloc[0], p.last_seen.iloc[0]) == ("2021-09-12", "2024-06-15")
    people = pd.read_parquet(tmp_path / "out" / "people.parquet")
    assert set(people[people.name.str.contains("Reinecke")].person_id) == {p.person_id.iloc[0]}
    roles = pd.read_parquet(tmp_path / "out" / "person_roles.parquet")
    mine = roles[roles.person_id == p.person_id.iloc[0]].set_index("role_canonical")
    assert mine.loc["Landrat", "first_seen"] == "2021-09-12"
    assert mine.loc["Staatssekretär", "first_seen"] == "2024-06-15"
    assert mine.loc["Landrat", "place_ags"] == "03353"
    csv = pd.read_csv(tmp_path / "out" / "person_roles.csv", dtype=str, keep_default_na=False)
    assert len(csv) == len(roles) and all("; " in v or v for v in csv.doc_ids)


def test_incremental_and_resumed_runs_give_the_registry_of_a_fresh_run(tmp_path, monkeypatch):
    names = list(ARTICLES)
    runner.run([write(tmp_path / "in", names[:2])], tmp_path / "inc", S)
    write(tmp_path / "in", names[2:])
    s = runner.run([tmp_path / "in"], tmp_path / "inc", S)
    assert s.skipped == 2
    runner.run([tmp_path / "in"], tmp_path / "fresh", S)
    fresh = registry_tables(tmp_path / "fresh")
    assert registry_tables(tmp_path / "inc") == fresh

    # interrupted after the first document (one part per document), then resumed
    from pipeline import export
    monkeypatch.setattr(export, "PART_ROWS", 1)
    real, calls = runner.process_document, []

    def interrupting(doc, *a, **k):
        calls.append(doc.source_file)
        if len(calls) == 2:
            raise KeyboardInterrupt()
        return real(doc, *a, **k)

    monkeypatch.setattr(runner, "process_document", interrupting)
    with pytest.raises(KeyboardInterrupt):
        runner.run([tmp_path / "in"], tmp_path / "resumed", S)
    assert not (tmp_path / "resumed").exists()
    monkeypatch.setattr(runner, "process_document", real)
    s = runner.run([tmp_path / "in"], tmp_path / "resumed", S)
    assert s.skipped == 1
    assert registry_tables(tmp_path / "resumed") == fresh


def test_dask_engine_gives_the_registry_of_a_local_run(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    write(tmp_path / "in")
    runner.run([tmp_path / "in"], tmp_path / "local", S)
    runner.run([tmp_path / "in"], tmp_path / "dask", S.with_(engine="dask", workers=2))
    assert registry_tables(tmp_path / "dask") == registry_tables(tmp_path / "local")
