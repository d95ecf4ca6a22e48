"""Header fields from the page's own structure: kicker, title, date, author, credits.

Everything here works on single lines or on the few lines around the start of
the article body; no rule knows a particular site.
"""
from __future__ import annotations

import re

from . import lexicon
from .dates import DateHit, cues, find_dates, weekdays
from .lines import Line, byline_re, credit_end_re, credit_re, credit_tail_re, keyword_re, looks_like_name

# --- kicker glued to the title ------------------------------------------------
# 'KommentarWimmelbild als Symbol' / 'MeßstettenTablet statt Tinte': a lower-case letter
# directly followed by a capitalised word of >= 2 lower-case letters.
_GLUE_LOWER = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß]{2,})")
# 'Serie OZGIm Verbund vernetzt': an acronym directly followed by a capitalised word.
_GLUE_ACRONYM = re.compile(r"(?<=[A-ZÄÖÜ]{2})(?=[A-ZÄÖÜ][a-zäöüß]+\b)(?![A-ZÄÖÜ]s\b)")   # not the plural 'LEDs'

# 'Kiel:Staatskanzleichef neuer ...': a colon without the space after it.
_GLUE_COLON = re.compile(r"^([^\s:]{2,40}):(?=[A-ZÄÖÜ„\"])")
# 'Digitaler Optimist : Dieter Rehfeld ...': a spaced colon (two page elements joined by the copy).
_SPACED_COLON = re.compile(r"^(\S+(?: \S+){0,3}) : (?=\S)")
# 'InterviewIT im Verbund': a lower-case letter directly followed by an acronym and a space.
_GLUE_LOWER_ACRONYM = re.compile(r"^(\S*[a-zäöüß]{3})(?=[A-ZÄÖÜ]{2,}\s)")
MAX_KICKER_WORDS = 4            # kickers are one to a few words ('Serie OZG', 'Digitalisierung')
# words the headline part of a glued kicker line keeps at least ('HE:Kassel/Stammtisch', 'Der WindRebell'
# are one headline); grouped CV (train_line_labeller.py --reuse-folds): dump title .546 -> .555
GLUE_MIN_RIGHT = 2


def split_glued_kicker(title: str) -> tuple[str, str]:
    """('Kommentar', 'Wimmelbild als Symbol') for a glued line, ('', title) otherwise."""
    m = _GLUE_COLON.match(title) or _SPACED_COLON.match(title)
    if m:
        return m.group(1), title[m.end():].strip()
    m = _GLUE_LOWER_ACRONYM.match(title)
    if m and m.group(1).casefold() not in lexicon.camelcase_words() and m.group(1)[:1].isupper():
        return m.group(1), title[m.end():].strip()
    words = title.split()
    if len(words) < 2:
        return "", title
    camel = lexicon.camelcase_words()
    for wi, w in enumerate(words[:MAX_KICKER_WORDS]):
        core = w.strip("\"„“”'()[]")
        if core.casefold() in camel:
            continue
        for rx in (_GLUE_LOWER, _GLUE_ACRONYM):
            m = rx.search(core)
            min_left = 3 if rx is _GLUE_LOWER else 2
            if m and m.start() >= min_left:
                left = " ".join(words[:wi] + [core[:m.start()]])
                right = " ".join([core[m.start():]] + words[wi + 1:])
                if len(right.split()) >= GLUE_MIN_RIGHT and len(left.split()) <= MAX_KICKER_WORDS:
                    return left, right
    return "", title


# --- datelines and initials ---------------------------------------------------
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.'’\-]*(?:[ /][\w.'’\-]+){0,3}?)\s*\((?P<src>[^()]{2,30})\)\s*(?P<sep>[-–—:]\s*)?(?=\S)")
_INITIALS_END = re.compile(r"\s*\((?P<src>[a-zäöü]{2,5}(?:\s*/\s*[a-zäöü]{2,5})*|[A-Za-zäöü]{2,6}/[A-Za-zäöü]{2,6})\)\s*$")
_NAME_END = re.compile(r"\s*\((?P<src>[A-ZÄÖÜ][^()]{3,40})\)\s*\+*\s*$")
_DATE_PREFIX = re.compile(r"^\[?\s*(?P<d>\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})\s*\]?\s*(?:[-–—|:]\s*)?(?=\S)")
_INLINE_COPYRIGHT = re.compile(r"(?:\s[-–—]\s|\s)©\s?(?P<c>[^©]{2,80})$")


