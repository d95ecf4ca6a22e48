"""The report page: output tables in, one self-contained HTML document out.

``summarise`` turns the tables into the small frames the sections show;
``render`` writes them as HTML with the figures inlined as PNG ``data:``
URIs and the CSS in a ``<style>`` element: the file loads nothing from
anywhere (no scripts, fonts, images or style sheets by address).
"""
from __future__ import annotations

import base64
import html
from collections.abc import Iterable

import pandas as pd

from . import figures

TOP = 20  # rows of the people / organisation / service tables

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;
background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.6em;margin:.6em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:2px solid #dde}
.muted{color:#666;font-size:.9em}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:1.4em}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.88em;margin:6px 0 12px}
th,td{border:1px solid #dde;padding:4px 7px;text-align:left;vertical-align:top}
th{background:#eef0f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure.fig{margin:10px 0;background:#fff;border:1px solid #dde;border-radius:6px;padding:8px}
figure.fig img{max-width:100%;height:auto;display:block;margin:0 auto}
figcaption{font-size:.85em;color:#555;margin-top:4px}
"""


def _month(published: pd.Series) -> pd.Series:
    s = published.fillna("").astype(str)
    return s.where(s.str.match(r"^\d{4}-\d{2}"), "").str[:7]


def topics_monthly(articles: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Articles per month (rows, every month between the first and the last) and topic (columns)."""
    if articles.empty or topics.empty:
        return pd.DataFrame()
    month = pd.Series(_month(articles.published).values, index=articles.doc_id.values)
    t = topics[["doc_id", "topic"]].drop_duplicates().assign(month=lambda d: d.doc_id.map(month))
    t = t[t.month.fillna("") != ""]
    if t.empty:
        return pd.DataFrame()
    table = t.pivot_table(index="month", columns="topic", values="doc_id", aggfunc="nunique", fill_value=0)
    months = pd.period_range(table.index.min(), table.index.max(), freq="M").strftime("%Y-%m")
    return table.reindex(months, fill_value=0)


def places_summary(places: pd.DataFrame) -> pd.DataFrame:
    """One row per place: name, kind, ags, state, lon, lat, mentions, n_articles."""
    if places.empty:
        return pd.DataFrame(columns=["name", "kind", "ags", "state", "lon", "lat", "mentions", "n_articles"])
    p = places.fillna({"ags": "", "state": "", "kind": ""})
    g = p.groupby(["name", "kind", "ags", "state"], as_index=False).agg(
        lon=("lon", "mean"), lat=("lat", "mean"), mentions=("mentions", "sum"), n_articles=("doc_id", "nunique"))
    return g.sort_values(["mentions", "name"], ascending=[False, True], ignore_index=True)


def top_people(persons: pd.DataFrame, roles: pd.DataFrame, n: int = TOP) -> pd.DataFrame:
    """The ``n`` people in most articles (then most mentions), with their roles as one text."""
    if persons.empty:
        return persons
    p = persons.sort_values(["n_articles", "mentions", "name"], ascending=[False, False, True]).head(n)

    def roles_of(pid):
        lines = []
        for r in roles[roles.person_id == pid].itertuples():
            where = ", ".join(x for x in (r.place, r.organization) if x)
            when = _period(r.first_seen, r.last_seen)
            lines.append(f"{r.role or r.role_canonical}{' (' + where + ')' if where else ''}{' ' + when if when else ''}")
        return "; ".join(lines)

    return p.assign(roles=[roles_of(pid) for pid in p.person_id])


def _period(first, last) -> str:
    first = first if isinstance(first, str) and first else ""
    last = last if isinstance(last, str) and last else ""
    if not first:
        return ""
    return first if last in ("", first) else f"{first} – {last}"


def timeline_rows(persons: pd.DataFrame, roles: pd.DataFrame, n: int = 12) -> pd.DataFrame:
    """(person, role) rows of the ``n`` most-mentioned people that have dated roles, labelled."""
    if persons.empty or roles.empty:
        return pd.DataFrame(columns=["label", "first_seen", "last_seen"])
    dated = roles[roles.first_seen.fillna("").astype(str) != ""]
    p = persons[persons.person_id.isin(dated.person_id)]
    p = p.sort_values(["n_articles", "mentions", "name"], ascending=[False, False, True]).head(n)
    name = dict(zip(p.person_id, p.name))
    r = dated[dated.person_id.isin(name)].copy()
    r["label"] = [f"{name[x.person_id]} – {x.role or x.role_canonical}{' (' + x.place + ')' if x.place else ''}"
                  for x in r.itertuples()]
    order = {pid: i for i, pid in enumerate(p.person_id)}
    r["_o"] = r.person_id.map(order)
    return r.sort_values(["_o", "first_seen"]).drop(columns="_o")


def services_summary(services: pd.DataFrame) -> pd.DataFrame:
    if services.empty:
        return pd.DataFrame(columns=["ozg_id", "leistung", "themenfeld", "n_articles", "mentions"])
    g = services.groupby(["ozg_id", "leistung", "themenfeld"], as_index=False).agg(
        n_articles=("doc_id", "nunique"), mentions=("mentions", "sum"))
    return g.sort_values(["n_articles", "mentions", "leistung"], ascending=[False, False, True], ignore_index=True)


# --- HTML ----------------------------------------------------------------------------

def esc(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if hasattr(v, "tolist") and not isinstance(v, str):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        v = "; ".join(str(x) for x in v)
    return html.escape(str(v))


def table(df: pd.DataFrame, cols: Iterable[str], headers: Iterable[str] | None = None,
          numeric: Iterable[str] = ()) -> str:
    cols, numeric = list(cols), set(numeric)
    if df.empty:
        return '<p class="muted">none</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in (headers or cols))
    body = "".join("<tr>" + "".join(f'<td class="n">{esc(r[c])}</td>' if c in numeric else f"<td>{esc(r[c])}</td>"
                                    for c in cols) + "</tr>" for r in df[cols].to_dict("records"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(fig_id: str, png: bytes, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure class="fig" id="{fig_id}"><img alt="{esc(caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def cards(items: list[tuple[str, object]]) -> str:
    return '<div class="cards">' + "".join(f'<div class="card"><b>{esc(v)}</b>{esc(k)}</div>'
                                           for k, v in items) + "</div>"
