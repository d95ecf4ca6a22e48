"""Evaluate entity recognition on GermEval 2014 TSV files.

The file holds pre-tokenised sentences (``index<TAB>token<TAB>outer<TAB>inner``,
``#`` comment lines, blank line between sentences). Only the outer layer is
scored; PER, LOC and ORG count, while OTH and every ``-deriv``/``-part`` tag
count as outside. A predicted entity is right when its token span and label
equal a gold entity (CoNLL exact match); scores are per type and micro-averaged.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

LABELS = ("PER", "LOC", "ORG")
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "'", "%"}


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Map raw outer tags to clean IOB over PER/LOC/ORG (everything else -> O).

    ``B-LOCderiv``/``B-LOC-deriv``/``-part``/``OTH`` become O; case slips
    (``B-PEr``) are repaired; an ``I-X`` that does not continue an X becomes ``B-X``.
    """
    out: list[str] = []
    prev = "O"
    for raw in tags:
        t = raw.strip()
        tag = "O"
        if len(t) > 2 and t[1] == "-" and t[0].upper() in "BI":
            typ = t[2:].upper()
            if typ in LABELS:
                tag = f"{t[0].upper()}-{typ}"
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_germeval(path: str | Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (words, outer IOB tags) per sentence, tags normalised by ``normalise_tags``."""
    words: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield words, normalise_tags(tags)
                words, tags = [], []
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            words.append(cols[1])
            tags.append(cols[2])
    if words:
        yield words, normalise_tags(tags)


def spans_from_tags(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB tags -> {(start, end, label)} token spans (end exclusive)."""
    spans = set()
    start, label = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == label):
            spans.add((start, i, label))
            start, label = None, None
        if t.startswith("B-"):
            start, label = i, t[2:]
    return spans


def make_doc(vocab, words: list[str]) -> Doc:
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces)


def score(pairs: Iterable[tuple[set, set]]) -> dict:
    """Aggregate (gold spans, predicted spans) pairs into P/R/F1 per label and micro."""
    tp = {lb: 0 for lb in LABELS}
    fp = dict(tp)
    fn = dict(tp)
    for gold, pred in pairs:
        for lb in LABELS:
            g = {s for s in gold if s[2] == lb}
            p = {s for s in pred if s[2] == lb}
            tp[lb] += len(g & p)
            fp[lb] += len(p - g)
            fn[lb] += len(g - p)

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": t, "fp": f_p, "fn": f_n}

    res = {lb.lower(): prf(tp[lb], fp[lb], fn[lb]) for lb in LABELS}
    res["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return res


def predict_spans(nlp, sentences: list[list[str]], batch_size: int = 256) -> list[set]:
    docs = (make_doc(nlp.vocab, w) for w in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append({(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS})
    return out


def evaluate(nlp, path: str | Path, limit: int | None = None) -> dict:
    """Run ``nlp`` over every sentence of a GermEval TSV file and score it."""
    data = list(read_germeval(path))
    if limit:
        data = data[:limit]
    preds = predict_spans(nlp, [w for w, _ in data])
    res = score((spans_from_tags(t), p) for (_, t), p in zip(data, preds))
    res["sentences"] = len(data)
    res["tokens"] = sum(len(w) for w, _ in data)
    return res


def format_table(res: dict) -> str:
    lines = [f"{'':6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}"]
    for k in ("per", "loc", "org", "micro"):
        r = res[k]
        lines.append(f"{k.upper():6} {r['p']:7.4f} {r['r']:7.4f} {r['f1']:7.4f} {r['tp'] + r['fn']:6d}")
    return "\n".join(lines)