def _agency_parts(src: str) -> bool:
    ag = lexicon.agencies()
    parts = [p.strip().casefold() for p in re.split(r"[/,]", src) if p.strip()]
    if not parts or parts[0] not in ag:
        return False
    return all(p in ag or re.fullmatch(r"[a-zäöü]{2,4}", p) for p in parts[1:])


def split_dateline(text: str) -> tuple[str, str, str]:
    """('Kiel (dpa) - ', 'dpa', rest) when the paragraph opens with a dateline, else ('', '', text).

    The second value is an author credit only for news agencies (and lower-case initials)."""
    m = _DATELINE.match(text)
    if not m:
        return "", "", text
    place, src, sep = m.group("place"), m.group("src").strip(), m.group("sep")
    rest = text[m.end():]
    sw = lexicon.german_stopwords()
    ptoks = place.split()
    if len(ptoks) > 4 or ptoks[0].casefold() in sw:
        return "", "", text
    agency = _agency_parts(src)
    initials = bool(re.fullmatch(r"[a-zäöü]{2,4}", src))
    upper_abbr = bool(re.fullmatch(r"[A-ZÄÖÜ]{2,6}", src))
    starts_sentence = bool(re.match(r"[A-ZÄÖÜ0-9„\"«»]", rest))
    if not starts_sentence:
        return "", "", text
    if not (agency or initials or (sep and len(src) <= 12) or (upper_abbr and len(ptoks) <= 2)):
        return "", "", text
    who = src if (agency or initials) else ""
    return text[:m.end()], who, rest


_OPENING_CREDIT = re.compile(r"^\((?P<src>[^()\n]{2,45})\)\s*(?:[-–—:]\s*)?(?=[A-ZÄÖÜ0-9„\"«»])")


def split_opening_credit(text: str) -> tuple[str, str]:
    """('(BS/Anna Muster) ', 'Anna Muster') when the paragraph opens with an author credit in
    brackets: an agency ('(dpa) '), lower-case initials ('(sib) '), a name, or an outlet's
    short code with a name ('(BS/Anna Muster) '); else ('', '')."""
    m = _OPENING_CREDIT.match(text)
    if not m:
        return "", ""
    src = m.group("src").strip()
    if _agency_parts(src) or re.fullmatch(r"[a-zäöü]{2,4}(?:/[a-zäöü]{2,4})*", src):
        return text[:m.end()], src
    code, _, name = src.rpartition("/")
    name = name.strip()
    if (not code or re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5}", code.strip())) and looks_like_name(name):
        return text[:m.end()], name
    return "", ""


def split_end_initials(text: str) -> tuple[str, str]:
    """(text without '(sib)', 'sib') for a paragraph ending in author initials or an agency."""
    m = _INITIALS_END.search(text)
    if m and (m.start() == 0 or text[m.start() - 1] in ".!?\"“”»«' )" or text[:m.start()].rstrip()[-1:] in ".!?\"“”»«'"):
        return text[:m.start()].rstrip(), m.group("src").replace(" ", "")
    m = _NAME_END.search(text)
    if m and looks_like_name(m.group("src").strip()) and text[:m.start()].rstrip()[-1:] in ".!?\"“”»«'":
        return text[:m.start()].rstrip(), m.group("src").strip()
    return text, ""


def split_date_prefix(text: str) -> tuple[str, str, str]:
    """('[29.9.2020] ', '2020-09-29', rest) for a paragraph opening with a date, else ('', '', text)."""
    if not text[:1] in "[0123456789":
        return "", "", text
    m = _DATE_PREFIX.match(text)
    if not m:
        return "", "", text
    hits = find_dates(m.group("d"))
    if not hits:
        return "", "", text
    rest = text[m.end():]
    bracket = text.startswith("[")
    if not bracket and not re.search(r"[-–—|:]\s*$", text[:m.end()]):
        return "", "", text  # '12.03.2021 wurde ...' is a sentence, not a date prefix
    return text[:m.end()], hits[0].iso, rest


