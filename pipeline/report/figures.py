"""The report's figures: pandas frames in, PNG bytes out (matplotlib, Agg backend, no display).

Every function returns a drawn figure, also when there is nothing to show
(then the figure says so in words), so the page never has an empty hole.
"""
from __future__ import annotations

import io
import math

import pandas as pd

# Germany's bounding box (lon, lat) with a margin; places outside it (other countries) are not drawn.
DE_LON, DE_LAT = (5.5, 15.5), (47.1, 55.2)
DPI = 100


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    _plt().close(fig)
    return buf.getvalue()


def _empty(fig, ax, message: str) -> bytes:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_color("#bbb")
    return _png(fig)


def topics_by_month(monthly: pd.DataFrame, top: int = 8) -> bytes:
    """Stacked bars: articles per month (index 'YYYY-MM') and topic (columns), the ``top`` topics."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 4.2))
    if monthly.empty:
        return _empty(fig, ax, "no article with a publication date and a topic")
    keep = monthly.sum().sort_values(ascending=False).index[:top]
    data = monthly[keep]
    bottom = pd.Series(0.0, index=data.index)
    cmap = plt.get_cmap("tab10")
    for i, col in enumerate(data.columns):
        ax.bar(range(len(data)), data[col], bottom=bottom, color=cmap(i % 10), label=col, width=0.8)
        bottom += data[col]
    step = max(1, math.ceil(len(data) / 24))
    ax.set_xticks(range(0, len(data), step))
    ax.set_xticklabels(list(data.index)[::step], rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("articles")
    ax.set_title("Topics by month of publication")
    ax.legend(fontsize=8, ncol=2, loc="upper left", frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return _png(fig)


def places_map(places: pd.DataFrame) -> bytes:
    """Places (columns name, state, lon, lat, mentions) as dots sized by mentions and coloured by Land."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(8, 9))
    p = places.dropna(subset=["lon", "lat"])
    p = p[p.lon.between(*DE_LON) & p.lat.between(*DE_LAT) & (p.state.fillna("") != "")]  # German places
    if p.empty:
        return _empty(fig, ax, "no place in Germany with coordinates")
    cmap = plt.get_cmap("tab20")
    palette = [cmap(i) for i in range(20) if i not in (14, 15)]  # tab20 without its two greys: 18 colours
    for i, (s, grp) in enumerate(p.groupby("state")):
        ax.scatter(grp.lon, grp.lat, s=20 + 25 * grp.mentions.clip(upper=40), alpha=0.7,
                   color=palette[i % len(palette)], edgecolors="white", linewidths=0.5, label=s)
    for r in p.nlargest(15, "mentions").itertuples():
        ax.annotate(r.name, (r.lon, r.lat), fontsize=7, xytext=(4, 4), textcoords="offset points")
    ax.set_xlim(*DE_LON)
    ax.set_ylim(*DE_LAT)
    ax.set_aspect(1 / math.cos(math.radians(51)))  # degrees of longitude are shorter at German latitudes
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.grid(alpha=0.3)
    ax.set_title("Places mentioned (dot size: mentions, colour: Land)")
    legend = ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    for h in getattr(legend, "legend_handles", None) or legend.legendHandles:
        h.set_sizes([30])
    return _png(fig)


def role_timeline(roles: pd.DataFrame) -> bytes:
    """One line per (person, role) from first_seen to last_seen; columns label, first_seen, last_seen."""
    plt = _plt()
    r = roles.dropna(subset=["first_seen"])
    r = r[r.first_seen.astype(str) != ""]
    fig, ax = plt.subplots(figsize=(10, max(2.5, 0.32 * len(r) + 1.2)))
    if r.empty:
        return _empty(fig, ax, "no role of these people in a dated article")
    start = pd.to_datetime(r.first_seen, errors="coerce")
    end = pd.to_datetime(r.last_seen.fillna(r.first_seen), errors="coerce")
    y = list(range(len(r)))[::-1]
    ax.hlines(y, start, end, color="#1f77b4", linewidth=6, alpha=0.8)
    ax.scatter(start, y, color="#1f77b4", s=30, zorder=3)
    ax.scatter(end, y, color="#1f77b4", s=30, zorder=3)
    ax.set_yticks(y)
    ax.set_yticklabels(list(r.label), fontsize=8)
    ax.set_xlabel("publication date of the articles")
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Roles over time (first and last article naming the role)")
    return _png(fig)


def bar_chart(labels: list[str], values: list[float], title: str, xlabel: str) -> bytes:
    """Horizontal bars, the first label on top."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, max(2.5, 0.3 * len(labels) + 1.2)))
    if not labels:
        return _empty(fig, ax, f"{title}: none found")
    y = list(range(len(labels)))[::-1]
    ax.barh(y, values, color="#2ca02c", alpha=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([lb if len(lb) <= 60 else lb[:57] + "..." for lb in labels], fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)
