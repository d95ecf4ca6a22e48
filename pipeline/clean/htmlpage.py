"""HTML pages: trafilatura for the main text and metadata, then our line classifier.

trafilatura (the best general extractor on German news pages) finds the main
content and the metadata (title, date, author, URL, site name). What it lets
through -- teaser lists after the article, share bars, image credits,
"read more" headings -- is then removed line by line with the same features the
text-dump path uses. When trafilatura finds nothing, the page is rendered to
text and handled as a text dump.
"""
from __future__ import annotations

import re

from . import header as H
from .dates import parse_iso
from .lines import URL_ANY, Line, make_lines, mark_page_patterns
from .textdump import Extraction, extract as extract_text

# Below this many characters of main text trafilatura has most likely missed the
# article (or the page has none); the rendered page then goes through the text-dump
# path, which is kept if it finds more. Calibrated on ../shared/bench/html.
MIN_TRAFILATURA_CHARS = 200
# A teaser/related heading in the last part of trafilatura's output ends the article
# when no more than this share of the text follows it.
TAIL_SHARE = 0.5
# Paragraphs the text-dump path finds beyond trafilatura's are added when they are full
# sentences of at least this many characters: on ../shared/bench/html the snippet F1 is
# 0.943-0.944 for any value from 80 to 200 (trafilatura's paragraphs alone: 0.931).
MERGE_MIN_CHARS = 120

_BLOCK_TAGS = re.compile(r"(?i)<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|"
                         r"blockquote|nav|aside|figure|figcaption|dd|dt|dl|pre|main|form)\b[^>]*>")
_DROP = re.compile(r"(?is)<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->")
_TAGS = re.compile(r"(?s)<[^>]+>")


def render_text(html: str) -> str:
    """A browser-like plain text rendering: one block per line, blank lines between blocks."""
    import html as htmlmod
    s = _DROP.sub(" ", html)
    s = _BLOCK_TAGS.sub("\n\n", s)
    s = _TAGS.sub(" ", s)
    s = htmlmod.unescape(s)
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", s)


def _trafilatura(html: str, url: str):
    try:
        from trafilatura import bare_extraction
    except ImportError as e:  # a broken install: say so instead of reading the page as a text dump
        from ..errors import MissingDependency
        raise MissingDependency(f"HTML pages need trafilatura, which cannot be imported ({e}); "
                                "reinstall with: pip install -e . (it brings lxml_html_clean)",
                                stage="clean") from None
    try:
        return bare_extraction(html, url=url or None, include_comments=False, include_tables=True,
                               with_metadata=True)
    except Exception:
        return None


def _field(res, name: str) -> str:
    v = getattr(res, name, None) if res is not None else None
    if v is None and isinstance(res, dict):
        v = res.get(name)
    return str(v).strip() if v else ""


def filter_lines(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str, str]]]:
    """Drop furniture that trafilatura kept: buttons, credits, teaser lines, notices, and a
    teaser/comment block at the end."""
    removed: list[tuple[int, str, str]] = []
    n = len(lines)
    total = sum(ln.chars for ln in lines) or 1
    cut = n
    seen = 0
    for k, ln in enumerate(lines):
        if ln.kind == "marker" and seen >= (1 - TAIL_SHARE) * total:
            cut = k
            break
        seen += ln.chars
    kept: list[Line] = []
    for k, ln in enumerate(lines):
        if k >= cut:
            removed.append((ln.i, ln.text, ln.reason if ln.kind == "marker" else lines[cut].reason))
            continue
        if ln.kind in ("phrase", "buttons", "teaser", "copyright", "crawl", "navigation", "marker", "credit",
                       "url", "keywords", "date"):
            removed.append((ln.i, ln.text, ln.reason or ln.kind))
            continue
        kept.append(ln)
    return kept, removed


_PROSE_END = re.compile(r"[.!?…][\"'“”»«’)]*$")


