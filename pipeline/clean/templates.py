"""Corpus-level templates: lines repeated across many pages of the same site.

``build_templates(documents)`` makes one streaming pass over a run's documents
before processing. Documents are grouped by site (the URL host when the
container gives one, else the folder plus the file-name stem before the first
digit/separator, e.g. ``dumps/kommune21-031.txt`` -> ``dumps/kommune21``). In
each site, every distinct line is counted once per document; a line seen in
at least ``MIN_PAGES`` pages and in at least ``MIN_SHARE`` of the site's pages
is template (menus, footers, publisher notices), not article.

Exact duplicate pages and syndicated copies would make an article look like a
template; pages whose longest lines coincide are therefore counted once.
The index stores 8-byte hashes only, so it stays small and cheap to send to
worker processes.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..model import Document

# A line is template when at least MIN_PAGES pages of a site (and MIN_SHARE of them)
# repeat it. Three pages rule out coincidences such as a shared quote; the share keeps
# a large site's occasional repeated sentence (a standard closing line used in a tenth of
# the articles) from being taken for furniture. Calibrated on the Kommune21 dev dumps,
# whose teaser/publisher tail repeats on every page of the site.
MIN_PAGES = 3
MIN_SHARE = 0.3
MAX_LINE_CHARS = 2000        # longer lines are article paragraphs, never template
FINGERPRINT_LINES = 3        # the longest lines of a page identify syndicated copies
# Memory bound of the streaming pass: when a site's counter holds more distinct lines
# than this, lines seen on one page only are dropped (lossy counting; a template line
# repeats on most pages and survives). 500k entries are ~60 MB.
MAX_TRACKED_LINES = 500_000

_WS = re.compile(r"\s+")
_STEM = re.compile(r"^([^\W\d_]+(?:[.][^\W\d_]+)*)", re.UNICODE)


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def line_key(line: str) -> str:
    return _WS.sub(" ", line).strip().casefold()


def site_key(doc_or_source: Document | str, meta: dict | None = None) -> str:
    """The site a document belongs to: URL host, else folder + file-name stem."""
    if isinstance(doc_or_source, Document):
        source, meta = doc_or_source.source_file, doc_or_source.meta
    else:
        source = doc_or_source
    url = str((meta or {}).get("url") or "")
    if url:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        if host:
            return "host:" + (host[4:] if host.startswith("www.") else host)
    path = source.split("#", 1)[0]
    folder, _, name = path.rpartition("/")
    m = _STEM.match(name)
    stem = m.group(1).casefold() if m else ""
    return f"file:{folder}/{stem}"


def _page_lines(doc: Document) -> set[str]:
    text = doc.text
    if doc.fmt == "html":
        return set()
    out = set()
    for raw in text.split("\n"):
        k = line_key(raw)
        if k and len(k) <= MAX_LINE_CHARS:
            out.add(k)
    return out


class TemplateIndex:
    """Hashes of template lines per site, with the number of pages repeating each."""

    def __init__(self):
        self.n_docs = 0
        self.sites: dict[str, dict[int, int]] = {}
        self.site_docs: dict[str, int] = {}

    def is_template(self, line: str, source_file: str = "", meta: dict | None = None) -> int:
        """How many pages of the same site repeat this line (0 = not template)."""
        site = self.sites.get(site_key(source_file, meta))
        if not site:
            return 0
        return site.get(_h(line_key(line)), 0)

    def counter_for(self, source_file: str, meta: dict | None = None):
        """A function line -> page count for one document (None when its site has no templates)."""
        site = self.sites.get(site_key(source_file, meta))
        if not site:
            return None
        return lambda line: site.get(_h(line_key(line)), 0)


def build_templates(documents: Iterable[Document]) -> TemplateIndex | None:
    counts: dict[str, Counter] = defaultdict(Counter)
    pages: Counter = Counter()
    seen_prints: dict[str, set[int]] = defaultdict(set)
    idx = TemplateIndex()
    for doc in documents:
        idx.n_docs += 1
        lines = _page_lines(doc)
        if not lines:
            continue
        site = site_key(doc)
        fp = _h("\n".join(sorted(sorted(lines, key=len, reverse=True)[:FINGERPRINT_LINES])))
        if fp in seen_prints[site]:
            continue
        seen_prints[site].add(fp)
        pages[site] += 1
        c = counts[site]
        c.update(_h(k) for k in lines)
        if len(c) > MAX_TRACKED_LINES:
            counts[site] = Counter({h: k for h, k in c.items() if k > 1})
    for site, c in counts.items():
        n = pages[site]
        need = max(MIN_PAGES, MIN_SHARE * n)
        if n < MIN_PAGES:
            continue
        rep = {h: k for h, k in c.items() if k >= need}
        if rep:
            idx.sites[site] = rep
            idx.site_docs[site] = n
    return idx if idx.sites else None
