"""``egovnews report``: one self-contained HTML page about an output folder.

``build_html(out)`` reads the tables of an output folder (and ``_run.json``)
and gives the page: run summary, topics by month, places on a map, the
most-mentioned people with their roles and a role timeline, organisations,
OZG services and the errors. ``write_report(out, path)`` writes it (default
``<out>/report.html``; a new run into ``out`` removes that file, as it would
describe the previous output). Figures are drawn with matplotlib (Agg).
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd

from ..errors import UsageError
from ..export import REPORT_FILE, RUN_INFO
from ..registry import Registry
from ..tables import REGISTRY_TABLES, TABLES
from . import figures
from .page import (CSS, cards, esc, figure, places_summary, services_summary, table, timeline_rows,
                   top_people, topics_monthly)

__all__ = ["build_html", "write_report"]


def _frames(out: Path) -> dict[str, pd.DataFrame]:
    from ..api import load

    if not (out / "articles.parquet").exists() and not (out / "articles.csv").exists():
        raise UsageError(f"{out} holds no egovnews output (no articles.parquet or articles.csv): "
                         f"run `egovnews run INPUT --out {out}` first")
    t = load(out)
    for name, cols in {**TABLES, **REGISTRY_TABLES}.items():
        if name not in t:
            t[name] = pd.DataFrame(columns=cols)
    if t["persons"].empty and not t["people"].empty:  # an output written before the registry existed
        published = dict(zip(t["articles"].doc_id, t["articles"].published.fillna("")))
        reg = Registry.build(t["people"].to_dict("records"), t["organizations"].to_dict("records"), published)
        for name, rows in reg.tables.items():
            t[name] = pd.DataFrame(rows, columns=REGISTRY_TABLES[name])
    return t


def _summary(t: dict[str, pd.DataFrame], info: dict) -> str:
    arts, errs, persons = t["articles"], t["errors"], t["persons"]
    dated = int((arts.published.fillna("").astype(str) != "").sum()) if len(arts) else 0
    items = [("documents", info.get("documents", len(arts) + len(errs))), ("articles", len(arts)),
             ("errors", len(errs)), ("duplicates", info.get("duplicates", 0)),
             ("dated articles", dated), ("people", len(persons)),
             ("people in 2+ articles", int((persons.n_articles > 1).sum()) if len(persons) else 0),
             ("organisations", len(t["organization_registry"])),
             ("places", t["places"].name.nunique() if len(t["places"]) else 0)]
    kinds = (errs.assign(kind=errs.code.fillna("").replace("", "(no code)"))
             .groupby("kind").size().rename("n").reset_index() if len(errs) else pd.DataFrame(columns=["kind", "n"]))
    langs = (arts.language.fillna("").replace("", "(unknown)").value_counts().rename_axis("language")
             .rename("n").reset_index() if len(arts) else pd.DataFrame(columns=["language", "n"]))
    return (cards(items) + '<div style="display:flex;gap:24px;flex-wrap:wrap"><div><h3>Errors by kind</h3>'
            + table(kinds, ["kind", "n"], numeric=["n"]) + "</div><div><h3>Languages</h3>"
            + table(langs, ["language", "n"], numeric=["n"]) + "</div></div>")


def build_html(out: str | Path) -> str:
    """The report page of the output folder ``out`` (raises UsageError when it holds no output)."""
    out = Path(out)
    t = _frames(out)
    info = {}
    if (out / RUN_INFO).is_file():
        try:
            info = json.loads((out / RUN_INFO).read_text(encoding="utf-8"))
        except ValueError:
            pass
    arts = t["articles"]
    monthly = topics_monthly(arts, t["topics"])
    places = places_summary(t["places"])
    people = top_people(t["persons"], t["person_roles"])
    timeline = timeline_rows(t["persons"], t["person_roles"])
    orgs = t["organization_registry"].sort_values(["n_articles", "mentions", "name"],
                                                  ascending=[False, False, True]).head(20)
    services = services_summary(t["services"])
    dated = int((arts.published.fillna("").astype(str) != "").sum()) if len(arts) else 0
    parts = [
        f"<h1>egovnews report</h1><p class='muted'>{esc(out.resolve())} · tables written "
        f"{esc(info.get('written', '?'))} · report made {esc(time.strftime('%Y-%m-%d %H:%M'))}</p>",
        "<h2 id='summary'>Run summary</h2>", _summary(t, info),
        "<h2 id='topics'>Topics over time</h2>",
        figure("fig-topics", figures.topics_by_month(monthly),
               f"Articles per month and topic (the 8 most frequent topics); {dated} of {len(arts)} articles "
               f"have a publication date."),
        "<h2 id='places'>Places</h2>",
        figure("fig-places", figures.places_map(places),
               "Places in Germany with coordinates; dot size: mentions in all articles, colour: Land."),
        table(places.head(20), ["name", "kind", "state", "ags", "n_articles", "mentions"],
              ["place", "kind", "Land", "AGS", "articles", "mentions"], numeric=["n_articles", "mentions"]),
        "<h2 id='people'>People</h2>",
        table(people, ["name", "n_articles", "mentions", "first_seen", "last_seen", "roles"],
              ["person", "articles", "mentions", "first seen", "last seen", "roles (place, organisation, when)"],
              numeric=["n_articles", "mentions"]) if len(people) else '<p class="muted">none</p>',
        figure("fig-timeline", figures.role_timeline(timeline),
               "Roles of the most-mentioned people over time (publication dates of the articles naming them)."),
        "<h2 id='organisations'>Organisations</h2>",
        figure("fig-orgs", figures.bar_chart(list(orgs.name), list(orgs.n_articles),
                                             "Organisations in most articles", "articles"),
               "The 20 organisations named in most articles (grouped by canonical name)."),
        table(orgs, ["name", "acronym", "n_articles", "mentions", "first_seen", "last_seen", "variants"],
              ["organisation", "acronym", "articles", "mentions", "first seen", "last seen", "written as"],
              numeric=["n_articles", "mentions"]),
        "<h2 id='services'>OZG services</h2>",
        figure("fig-services", figures.bar_chart(list(services.leistung.head(15)),
                                                 list(services.n_articles.head(15)),
                                                 "OZG services in most articles", "articles"),
               "OZG services (Leistungen of the OZG catalogue) named in most articles."),
        table(services.head(30), ["ozg_id", "leistung", "themenfeld", "n_articles", "mentions"],
              ["OZG id", "Leistung", "Themenfeld", "articles", "mentions"], numeric=["n_articles", "mentions"]),
        "<h2 id='errors'>Errors</h2>",
        table(t["errors"].head(500), ["source_file", "stage", "code", "error"]),
    ]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>egovnews report</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head>"
            f"<body><main>{''.join(parts)}</main></body></html>")


def write_report(out: str | Path, path: str | Path | None = None) -> Path:
    """Write the report of ``out`` to ``path`` (default ``<out>/report.html``); returns the path."""
    out = Path(out)
    target = Path(path) if path else out / REPORT_FILE
    page = build_html(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target