def merge_paragraphs(main: list[str], extra: list[str], rendered: str) -> list[str]:
    """trafilatura's paragraphs plus the long prose paragraphs that only the text-dump path found,
    in page order. trafilatura drops whole paragraphs now and then (a block in an unusual
    container); the line classifier finds them, but adds more furniture, so only its full
    sentences of at least MERGE_MIN_CHARS are taken over."""
    norm = H.lexicon.norm_line
    have = {norm(p) for p in main}
    add = [p for p in extra if len(p) >= MERGE_MIN_CHARS and _PROSE_END.search(p) and norm(p) not in have]
    if not add:
        return main
    order: dict[str, int] = {}
    for i, raw in enumerate(rendered.split("\n")):
        k = norm(raw)
        if k and k not in order:
            order[k] = i
    out: list[tuple[float, int, str]] = []
    last = -1.0
    for n, p in enumerate(main):
        pos = order.get(norm(p))
        last = float(pos) if pos is not None and pos > last else last + 0.001
        out.append((last, n, p))
    for n, p in enumerate(add):
        pos = order.get(norm(p))
        out.append((float(pos) if pos is not None else float("inf"), len(main) + n, p))
    out.sort()
    return [p for _, _, p in out]


# Lines above a repeated headline that may be dropped with it: a kicker or a rubric is short and is no
# sentence. 3 lines / 60 characters: set by hand from the page shapes of bench/html (kicker, rubric,
# date at most above the <h1>); a longer or sentence-like line there stays text.
HEADLINE_WINDOW = 3
KICKER_MAX_CHARS = 60


def is_kicker_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= KICKER_MAX_CHARS and not t.endswith((".", "!", "?"))


def extract(html: str, meta: dict, template_counts=None) -> tuple[Extraction, dict]:
    """(Extraction, metadata) of an HTML page."""
    url = str(meta.get("url") or "")
    res = _trafilatura(html, url)
    md = {
        "title": _field(res, "title"), "author": _field(res, "author"), "date": parse_iso(_field(res, "date")),
        "url": _field(res, "url") or url, "publisher": _field(res, "sitename"),
        "description": _field(res, "description"),
        "keywords": [t for t in (_field(res, "tags") or "").split(",") if t.strip()] if res is not None else [],
    }
    text = _field(res, "text")
    ex = Extraction()
    if len(text) >= MIN_TRAFILATURA_CHARS:
        lines = make_lines(text)
        mark_page_patterns(lines)
        if md["title"]:
            # the headline repeated at the top of the main text, possibly under a kicker line
            want = H.lexicon.norm_line(md["title"])
            at = next((k for k, ln in enumerate(lines[:HEADLINE_WINDOW]) if H.lexicon.norm_line(ln.text) == want), None)
            if at is not None and all(is_kicker_like(ln.text) for ln in lines[:at]):
                if at:
                    ex.kicker = lines[at - 1].text.strip().rstrip(":")
                    ex.removed += [(k, lines[k].text, "kicker" if k == at - 1 else "page header") for k in range(at)]
                ex.removed.append((at, lines[at].text, "headline"))
                lines = lines[at + 1:]
        kept, removed = filter_lines(lines)
        ex.removed += removed
        for ln in kept:
            if ln.kind == "credit" and not ex.image_credit:
                ex.image_credit = H.credit_value(ln.text)
        for ln in lines:
            if ln.kind == "credit" and not ex.image_credit:
                ex.image_credit = H.credit_value(ln.text)
            elif ln.kind == "keywords" and not ex.keywords:
                ex.keywords = H.keyword_values(ln.text)
            elif ln.kind == "url":
                ex.links.append(ln.text)
        paras = []
        for ln in kept:
            t, credit = H.strip_credit(ln.text)
            if credit and t:
                ex.removed.append((ln.i, ln.text[len(t):].strip(), "image credit"))
                ex.image_credit = ex.image_credit or credit
            paras.append(t if t else ln.text)
        ex.paragraphs = paras
    rendered = render_text(html)
    alt = extract_text(rendered, template_counts)
    if sum(len(p) for p in ex.paragraphs) < MIN_TRAFILATURA_CHARS:
        if sum(len(p) for p in alt.paragraphs) > sum(len(p) for p in ex.paragraphs):
            ex = alt
    else:
        ex.paragraphs = merge_paragraphs(ex.paragraphs, alt.paragraphs, rendered)
    for p in ex.paragraphs:
        for m in URL_ANY.finditer(p):
            if m.group(0) not in ex.links:
                ex.links.append(m.group(0))
    return ex, md
