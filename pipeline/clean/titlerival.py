"""Page-relative choice of the headline among the title pointer's candidates.

``headfields`` asks the learned title pointer for its pick; this module compares that pick with the
other lines the pointer rates, using what the page itself prints: a headline tends to be quoted once
more (browser title, breadcrumb, a teaser, the body), a truncated teaser ('...') gives way to the
full line it begins.
"""
from __future__ import annotations

import re

from .labeller import LABELS

# Page-relative choice between the title pointer's picks: a rival line with at least
# TITLE_RIVAL_SHARE of the page whose text the page prints again elsewhere (browser title,
# breadcrumb, 'Produktinformationen "…"', a teaser above), or the full line a truncated pick
# ('Instagram arbeitet an neuer...') begins, is taken instead of a pick the page prints once.
# Chosen by grouped CV (scripts/train_line_labeller.py --reuse-folds on the 5 fold models): dump title
# .664 (off) / .681 (share 0.05) / .689 (0.1) / .681 (0.2); TITLE_REPEAT_MAX 1 -> .689, 2 -> .681 (a
# slogan printed in header and footer wins); corpus title/kicker/text and dump snippet F1 unchanged.
# Tried and dropped: adding the share of the line's stems the body's first lines use (.672 at 0.2,
# .655 at 0.5: subtitles summarise the body better than headlines do).
TITLE_RIVAL_SHARE = 0.1
TITLE_REPEAT_MIN_WORDS = 3      # shorter lines repeat by chance (section names, 'Mehr')
TITLE_REPEAT_MAX = 1
# A neighbour of the pick (a kicker-like line above it, a subtitle below) with at least TITLE_ADJ_SHARE
# of the pointer's page share wins when the first passes give it the higher title probability: the
# pointer weighs position, the line model the line itself. Grouped CV (--reuse-folds), on top of the
# repeat rule: dump title .689 (off) -> .697 (share 0.05 / 0.15 / 0.25 / 0.35 alike; gap 2 alike);
# corpus title .881 -> .896 (0.05-0.25) / .881 (0.35); kicker, text, snippet F1 unchanged.
TITLE_ADJ_TRY = True
TITLE_ADJ_SHARE = 0.15
TITLE_ADJ_GAP = 1
_SITE_KINDS = ("copyright", "credit")
_TRUNC = re.compile(r"(?:\.\.\.|…)\s*$")


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _repeated(pg, j: int, other: int = -1) -> bool:
    """Whether the page prints line ``j``'s text (3+ words) again inside 1..TITLE_REPEAT_MAX lines
    besides ``other`` (a slogan in the page's header and footer repeats more often; a '©' or
    credit line repeating it names the site, not the article)."""
    t = _norm(pg.lines[j].text)
    if len(t.split()) < TITLE_REPEAT_MIN_WORDS:
        return False
    n = sum(1 for i, ln in enumerate(pg.lines) if i not in (j, other) and t in _norm(ln.text)
            and ln.kind not in _SITE_KINDS)
    return 1 <= n <= TITLE_REPEAT_MAX


def rival_title(pg, j: int, ok) -> int:
    """``j`` (the title pointer's pick on the working page ``pg`` of ``textdump``) or a rival line
    above the body (passing ``ok``) that the page's own text supports better; gives a line index."""
    share = pg.pointers["title"]
    rivals = [k for k in range(min(len(pg.lines), pg.first_body))
              if k != j and share[k] >= TITLE_RIVAL_SHARE and ok(pg.lines[k])]
    if not rivals or TITLE_RIVAL_SHARE > 1:
        return j
    head = _norm(_TRUNC.sub("", pg.lines[j].text))
    if _TRUNC.search(pg.lines[j].text) and head:
        for k in rivals:
            if _norm(pg.lines[k].text).startswith(head) and not _TRUNC.search(pg.lines[k].text):
                return k
    if _repeated(pg, j):
        return j
    mine = _norm(pg.lines[j].text)
    rivals = [k for k in rivals if not _TRUNC.search(pg.lines[k].text)        # a cut teaser, or the
              and _norm(pg.lines[k].text) not in mine and mine not in _norm(pg.lines[k].text)]  # same headline
    if TITLE_ADJ_TRY and pg.probs is not None:
        c = LABELS.index("title")
        adj = [k for k in rivals if abs(k - j) <= TITLE_ADJ_GAP and share[k] >= TITLE_ADJ_SHARE]
        if adj and pg.probs[adj[0], c] > pg.probs[j, c]:
            return adj[0]
    rep = [k for k in rivals if _repeated(pg, k, other=j)]
    return max(rep, key=lambda k: share[k]) if rep else j
