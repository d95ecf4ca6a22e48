"""People extractor: persons with their roles, the place and organisation they act for.

Input: ``article.doc.ents`` (PER spans from the NER stage), ``article.places``
and ``article.organizations`` (extracted before people). Output: one
``Person`` per (person, role); a person without a role gets one row with role ''.

Stages (pure functions over the text and its tokens):

1. ``person_mentions``: clean the PER spans (academic titles -> ``title``, role
   words the NER swallowed), group them into persons (one name per person:
   'Erik Bohling' joins 'Jan Erik Bohling'), then resolve surname-only mentions
   ('sagt Goebel', 'Die 44-jährige Härter') and age anaphora ('der 41-Jährige').
2. ``find_phrases``: role phrases around every role word of the vocabulary
   (``roles.py``): determiner, genitive owner ('Wolfsburgs'), role adjectives,
   coordinated heads ('Erster Stadtrat und Wirtschaftsdezernent') and
   complements ('für Wirtschaft, Digitales und Kultur', 'der Stadt Wolfsburg',
   'im Niedersächsischen Ministerium für Inneres und Sport').
3. ``attach``: link phrases to persons through the constructions news use:
   apposition before the name (with or without comma), after the name with a
   comma, a plural role over a coordinated list of names, copula ('Deren
   Leiterin ist X', 'Neuer Leiter ist seit Mai X', 'Seit März ist X Leiterin des Amtes'), 'X wurde zum Vorsitzenden gewählt', 'X übernimmt den
   Vorsitz', 'X ... als CDO', and brackets after a name ('(CSU)', '(Landtag)').
   ``link_after``: 'vom/von der/aus dem/beim + organisation' (or '+ der Stadt Y')
   right after a name gives the organisation (and place) that mention's roles
   act for ('Digitalministerin X vom Hessischen Ministerium für ...'); a bracket with a place
   ('X (Stadt Kassel)') gives the place. ``link_before``: a role phrase that closes the
   apposition right after such a link takes the person and the link's organisation and place
   ('X, beim Landratsamt Y Leiterin der IT-Abteilung, sagte', 'X vom Landesamt Z, dort Referent,').
4. ``person_rows``: one row per (person, role) with the role in the person's
   gender and singular, canonical office, place (with AGS) and organisation.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from ..gazetteer import get_gazetteer
from ..model import Article, Organization, Person, Place
from .roles import (RoleWord, context, given_name_gender, inflect_modifier, is_modifier, is_skip_adjective,
                    name_gender, vocabulary)

try:  # the orgs helper's normaliser ('des Niedersächsischen Städtetages' -> 'Niedersächsischer Städtetag')
    from .orgs import _date_words
    from .orgs import district_city as _district_city
    from .orgs import resolve_org as _resolve_org
    from .orgs import LEGAL as _LEGAL_FORMS
except ImportError:  # pragma: no cover - depends on the checkout
    _LEGAL_FORMS = frozenset()
    _resolve_org = None
    _district_city = None

    def _date_words() -> frozenset[str]:
        return frozenset()
try:  # the places helper's gazetteer; without it, places are matched against article.places only
    from ..gazetteer import adjective_state as _adjective_state
    from ..gazetteer import resolve_place as _resolve_place
except ImportError:  # pragma: no cover - depends on the checkout
    _resolve_place = None
    _adjective_state = None

PER_LABELS = {"PER", "PERSON"}
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|\S")
SENTENCE_END = {".", "!", "?", ";"}
DASHES = {"–", "—", "-", ":"}
# punctuation that closes an apposition after a role ('X, beim Amt Y Leiterin der IT, sagte')
CLAUSE_END = SENTENCE_END | DASHES | {",", ")"}
# 'X, beim Landratsamt Y Leiterin ...': a name's link (organisation or place phrase) is searched at most
# this many tokens before the role; the longest organisation names on the dev articles ('Ministerium
# für Ernährung, Ländlichen Raum und Verbraucherschutz Baden-Württemberg') take about 15 tokens.
MAX_LINK_TOKENS = 20
# Names longer than this many tokens are NER run-ons, not names.
MAX_NAME_TOKENS = 5
# 'X ... als CDO' and 'X ist seit 2019 Bürgermeister': at most this many tokens
# between the name (or copula) and the role phrase; longer gaps were wrong on the
# dev articles (another clause's subject).
MAX_GAP = 4
# 'Deren Leiterin ist X': the organisation referred to must end at most this many
# characters before the phrase (about one sentence).
MAX_ANAPHOR_CHARS = 300
# A municipality/district role without a stated place takes the article's place of
# that kind when it is the only one, or mentioned at least this many times as often
# as the next one, or mentioned more often than any other AND first (the place the
# article is about). Calibrated on the dev articles: ties (three partner cities
# named equally often) must give no place.
DOMINANCE = 2.0


@dataclass
class Tok:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    start: int            # the name (without title)
    end: int
    tok0: int             # token range of the name incl. a title before it
    tok1: int
    pid: int = -1
    kind: str = "full"    # full | surname | single | anaphor
    title: str = ""


@dataclass
class PersonInfo:
    name: str
    title: str = ""
    mentions: list[Mention] = field(default_factory=list)
    party: str = ""
    bracket_orgs: list[str] = field(default_factory=list)
    honorific: bool = False
    rejected: bool = False                             # a word the NER took for a name ('..., Vorstand Firma')


@dataclass
class Group:
    """One role head with its own adjectives and complements."""

    mods: list[str]
    word: RoleWord
    tok0: int
    tok1: int
    keep: list[str] = field(default_factory=list)   # complements kept in the role text
    orgs: list[str] = field(default_factory=list)   # organisations named in its own complements


@dataclass
class Phrase:
    tok0: int
    tok1: int                                          # exclusive
    groups: list[Group]
    det: str = ""
    plural: bool = False
    places: list[Place] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    district_default: bool = False                     # 'im Landratsamt' without a name
    party: str = ""                                    # 'SPD-Bundestagsabgeordneter'


@dataclass
class Link:
    """Whom a person mention works for, said right after the name: 'X vom Landratsamt Y', 'X (Stadt Y)'."""

    orgs: list[str]
    places: list[Place]
    end: int = -1                                      # token after the link (after the bracket)


@dataclass
class Attachment:
    pid: int
    phrase: Phrase
    how: str
    mention: Mention | None = None                     # the name the phrase stands next to
    link: Link | None = None                           # 'X, beim Landratsamt Y Leiterin ...': the link before the role


class Ctx:
    """Everything the stages share about one article."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text or ""
        self.toks = [Tok(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(self.text)]
        self.words = [t.text for t in self.toks]
        self.starts = [t.start for t in self.toks]
        self.places = list(article.places or [])
        self.orgs = list(article.organizations or [])
        self.mention_at: dict[int, Mention] = {}
        self.rejected: set[int] = set()                # person ids that are no persons after all
        self.claimed: list[tuple[int, int]] = []       # char ranges of phrases that name a place for someone
        self._place_ends: dict[int, int] | None = None
        self.vocab = vocabulary()
        self.cx = context()

    def tok_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return i, j

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def place_end(self, i: int) -> int | None:
        """The token after a place mention of the article that starts at token i, when the name runs
        over several tokens ('Halle (Saale)', 'Neustadt an der Weinstraße'); None otherwise."""
        if self._place_ends is None:
            self._place_ends = {}
            for p in self.places:
                for a, b in p.spans:
                    self._place_ends[a] = max(b, self._place_ends.get(a, b))
        if not 0 <= i < len(self.toks) or self.toks[i].start not in self._place_ends:
            return None
        end = self.tok_range(self.toks[i].start, self._place_ends[self.toks[i].start])[1]
        return end if end > i + 1 else None

    def gap_has_break(self, i: int) -> bool:
        """A paragraph break between token i-1 and token i."""
        if i <= 0 or i >= len(self.toks):
            return True
        return "\n" in self.text[self.toks[i - 1].end:self.toks[i].start]

    def is_cap(self, i: int) -> bool:
        w = self.word(i)
        return bool(w) and w[0].isupper() and w[0].isalpha()

    def is_det(self, i: int) -> bool:
        return self.word(i).casefold() in self.cx.kind("determiner")


# --- places and organisations ----------------------------------------------

def _same_place(a: Place, b: Place) -> bool:
    return (a.ags and a.ags == b.ags) or a.name == b.name


def resolve_place(ctx: Ctx, surface: str, explicit: bool = False) -> Place | None:
    """A place for ``surface``: one of the article's places, or (for an explicit
    place construction such as 'der Stadt X') the gazetteer's answer."""
    surface = surface.strip()
    if not surface:
        return None
    found = None
    if _resolve_place is not None:
        try:
            found = _resolve_place(surface, ctx.text)
        except Exception:  # noqa: BLE001 - a lookup failure must not lose the person
            found = None
    if found is not None:
        for p in ctx.places:
            if _same_place(p, found):
                return p
        return found if explicit or found.kind == "state" else None
    core = re.sub(r"^(der|des|die|dem|den)\s+", "", surface, flags=re.I)
    for noun in ctx.cx.kind("place_noun"):
        if core.startswith(noun + " "):
            core = core[len(noun) + 1:]
            break
    for cand in (core, core[:-1] if core.endswith("s") else "", core[:-2] if core.endswith("es") else ""):
        if not cand:
            continue
        for p in ctx.places:
            if cand.casefold() in {p.name.casefold(), *(s.casefold() for s in p.surface)} or \
                    p.name.casefold() in (f"landkreis {cand.casefold()}", f"kreis {cand.casefold()}"):
                return p
    if "-" in core:                     # 'von Berlin-Pankow': the places extractor took the city's part
        for p in ctx.places:
            if any(ctx.text.startswith(core, s) and ctx.text[e:e + 1] == "-" for s, e in p.spans):
                return p
    return None


def adjective_place(ctx: Ctx, word: str) -> Place | None:
    """'niedersächsischen' -> Niedersachsen, 'Thüringer' -> Thüringen (only adjectives of a Land)."""
    if not re.search(r"isch(e|er|en|em|es)?$", word, re.I) and not (word[:1].isupper() and word.endswith("er")):
        return None
    state = None
    if _adjective_state is not None:
        try:
            state = _adjective_state(word)
        except Exception:  # noqa: BLE001
            state = None
        if isinstance(state, Place):
            state = state.name
    if state:
        for p in ctx.places:
            if p.name == state:
                return p
        return resolve_place(ctx, state, explicit=True)
    return None


def district_default(ctx: Ctx) -> Place | None:
    return dominant_place(ctx, {"district"})


def free_mentions(ctx: Ctx, p: Place) -> int:
    """Mentions of a place outside the role phrases that name it for someone ('Hamburgs Bürgermeister X')."""
    if not p.spans:
        return p.mentions or 1
    return sum(1 for s, e in p.spans if not any(a <= s < b for a, b in ctx.claimed))


def dominant_place(ctx: Ctx, kinds: set[str]) -> Place | None:
    counted = [(free_mentions(ctx, p), p) for p in ctx.places if p.kind in kinds]
    counted = sorted(((n, p) for n, p in counted if n > 0), key=lambda x: -x[0])
    cands = [p for _, p in counted]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    first, second = counted[0][0], counted[1][0]
    if first >= DOMINANCE * second:
        return cands[0]
    pos = {id(p): min((s for s, _ in p.spans), default=10 ** 9) for p in cands}
    if first > second and pos[id(cands[0])] == min(pos.values()):
        return cands[0]
    return None


def org_for_span(ctx: Ctx, start: int, end: int) -> str:
    """The article's organisation overlapping [start, end), by its canonical or written name."""
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if s < end and start < e:
                return org_name(o)
    return ""


def org_name(o: Organization) -> str:
    """Full form: the written name, or the taxonomy name where the text wrote only the acronym."""
    if o.canonical and (not o.name or o.name == o.acronym):
        return o.canonical
    return o.name or o.canonical


def normalised_org(surface: str) -> str:
    """The organisations extractor's nominative full form of a complement, '' when it names none."""
    if _resolve_org is None:
        return ""
    try:
        o = _resolve_org(surface, "")
    except Exception:  # noqa: BLE001 - a lookup failure must not lose the person
        return ""
    return org_name(o) if o is not None else ""


def org_by_acronym(ctx: Ctx, acr: str) -> str:
    """'AKDB' -> the article's organisation with that acronym, name or defining '(AKDB)' before it."""
    a = acr.strip("-")
    if not a:
        return ""
    for o in ctx.orgs:
        if a in (o.acronym, o.name, o.canonical):
            return org_name(o)
    m = re.search(r"\(\s*" + re.escape(a) + r"\s*\)", ctx.text)
    if m:
        for o in ctx.orgs:
            for s, e in o.spans or []:
                if 0 <= m.start() - e <= 2:
                    return org_name(o)
    for o in ctx.orgs:          # initials: 'Anstalt für Kommunale Datenverarbeitung in Bayern' -> AKDB
        initials = "".join(w[0] for w in re.findall(r"[\w-]+", o.name) if w[0].isupper())
        if len(a) >= 3 and initials == a:
            return org_name(o)
    return a


# the place kinds a role of a level acts for ('deren Erster Bürgermeister' points back to a municipality)
LEVEL_KINDS = {"municipality": {"municipality", "other"}, "district": {"district"}, "state": {"state"}}


def last_place_before(ctx: Ctx, char: int, kinds: set[str]) -> Place | None:
    """The place of these kinds mentioned last before ``char`` in the same sentence: the owner a
    relative 'deren'/'dessen' points back to ('Die Gemeinde X ..., wie deren Bürgermeister Y sagte')."""
    s0, _ = sentence_bounds(ctx, ctx.tok_index(char))
    start = ctx.toks[s0].start if s0 < len(ctx.toks) else 0
    best = None
    for p in ctx.places:
        if p.kind not in kinds:
            continue
        for a, _b in p.spans:
            if start <= a < char and (best is None or a > best[0]):
                best = (a, p)
    return best[1] if best else None


def last_org_before(ctx: Ctx, char: int) -> str:
    best, best_end = "", -1
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if e <= char and char - e <= MAX_ANAPHOR_CHARS and e > best_end:
                best, best_end = org_name(o), e
    return best


def normalise_org(words: list[str], link: str) -> str:
    """Organisation as written minus the article: 'des Verwaltungsrates' -> 'Verwaltungsrat'."""
    if not words:
        return ""
    inst = ctx_institutions()
    words = list(words)
    last = words[-1]
    if link in ("des",) or link in ("im", "vom", "beim", "am", "zum"):
        for end in ("es", "s"):
            if last.endswith(end) and any(last[:-len(end)].casefold().endswith(x) for x in inst):
                words[-1] = last[:-len(end)]
                break
    return " ".join(words)


def ctx_institutions() -> set[str]:
    return set(context().kind("institution"))


def is_institution(word: str) -> bool:
    low = word.casefold()
    return bool(re.fullmatch(r"[A-ZÄÖÜ]{2,}[a-z]?", word)) or any(low.endswith(x) for x in ctx_institutions())


# --- 1. person mentions -----------------------------------------------------

def _title_regex():
    titles = sorted(context().kind("title"), key=len, reverse=True)
    alt = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?:(?:{alt})\s*)+$"), re.compile(rf"^(?:(?:{alt})\s*)+")