_PLACE_COMMA = re.compile(r"^([A-ZÄÖÜ][^,()\n.!?]{1,40}),\s+(?:(?:den|am)\s+)?(?=\d)")
_AFTER_DATE = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}\s*(?:uhr)?\s*)?[.:\-–—|]\s+(?=[A-ZÄÖÜ„\"«»0-9])", re.I)


def split_place_date(text: str) -> tuple[str, str, str]:
    """('Winsen, 12.09.2023. ', '2023-09-12', rest) for a press-release opening, else ('', '', text)."""
    m = _PLACE_COMMA.match(text)
    if not m or len(m.group(1).split()) > 4:
        return "", "", text
    head = text[m.end():m.end() + 30]
    hits = find_dates(head)
    if not hits or hits[0].start != 0:
        return "", "", text
    m2 = _AFTER_DATE.match(head[hits[0].end:] + text[m.end() + 30:m.end() + 40])
    if not m2:
        return "", "", text
    cut = m.end() + hits[0].end + m2.end()
    return text[:cut], hits[0].iso, text[cut:]


def strip_credit(text: str) -> tuple[str, str]:
    """(text without a trailing '(Foto: X)' / '© X', 'X')."""
    m = credit_tail_re().search(text)
    if m:
        return text[:m.start()].rstrip(), m.group(1).strip()
    m = credit_end_re().search(text)
    if m and m.start() > 0:
        return text[:m.start()].rstrip(" -–—"), m.group(1).strip()
    m = _INLINE_COPYRIGHT.search(text)
    if m and len(text) - m.start() < 90:
        return text[:m.start()].rstrip(" -–—"), m.group("c").strip()
    return text, ""


def credit_value(text: str) -> str:
    m = credit_re().match(text)
    if m:
        return m.group(1).strip().rstrip(")").strip()
    t = text.strip()
    if t.startswith("©"):
        return t[1:].strip()
    if t.lower().startswith("(c)"):
        return t[3:].strip()
    if t.lower().startswith("copyright"):
        return t[9:].strip(" :")
    return ""


def keyword_values(text: str, next_text: str = "") -> list[str]:
    m = keyword_re().match(text)
    if not m:
        return []
    rest = m.group(1).strip() or next_text.strip()
    if not rest:
        return []
    parts = re.split(r"\s*[,;|•·]\s*", rest) if re.search(r"[,;|•·]", rest) else (
        rest.split() if len(rest.split()) <= 8 else [rest])
    return [p.strip(" .") for p in parts if p.strip(" .")]


# --- dates ---------------------------------------------------------------------
def _cue_before(text: str, start: int, kind: str) -> bool:
    head = text[:start].casefold().strip(" :,-|")
    return any(head.endswith(c) for c in cues(kind))


def date_candidates(ln: Line, where: str) -> list[tuple[float, DateHit, str]]:
    """Scored publication-date candidates of one header line. ``where``: 'before' | 'after' | 'lead'."""
    out = []
    t = ln.text
    for h in find_dates(t):
        score = 0.0
        if _cue_before(t, h.start, "crawl") or ln.kind == "crawl":
            continue
        if _cue_before(t, h.start, "published"):
            score += 2
        if t[max(0, h.start - 1):h.start] == "[":
            score += 3
        if where == "after":
            score += 2
        elif where == "lead":
            score += 3
        first = t[:h.start].casefold().strip(" ,")
        if where == "before" and first.split(" ")[0:1] and first.split(" ")[0] in weekdays():
            score -= 2   # 'Mittwoch, 30. April 2025' above the headline: the page's today
        out.append((score, h, t))
    return out


def author_from_line(ln: Line) -> str:
    """'Von Anna Muster' / 'Anna Muster' / 'Christian Kahle , 03.11.2023 15:32 Uhr' -> the name."""
    t = ln.text.strip()
    m = byline_re().match(t)
    if m:
        rest = re.split(r"\s*[,|•·]\s*|\s+[-–—]\s+|\s+und\s+", m.group(1).strip())[0]
        rest = _strip_dates(rest)
        if looks_like_name(rest) or (rest and rest.split()[0] in lexicon.agencies()):
            return rest
        return ""
    plain = _strip_dates(t)
    m = byline_re().match(plain)
    if m and plain != t:     # '12. Januar 2024 von Kai Muster'
        rest = re.split(r"\s*[,|•·]\s*|\s+[-–—]\s+|\s+und\s+", m.group(1).strip())[0]
        return rest if looks_like_name(rest) else ""
    plain = re.split(r"\s*[,|•·]\s*|\s+[-–—]\s+", plain)[0].strip()
    if looks_like_name(plain):
        return plain
    return ""


def _strip_dates(t: str) -> str:
    hits = find_dates(t)
    for h in reversed(hits):
        t = t[:h.start] + " " + t[h.end:]
    t = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:uhr|h)?\b", " ", t, flags=re.I)
    return re.sub(r"\s+", " ", t).strip(" ,|-–—")


