"""The one-pass topic and service matchers give what the per-pattern scans they replaced gave.

The reference implementations below are the scans as they were before (one
``find_matches`` per pattern or alias, and the alias + action compound test
against every token); the fast paths must return equal results on every sample
document, on invented sentences that exercise each pattern kind, and on the
development corpus when it is present.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import ingest
from pipeline.errors import EgovError
from pipeline.extract import services, topics
from pipeline.extract.services import load_services
from pipeline.extract.topics import WEAK_WEIGHT, find_topics, load_taxonomy, score_topic
from pipeline.text import (INFLECTION_ENDINGS, PatternSet, compile_pattern, doc_lemmas, find_matches, token_blob,
                           word_tokens)
from pipeline.model import Service

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def topics_scan(text, lemmas=None):
    toks = word_tokens(text, lemmas)
    blob = token_blob(toks)
    out = [t for t in (score_topic(d, toks, text, blob) for d in load_taxonomy()) if t]
    return sorted(out, key=lambda t: -t.mentions)


def _compound_hits(al, toks):
    out = []
    for i, t in enumerate(toks):
        for f in t.forms:
            if len(f) > len(al.folded) and f.startswith(al.folded):
                rest = f[len(al.folded):]
                if any(r.startswith(a) and r[len(a):] in INFLECTION_ENDINGS
                       for r in services.strip_linking(rest) for a in services._actions()):
                    out.append((i, i + 1))
                    break
    return out


def services_scan(text, lemmas=None):
    rows, aliases = load_services()
    toks = word_tokens(text, lemmas)
    blob = token_blob(toks)
    hits = []
    for al in aliases:
        if al.folded[:5] not in blob.folded and al.text[:5] not in blob.raw:
            continue
        spans = find_matches(al.pattern, toks, blob)
        if al.compound:
            spans += _compound_hits(al, toks)
        hits += [(i, j, al) for i, j in spans]
    hits.sort(key=lambda h: (-len(h[2].folded), h[0]))
    taken, by_id = [], {}
    for i, j, al in hits:
        if any(i < e and s < j for s, e in taken):
            continue
        taken.append((i, j))
        r = rows[al.ozg_id]
        svc = by_id.setdefault(al.ozg_id, Service(ozg_id=al.ozg_id, leistung=r["leistung"], themenfeld=r["themenfeld"]))
        svc.mentions += 1
        surface = text[toks[i].start:toks[j - 1].end]
        if surface not in svc.evidence:
            svc.evidence.append(surface)
    return sorted(by_id.values(), key=lambda s: (-s.mentions, s.ozg_id))


SENTENCES = [
    "Die OZG-Umsetzung stockt. Das Onlinezugangsgesetz verlangt mehr, sagt die OZG-Beauftragte.",
    "Die Kooperationsvereinbarung mit dem IT-Verbund und der KI-Strategie; der Portalverbund wächst.",
    "Elterngeldantrag, Elterngeld-Antrag und Elterngeldstelle; die Kraftfahrzeugzulassungsstelle öffnet.",
    "Bauanträge und der Bauantrag online, die Grundsteuererklärung, BAföG und Wohngeld beantragen.",
    "Hunde anmelden, einen Hund anmelden; Anmeldung des Wohnsitzes; Ummeldung des Wohnsitzes.",
    "Die E-Rechnung ist Pflicht, auch die XRechnung. Die E-Akte und eAkte kommen; Cloud-Lösungen.",
    "Zwei Rechenzentren schließen. Der Breitbandausbau und Glasfaser-Netze in der Smart City.",
    "", "...", "KI", "Gesetzes- und Verordnungsentwürfe der Bund-Länder-Gremien.",
]


def _texts():
    docs = [d.text for d in ingest.iter_documents([ROOT / "data" / "raw"]) if not isinstance(d, EgovError)]
    if DEV.is_dir():
        docs += [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    return SENTENCES + docs


@pytest.mark.parametrize("i", range(len(_texts())))
def test_fast_matchers_equal_scans(i):
    text = _texts()[i]
    assert find_topics(text) == topics_scan(text)
    assert services.find_services(text) == services_scan(text)


def test_shared_tokens_and_lemmas():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Zwei", "Rechenzentren", "und", "Bauanträge", "schließen"]
    doc = Doc(Vocab(), words=words, lemmas=["zwei", "Rechenzentrum", "und", "Bauantrag", "schließen"])
    lemmas = doc_lemmas(doc)
    assert lemmas == {0: "zwei", 5: "Rechenzentrum", 23: "Bauantrag"}
    assert doc_lemmas(Doc(Vocab(), words=words)) is None
    text = doc.text
    toks = word_tokens(text, lemmas)
    assert find_topics(text, toks=toks) == find_topics(text, lemmas=lemmas) == topics_scan(text, lemmas)
    assert services.find_services(text, toks=toks) == services_scan(text, lemmas)


def test_word_tokens_clauses_and_memo():
    text = "Ein Satz; noch einer.\nDritter Teil: vier. Fünf"
    toks = word_tokens(text)
    # several breaks between two words ('.' and a newline) start one new clause
    assert [t.clause for t in toks] == [0, 0, 1, 1, 2, 2, 3, 4]
    again = word_tokens(text)  # memoised forms give equal tokens
    assert again == toks


def test_pattern_set_equals_find_matches():
    pats = [compile_pattern(p) for p in ("kooperation*", "*verbund", "=KI", "=ki", "die ~2 mit", "*akte*",
                                          "=IT*", "gesetz", "bauantrag", "mit")]
    toks = word_tokens("Die Kooperationsvereinbarung mit dem IT-Verbund und der KI-Strategie; "
                       "die E-Akte mit Gesetzes- und Bauanträgen, mit mit.")
    got = PatternSet(pats).matches(toks)
    for k, p in enumerate(pats):
        assert got.get(k, []) == find_matches(p, toks) == find_matches(p, toks, token_blob(toks))


def test_memos_stay_bounded(monkeypatch):
    from pipeline.text import tokens as text  # the module that holds the memos and their limit

    monkeypatch.setattr(text, "MEMO_MAX", 50)
    monkeypatch.setattr(services, "MEMO_MAX", 50)
    words = " ".join(f"Wort{i}verwaltung" for i in range(400))
    toks = word_tokens(words)
    assert len(toks) == 400 and toks[7].norm == "wort7verwaltung"
    find_topics(words, toks=toks)
    services.find_services(words, toks=toks)
    assert len(text._WORD_FORMS) <= 50
    pset = topics._plan(load_taxonomy())[1]
    assert len(pset._memo) <= 50 and len(services._matcher().memo) <= 50
    again = word_tokens(words)  # results do not depend on what the memos hold
    assert again == toks