def per_spans(article: Article) -> list[tuple[int, int]]:
    doc = article.doc
    if doc is None:
        return []
    spans = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ in PER_LABELS)
    merged: list[tuple[int, int]] = []
    for s, e in spans:                                 # 'Jan' + 'Erik Bohling' split by the NER
        if merged and article.text[merged[-1][1]:s] == " " and " " not in article.text[merged[-1][0]:merged[-1][1]]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def clean_span(ctx: Ctx, start: int, end: int) -> tuple[int, int, str] | None:
    """Trim a PER span to the name: drop titles (returned), role words, articles, punctuation."""
    title_end_re, title_start_re = _title_regex()
    text = ctx.text
    seg = text[start:end]
    title = ""
    m = title_start_re.match(seg)
    if m:
        title = m.group().strip()
        start += m.end()
    i, j = ctx.tok_range(start, end)
    while i < j:
        w = ctx.words[i]
        if (not w[0].isalpha() or not w[0].isupper() or ctx.vocab.analyse(w) or is_modifier(w)
                or w in ctx.cx.kind("honorific") or ctx.is_det(i)
                or (i + 1 < j and ctx.words[i + 1] == "." and len(w) <= 4)):
            i += 1
            continue
        break
    while j > i and not ctx.words[j - 1][0].isalnum():
        j -= 1
    j = _strip_trailing_role(ctx, i, j)
    if i >= j or j - i > MAX_NAME_TOKENS:
        return None
    for k in range(i, j):
        w = ctx.words[k]
        if w == "." and i < k < j - 1 and re.fullmatch(r"[A-ZÄÖÜ]", ctx.words[k - 1]):
            continue                                   # middle initial 'Martin K. Obermann'
        if any(ch.isdigit() for ch in w) or (not w[0].isupper() and w not in ("von", "van", "de", "der", "zu",
                                                                               "vom", "den", "di", "da", "la")):
            return None
    s, e = ctx.toks[i].start, ctx.toks[j - 1].end
    before = title_end_re.search(text[max(0, s - 40):s])
    if before:
        title = (before.group().strip() + " " + title).strip() if not title else title
    return s, e, title