def is_byline(ln: Line) -> bool:
    return ln.kind in ("heading", "short", "date") and ln.words <= 10 and bool(author_from_line(ln))


# 'Wolfsburg. ', 'München – ', 'WAIBLINGEN. ', 'Memmingen (dl). ', 'Bitz/Nusplingen. ', 'BERLIN taz | ':
# a place (capitalised words joined by space, '/' or '-', or one upper-case word), an optional
# source in brackets, then a full stop, a dash or a bar before the first sentence (or the line's end).
_PLACE_OPEN = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w’'.\-]*?(?:(?:\s|/)[A-ZÄÖÜ][\w’'.\-]*?){0,3})"
    r"(?:\s*\((?P<src>[^()]{1,30})\))?"
    r"(?P<sep>\.\s+|\.?\s+[-–—]\s+|\s+[a-z]{2,5}\s+\|\s+|\s*\|\s+|[.–—-]?\s*$)(?=[A-ZÄÖÜ„\"»0-9]|$)")
PLACE_OPEN_MAX_WORDS = 4


def _known_place(place: str) -> bool:
    """Every '/'-separated part of ``place`` is a municipality, district or Land of the gazetteer
    (in its written or title case), or an upper-case word of four or more letters."""
    from ..gazetteer import get_gazetteer
    gz = get_gazetteer()
    for part in place.split("/"):
        part = part.strip()
        if not part:
            return False
        if part.isupper() and len(part) >= 4:
            continue
        if not (gz.lookup(part) or gz.lookup(part.title())):
            return False
    return True


def split_place_opening(text: str) -> tuple[str, str, str]:
    """('München – ', '', rest) for a paragraph opening with a place dateline, else ('', '', text).

    Without a source in brackets the place must be a known place (gazetteer) or an upper-case
    word: 'Magazin – Beim Vorhaben' is a section label, not where the news was filed. The second
    value is the source when it is an agency or lower-case initials ('Memmingen (dl).')."""
    m = _PLACE_OPEN.match(text)
    if not m:
        return "", "", text
    place, src = m.group("place").strip(" ."), (m.group("src") or "").strip()
    toks = place.replace("/", " ").split()
    if not toks or len(toks) > PLACE_OPEN_MAX_WORDS or toks[0].casefold() in lexicon.german_stopwords():
        return "", "", text
    if src and not (_agency_parts(src) or re.fullmatch(r"[a-zäöü]{2,4}", src) or _known_place(place)):
        return "", "", text
    if not src and not _known_place(place):
        return "", "", text
    who = src if src and (_agency_parts(src) or re.fullmatch(r"[a-zäöü]{2,4}", src)) else ""
    return text[:m.end()], who, text[m.end():]


def dateline_place(prefix: str) -> str:
    """The place of a removed dateline prefix: 'Kiel (dpa) - ' -> 'Kiel', 'Berlin, 29.09.2020. ' -> 'Berlin'."""
    t = re.split(r"\s*[(,]|\s[-–—|]\s?|[.:]\s*$", prefix.strip(), maxsplit=1)[0]
    t = re.sub(r"\s+[a-z]{2,5}$", "", t.strip(" .:-–—|"))     # 'BERLIN taz' -> 'BERLIN'
    return t.strip(" .:-–—|")


def author_from_byline(text: str) -> str:
    """The name in a byline line the labeller found, without cue words, dates and roles:
    'Von: Anna Muster | 12.03.2024' -> 'Anna Muster'; '' when no capitalised name is left."""
    t = _strip_dates(text)
    for part in re.split(r"\s*[|,•·]\s*|\s+[-–—/]\s+", t):
        p = part.strip(" :")
        m = byline_re().match(p)
        if m:
            p = m.group(1).strip(" :")
        toks = p.split()
        if (2 if not m else 1) <= len(toks) <= 4 and all(x[:1].isupper() and not any(ch.isdigit() for ch in x) for x in toks):
            return p
    return ""
