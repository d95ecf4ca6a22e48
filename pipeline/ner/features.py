"""Gazetteer features for the statistical NER: component ``egov_gazetteer_features``.

Before the shipped CNN runs, every token gets a short class string in
``token.tag_`` telling which word lists know it: ``G`` given name, ``LB``/``LI``
begin/inside of a place name, ``OB``/``OI`` begin/inside of an organisation
name, ``H`` organisation head word or legal form, ``R`` role/person-context
word, ``C`` ordinary capitalised word. The CNN embeds TAG next to NORM, PREFIX,
SUFFIX and SHAPE (scripts/train_ner.py), so it learns how far to trust the
lists. The shipped pipeline has no POS tagger; ``egov_ner_rules`` clears these
tags again after the NER so that nobody mistakes them for part-of-speech tags.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .lexicons import load, load_clusters, load_world_names, load_world_places
from .matchers import phrase_matchers

FLAG = "egov_gazetteer_tags"


class GazetteerFeatures:
    def __init__(self, nlp: Language, name: str = "egov_gazetteer_features", data_dir: str | None = None,
                 clusters: bool = True, world_places: bool = False, world_names: bool = False):
        self.name = name
        self.lex = load(data_dir)
        self._data_dir = data_dir
        self.clusters = load_clusters(data_dir) if clusters else None
        self.world = load_world_places(data_dir) if world_places else None
        self.names = load_world_names(data_dir) if world_names else None
        self._cluster_keys: dict = {}
        self._vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        self._loc = None
        self._org = None

    def _matchers(self):
        if self._loc is None:  # the same pair as egov_ner_rules', built once (pipeline/ner/matchers.py)
            self._loc, self._org = phrase_matchers(self._vocab, self._tokenizer, self.lex, self._data_dir)
        return self._loc, self._org

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        n = len(doc)
        if n == 0:
            return doc
        marks = [[] for _ in range(n)]
        loc, org = self._matchers()
        for matcher, b, i_ in ((loc, "LB", "LI"), (org, "OB", "OI")):
            for _, s, e in matcher(doc):
                if b not in marks[s]:
                    marks[s].append(b)
                for k in range(s + 1, e):
                    if i_ not in marks[k]:
                        marks[k].append(i_)
        words = [t.text for t in doc]
        if self.world:
            self._mark_world(words, marks)
        suffixes = lex.org_suffixes
        clusters = self.clusters
        keys = self._cluster_keys
        add = self._vocab.morphology.add
        names = self.names or {}
        for i, t in enumerate(doc):
            w = words[i]
            if clusters is not None:
                c = clusters.get(w, "x")
                k = keys.get(c)
                if k is None:
                    k = keys[c] = add(f"Cl={c}")
                t.set_morph(k)
            m = marks[i]
            if w in lex.given_names:
                m.append("G")
            if w in names:
                m.append(names[w])
            if w in lex.org_heads or w in lex.legal_forms or (w[:1].isupper() and w.lower().endswith(suffixes)):
                m.append("H")
            if w in lex.roles:
                m.append("R")
            if w in lex.common_caps:
                m.append("C")
            t.tag_ = "_".join(sorted(m)) if m else "-"
        doc.user_data[FLAG] = True
        return doc


    def _mark_world(self, words: list[str], marks: list) -> None:
        world = self.world
        n = len(words)
        i = 0
        while i < n:
            w = words[i]
            hit = 0
            rests = world.get(w)
            if rests:
                for rest in rests:                    # longest first; () = the word alone
                    if tuple(words[i + 1:i + 1 + len(rest)]) == rest:
                        hit = len(rest) + 1
                        break
            elif len(w) > 3 and w.endswith("s") and () in world.get(w[:-1], ()):
                hit = 1                               # genitive: 'Ottensens'
            if not hit:
                i += 1
                continue
            marks[i].append("WB")
            for j in range(i + 1, i + hit):
                marks[j].append("WI")
            i += hit


def clear_tags(doc: Doc) -> None:
    """Remove the feature strings written by ``GazetteerFeatures`` (no-op for other docs)."""
    if doc.user_data.pop(FLAG, None):
        for t in doc:
            t.tag_ = ""
            t.set_morph(None)


@Language.factory("egov_gazetteer_features",
                  default_config={"data_dir": None, "clusters": False, "world_places": False, "world_names": False})
def make_gazetteer_features(nlp: Language, name: str, data_dir: str | None, clusters: bool, world_places: bool,
                            world_names: bool):
    # defaults False: models saved before a feature existed keep their inputs
    return GazetteerFeatures(nlp, name, data_dir, clusters, world_places, world_names)