def _strip_trailing_role(ctx: Ctx, i: int, j: int) -> int:
    """End of the name in tokens [i, j) without a role the NER glued on after it ('ist Anna X
    Bürgermeisterin der Stadt Y', 'ist Anna X Chief Digital Officer'). At least two name tokens stay, and
    the last of them is no given name: a surname that is also a role word ('Hans Peter Richter') keeps it."""
    given = given_name_gender()
    for k in range(i + 2, j):
        w = ctx.words[k]
        fixed = any((fx := ctx.vocab.analyse_fixed(ctx.words, t)) is not None and fx[1] == k
                    for t in range(k + 1, min(k + 5, len(ctx.words))))
        if (fixed or ctx.vocab.analyse(w)) and ctx.words[k - 1] not in given:
            return k
    return j


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def person_mentions(ctx: Ctx, spans: list[tuple[int, int]]) -> list[PersonInfo]:
    """Group PER spans into persons and add surname-only and anaphoric mentions."""
    cleaned = []
    for s, e in sorted(set(spans)):
        c = clean_span(ctx, s, e)
        if c:
            cleaned.append(c)
    persons: list[PersonInfo] = []
    by_name: dict[str, int] = {}
    full = sorted({_name_key(ctx.text[s:e]) for s, e, _ in cleaned if len(_name_key(ctx.text[s:e]).split()) > 1},
                  key=lambda n: -len(n.split()))
    for name in sorted(full, key=lambda n: (-len(n.split()), n.endswith("s"))):
        toks = name.split()
        target = None
        if name.endswith("s") and name[:-1] in by_name:        # genitive 'Dennis Weilmanns'
            target = by_name[name[:-1]]
        for other, pid in by_name.items():      # 'Erik Bohling' joins 'Jan Erik Bohling'
            ot = other.split()
            if target is None and len(ot) > len(toks) and ot[-len(toks):] == toks:
                target = pid
                break
        if target is None:
            by_name[name] = len(persons)
            persons.append(PersonInfo(name))
        else:
            by_name[name] = target
    surname: dict[str, set[int]] = {}
    for name, pid in by_name.items():
        surname.setdefault(persons[pid].name.split()[-1], set()).add(pid)

    def resolve_single(w: str) -> int | None:
        for cand in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None):
            if cand and len(surname.get(cand, ())) == 1:
                return next(iter(surname[cand]))
        return None

    title_full = re.compile(_title_regex()[1].pattern + "$")
    mentions: list[Mention] = []
    for s, e, title in cleaned:
        name = _name_key(ctx.text[s:e])
        i, j = ctx.tok_range(s, e)
        ti = i
        for back in range(1, 8 if title else 0):
            if i - back < 0:
                break
            if title_full.fullmatch(ctx.text[ctx.toks[i - back].start:s].strip()):
                ti = i - back
        if name in by_name:
            mentions.append(Mention(s, e, ti, j, by_name[name], "full", title))
            continue
        pid = resolve_single(name)
        if pid is None:
            pid = len(persons)
            persons.append(PersonInfo(name))
            by_name[name] = pid
            surname.setdefault(name, set()).add(pid)
        mentions.append(Mention(s, e, ti, j, pid, "single" if persons[pid].name == name else "surname", title))
    covered = set()
    for m in mentions:
        covered.update(range(m.tok0, m.tok1))
    given = given_name_gender()
    for i, w in enumerate(ctx.words):                 # surname-only mentions
        if i in covered or not ctx.is_cap(i) or ctx.vocab.analyse(w):
            continue
        pid = resolve_single(w)
        if pid is None or len(persons[pid].name.split()) < 2:
            continue
        if ctx.is_cap(i - 1) and ctx.word(i - 1) in given and (i - 1) not in covered:
            continue                                   # another person with this surname
        if ctx.word(i + 1) and ctx.is_cap(i + 1) and (i + 1) not in covered and ctx.word(i + 1) in given:
            continue
        t = ctx.toks[i]
        mentions.append(Mention(t.start, t.end, i, i + 1, pid, "surname"))
        covered.add(i)
    mentions.sort(key=lambda m: m.start)
    for i, w in enumerate(ctx.words):                 # 'der 41-Jährige' -> the last person named
        low = w.casefold()
        if re.fullmatch(r"\d{1,3}-jährige[rn]?", low) and ctx.word(i - 1).casefold() in ("der", "die") \
                and not (i + 1) in covered:
            prev = [m for m in mentions if m.end <= ctx.toks[i].start and m.kind != "anaphor"]
            if prev:
                t0 = ctx.toks[i - 1]
                mentions.append(Mention(t0.start, ctx.toks[i].end, i - 1, i + 1, prev[-1].pid, "anaphor"))
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        persons[m.pid].mentions.append(m)
        if m.title and not persons[m.pid].title:
            persons[m.pid].title = m.title
        for k in range(m.tok0, m.tok1):
            ctx.mention_at[k] = m
        if m.tok0 > 0 and ctx.word(m.tok0 - 1) in ctx.cx.kind("honorific"):
            persons[m.pid].honorific = True
    return persons


# --- 2. role phrases --------------------------------------------------------

def find_heads(ctx: Ctx) -> dict[int, tuple[RoleWord, int]]:
    """token index -> (role word, end token) for every role word outside a name."""
    heads: dict[int, tuple[RoleWord, int]] = {}
    fixed_cover = set()
    for i in range(len(ctx.words)):
        fx = ctx.vocab.analyse_fixed(ctx.words, i)
        if fx and not any(k in ctx.mention_at for k in range(fx[1], i + 1)):
            heads[fx[1]] = (fx[0], i + 1)
            fixed_cover.update(range(fx[1], i + 1))
    for i, w in enumerate(ctx.words):
        if i in fixed_cover or i in ctx.mention_at:
            continue
        rw = ctx.vocab.analyse(w)
        if rw:
            heads[i] = (rw, i + 1)
    return heads


def parse_group_left(ctx: Ctx, i: int) -> tuple[int, list[str]]:
    """Role adjectives before the head at i: (first token, adjectives as written)."""
    j = i
    mods: list[str] = []
    while j > 0:
        w = ctx.word(j - 1)
        if (j - 1) in ctx.mention_at:
            break
        if w == "." and re.fullmatch(r"\d{1,2}", ctx.word(j - 2)):
            mods.insert(0, ctx.word(j - 2) + ".")
            j -= 2
            continue
        if is_modifier(w) and w.casefold() not in ctx.cx.kind("determiner"):
            mods.insert(0, w)
            j -= 1
            continue
        if is_skip_adjective(w) and not ctx.vocab.analyse(w):
            j -= 1
            continue
        break
    return j, mods


