"""Role vocabulary and German role morphology.

The taxonomy lives in ``pipeline/data/roles.csv`` (built by
``scripts/build_roles.py``): one row per office with its masculine and
feminine singular, plurals, declension class (strong | weak | adj), the
canonical office, a level (municipality | district | state | federal | any),
whether the word may end a compound, and an organisation it implies.
``roles_context.csv`` holds the other word lists the people and quotes
extractors use (role adjectives, determiners, titles, parties, speech verbs, ...).

``Vocabulary.analyse(word)`` recognises one written word as a role, whatever its
case, number and gender, also as the head of a compound:

    Stadträte                 -> Stadtrat (plural)
    Bürgermeisterin           -> Bürgermeister (feminine)
    Wirtschaftsdezernenten    -> Wirtschafts + Dezernent
    Digitalisierungsbeauftragte -> Digitalisierungs + Beauftragter
    AKDB-Pressesprecher       -> AKDB- + Pressesprecher
    Oberregierungsrätin       -> Ober + Regierungsrat (grade prefix on any role)
    Kreisbaurätin             -> Kreisbau + Rat (a grade head: no role alone, 'der Rat')

Grade prefixes (``roles_context.csv`` kind ``grade``: Ober-, Regierungs-, Kreis-,
Stadt-, Amts-, Bau-, ...) build a compound on any role, also on one that takes
no other modifier. A head marked ``compound=grade`` in roles.csv ('Rat',
'Inspektor') is a role only in such a compound or in a feminine form
('Aufsichtsrätin'): the masculine names bodies too ('Verwaltungsrat', 'IT-Planungsrat').
"""
from __future__ import annotations

import csv
import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..settings import DATA_DIR

ROLES_FILE = DATA_DIR / "roles.csv"
CONTEXT_FILE = DATA_DIR / "roles_context.csv"
GENDER_FILE = DATA_DIR / "given_name_gender.tsv"

ADJ_ENDINGS = ("er", "en", "em", "es", "e")
# A compound's modifier must be at least this long ('Wirtschafts', 'Digital');
# shorter splits ('Vor'+'sitzender', 'Be'+'rater') are not compounds.
MIN_PREFIX = 3


@dataclass(frozen=True)
class RoleEntry:
    role: str
    female: str
    plural: str
    female_plural: str
    decl: str
    canonical: str
    level: str
    compound: bool
    abbrev: bool
    organization: str
    equivalent: str
    grade_only: bool = False       # a role only after grade prefixes or in a feminine form ('Rat')

    def form(self, gender: str) -> str:
        return self.female if gender == "f" else self.role


@dataclass(frozen=True)
class RoleWord:
    """One written word (or fixed multiword title) recognised as a role."""

    text: str          # as written
    prefix: str        # compound modifier as written: 'Wirtschafts', 'AKDB-', ''
    entry: RoleEntry
    gender: str        # 'm' | 'f' | '' (form does not tell)
    number: str        # 'sg' | 'pl' | '' (form does not tell)

    def singular(self, gender: str = "") -> str:
        """The role in the nominative singular of ``gender`` (default: the written gender, else masculine)."""
        g = gender or self.gender or "m"
        if self.entry.abbrev:
            return self.text.rstrip("s") if self.number == "pl" and self.text.endswith("s") else self.text
        head = self.entry.form(g)
        if not self.prefix:
            return head
        if self.prefix.endswith("-"):
            return self.prefix + head
        return self.prefix + head[0].lower() + head[1:]

    @property
    def canonical(self) -> str:
        return self.entry.canonical


@lru_cache(maxsize=4096)
def _is_place_name(word: str) -> bool:
    """``word`` is a place of the gazetteer ('Darmstadt')."""
    from ..gazetteer import get_gazetteer
    return bool(get_gazetteer().lookup(word))


@dataclass
class Context:
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def has(self, kind: str, word: str) -> bool:
        return word in self.words.get(kind, {})

    def get(self, kind: str, word: str, default: str = "") -> str:
        """The value of ``word`` in ``kind``; a place noun may also be a compound on a ``place_noun_head``
        ('Wissenschaftsstadt' -> municipality)."""
        got = self.words.get(kind, {}).get(word)
        if got is None and kind == "place_noun" and word[:1].isupper() and word.isalpha():
            low = word.casefold()
            got = next((v for head, v in self.kind("place_noun_head").items()
                        if low.endswith(head) and len(low) >= len(head) + 4), None)
            if got is not None and _is_place_name(word):
                got = None                             # 'Darmstadt', 'Neustadt': a town, not a noun
        return default if got is None else got

    def kind(self, kind: str) -> dict[str, str]:
        return self.words.get(kind, {})


