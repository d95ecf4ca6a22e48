"""The project's entity rule layer: a spaCy component ``egov_ner_rules``.

It runs after a statistical NER (the shipped CNN or ``de_core_news_*``'s ner)
or alone, and writes the combined result to ``doc.ents``. How the layers are
combined (measured on GermEval cross-validation, see scripts/train_ner.py):

1. rule spans are collected: full person names (given name + surname),
   organisation patterns and the organisation lexicon, person names after a
   role word; street names and numbered roads ('Bayreuther Straße', 'A 45'); the
   place gazetteer;
2. spans are chosen greedily by priority (full names > organisation rules >
   role-word names > model entities > place gazetteer), longer first; a
   model entity that strictly contains a rule span of the same label wins
   (the model saw 'Deutscher Bundestag' where the lexicon knows 'Bundestag');
   the gazetteer only fills gaps;
3. model entities are cleaned: a PER that starts with role words or titles is
   trimmed ('Bürgermeister Frank Schroft' -> 'Frank Schroft'), one-word
   entities that are German function words are dropped, and so is a one-word
   ORG that only designates a body by its function ('Bundesregierung',
   ner_generic_bodies.txt; GermEval's NoSta-D convention), and an ORG whose
   last word names a law, document or product ('Bauordnung', '...konto';
   ner_non_org_heads.txt; NoSta-D: OTH);
4. document-level propagation: acronyms defined in the text ('... (NKR)')
   get the long form's label wherever they occur, and the surname of a full
   name found in the document marks its later mentions as PER ('Goebel').

Rule entities carry ``ent_id_`` 'rule:<layer>' so that ``Span.source`` can say
'rule'; model entities keep an empty id.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import orgs, persons, streets
from .features import clear_tags, make_gazetteer_features  # noqa: F401  (registers the factory)
from .lexicons import Lexicons, load
from .matchers import phrase_matchers

ALL_LAYERS = ("per", "org", "loc", "acronym", "propagate", "clean")
# priorities: lower wins
P_CLUB, P_FULLNAME, P_ORG, P_CONTEXT, P_MODEL, P_LOC = -1, 0, 1, 2, 3, 4
_TITLES = {"Dr.", "Prof.", "Dipl.-Ing.", "Ing.", "h.c.", "med.", "rer.", "nat.", "phil.", "jur.", "Herr", "Frau", "Herrn"}
_SENT_END = {".", "!", "?", ":", "„", "“", '"', "«", "»"}
_INNER_CAPS = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ]")   # two capitals after the first
_PREPS = {"per", "pro", "via", "laut", "gemäß", "samt", "nebst", "ab", "bis", "für", "mit", "von", "bei", "nach"}
_NOUN_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen", "ität",
                  "itäten", "ismus", "nisse", "nissen")
# Compound heads that end names as well as nouns ('Hoffmann', 'Goldschmidt', 'Rosenberg', 'Neustadt')
_NAME_HEADS = {"Mann", "Männer", "Berg", "Burg", "Dorf", "Stadt", "Feld", "Bach", "Heim", "Hausen", "Hof", "Wald",
               "Thal", "Tal", "Brück", "Brücke", "Furt", "Au", "See", "Land", "Stein", "Haus", "Schmidt", "Meier",
               "Meyer", "Müller", "Schneider", "Macher", "Graf", "Sohn", "Kirchen", "Kirche", "Insel", "Hafen", "Ufer",
               "Ring", "Platz", "Straße", "Markt", "Mühle", "Brunn", "Brunnen", "Born", "Hagen", "Horst", "Holz", "Busch"}
# A municipality smaller than this is read as a place at the start of a sentence
# only when the model says so (small places share names with words: 'Springe', 'Ohne').
# Set by judgment: on the GermEval rule-development slice any value from 5,000 to
# 50,000 scores the same (micro F1 0.6168 with the model).
SMALL_PLACE = 10_000


class EntityRules:
    def __init__(self, nlp: Language, name: str = "egov_ner_rules", layers=ALL_LAYERS, data_dir: str | None = None):
        self.name = name
        self.layers = set(layers)
        self.lex: Lexicons = load(data_dir)
        self._data_dir = data_dir
        self._loc_matcher = None
        self._org_matcher = None
        self._vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer

    # -- lexicon matchers (built on first use, shared with egov_gazetteer_features) --
    def _matchers(self):
        if self._loc_matcher is None:
            self._loc_matcher, self._org_matcher = phrase_matchers(self._vocab, self._tokenizer, self.lex,
                                                                   self._data_dir)
        return self._loc_matcher, self._org_matcher

    def __call__(self, doc: Doc) -> Doc:
        clear_tags(doc)
        if len(doc) == 0:
            return doc
        lex = self.lex
        words = [t.text for t in doc]
        n = len(words)
        cands: list[tuple[int, int, int, str, str]] = []   # (priority, start, end, label, source)

        model = [(e.start, e.end, e.label_) for e in doc.ents]
        if "clean" in self.layers:
            model = self._clean_model(words, model)
        for s, e, lb in model:
            cands.append((P_MODEL, s, e, lb, ""))

        if "per" in self.layers:
            full = persons.full_names(words, lex)
            for s, e in full:
                cands.append((P_FULLNAME, s, e, "PER", "rule:per"))
            taken = {i for s, e in full for i in range(s, e)}
            for s, e in persons.context_names(words, lex, taken):
                cands.append((P_CONTEXT, s, e, "PER", "rule:per-context"))
            for s, e in persons.speaker_names(words, lex, taken):
                cands.append((P_CONTEXT, s, e, "PER", "rule:per-speaker"))
            for s, e in persons.lone_given_names(words, lex, taken):
                cands.append((P_LOC, s, e, "PER", "rule:per-given"))
        loc_matcher, org_matcher = self._matchers() if ("loc" in self.layers or "org" in self.layers) else (None, None)
        if "org" in self.layers:
            for s, e in orgs.pattern_orgs(words, lex):
                cands.append((P_ORG, s, e, "ORG", "rule:org-pattern"))
            for s, e in orgs.legal_form_orgs(words, lex):
                cands.append((P_ORG, s, e, "ORG", "rule:org-legal"))
            for s, e in orgs.club_orgs(words, lex):
                cands.append((P_CLUB, s, e, "ORG", "rule:org-club"))
            for _, s, e in org_matcher(doc):
                cands.append((P_ORG, s, e, "ORG", "rule:org-lexicon"))
        if "loc" in self.layers:
            for s, e in streets.street_names(words, lex):
                cands.append((P_CONTEXT, s, e, "LOC", "rule:loc-street"))
            for _, s, e in loc_matcher(doc):
                if self._loc_ok(doc, words, s, e):
                    cands.append((P_LOC, s, e, "LOC", "rule:loc-gazetteer"))

        chosen = self._choose(cands, model, n)
        if "acronym" in self.layers:
            chosen = self._acronyms(words, chosen)
        if "propagate" in self.layers:
            chosen = self._propagate(words, chosen)
        doc.ents = [Span(doc, s, e, label=lb, span_id=src) for s, e, lb, src in sorted(chosen)]
        return doc

    # -- steps -----------------------------------------------------------------
    def _clean_model(self, words, model):
        out = []
        lex = self.lex
        for s, e, lb in model:
            if lb == "PER":
                s0 = s
                # role words, titles and lower-case words ('per Smartphone') are no part of a name
                while s < e - 1 and (words[s] in lex.roles or words[s] in _TITLES or words[s].lower() in _PREPS
                                     or (words[s][:1].islower() and words[s] not in persons.PARTICLES)):
                    s += 1
                if words[s][:1].islower() or (words[s] in lex.common_words and words[s] not in lex.given_names):
                    continue                            # lower-case start, or 'Smart City'
                if s > s0 and e - s == 1 and words[s0].lower() in _PREPS | lex.stop_words:
                    continue                            # 'Per Smartphone' -> no name left
            if lb == "PER" and (words[e - 1].endswith("-") or any(
                    words[k] in lex.org_heads or words[k].lower().endswith(lex.org_suffixes) for k in range(s, e))):
                continue                                # 'Scan- und ...', 'Einwohnermeldeamt'
            if lb == "PER" and all(persons._INITIAL.match(words[k]) or words[k].endswith(".") for k in range(s, e)):
                continue                                # 'N.', 'V. m.': initials and abbreviations alone
            if lb == "PER" and any(_INNER_CAPS.search(words[k]) or words[k].lower().endswith("amt")
                                   for k in range(s, e)):
                continue                                # 'BStBl', 'RdNr', 'Markenamt': no part of a name
            if lb == "ORG" and words[e - 1].lower().endswith(lex.non_org_endings) and not (
                    e - s == 1 and words[s] in lex.org):
                continue                                # 'Bayerische Bauordnung': a law (OTH), no organisation
            if e - s == 1:
                w = words[s]
                if w.lower() in lex.stop_words or not any(c.isalpha() for c in w):
                    continue
                if w.endswith(".") and len(w) <= 6 and w not in lex.org and w not in lex.loc:
                    continue                            # abbreviations: 'Rn.', 'Art.', 'Abs.'
                if lb in ("PER", "LOC") and self._common_noun(w):
                    continue
                if lb == "ORG" and (w in lex.common_caps or w in lex.roles or w in lex.generic_bodies):
                    continue                            # 'Bundesregierung': no name (NoSta-D)
                place = w in lex.loc or (w.endswith("s") and w[:-1] in lex.loc)
                if lb == "PER" and place and w not in lex.given_names and not (s and words[s - 1] in lex.given_names):
                    lb = "LOC"                          # 'Kitzbühel', 'Wolfsburgs': places the model took for people
            out.append((s, e, lb))
        return out

    def _common_noun(self, w: str) -> bool:
        """A one-word PER/LOC of the model that is an ordinary noun: in the list of ordinary
        capitalised words, with a typical abstract-noun ending ('Ausgliederung'), or (for
        words no list knows) a compound ending in an ordinary noun ('Exportgeschäft')."""
        lex = self.lex
        if w in lex.common_caps or w in lex.roles:
            return True
        low = w.lower()
        if low.endswith(_NOUN_SUFFIXES) and w not in lex.given_names:
            return True
        if w in lex.loc or w in lex.given_names or w in lex.org or "-" in w:
            return False
        for k in range(3, len(w) - 3):
            head = w[k].upper() + w[k + 1:]
            if len(head) < 4 or head in _NAME_HEADS or not (
                    head in lex.common_caps or head in lex.roles or (head in lex.common_nouns and k >= 4)):
                continue
            # a four-letter head needs a noun before it ('Eltern|geld', 'Erscheinungs|bild'),
            # otherwise names split by chance ('Baer|bock', 'Steinm|eier')
            if len(head) >= 5 or self._noun_stem(w[:k]):
                return True                             # 'Exportgeschäft', 'Kooperationspartner'
        return False

    def _noun_stem(self, p: str) -> bool:
        lex = self.lex
        for link in ("", "s", "n", "e", "en", "er", "es", "ns"):   # 'Erscheinung|s', 'Familie|n', 'Kind|er'
            if link and not p.endswith(link):
                continue
            stem = p[:len(p) - len(link)]
            if len(stem) >= 3 and (stem in lex.common_nouns or stem in lex.common_caps):
                return True
        return False

    def _loc_ok(self, doc, words, s, e) -> bool:
        name = " ".join(words[s:e])
        kind, pop = self.lex.loc.get(name, (None, 0))
        if kind is None and name.endswith("s"):
            kind, pop = self.lex.loc.get(name[:-1], ("municipality", 0))
        if kind == "municipality" and pop < SMALL_PLACE:
            if s == 0 or words[s - 1] in _SENT_END:
                return False
            if words[s - 1].lower() in persons.DETERMINERS:   # 'auf der Lippe', 'in welchem Winkel'
                return False
            if name in self.lex.common_caps:
                return False
        return True

    @staticmethod
    def _choose(cands, model, n):
        # a model entity strictly containing a same-label rule span wins over it
        # ... and a gazetteer span strictly containing a same-label model entity wins over
        # it ('Landkreis Kulmbach' where the model saw 'Kulmbach')
        model_at = {}                          # token -> the (non-overlapping) model entity on it
        for m in model:
            for i in range(m[0], m[1]):
                model_at[i] = m
        kept = []
        for c in cands:
            p, s, e, lb, src = c
            if p > P_FULLNAME and p != P_MODEL:
                m = model_at.get(s)
                if m and m[0] <= s and e <= m[1] and (m[1] - m[0]) > (e - s) and m[2] == lb:
                    continue
                if p > P_MODEL and any((m := model_at.get(i)) and s <= m[0] and m[1] <= e
                                       and (e - s) > (m[1] - m[0]) and m[2] == lb for i in range(s, e)):
                    c = (P_MODEL - 0.5, s, e, lb, src)
            kept.append(c)
        kept.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
        used = bytearray(n)
        chosen = []
        for p, s, e, lb, src in kept:
            if any(used[s:e]):                 # overlaps a span of higher priority (or longer)
                continue
            for i in range(s, e):
                used[i] = 1
            chosen.append((s, e, lb, src))
        return chosen

    def _acronyms(self, words, chosen):
        # 'Onlinezugangsgesetz (OZG)': an acronym of a law or programme is no entity anywhere
        not_ents = orgs.non_entity_acronyms(words)
        if not_ents:
            chosen = [c for c in chosen if not (c[1] - c[0] == 1 and words[c[0]] in not_ents and not c[3])]
        defs = orgs.acronym_definitions(words, self.lex, [(s, e, lb) for s, e, lb, _ in chosen])
        if not defs:
            return chosen
        acr_label = {}
        extra = []
        used = bytearray(len(words))
        for s, e, _, _ in chosen:
            used[s:e] = b"\x01" * (e - s)
        for ls, le, a_s, a_e, lb in defs:
            acr_label[words[a_s]] = lb
            if not any(used[ls:le]):
                extra.append((ls, le, lb, "rule:acronym-long"))
                used[ls:le] = b"\x01" * (le - ls)
        chosen = chosen + extra
        return self._relabel_tokens(words, chosen, acr_label, "rule:acronym")

    def _propagate(self, words, chosen):
        surnames = {}
        for s, e, lb, _ in chosen:
            # only names that start with a known given name or an initial ('Lutz Goebel', 'K. Vitt')
            if lb == "PER" and e - s >= 2 and (persons.is_given(words[s], self.lex) or persons._INITIAL.match(words[s])):
                last = words[e - 1]
                if persons.is_surname(last, self.lex):
                    surnames[last] = "PER"
                    if not last.endswith("s"):
                        surnames[last + "s"] = "PER"
        if not surnames:
            return chosen
        return self._relabel_tokens(words, chosen, surnames, "rule:per-propagated")

    @staticmethod
    def _relabel_tokens(words, chosen, table, src):
        """Label every single-token occurrence of a word in ``table``; single-token
        entities with another label are relabelled, longer entities are left alone."""
        by_tok = {}
        for idx, (s, e, lb, _) in enumerate(chosen):
            for i in range(s, e):
                by_tok[i] = idx
        out = list(chosen)
        drop = set()
        for i, w in enumerate(words):
            lb = table.get(w)
            if lb is None:
                continue
            idx = by_tok.get(i)
            if idx is None:
                out.append((i, i + 1, lb, src))
            else:
                s, e, olb, _ = chosen[idx]
                if e - s == 1 and olb != lb:
                    drop.add(idx)
                    out.append((i, i + 1, lb, src))
        return [c for k, c in enumerate(out) if k not in drop]


@Language.factory("egov_ner_rules", default_config={"layers": list(ALL_LAYERS), "data_dir": None})
def make_entity_rules(nlp: Language, name: str, layers: list, data_dir: str | None):
    return EntityRules(nlp, name, layers, data_dir)