def parse_list(ctx: Ctx, j: int) -> int:
    """'Wirtschaft, Digitales und Kultur' starting at j: the end token (exclusive), j if none."""
    def item(k: int) -> int:
        start = k
        while k < len(ctx.words) and k not in ctx.mention_at and (
                ctx.is_cap(k) or (ctx.word(k).islower() and ctx.word(k).isalpha()
                                  and ctx.word(k) not in ctx.cx.kind("link") and ctx.word(k) not in ("und", "sowie")
                                  and ctx.is_cap(k + 1))):
            if ctx.is_cap(k) and ctx.vocab.analyse(ctx.word(k)):
                break                                  # a role word starts a coordinated role, not an item
            k += 1
        return k if k > start and ctx.is_cap(k - 1) else start
    k = item(j)
    if k == j:
        return j
    # Items joined by ',' and 'und'/'sowie'; the list ends after the last item an 'und' joined
    # ('für Bürgerinnen und Bürger, Digitales und Internationales, Petra X'). Commas no 'und' closes
    # end the list before them ('für Wirtschaft, Bürgermeister X'): the first item alone, as before.
    closed = k
    while True:
        if ctx.word(k) == "," and item(k + 1) > k + 1:
            k = item(k + 1)
            continue
        if ctx.word(k) in ("und", "sowie") and item(k + 1) > k + 1:
            k = closed = item(k + 1)
            continue
        break
    return closed


def parse_np(ctx: Ctx, j: int) -> int:
    """A noun phrase after a link word: [article] adjectives* Capitalised+ [für list] [von/in Place]."""
    k = j
    if ctx.is_det(k) and not ctx.is_cap(k):
        k += 1
    while k < len(ctx.words) and ctx.word(k).islower() and (re.search(r"(e|en|er|es|em)$", ctx.word(k))
                                                           or is_skip_adjective(ctx.word(k))) \
            and ctx.word(k) not in ctx.cx.kind("link") and ctx.word(k) != "und":
        k += 1
    start = k
    while k < len(ctx.words) and k not in ctx.mention_at and (ctx.is_cap(k) or re.fullmatch(r"[A-Z]{2,}\w*",
                                                                                           ctx.word(k))):
        if k > start and ctx.vocab.analyse(ctx.word(k)):
            break
        if ctx.gap_has_break(k) and k > start:
            break
        k += 1
    if k == start:
        return j
    for t in range(start, k):                          # 'der Stadt Halle (Saale)': the place's whole name
        end = ctx.place_end(t)
        if end is not None and end > k and not any(x in ctx.mention_at for x in range(k, end)):
            k = end
            break
    org = org_starting(ctx, start)
    if org is not None and org[1] > k and not any(t in ctx.mention_at or ctx.gap_has_break(t)
                                                  for t in range(k, org[1])):
        return org[1]                                  # the organisations extractor's extent of the name
    if ctx.word(k) in ("des", "der") and is_institution(ctx.word(k - 1)) and ctx.is_cap(k + 1) \
            and (k + 1) not in ctx.mention_at and not ctx.vocab.analyse(ctx.word(k + 1)):
        k += 2                                         # 'Bundesministerium des Innern', 'Ministerium der Finanzen'
        while ctx.is_cap(k) and k not in ctx.mention_at and not ctx.gap_has_break(k):
            k += 1
    if ctx.word(k) == "für":
        e = parse_list(ctx, k + 1)
        if e > k + 1:
            k = e
    if ctx.word(k) == "und" and ctx.word(k + 1) == "für" and is_institution(ctx.word(start)):
        e = parse_list(ctx, k + 2)                     # 'Bundesministerium des Innern und für Heimat'
        if e > k + 2:
            k = e
    if ctx.word(k) in ("von", "in") and (pe := ctx.place_end(k + 1)) is not None:
        return pe                                      # 'von Neustadt an der Weinstraße'
    if ctx.word(k) in ("von", "in") and ctx.is_cap(k + 1):
        for n in (3, 2, 1):
            cand = " ".join(ctx.words[k + 1:k + 1 + n])
            if all(ctx.is_cap(x) or ctx.word(x) == "." for x in range(k + 1, k + 1 + n)) and \
                    resolve_place(ctx, cand):
                k = k + 1 + n
                break
    return k


def classify(ctx: Ctx, link: str, a: int, b: int, phrase: Phrase, group: Group) -> None:
    """Decide what the complement tokens [a, b) after ``link`` name: a place, an organisation, or a field
    of the office (kept in the role text after 'für' and genitive links)."""
    full_a = a
    while a < b and not ctx.is_cap(a):                 # article, numerals, adjectives
        a += 1
    if a >= b:
        return
    words = ctx.words[a:b]
    text = ctx.text[ctx.toks[a].start:ctx.toks[b - 1].end]
    link_kind = ctx.cx.get("link", link)
    noun_kind = ctx.cx.get("place_noun", words[0])
    tail = next((k for k in range(a, b) if ctx.words[k] in ("für", "von", "in")), b)
    if noun_kind:                                      # 'der Stadt Wolfsburg', 'im Landratsamt (Kulmbach)'
        if link in ctx.cx.kind("direction_link"):
            return                                     # '... als CDO zum Landkreis X wechselt': a destination
        if noun_kind == "plural":
            pass
        elif len(words) > 1:
            place = resolve_place(ctx, text, explicit=True)
            if place is not None:
                phrase.places.append(place)
        elif noun_kind == "district":
            phrase.district_default = True
        if noun_kind in ("district", "municipality") and words[0] not in ("Stadt", "Gemeinde", "Landkreis",
                                                                          "Landkreises", "Kreis", "Kreises"):
            group.orgs.append(text)                    # the administration itself: 'Landratsamt Kulmbach'
        return
    org = normalised_org(f"{link} {ctx.text[ctx.toks[full_a].start:ctx.toks[b - 1].end]}") or \
        org_for_span(ctx, ctx.toks[a].start, ctx.toks[b - 1].end)
    if org or any(is_institution(ctx.words[k]) for k in range(a, tail)):
        group.orgs.append(org or normalise_org(text.split(), link))
        for k in range(a, b):                          # 'Niedersächsischen Ministerium', '... von Sachsen-Anhalt'
            p = adjective_place(ctx, ctx.words[k]) if k < tail else None
            if p is None and ctx.words[k] in ("von", "in") and k + 1 < b:
                p = resolve_place(ctx, " ".join(ctx.words[k + 1:b]))
            if p is not None:
                phrase.places.append(p)
                break
        else:
            p = trailing_place(ctx, a + 1, b)
            city = _district_city(org) if p is None and org and _district_city is not None else ""
            if city:                                   # 'im Bezirksamt Hamburg-Nord' -> Hamburg
                p = resolve_place(ctx, city, explicit=True)
            if p is not None:
                phrase.places.append(p)
    elif link_kind == "place" or tail - a <= 3:
        place = resolve_place(ctx, text, explicit=link_kind == "place")
        if place is not None:
            phrase.places.append(place)
            return
    if link_kind == "keep":
        group.keep.append(f"{link} {ctx.text[ctx.toks[full_a].start:ctx.toks[b - 1].end]}")


def trailing_place(ctx: Ctx, a: int, b: int) -> Place | None:
    """The place an organisation's name ends with: a Land ('Ministerium für ... Baden-Württemberg'), a
    place noun with its place ('Amt für ... der Stadt Nürnberg', '... des Landes Nordrhein-Westfalen') or
    the seat after a 'für' complement ('Hochschule für Verwaltung und Finanzen Ludwigsburg'; the
    organisations extractor only ends a name so when the town is no ordinary word)."""
    for n in (3, 2, 1):
        k = b - n
        if k < a or not all(ctx.is_cap(x) for x in range(k, b)):
            continue
        noun = ctx.cx.get("place_noun", ctx.word(k - 1))
        if not noun and n > 1:
            continue
        p = resolve_place(ctx, " ".join(ctx.words[k:b]), explicit=True)
        seat = p is not None and p.kind == "municipality" and "für" in ctx.words[a:k] and ctx.is_cap(k - 1)
        if p is not None and (p.kind == "state" or noun not in ("", "plural") or seat):
            return p
    return None


def owner_left(ctx: Ctx, j: int, phrase: Phrase) -> int:
    """Genitive owner or Land adjective just before the adjectives: 'Wolfsburgs', 'Bayerns', 'niedersächsische'."""
    w = ctx.word(j - 1)
    if not w or (j - 1) in ctx.mention_at:
        return j
    p = adjective_place(ctx, w)
    if p:
        phrase.places.insert(0, p)
        return j - 1
    if ctx.is_cap(j - 1) and w.endswith("s") and not ctx.vocab.analyse(w) and not ctx.is_det(j - 1):
        p = resolve_place(ctx, w)
        if p is not None and p.name != w:
            phrase.places.insert(0, p)
            return j - 1
        org = org_by_acronym(ctx, w[:-1]) if w[:-1] else ""
        if org and org != w[:-1]:
            phrase.orgs.insert(0, org)
            return j - 1
    if ctx.is_cap(j - 1) and w.endswith("er") and len(w) > 4:          # 'Kulmbacher Landrat'
        p = resolve_place(ctx, f"{w} {ctx.word(j)}")
        if p is not None:
            phrase.places.insert(0, p)
            return j - 1
        for name in get_gazetteer().city_adjective(w):                 # 'der Kasseler Landtagsabgeordnete':
            p = resolve_place(ctx, name)                                # a city the article names
            if p is not None and p.kind in ("municipality", "other"):
                phrase.places.insert(0, p)
                return j - 1
    return j


