"""The token view every step reads: ``Scan(text)`` tokenises the article text
once and answers questions about token positions (is a place here, how long is
the hyphen compound, is this capitalised, ...).

Takes the article text; gives ``words``/``toks`` (start, end, word) and the
position predicates the steps share. It never changes after construction.
"""
from __future__ import annotations

from ...gazetteer import get_gazetteer, tokenize
from .lexicon import ADJ, GENERIC, lexicon
from .words import _not_a_district, _place_nouns


class Scan:
    """Tokens of one text plus the lexicon, the gazetteer and the place nouns."""

    def __init__(self, text: str):
        self.text = text
        self.lx = lexicon()
        self.gz = get_gazetteer()
        self.place_nouns = _place_nouns()
        self.toks = tokenize(text)
        self.words = [t for _, _, t in self.toks]
        self.n = len(self.toks)

    def glued(self, a: int, b: int) -> bool:
        """Token a ends where token b starts (no space between)."""
        n, toks = self.n, self.toks
        return 0 <= a < n and 0 <= b < n and toks[a][1] == toks[b][0]

    def is_place(self, i: int) -> int:
        """Length of a place name starting at token i (0 when none)."""
        n, words, gz = self.n, self.words, self.gz
        if i >= n or not words[i][:1].isupper():
            return 0
        for k in range(min(gz.max_len.get(words[i], 0), n - i), 0, -1):
            if gz.lookup(tuple(words[i:i + k])):
                return k
        return 0

    def cap(self, i: int) -> bool:
        """Token i exists and starts with a capital letter."""
        return i < self.n and self.words[i][:1].isupper() and self.words[i][:1].isalpha()

    def state_at(self, i: int) -> int:
        """Length of the name of a Land starting at token i (0 when none)."""
        k = self.is_place(i)
        return k if k and any(h.entry.kind == "state" for h in self.gz.lookup(tuple(self.words[i:i + k]))) else 0

    def town_at(self, i: int) -> int:
        """Length of a municipality's name starting at token i that is no ordinary word (0 when none):
        the seat a name ends with after its 'für' complement ('Hochschule für Verwaltung und Finanzen
        Ludwigsburg'). Names of risk 'high'/'medium' in ``places_risk.csv`` ('Essen', 'Halle') are left
        out; a hyphen compound going on after the name ('Ludwigsburg-Land') is no match."""
        k = self.is_place(i)
        words, gz = self.words, self.gz
        if not k or self.compound_end(i + k - 1) > i + k or gz.risk_of(tuple(words[i:i + k])) in ("high", "medium"):
            return 0
        hits = gz.lookup(tuple(words[i:i + k]))
        return k if any(h.entry.kind == "municipality" and h.how != "district" for h in hits) else 0

    def attributive(self, i: int) -> bool:
        """A capitalised adjective with an attributive ending ('Digitale', 'Ländlichen'); not a
        nominalised one ('Digitales', 'Inneres'), which is a complement item of its own."""
        return bool(ADJ.match(self.words[i])) and not self.words[i].endswith("es")

    def compound_end(self, i: int) -> int:
        """Index after a hyphen compound starting at i ('IT-Verbund' = 3 tokens)."""
        words, n = self.words, self.n
        j = i + 1
        while j + 1 < n and words[j] == "-" and self.glued(j - 1, j) and self.glued(j, j + 1) \
                and words[j + 1][:1].isalnum():
            j += 2
        return j

    def hyphen_glued(self, i: int, k: int) -> bool:
        """Tokens i..i+k-1 are glued by a hyphen to the word after or before ('AKDB-Pressesprecher')."""
        words, n = self.words, self.n
        return (i + k < n and words[i + k] == "-" and self.glued(i + k - 1, i + k)) or \
            (i > 0 and words[i - 1] == "-" and self.glued(i - 1, i))

    def district_name(self, j: int) -> bool:
        """A city district's name after a district head ('Mitte', 'Friedrichshain-Kreuzberg', 'Hamburg-Nord'):
        districts are not in the municipality directory, so any capitalised word that is no generic noun,
        given name, role word, weekday or month (``organisations_heads.csv`` kind 'district')."""
        w = self.words[j]
        return self.cap(j) and w not in GENERIC and w not in self.gz.given_names and not _not_a_district(w)

    def official(self, a: int, b: int) -> str:
        """The place's name when the form names one ('Hansestadt Hamburg' -> 'Hamburg'), else as written."""
        names = {h.entry.name for h in self.gz.lookup(tuple(self.words[a:b]))}
        return names.pop() if len(names) == 1 else " ".join(self.words[a:b])