class Vocabulary:
    """All written forms of the roles in roles.csv."""

    def __init__(self, entries: list[RoleEntry], nonrole: set[str], grades: set[str] = frozenset()):
        self.entries = entries
        self.nonrole = {w.casefold() for w in nonrole}
        self.grades = {w.casefold() for w in grades}
        self.forms: dict[str, list[tuple[RoleEntry, str, str]]] = {}
        self.abbrevs: dict[str, RoleEntry] = {}
        self.fixed: dict[str, list[tuple[tuple[str, ...], RoleEntry, str]]] = {}
        self.full: dict[str, RoleEntry] = {}
        for e in entries:
            self.full.setdefault(e.role.casefold(), e)
            self.full.setdefault(e.female.casefold(), e)
            if e.abbrev:
                self.abbrevs[e.role] = e
                self.abbrevs[e.role + "s"] = e
                continue
            if " " in e.role:
                if e.role.startswith("Chief "):     # English titles: matched as fixed word sequences
                    for form, num in ((e.role, "sg"), (e.plural, "pl")):
                        words = tuple(form.casefold().split())
                        self.fixed.setdefault(words[-1], []).append((words, e, num))
                continue
            for form, g, n in _inflections(e):
                self._add(form, e, g, n)

    def _add(self, form: str, e: RoleEntry, g: str, n: str) -> None:
        lst = self.forms.setdefault(form.casefold(), [])
        if (e, g, n) not in lst:
            lst.append((e, g, n))

    def _pick(self, analyses, text: str, prefix: str) -> RoleWord:
        e = analyses[0][0]
        same = [a for a in analyses if a[0] is e]
        genders = {a[1] for a in same}
        numbers = {a[2] for a in same}
        return RoleWord(text, prefix, e, genders.pop() if len(genders) == 1 else "",
                        numbers.pop() if len(numbers) == 1 else "")

    def is_grade(self, prefix: str) -> bool:
        """The prefix is a chain of grade prefixes: 'Ober', 'Kreisober', 'Kreisbau', 'Oberregierungs'."""
        low = prefix.casefold()
        ok = [True] + [False] * len(low)              # ok[k]: low[:k] splits into grade prefixes
        for k in range(1, len(low) + 1):
            ok[k] = any(ok[j] and low[j:k] in self.grades for j in range(max(0, k - 12), k))
        return bool(low) and ok[-1]

    @staticmethod
    def _standalone(a) -> bool:
        """A form that names a role on its own ('Rätin' yes, 'Rat' no)."""
        return not a[0].grade_only or a[1] == "f"

    def analyse(self, word: str) -> RoleWord | None:
        """Recognise ``word`` as a role (exact form, abbreviation or compound head)."""
        if not word:
            return None
        if not word[0].isupper():                    # 'ekom21-Geschäftsführer', '4IT-Verbandsvorsitzende'
            prefix, _, rest = word.rpartition("-")
            if len(prefix) < 2 or not rest[:1].isupper() or not prefix.replace("-", "").isalnum():
                return None
            found = self.analyse(rest)
            return dataclasses.replace(found, text=word, prefix=prefix + "-" + found.prefix) if found else None
        if word in self.abbrevs:
            e = self.abbrevs[word]
            return RoleWord(word, "", e, "", "pl" if word != e.role else "sg")
        if "-" in word and word.rpartition("-")[2] in self.abbrevs:   # 'Sachsen-CIO', 'Landes-CIOs'
            prefix, _, rest = word.rpartition("-")
            e = self.abbrevs[rest]
            if word.casefold() in self.full:          # a listed compound ('Bundes-CIO') keeps its entry
                e = self.full[word.casefold()]
                return RoleWord(word, "", e, "", "sg")
            return RoleWord(word, prefix + "-", e, "", "pl" if rest != e.role else "sg")
        low = word.casefold()
        if any(nr in low for nr in self.nonrole):
            return None
        if low in self.forms:
            cands = [a for a in self.forms[low] if not a[0].grade_only]
            if cands:
                return self._pick(cands, word, "")
        # compound: the longest known role the word ends with; after grade prefixes any role
        # ('Oberregierungsrätin', 'Oberkreisdirektor'), otherwise a head that may end a compound
        for k in range(MIN_PREFIX, len(word) - 2):
            prefix, rest = word[:k], low[k:]
            if rest not in self.forms:
                continue
            hyphen = prefix.endswith("-")
            graded = prefix[-1].isalpha() and self.is_grade(prefix)
            cands = [a for a in self.forms[rest]
                     if graded or (hyphen or a[0].compound) and self._standalone(a)]
            if cands and prefix[-1].isalpha() or cands and hyphen:
                return self._pick(cands, word, prefix)
        if "-" in word:                              # 'AKDB-Pressesprecher' with a short prefix
            prefix, _, rest = word.rpartition("-")
            cands = [a for a in self.forms.get(rest.casefold(), []) if self._standalone(a)]
            if cands and prefix:
                return self._pick(cands, word, prefix + "-")
        return None

    def analyse_fixed(self, words: list[str], i: int) -> tuple[RoleWord, int] | None:
        """A fixed multiword title ending at ``words[i]`` ('Chief Digital Officer'): (role, first index)."""
        for seq, e, num in self.fixed.get(words[i].casefold(), []):
            n = len(seq)
            if i - n + 1 >= 0 and tuple(w.casefold() for w in words[i - n + 1:i + 1]) == seq:
                return RoleWord(" ".join(words[i - n + 1:i + 1]), "", e, "", num), i - n + 1
        return None

    def lookup(self, text: str) -> RoleEntry | None:
        """The entry named exactly ``text`` (masculine or feminine form, any case)."""
        return self.full.get(re.sub(r"\s+", " ", text).strip().casefold())