def parse_phrase(ctx: Ctx, i: int, heads: dict[int, tuple[RoleWord, int]]) -> Phrase:
    rw, end = heads[i]
    g0, mods = parse_group_left(ctx, i)
    phrase = Phrase(g0, end, [Group(mods, rw, g0, end)])
    j = owner_left(ctx, g0, phrase)
    while j > 0 and is_skip_adjective(ctx.word(j - 1)) and (j - 1) not in ctx.mention_at:
        j -= 1
    if ctx.is_det(j - 1):
        phrase.det = ctx.word(j - 1).casefold()
        j -= 1
    phrase.tok0 = j
    skipped = ctx.words[j:g0]
    k = end
    while k < len(ctx.words):
        w = ctx.word(k)
        org_here = org_starting(ctx, k)
        if org_here is not None and k == phrase.groups[-1].tok1 and not ctx.gap_has_break(k):
            phrase.orgs.append(org_here[0])            # 'Vorstandsvorsitzender Musterfirma'
            for t in range(k, org_here[1]):
                if t in ctx.mention_at:
                    ctx.rejected.add(ctx.mention_at[t].pid)
            k = org_here[1]
            break
        if k in ctx.mention_at or ctx.gap_has_break(k):
            break
        if w in ("a", "i") and ctx.word(k + 1) == "." and ctx.word(k + 2) in ("D", "R") and ctx.word(k + 3) == ".":
            phrase.groups[-1].keep.append(f"{w}.{ctx.word(k + 2)}.")   # 'Bürgermeister a.D.'
            k += 4
            continue
        if w in ("und", "sowie"):                      # coordinated head: 'Erster Stadtrat und Wirtschaftsdezernent'
            m = k + 1
            while m < len(ctx.words) and (is_modifier(ctx.word(m)) or ctx.word(m) == "." ) and m not in heads:
                m += 1
            if m in heads and m not in ctx.mention_at:
                rw2, e2 = heads[m]
                mods2 = [x for x in ctx.words[k + 1:m] if x != "."]
                phrase.groups.append(Group(mods2, rw2, k + 1, e2))
                k = e2
                continue
            break
        if w in ctx.cx.kind("link"):
            if w in ctx.cx.kind("dative_link") and ctx.word(k + 1) not in ctx.cx.kind("dative_det"):
                break                                  # 'an das Ministerium': where something goes
            if w == "für":
                e = parse_list(ctx, k + 1)
            else:
                e = parse_np(ctx, k + 1)
            if e <= k + 1 or (e - 1) in ctx.mention_at:
                break
            if w == "für":
                phrase.groups[-1].keep.append(ctx.text[ctx.toks[k].start:ctx.toks[e - 1].end])
            else:
                classify(ctx, w, k + 1, e, phrase, phrase.groups[-1])
            k = e
            continue
        break
    phrase.tok1 = k
    numerals = {"beiden", "zwei", "drei", "vier", "fünf", "beide"}
    # plural: a plural form, a numeral ('die beiden Abgeordneten'), or a form that can be plural and is
    # not the nominative singular ('Dezernenten', not 'Bürgermeister') unless an article says singular
    phrase.plural = any(g.word.number == "pl" for g in phrase.groups) or \
        any(s.casefold() in numerals for s in skipped) or \
        (phrase.det in ("die", "den", "") and all(
            g.word.number == "" and g.word.text not in (g.word.entry.role, g.word.entry.female)
            and not g.word.entry.abbrev for g in phrase.groups)) or \
        (phrase.det == "die" and all(g.word.gender == "m" and g.word.entry.decl != "adj" for g in phrase.groups))
    for g in phrase.groups:                            # 'ITEBO-Geschäftsführer', 'NRW-Innenminister'
        if g.word.prefix.endswith("-") and len(g.word.prefix) > 2:
            pre = g.word.prefix[:-1]
            p = resolve_place(ctx, pre)
            if pre in ctx.cx.kind("party"):
                phrase.party = ctx.cx.get("party", pre)
                phrase.orgs.append(pre)
            elif p is not None and p.kind in ("state", "district", "municipality"):
                phrase.places.append(p)
            elif named := org_for_name(ctx, pre):      # 'Amtsklar-Gründer' with 'Amtsklar GmbH' in the article
                phrase.orgs.append(named)
            elif (re.fullmatch(r"[A-ZÄÖÜ][\wÄÖÜäöü]*", pre) and not pre.istitle()
                  and pre not in ctx.cx.kind("nonorg")):
                phrase.orgs.append(org_by_acronym(ctx, pre))
    return phrase


def org_starting(ctx: Ctx, k: int) -> tuple[str, int] | None:
    """(organisation, end token) of an article organisation whose mention starts at token k."""
    if k >= len(ctx.toks):
        return None
    start = ctx.toks[k].start
    for o in ctx.orgs:
        for s, e in o.spans or []:
            if s == start:
                return org_name(o), ctx.tok_range(s, e)[1]
    return None


def org_for_name(ctx: Ctx, name: str) -> str:
    """The article's organisation named ``name``: by name, canonical or acronym, or by its name without
    the legal form ('Amtsklar' for 'Amtsklar GmbH')."""
    for o in ctx.orgs:
        if name in (o.name, o.canonical, o.acronym):
            return org_name(o)
    for o in ctx.orgs:
        words = (o.name or "").split()
        if len(words) > 1 and words[-1] in _LEGAL_FORMS and " ".join(words[:-1]) == name:
            return org_name(o)
    return ""


def find_phrases(ctx: Ctx) -> list[Phrase]:
    heads = find_heads(ctx)
    phrases: list[Phrase] = []
    used = set()
    for i in sorted(heads):
        if i in used:
            continue
        p = parse_phrase(ctx, i, heads)
        for g in p.groups:
            used.update(range(g.tok0, g.tok1))
        phrases.append(p)
    return phrases


# --- 3. attachment ----------------------------------------------------------

def mention_starting(ctx: Ctx, i: int) -> Mention | None:
    m = ctx.mention_at.get(i)
    return m if m is not None and m.tok0 == i and m.kind != "anaphor" else None


def mention_ending(ctx: Ctx, i: int) -> Mention | None:
    """The mention whose last token is i-1 (so token i follows it), also across a bracket:
    'Anna X (SPD), Bürgermeisterin von Y'."""
    if ctx.word(i - 1) == ")":
        for k in range(i - 2, max(i - 12, -1), -1):
            if ctx.word(k) == "(":
                i = k
                break
            if ctx.word(k) in (")", ".") or ctx.gap_has_break(k):
                return None
    m = ctx.mention_at.get(i - 1)
    return m if m is not None and m.tok1 == i else None


def skip_brackets(ctx: Ctx, i: int) -> int:
    if ctx.word(i) == "(":
        for k in range(i + 1, min(i + 12, len(ctx.words))):
            if ctx.word(k) == ")":
                return k + 1
    return i


def name_list(ctx: Ctx, i: int) -> list[Mention]:
    """Mentions coordinated from token i: 'A, B und C' (brackets after each allowed)."""
    out: list[Mention] = []
    k = i
    while True:
        m = mention_starting(ctx, k)
        if m is None:
            break
        out.append(m)
        k = skip_brackets(ctx, m.tok1)
        if ctx.word(k) == "," and mention_starting(ctx, k + 1):
            k += 1
            continue
        if ctx.word(k) in ("und", "sowie") and mention_starting(ctx, k + 1):
            out.append(mention_starting(ctx, k + 1))
        break
    return out


