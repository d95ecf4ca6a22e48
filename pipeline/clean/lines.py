"""Line features and line kinds of a text dump.

A browser copy of a page gives one block per line; a hand-made dump gives
paragraphs separated by blank lines. Either way the unit of decision is the
non-empty line. ``make_lines`` turns a text into ``Line`` objects with cheap,
general features (length, share of function words, sentence end, patterns of
dates, URLs, credits, buttons, addresses, known phrases) and one ``kind``.
All regular expressions are compiled once at import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .dates import find_dates, weekdays

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENT_END = re.compile(r"[.!?…。！？](?:[\"'“”„»«’‘)\]*]|\s)*$|[.!?…][\"“”»«’]?\s*\(\w{2,6}\)$")
_COLON_END = re.compile(r":\s*$")
URL_ANY = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»()\[\]]+[^\s<>\"“”„«»()\[\].,;:!?'’]")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*[\"“”»]?\s*$")
_BRACKET_DATE = re.compile(r"^\[\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\s*\]")
_POSTCODE_LINE = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}\s+[A-ZÄÖÜ][\w.\-/ ()]{1,40}$")
_STREET_LINE = re.compile(
    r"^[A-ZÄÖÜ][\w.\- ]{1,40}(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|markt|chaussee)"
    r"\s*\d+\s*[a-z]?(?:\s*[-–]\s*\d+)?$")
_PHONE_LINE = re.compile(r"^(?:tel|telefon|fon|fax|telefax|phone|mobil|handy)\.?\s*:?\s*[+\d(][\d ()/+\-–]{5,}$", re.I)
_ISSUE_LINE = re.compile(r"^[\w .&\-]{2,60},?\s+(?:ausgabe|heft|nr\.|no\.)\s*\d{1,3}\s*/\s*\d{2,4}$", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.I)
_SEPARATORS = re.compile(r"\s(?:\||»|›|>|/|•|·|–)\s")
_TIME_ONLY = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?|\d{1,3}\s*°c?|\d+)$", re.I)
_COUNT_LINE = re.compile(r"^(?:\(?\d+\)?\s*)?(?:kommentare?|comments?|likes?|shares?|views?|aufrufe|mal gelesen|"
                         r"bewertungen?|antworten|reaktionen)(?:\s*\(?\d+\)?)?$", re.I)

# Word-count / function-word thresholds of the line kinds. Calibrated on the even
# half of ../shared/bench/textdump (checked on the odd half) and the dev dumps:
# German running text has 25-45 % function words per line, menus and teaser
# headlines 0-20 %.
GOOD_MIN_WORDS = 10
GOOD_MIN_STOP = 0.18
MEDIUM_MIN_WORDS = 5
LONG_UNPUNCTUATED_WORDS = 22     # a line this long is prose even without a full stop
HEADING_MAX_WORDS = 16
NORM_CHARS = 400
CACHED_LINE_CHARS = 80          # lines up to this length are classified once per process (LRU cache)
LONG_LINE_WORDS = 40            # longer lines skip the furniture patterns (they are prose or notices)


@dataclass(slots=True)
class Line:
    i: int                 # position among the non-empty lines
    text: str              # stripped, whitespace collapsed
    words: int
    stop: int              # function words
    alpha: int             # alphabetic words
    sent_end: bool
    norm: str
    para_start: bool       # preceded by a blank line (or first line)
    tight: bool = False    # inside a run of lines without blank lines (menu/list) on a page that uses blank lines
    prefix: str = ""       # a crawl/save stamp cut off the line's start ("date 2024-12 ")
    kind: str = ""         # see classify()
    reason: str = ""       # boilerplate reason when the kind is one of the boilerplate kinds
    score: float = 0.0

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def stop_ratio(self) -> float:
        return self.stop / self.alpha if self.alpha else 0.0


@lru_cache(maxsize=1)
def _sets():
    p = lexicon.patterns()
    credit = sorted(p.get("credit labels", []), key=len, reverse=True)
    credit_re = re.compile(
        r"^\(?\s*(?:" + "|".join(re.escape(c) for c in credit) + r")\s*(?:[:©|]|\bby\b|\bvon\b)\s*(.{1,160}?)\s*\)?\s*$",
        re.I)
    credit_tail_re = re.compile(
        r"\s*[\(\[]\s*(?:" + "|".join(re.escape(c) for c in credit) + r")\s*[:©]\s*([^()\[\]]{1,120}?)\s*[\)\]]\s*\W{0,3}$",
        re.I)
    stock = sorted(p.get("stock agencies", []), key=len, reverse=True)
    stock_re = re.compile(r"(?:" + "|".join(re.escape(x) for x in stock) + r")")   # on casefolded text
    credit_end_re = re.compile(
        r"(?:(?<=[.!?…\"“”»)])\s+|\s+[-–—|]\s*)(?:" + "|".join(re.escape(c) for c in credit) +
        r")\s*:\s*([^:()]{2,80}?)\s*$", re.I)
    kw = sorted(p.get("keyword labels", []), key=len, reverse=True)
    kw_re = re.compile(r"^(?:" + "|".join(re.escape(k) for k in kw) + r")\s*:\s*(.*)$", re.I)
    trunc = sorted(p.get("truncation", []), key=len, reverse=True)
    tw = "|".join(re.escape(t) for t in trunc)
    more_re = re.compile(r"(?:(?:^|\s)(?:" + tw + r")\s*(?:\.\.\.|…|»|›|>|→|\+)+|(?:\.\.\.|…)\s*\[?(?:" + tw +
                         r")\]?\s*(?:\.\.\.|…|»|›|>|→)*)\s*$", re.I)
    company = p.get("company suffixes", [])
    byline = sorted(p.get("byline labels", []), key=len, reverse=True)
    byline_re = re.compile(r"^(?:" + "|".join(re.escape(b) for b in byline) + r")\s*:?\s+(.+)$", re.I)
    return {
        "buttons": frozenset(p.get("buttons", [])),
        "strong": frozenset(p.get("buttons strong", [])),
        "credit_re": credit_re,
        "credit_tail_re": credit_tail_re,
        "kw_re": kw_re,
        "stock_re": stock_re,
        "credit_end_re": credit_end_re,
        "more_re": more_re,
        "company": frozenset(company),
        "byline_re": byline_re,
    }


def credit_re() -> re.Pattern:
    return _sets()["credit_re"]


def credit_tail_re() -> re.Pattern:
    return _sets()["credit_tail_re"]


def credit_end_re() -> re.Pattern:
    return _sets()["credit_end_re"]


def keyword_re() -> re.Pattern:
    return _sets()["kw_re"]


def byline_re() -> re.Pattern:
    return _sets()["byline_re"]


def split_lines(text: str) -> list[tuple[str, bool]]:
    """Non-empty lines of ``text`` (whitespace collapsed) with a flag 'starts a paragraph'."""
    out: list[tuple[str, bool]] = []
    blank = True
    for raw in text.split("\n"):
        s = " ".join(raw.split())         # collapses all Unicode spaces (incl. no-break spaces)
        if not s:
            blank = True
            continue
        out.append((s, blank))
        blank = False
    return out


@lru_cache(maxsize=1)
def crawl_prefix_re() -> re.Pattern:
    from .dates import cues
    cs = sorted(cues("crawl"), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(c) for c in cs) + r")\s*:?\s*"
                      r"(?:\d{4}-\d{1,2}(?:-\d{1,2})?(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})"
                      r"(?:,?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*uhr)?)?(?=\s|$)\s*", re.I)


def make_line(i: int, text: str, para_start: bool) -> Line:
    prefix = ""
    if text[:1].isalpha():
        m = crawl_prefix_re().match(text)
        if m:
            prefix, text = text[:m.end()], text[m.end():]
            if not text:
                ln = Line(i=i, text=prefix.strip(), words=len(prefix.split()), stop=0, alpha=0, sent_end=False,
                          norm=lexicon.norm_line(prefix), para_start=para_start, kind="crawl", reason="crawl date")
                return ln
    if len(text) <= CACHED_LINE_CHARS:
        proto = _short_line(text)
        return Line(i=i, text=text, words=proto.words, stop=proto.stop, alpha=proto.alpha, sent_end=proto.sent_end,
                    norm=proto.norm, para_start=para_start, kind=proto.kind, reason=proto.reason, prefix=prefix)
    return _new_line(i, text, para_start, prefix)


@lru_cache(maxsize=200_000)
def _short_line(text: str) -> Line:
    """Features and kind of a short line; menus and footers repeat on every page of a site."""
    return _new_line(-1, text, False, "")


def _new_line(i: int, text: str, para_start: bool, prefix: str) -> Line:
    ws = _WORD.findall(text.casefold())
    sw = lexicon.stopwords()
    stop = sum(1 for w in ws if w in sw)
    n_words = text.count(" ") + 1
    # phrases are matched on the first NORM_CHARS characters only: furniture lines are short,
    # and a notice phrase sits at the start of a long banner
    norm = lexicon.norm_line(text[:NORM_CHARS])
    ln = Line(i=i, text=text, words=n_words, stop=stop, alpha=len(ws),
              sent_end=bool(_SENT_END.search(text[-16:])), norm=norm, para_start=para_start, prefix=prefix)
    classify(ln)
    return ln


def make_lines(text: str) -> list[Line]:
    return [make_line(i, s, p) for i, (s, p) in enumerate(split_lines(text))]


def is_button_bar(norm: str) -> bool:
    """'Druckversion PDF Link mailen', 'Auf Facebook teilen', or one share link alone ('WhatsApp')."""
    toks = norm.split()
    if not toks:
        return False
    s = _sets()
    buttons, strong = s["buttons"], s["strong"]
    return all(t in buttons for t in toks) and any(t in strong for t in toks)


def is_date_line(ln: Line) -> bool:
    """A line that is (almost) only a date: '26.02.2021', 'Montag, 06.11.2023', '14 Januar 2022, 18:56'."""
    if ln.words > 9:
        return False
    hits = find_dates(ln.text)
    if not hits:
        return False
    rest = ln.text
    for h in reversed(hits):
        rest = rest[:h.start] + " " + rest[h.end:]
    rest_words = [w for w in _WORD.findall(rest.casefold()) if w not in weekdays() and w not in ("uhr", "um", "am", "vom", "h")]
    return len(rest_words) <= 3


def looks_like_name(s: str, given: bool = True) -> bool:
    """'Klaus D. Grote', 'Anna-Lena Muster': 2-4 capitalised tokens (initials allowed, no function
    words) whose first token is a known given name (or an initial) when ``given`` is set."""
    toks = s.split()
    if given and toks:
        first = toks[0].split("-")[0].casefold()
        if first not in lexicon.given_names() and not re.fullmatch(r"[A-ZÄÖÜ]\.", toks[0]):
            return False
    if not 2 <= len(toks) <= 4:
        return False
    sw = lexicon.stopwords()
    caps = 0
    for t in toks:
        if t.casefold() in sw:
            return False
        if re.fullmatch(r"[A-ZÄÖÜ]\.", t):
            continue
        if not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ]+)?", t):
            return False
        caps += 1
    return caps >= 2


_COMPANY_INNER = re.compile(r"\s(?:gmbh|mbh|ag|kg)(?:\s|$)")


def company_line(ln: Line) -> bool:
    if ln.words > 7:
        return False
    toks = ln.norm.split()
    if len(toks) < 2:
        return False
    comp = _sets()["company"]
    return toks[-1] in comp or " ".join(toks[-2:]) in comp or bool(_COMPANY_INNER.search(ln.norm))


def classify(ln: Line) -> None:
    """Set ``kind`` (and ``reason`` for boilerplate kinds) of ``ln`` from the line alone (no context).

    Kinds: good, medium, heading, short (content candidates);
    phrase, marker, buttons, credit, keywords, url, date, teaser, address, copyright,
    navigation (boilerplate candidates; context decides for some of them).
    Order: a known phrase first; a long line is a teaser or content; a shorter one is
    tested against the furniture patterns (``_furniture_kind``), else it is content.
    """
    n = ln.words
    ps = lexicon.phrases()
    reason = ps.match(ln.norm, n)
    if reason:  # a long line holding a notice phrase (cookie banner, subscription plea) is never a marker
        ln.kind = "marker" if n <= LONG_LINE_WORDS and reason in ps.markers else "phrase"
        ln.reason = reason
        return
    if n > LONG_LINE_WORDS:
        if _is_teaser(ln.text):
            ln.kind, ln.reason = "teaser", "teaser list"
        else:
            _content_kind(ln)
        return
    found = _furniture_kind(ln)
    if found is None:
        _content_kind(ln)
    else:
        ln.kind, ln.reason = found


def _is_teaser(t: str) -> bool:
    """Whether the line text ``t`` ends like a teaser ('mehr ...', '[12.03.2024] ... …')."""
    return bool(_sets()["more_re"].search(t[-40:]) or (_BRACKET_DATE.match(t) and _TRUNCATED.search(t[-8:])))


def _furniture_kind(ln: Line) -> tuple[str, str] | None:
    """The (kind, reason) of a line of at most ``LONG_LINE_WORDS`` words that matches a page-furniture
    pattern (buttons, link, credit, keywords, copyright, date, teaser, address, count, navigation),
    tested in this order; None when it matches none (then it is content)."""
    t, n = ln.text, ln.words
    s = _sets()
    if n <= 24 and is_button_bar(ln.norm):
        return "buttons", "share/print buttons"
    if _URL_ONLY.match(t):
        return "url", "link"
    if n <= 30 and s["credit_re"].match(t):
        return "credit", "image credit"
    if n <= 8 and not ln.sent_end and s["stock_re"].search(t.casefold()):
        return "credit", "image credit"
    if n <= 60 and s["kw_re"].match(t):
        return "keywords", "keywords"
    if _COPYRIGHT.match(t):
        return ("credit", "image credit") if n <= 6 else ("copyright", "copyright notice")
    if n <= 9 and is_date_line(ln):
        return "date", "date line"
    if n >= 4 and _is_teaser(t):
        return "teaser", "teaser list"
    if n <= 8 and (_POSTCODE_LINE.match(t) or _STREET_LINE.match(t) or _PHONE_LINE.match(t)):
        return "address", "vendor list"
    if n <= 8 and _ISSUE_LINE.match(t):
        return "phrase", "publisher notice"
    if n <= 6 and company_line(ln):
        return "address", "vendor list"
    if n <= 4 and _EMAIL.fullmatch(t):
        return "address", "contact"
    if _TIME_ONLY.match(t) or _COUNT_LINE.match(ln.norm):
        return "short", ""
    if n >= 3 and len(_SEPARATORS.findall(t)) >= 2 and ln.stop_ratio < 0.15 and not ln.sent_end:
        return "navigation", "navigation"
    return None


def _content_kind(ln: Line) -> None:
    n = ln.words
    sr = ln.stop_ratio
    if n >= GOOD_MIN_WORDS and sr >= GOOD_MIN_STOP and (ln.sent_end or n >= LONG_UNPUNCTUATED_WORDS):
        ln.kind = "good"
    elif n >= MEDIUM_MIN_WORDS and ln.stop >= 1 and ln.sent_end:
        ln.kind = "medium"
    elif n >= GOOD_MIN_WORDS and sr >= GOOD_MIN_STOP:
        ln.kind = "medium"    # long, prose-like, no sentence end: subtitle, list item, cut text
    elif n <= HEADING_MAX_WORDS:
        ln.kind = "heading" if n >= 2 else "short"
    else:
        ln.kind = "medium" if sr >= 0.1 else "heading"


_TRUNC_MIDSENTENCE = re.compile(r"[^.!?\s]\s*(?:\.\.\.|…)\s*[\"“”»]?\s*$")
# Two or more lines cut off mid-sentence with an ellipsis make a generated teaser list
# (a single one may be an author's style). Calibrated on the dev and textdump pages.
MIN_TRUNCATED_TEASERS = 3


def mark_page_patterns(lines: list[Line]) -> None:
    """Page-level kinds: lines cut off mid-sentence ('... die Vielfalt und Kompl ...') are teasers
    when the page has several of them."""
    cut = [ln for ln in lines if ln.kind in ("good", "medium", "heading") and ln.words >= 4
           and _TRUNC_MIDSENTENCE.search(ln.text[-12:])]
    if len(cut) >= MIN_TRUNCATED_TEASERS:
        for ln in cut:
            ln.kind, ln.reason = "teaser", "teaser list"
    mark_teaser_cards(lines)


# Teaser cards: a headline followed by exactly one short paragraph, repeated. Article sections
# under subheadings hold longer or several paragraphs. Calibrated on the textdump bench.
CARD_MAX_CHARS = 260
MIN_CARDS = 3


def mark_teaser_cards(lines: list[Line]) -> None:
    n = len(lines)
    cards: list[int] = []        # indices of the card texts of the current run

    def flush():
        if len(cards) >= MIN_CARDS:
            for k in cards:
                lines[k].kind, lines[k].reason = "teaser", "teaser list"
        cards.clear()

    k = 0
    while k < n - 1:
        ln, nx = lines[k], lines[k + 1]
        after = lines[k + 2] if k + 2 < n else None
        is_card = (ln.kind == "heading" and ln.words >= 3 and not ln.text[:1].isdigit()
                   and nx.kind in ("good", "medium") and nx.chars <= CARD_MAX_CHARS
                   and (after is None or after.kind not in ("good", "medium")))
        if is_card:
            cards.append(k + 1)
            k += 2
            continue
        if ln.kind in ("short",) or (ln.kind == "heading" and nx.kind == "heading"):
            k += 1          # a label between cards ('B2B') or the next card's kicker
            continue
        flush()
        k += 1
    flush()