def _inflections(e: RoleEntry):
    """(form, gender, number) of every case form of a single-word role."""
    m, f = e.role, e.female
    if e.decl == "adj":
        stem = m[:-2]                                 # Vorsitzend|er
        yield stem + "er", "m", "sg"
        yield stem + "em", "m", "sg"
        yield stem + "e", "", ""                      # die Vorsitzende / der Vorsitzende / Vorsitzende (pl)
        yield stem + "en", "", ""
        if f != stem + "e":
            yield f, "f", "sg"
        return
    if e.decl == "weak":
        yield m, "m", "sg"
        yield m + ("n" if m.endswith("e") else "en"), "", ""
    else:
        yield m, "m", "sg" if e.plural != m else ""
        if not m.endswith("s"):
            yield m + "s", "m", "sg"
            yield m + "es", "m", "sg"
    if e.plural and e.plural != m:
        yield e.plural, "", "pl"
        if not e.plural.endswith(("n", "s")):
            yield e.plural + "n", "", "pl"           # dative plural: den Stadträten
    elif e.plural == m and not m.endswith(("n", "s")):
        yield m + "n", "", "pl"                       # den Bürgermeistern
    if f and f != m:
        yield f, "f", "sg"
    if e.female_plural and e.female_plural != f:
        yield e.female_plural, "f", "pl"


@lru_cache(maxsize=1)
def context() -> Context:
    ctx = Context()
    with open(CONTEXT_FILE, encoding="utf-8") as fh:
        for r in csv.DictReader(line for line in fh if not line.startswith("#")):
            ctx.words.setdefault(r["kind"], {})[r["word"]] = r["value"] or ""
    return ctx


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    entries = []
    with open(ROLES_FILE, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            entries.append(RoleEntry(
                role=r["role"], female=r["female"] or r["role"], plural=r["plural"],
                female_plural=r["female_plural"], decl=r["decl"] or "strong",
                canonical=r["canonical"] or r["role"], level=r["level"] or "any",
                compound=r["compound"] in ("1", "grade"), abbrev=r["abbrev"] == "1",
                organization=r["organization"], equivalent=r["equivalent"],
                grade_only=r["compound"] == "grade"))
    return Vocabulary(entries, set(context().kind("nonrole")), set(context().kind("grade")))


@lru_cache(maxsize=1)
def given_name_gender() -> dict[str, str]:
    out: dict[str, str] = {}
    if GENDER_FILE.exists():
        with open(GENDER_FILE, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or "\t" not in line:
                    continue
                name, g = line.rstrip("\n").split("\t")[:2]
                out[name] = g
    return out


def name_gender(full_name: str) -> str:
    """'m' / 'f' from the first given name that the table knows, else ''."""
    table = given_name_gender()
    for part in full_name.split()[:-1]:
        for piece in part.split("-"):
            if piece in table:
                return table[piece]
    return ""


# --- role adjectives -------------------------------------------------------

def adjective_stem(word: str) -> str:
    low = word.casefold()
    for end in ADJ_ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 2:
            return low[:-len(end)]
    return low


def is_modifier(word: str) -> bool:
    """A role adjective kept in the role: 'Erster', 'stellvertretende', 'akademischer'."""
    if re.fullmatch(r"\d{1,2}\.", word):
        return True
    return adjective_stem(word) in context().kind("modifier")


def is_skip_adjective(word: str) -> bool:
    """An adjective/numeral allowed inside a role phrase but not kept: 'zuständigen', 'beiden'."""
    low = word.casefold()
    return low in context().kind("skip") or adjective_stem(word) in context().kind("skip")


def inflect_modifier(word: str, gender: str) -> str:
    """'Ersten' -> 'Erster' (m) / 'Erste' (f): nominative singular without article."""
    if re.fullmatch(r"\d{1,2}\.", word):
        return word
    stem = word[:len(adjective_stem(word))]
    return stem + ("e" if gender == "f" else "er")


def role_head(role: str) -> str:
    """The office word of a role string: the last word before a complement or comma."""
    links = context().kind("link")
    words = []
    for w in role.replace(",", " , ").split():
        if w == "," or (words and (w in links or w == "und")):
            break
        words.append(w)
    return words[-1] if words else ""