def weak_single(ctx: Ctx, m: Mention) -> bool:
    """A one-word mention that no full name explains and no given name supports."""
    return m.kind == "single" and m.tok1 - m.tok0 == 1 and not m.title


def sentence_bounds(ctx: Ctx, i: int) -> tuple[int, int]:
    a = i
    while a > 0 and not (ctx.word(a - 1) in SENTENCE_END and (a - 2) not in ctx.mention_at
                         and len(ctx.word(a - 2)) > 2) and not ctx.gap_has_break(a):
        a -= 1
    b = i
    while b < len(ctx.words) and not (ctx.word(b) in SENTENCE_END and len(ctx.word(b - 1)) > 2) \
            and not ctx.gap_has_break(b + 1):
        b += 1
    return a, b


def attach(ctx: Ctx, phrases: list[Phrase]) -> list[Attachment]:
    out: list[Attachment] = []
    persons_rejected = ctx.rejected
    attached: dict[int, int] = {}                      # id(phrase) -> pid
    by_end = {p.tok1: p for p in phrases}
    copulas = ctx.cx.kind("copula")

    def add(p: Phrase, m: Mention, how: str):
        out.append(Attachment(m.pid, p, how, m))
        attached[id(p)] = m.pid

    for p in phrases:
        nxt = p.tok1
        if ctx.word(nxt) in DASHES or (ctx.word(nxt) == "," and p.plural):
            nxt_list = name_list(ctx, nxt + 1)
        else:
            nxt_list = name_list(ctx, nxt)
        # plural role over a coordinated list
        if p.plural and len(nxt_list) >= 2:
            for m in nxt_list:
                add(p, m, "plural-list")
            continue
        after = mention_starting(ctx, p.tok1)
        after_comma = mention_starting(ctx, p.tok1 + 1) if ctx.word(p.tok1) == "," else None
        before = mention_ending(ctx, p.tok0 - 1) if ctx.word(p.tok0 - 1) == "," else None
        if after is not None and before is not None and weak_single(ctx, after):
            add(p, before, "after-name")                 # 'Dr. Max X, Vorstandsvorsitzender Musterfirma'
            persons_rejected.add(after.pid)
        elif after is not None:
            add(p, after, "before-name")
        elif after_comma is not None and (p.det or p.places or before is None):
            if before is not None and not p.det:
                add(p, before, "after-name")
            else:
                add(p, after_comma, "before-name-comma")
        elif before is not None:
            add(p, before, "after-name")
        elif (m_cop := copula_subject_after(ctx, p.tok1)) is not None:
            add(p, m_cop, "copula")                      # 'Neue Leiterin des Amtes ist (seit Mai) Anna X'
        elif (m_inv := mention_ending(ctx, p.tok0)) is not None and ctx.word(m_inv.tok0 - 1) in copulas \
                and not mention_starting(ctx, p.tok1):
            add(p, m_inv, "copula")                      # 'Seit März ist Anna X Leiterin des Amtes'
        elif ctx.word(p.tok0 - 1).casefold() in ("zum", "zur"):
            elect = ctx.cx.kind("elect")
            a, b = sentence_bounds(ctx, p.tok0)
            if any(ctx.word(k) in elect for k in range(p.tok1, min(p.tok1 + MAX_GAP + 1, b + 1))):
                ms = [ctx.mention_at[k] for k in range(a, b) if k in ctx.mention_at]
                if ms:
                    m = min(ms, key=lambda m: abs(m.tok0 - p.tok0))
                    add(p, m, "elected")
        elif ctx.word(p.tok0 - 1) in ctx.cx.kind("as"):
            k = p.tok0 - 2
            while k >= 0 and p.tok0 - 2 - k < MAX_GAP and k not in ctx.mention_at and ctx.word(k).isalnum():
                k -= 1
            if k in ctx.mention_at:
                add(p, ctx.mention_at[k], "as")
            elif ctx.word(k) == "," and ctx.word(k + 1) in ("der", "die") and mention_ending(ctx, k):
                add(p, mention_ending(ctx, k), "as")     # 'Anna X, die seit 2020 als Leiterin arbeitet'
        else:                                          # 'X ist seit 2019 Bürgermeister'
            k = p.tok0 - 1
            while k >= 0 and p.tok0 - 1 - k < MAX_GAP and ctx.word(k) not in copulas and ctx.word(k).isalnum() \
                    and k not in ctx.mention_at:
                k -= 1
            if ctx.word(k) in copulas and mention_ending(ctx, k) and not mention_starting(ctx, p.tok1):
                add(p, mention_ending(ctx, k), "copula")
        # chain: 'ihres Behördenleiters, Bürgermeister Frank Schroft'
        if id(p) in attached and ctx.word(p.tok0 - 1) == ",":
            prev = by_end.get(p.tok0 - 1)
            target = mention_starting(ctx, p.tok1) or mention_starting(ctx, p.tok1 + 1)
            if prev is not None and id(prev) not in attached and mention_ending(ctx, prev.tok0 - 1) is None \
                    and target is not None and attached[id(p)] == target.pid:
                add(prev, target, "chain")
        # chain after the name: 'X, Vorsitzender des Rates, Staatssekretär im ...'
        if id(p) not in attached and ctx.word(p.tok0 - 1) == ",":
            prev = by_end.get(p.tok0 - 1)
            if prev is not None and id(prev) in attached and not mention_starting(ctx, p.tok1) and \
                    any(a.phrase is prev and a.how in ("after-name", "before-name-comma") for a in out):
                first = next((a.mention for a in out if a.phrase is prev), None)
                out.append(Attachment(attached[id(prev)], p, "after-name-chain", first))
                attached[id(p)] = attached[id(prev)]
        # the role after the name's organisation: 'X, beim Landratsamt Y Leiterin der IT, sagte'
        if id(p) not in attached:
            lb = link_before(ctx, p)
            if lb is not None:
                out.append(Attachment(lb[0].pid, p, "after-link", lb[0], lb[1]))
                attached[id(p)] = lb[0].pid
    out.extend(chair_attachments(ctx))
    out.extend(post_attachments(ctx, [p for p in phrases if id(p) not in attached]))
    return out


INDEFINITE = ("ein", "eine", "einen", "einer")


def post_attachments(ctx: Ctx, phrases: list[Phrase]) -> list[Attachment]:
    """An office announced with an indefinite article and taken over in the next sentence by its only
    person: 'Die Stadt bekommt eine neue Leiterin des Amtes. Ab Mai übernimmt Anna X die Aufgabe.'
    A role stated later about the past ('Zuvor war sie Referentin') is never the current one."""
    out = []
    posts, takes = ctx.cx.kind("post"), ctx.cx.kind("post_take")
    for p in phrases:
        if p.plural or p.det not in INDEFINITE:
            continue
        a, b = sentence_bounds(ctx, p.tok0)
        if ctx.word(b) not in SENTENCE_END or any(k in ctx.mention_at for k in range(a, b)):
            continue                                   # the announcing sentence names nobody
        a2, b2 = sentence_bounds(ctx, b + 1)
        ms = {ctx.mention_at[k].pid: ctx.mention_at[k] for k in range(a2, b2)
              if k in ctx.mention_at and ctx.mention_at[k].kind != "anaphor"}
        take = next((k for k in range(a2, b2) if ctx.word(k) in takes), None)
        if len(ms) != 1 or take is None:
            continue
        if any(ctx.word(k) in posts and ctx.is_det(k - 1) for k in range(take + 1, b2)):
            m = next(iter(ms.values()))
            out.append(Attachment(m.pid, p, "takeover", m))
    return out


def copula_subject_after(ctx: Ctx, k: int) -> Mention | None:
    """'<role phrase> ist [seit Mai] Anna X': the name after a copula at token k, with at most MAX_GAP
    lowercase words, numbers, months or weekdays between them (an adverbial: 'seit Mai', 'nun', 'künftig')."""
    if ctx.word(k) not in ctx.cx.kind("copula"):
        return None
    t = k + 1
    while t < len(ctx.words) and t - k - 1 < MAX_GAP and t not in ctx.mention_at and not ctx.gap_has_break(t) \
            and (ctx.word(t).islower() or ctx.word(t).isdigit() or ctx.word(t) in _date_words()) \
            and ctx.word(t) not in ("und", "oder"):
        t += 1
    return mention_starting(ctx, t)


