"""GermEval TSV scoring and the `egovnews ner-eval` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.ner_eval import evaluate, normalise_tags, read_germeval, score, spans_from_tags

FIX = Path(__file__).parent / "fixtures" / "ner" / "mini_germeval.tsv"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "germeval2014-test.tsv"


def test_normalise_tags():
    raw = ["B-PER", "I-PER", "B-LOCderiv", "B-OTH", "I-OTH", "I-ORG", "B-PEr", "B-ORGpart", "O", "???"]
    assert normalise_tags(raw) == ["B-PER", "I-PER", "O", "O", "O", "B-ORG", "B-PER", "O", "O", "O"]


def test_read_and_spans():
    sents = list(read_germeval(FIX))
    assert len(sents) == 6
    words, tags = sents[4]
    assert words[0] == "Jan" and spans_from_tags(tags) == {(0, 3, "PER")}   # LOCderiv and OTH are outside


def test_score_arithmetic():
    gold = {(0, 2, "PER"), (3, 4, "LOC")}
    pred = {(0, 2, "PER"), (3, 4, "ORG")}
    r = score([(gold, pred)])
    assert r["per"]["f1"] == 1.0 and r["loc"]["r"] == 0.0 and r["org"]["p"] == 0.0
    assert r["micro"]["p"] == 0.5 and r["micro"]["r"] == 0.5


def test_evaluate_rules_on_fixture():
    from pipeline.nlp import load_nlp

    r = evaluate(load_nlp("egovnews-rules")[0], FIX)
    assert r["sentences"] == 6
    assert r["per"]["f1"] >= 0.99       # three invented full names, all found by the name rules
    assert 0.0 <= r["micro"]["f1"] <= 1.0


def test_cli_json_last_line():
    res = CliRunner().invoke(main, ["ner-eval", str(FIX), "--json", "--model", "egovnews-rules"])
    assert res.exit_code == 0, res.output
    last = json.loads(res.output.strip().splitlines()[-1])
    assert set(last) == {"per", "loc", "org", "micro"}
    assert set(last["micro"]) == {"p", "r", "f1"}
    assert "PER" in res.output


def test_cli_unknown_model():
    res = CliRunner().invoke(main, ["ner-eval", str(FIX), "--model", "no_such_pipeline_xyz"])
    assert res.exit_code == 2


@pytest.mark.skipif(not SHARED.exists(), reason="shared GermEval data not present")
def test_shipped_pipeline_on_germeval_sample():
    from pipeline.nlp import load_nlp

    r = evaluate(load_nlp("egovnews")[0], SHARED, limit=300)
    assert r["micro"]["f1"] > 0.5       # a sanity floor, far below the measured figure