def chair_attachments(ctx: Ctx) -> list[Attachment]:
    """'X übernimmt den Vorsitz des Verwaltungsrates' -> X, 'Vorsitzender des Verwaltungsrates'."""
    out = []
    chairs, takes = ctx.cx.kind("chair"), ctx.cx.kind("take")
    for i, w in enumerate(ctx.words):
        if w not in chairs or ctx.word(i - 1).casefold() not in ("den", "die"):
            continue
        m, took = None, False                          # 'X übernimmt den Vorsitz' / 'übernimmt X den Vorsitz'
        k = i - 2
        while k >= 0 and i - 2 - k <= MAX_GAP + 1 and (ctx.word(k).isalnum() or k in ctx.mention_at):
            took = took or ctx.word(k) in takes
            if m is None and k in ctx.mention_at and ctx.mention_at[k].kind != "anaphor":
                m = ctx.mention_at[k]
            k -= 1
        if m is None or not took:
            continue
        rw = ctx.vocab.analyse(chairs[w])
        if rw is None:
            continue
        fake = Phrase(i, i + 1, [Group([], rw, i, i + 1)])
        heads = {i: (rw, i + 1)}
        parsed = parse_phrase(ctx, i, heads)
        fake.groups[0].keep = parsed.groups[0].keep
        fake.groups[0].orgs = parsed.groups[0].orgs
        fake.places, fake.orgs, fake.tok1 = parsed.places, parsed.orgs, parsed.tok1
        out.append(Attachment(m.pid, fake, "chair", m))
    return out


def link_after(ctx: Ctx, m: Mention, comma: bool = False) -> Link | None:
    """'Anna X vom Hessischen Ministerium ...', 'Jan X (SPD) aus dem Landratsamt Y', 'X von der Stadt Y':
    a link word (``roles_context.csv`` kind person_link) right after the name (or a bracket after it),
    then an organisation of the article or a place noun with its place. A bracket holding just a place
    noun with its place or an organisation ('Jens X (Stadt Kassel)') gives the place. With ``comma`` a
    comma may stand before the link word ('Anna X, beim Landratsamt Y Leiterin ...'; only used when a
    role follows the link). Nothing else counts."""
    if m.kind == "anaphor":
        return None
    k = skip_brackets(ctx, m.tok1)
    if comma and ctx.word(k) == ",":
        k += 1
    links = ctx.cx.kind("person_link")
    n = next((n for n in (2, 1) if " ".join(ctx.words[k:k + n]).casefold() in links), 0) \
        if k < len(ctx.words) and not ctx.gap_has_break(k) else 0
    if n:
        return _link_np(ctx, ctx.words[k].casefold(), k + n)
    if ctx.word(k) in ctx.cx.kind("person_place_link") and not ctx.gap_has_break(k):
        place = place_at(ctx, k + 1)                   # 'Dr. X aus Offenbach': a bare place of the article
        if place is not None:
            return Link([], [place[0]], place[1])
    close = skip_brackets(ctx, m.tok1)
    if close > m.tok1 + 2:                             # '(Stadt Kassel)': places only; orgs in brackets are
        lk = _link_np(ctx, "von", m.tok1 + 1, close - 1)   # bracket_orgs (a party must not outrank a role's own)
        if lk is not None and lk.places:
            return Link([], lk.places, close)
    return None


def place_at(ctx: Ctx, j: int) -> tuple[Place, int] | None:
    """(place, end token) of a mention of an article place that starts at token j."""
    if not 0 <= j < len(ctx.toks):
        return None
    s = ctx.toks[j].start
    for p in ctx.places:
        for a, b in p.spans:
            if a == s:
                return p, ctx.tok_range(a, b)[1]
    return None


def _link_np(ctx: Ctx, link: str, j: int, stop: int | None = None) -> Link | None:
    """The organisation or place-noun phrase starting at token j after a person link (ending at ``stop``)."""
    org = org_starting(ctx, j)
    if org is not None:
        end = org[1]
    elif ctx.cx.get("place_noun", ctx.word(j)) not in ("", "plural") and ctx.is_cap(j + 1):
        end = parse_np(ctx, j)
    else:
        return None
    if end <= j or any(t in ctx.mention_at for t in range(j, end)) or (stop is not None and end != stop):
        return None
    group = Group([], None, j, end)                    # type: ignore[arg-type] - classify reads orgs/keep only
    phrase = Phrase(j, end, [group])
    classify(ctx, link, j, end, phrase, group)
    # the article's own name of the organisation; after a place noun only an administration
    # ('Landratsamt X', 'Stadtverwaltung Y'), not the place itself ('Landeshauptstadt Z')
    orgs = [org[0]] if org is not None else group.orgs if is_institution(ctx.word(j)) else []
    if not orgs and not phrase.places:
        return None
    return Link(orgs, phrase.places, end)


def link_before(ctx: Ctx, p: Phrase) -> tuple[Mention, Link] | None:
    """The role phrase continues a name's link in the same apposition: 'Anna X, beim Landratsamt Y
    Leiterin der IT-Abteilung, sagte', 'Thomas X vom Landesamt Z, dort Abteilungsleiter, ...', '... sagte
    Jens X (Stadt Kassel), Digitalisierungsbeauftragter.' The phrase follows the link (after a comma
    and a pointing adverb, ``roles_context.csv`` kind link_adverb) and closes the apposition."""
    if p.plural or p.det in ("deren", "dessen") or p.tok1 <= p.tok0:
        return None
    nxt = ctx.word(p.tok1)
    if not (p.tok1 >= len(ctx.words) or nxt in CLAUSE_END or ctx.gap_has_break(p.tok1)):
        return None
    k = p.tok0
    if ctx.word(k - 1).casefold() in ctx.cx.kind("link_adverb"):
        k -= 1
    if ctx.word(k - 1) == ",":
        k -= 1
    for t in range(k - 1, max(-1, k - 1 - MAX_LINK_TOKENS), -1):
        if ctx.word(t) in SENTENCE_END or ctx.gap_has_break(t + 1):
            return None
        m = ctx.mention_at.get(t)
        if m is None:
            continue
        if m.kind == "anaphor" or m.tok1 != t + 1:
            return None
        lk = link_after(ctx, m, comma=True)
        return (m, lk) if lk is not None and lk.end == k else None
    return None


def bracket_info(ctx: Ctx, persons: list[PersonInfo], phrases: list[Phrase]) -> list[Attachment]:
    """'Judith X (CSU)', 'Emmi X (Bundestag)', 'Anna X (Leiterin des Bauamts)'."""
    out = []
    parties, bodies = ctx.cx.kind("party"), ctx.cx.kind("body")
    by_start = {p.tok0: p for p in phrases}
    for pid, person in enumerate(persons):
        for m in person.mentions:
            if m.kind == "anaphor" or ctx.word(m.tok1) != "(":
                continue
            end = skip_brackets(ctx, m.tok1)
            if end == m.tok1:
                continue
            inner = ctx.text[ctx.toks[m.tok1].end:ctx.toks[end - 1].start].strip()
            if inner in parties:
                person.party = person.party or parties[inner]
            elif inner in bodies or org_for_name(ctx, inner):
                person.bracket_orgs.append(org_for_name(ctx, inner) or inner)
            elif m.tok1 + 1 in by_start and by_start[m.tok1 + 1].tok1 == end - 1:
                out.append(Attachment(pid, by_start[m.tok1 + 1], "bracket", m))
    return out


def role_bracket_party(ctx: Ctx, persons: list[PersonInfo], atts: list[Attachment]) -> None:
    """A party in brackets right after a person's role: 'Tim X, MdL (FDP)', 'Tim X, Landtagsabgeordneter (SPD)'."""
    parties = ctx.cx.kind("party")
    for a in atts:
        k = a.phrase.tok1
        if ctx.word(k) == "(" and ctx.word(k + 2) == ")" and ctx.word(k + 1) in parties:
            persons[a.pid].party = persons[a.pid].party or parties[ctx.word(k + 1)]


# --- 4. rows ----------------------------------------------------------------

def person_gender(ctx: Ctx, person: PersonInfo, atts: list[Attachment]) -> str:
    g = name_gender(person.name)
    if g:
        return g
    for a in atts:
        for grp in a.phrase.groups:
            if grp.word.gender == "f":
                return "f"
    for a in atts:
        if a.how.startswith("before-name") and not a.phrase.plural:
            if a.phrase.det in ("die", "eine"):
                return "f"
            if a.phrase.det in ("der", "ein"):
                return "m"
    return ""


def role_text(group: Group, gender: str) -> tuple[str, str]:
    """(role as written in singular and the person's gender, canonical office)."""
    vocab = vocabulary()
    g = gender or group.word.gender or "m"
    mods = [inflect_modifier(m, g) for m in group.mods]
    mods_m = [inflect_modifier(m, "m") for m in group.mods]
    head = group.word.singular(g)
    head_m = group.word.singular("m")
    role = " ".join(mods + [head] + group.keep)
    canonical = group.word.canonical
    for cand in (" ".join(mods_m + [head_m] + group.keep), " ".join(mods_m + [head_m])):
        e = vocab.lookup(cand)
        if e is not None and (group.mods or group.keep):
            canonical = e.canonical
            break
    return role, canonical


def person_rows(ctx: Ctx, persons: list[PersonInfo], atts: list[Attachment]) -> list[Person]:
    rows: list[Person] = []
    ctx.claimed = [(ctx.toks[a.phrase.tok0].start, ctx.toks[a.phrase.tok1 - 1].end) for a in atts
                   if a.phrase.places and a.phrase.tok1 > a.phrase.tok0]
    links: dict[int, Link | None] = {}
    article_orgs = {org_name(o) for o in ctx.orgs}

    def link_of(m: Mention | None) -> Link | None:
        if m is None:
            return None
        if m.tok0 not in links:
            links[m.tok0] = link_after(ctx, m)
        return links[m.tok0]

    for pid, person in enumerate(persons):
        mine = [a for a in atts if a.pid == pid]
        real = [m for m in person.mentions if m.kind != "anaphor"]
        if not real or pid in ctx.rejected:
            continue
        if len(person.name.split()) < 2 and not mine and not person.title and not person.honorific:
            continue                                   # a lone word the NER called a person
        first = next((m for m in real if m.kind == "full"), real[0])
        gender = person_gender(ctx, person, mine)
        prow: list[tuple[Person, str]] = []
        for a in mine:
            link = a.link or link_of(a.mention)
            for grp in a.phrase.groups:
                role, canonical = role_text(grp, gender)
                place = a.phrase.places[0] if a.phrase.places else None
                if place is None and link is not None and link.places:
                    place = link.places[0]                 # 'Bürgermeisterin X von der Stadt Y'

                if place is None and a.phrase.det in ("deren", "dessen") and grp.word.entry.level in LEVEL_KINDS:
                    place = last_place_before(ctx, ctx.toks[a.phrase.tok0].start, LEVEL_KINDS[grp.word.entry.level])
                if place is None and (grp.word.entry.level == "district" or a.phrase.district_default):
                    place = district_default(ctx)
                if place is None and grp.word.entry.level == "municipality":
                    place = dominant_place(ctx, {"municipality", "other"})
                own = grp.orgs or a.phrase.groups[-1].orgs or a.phrase.orgs or (link.orgs if link else [])
                if a.link is not None and a.link.orgs:     # 'beim Landratsamt Y Leiterin der IT-Abteilung':
                    own = a.link.orgs                      # the unit in the role belongs to the linked org
                # 'Leiterin der IT im Bezirksamt X': an organisation of the article before a unit in the role
                own = sorted(own, key=lambda o: o not in article_orgs)
                org = (own[0] if own else "") or grp.word.entry.organization or \
                    (person.bracket_orgs[0] if person.bracket_orgs else "") or _party_org(person.party)
                if a.phrase.det in ("deren", "dessen") and not own:
                    org = last_org_before(ctx, ctx.toks[a.phrase.tok0].start) or org
                person.party = person.party or a.phrase.party
                row = Person(name=person.name, start=first.start, end=first.end, role=role,
                             role_canonical=canonical, place=place.name if place else "",
                             place_ags=place.ags if place else "", organization=org, title=person.title,
                             party=person.party, mentions=len(real))
                prow.append((row, grp.word.singular("m")))
                head = female_head(grp, gender, canonical)
                if head:                               # 'Digitalministerin' -> also 'Ministerin'
                    prow.append((dataclasses.replace(row, role=head), canonical))
        prow = merge_rows(prow)
        for r, _ in prow:
            r.party = person.party
        if not prow:                                   # no role: the organisation (and its place) a link names
            lk = next((lk for lk in map(link_of, real) if lk is not None and lk.orgs), None)
            org = (lk.orgs[0] if lk else "") or (person.bracket_orgs[0] if person.bracket_orgs else "") or \
                _party_org(person.party)
            place = lk.places[0] if lk and lk.places else None   # 'X von der Hochschule für ... Ludwigsburg'
            prow = [(Person(name=person.name, start=first.start, end=first.end, organization=org,
                            place=place.name if place else "", place_ags=place.ags if place else "",
                            title=person.title, party=person.party, mentions=len(real)), "")]
        rows.extend(r for r, _ in prow)
    return rows


def _party_org(party: str) -> str:
    """A party as the fallback organisation; 'parteilos' (the party value for none) is no organisation."""
    return "" if party.lower() == "parteilos" else party


def female_head(group: Group, gender: str, canonical: str) -> str:
    """The office of a woman's compound role in her gender ('Finanzsenatorin' -> 'Senatorin'): the
    canonical office is masculine, so without this row her role would be named only in the compound."""
    if (gender or group.word.gender) != "f" or group.word.entry.abbrev:
        return ""
    entry = vocabulary().lookup(canonical)
    if entry is None or entry.female == entry.role or entry.female.casefold() == group.word.singular("f").casefold():
        return ""
    if not (group.word.prefix or group.word.entry is not entry):
        return ""
    return entry.female


def merge_rows(prow: list[tuple[Person, str]]) -> list[tuple[Person, str]]:
    """One row per role; a bare office ('Dezernent') folds into a more specific row naming it
    ('Wirtschaftsdezernent' -> canonical 'Dezernent'), keeping place and organisation."""
    by_role: dict[str, tuple[Person, str]] = {}
    for r, masc in prow:
        k = r.role.casefold()
        if k in by_role:
            keep = by_role[k][0]
            keep.place, keep.place_ags = keep.place or r.place, keep.place_ags or r.place_ags
            keep.organization = keep.organization or r.organization
        else:
            by_role[k] = (r, masc)
    rows = list(by_role.values())
    out = []
    for r, masc in rows:
        wider = [o for o, om in rows if o is not r and o.role_canonical.casefold() == r.role.casefold()
                 and om.casefold() != masc.casefold()]
        if wider and (not r.place or any(o.place == r.place for o in wider)):
            for o in wider:
                o.organization = o.organization or r.organization
            continue
        out.append((r, masc))
    return out


def collect(article: Article) -> tuple[Ctx, list[PersonInfo], list[Person]]:
    ctx = Ctx(article)
    persons = person_mentions(ctx, per_spans(article))
    if not persons:
        return ctx, persons, []
    phrases = find_phrases(ctx)
    atts = attach(ctx, phrases)
    atts.extend(bracket_info(ctx, persons, phrases))
    role_bracket_party(ctx, persons, atts)
    return ctx, persons, person_rows(ctx, persons, atts)


# The last article's result, so the quotes extractor (run right after) need not parse it again.
_LAST: list = [None, None, None]          # [text, doc, (ctx, persons, rows)]


def _collect_cached(article: Article):
    if _LAST[0] is article.text and _LAST[1] is article.doc and _LAST[2] is not None:
        return _LAST[2]
    result = collect(article)
    _LAST[:] = [article.text, article.doc, result]
    return result


def extract(article: Article) -> list[Person]:
    # people in order of first mention (a stable sort keeps each person's roles in order), so the table does not depend on PYTHONHASHSEED
    return sorted(_collect_cached(article)[2], key=lambda p: (p.start, p.name))  # stable: roles keep their order


def speaker_mentions(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, full name) of every person mention, for the quotes extractor."""
    ctx, persons, rows = _collect_cached(article)
    kept = {r.name for r in rows}
    out = []
    for p in persons:
        if p.name not in kept:
            continue
        for m in p.mentions:
            out.append((m.start, m.end, p.name))
    return sorted(out)
