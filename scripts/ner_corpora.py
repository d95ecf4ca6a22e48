"""Readers for the NER training corpora (used by the build and training scripts).

GermEval 2014 (TSV, outer layer) is read by ``pipeline.ner_eval.read_germeval``;
this module adds the Europeana German newspapers (``token TAG`` lines, no
sentence breaks, OCR noise and a few malformed tags).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.ner_eval import normalise_tags, read_germeval  # noqa: E402,F401

# Pseudo-sentences: the stream is cut after . ! ? when the next token starts a
# new chunk (not inside an entity), and hard-cut at MAX_LEN tokens outside an
# entity, so that training examples resemble sentences in length (GermEval's
# median is ~17 tokens; 60 keeps 99 % of real sentences whole).
MAX_LEN = 60
MIN_LEN = 4


def read_europeana(path: Path):
    """Yield (words, tags) pseudo-sentences from one Europeana .bio file."""
    words, tags = [], []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("# "):
            continue
        parts = line.rsplit(" ", 1)
        if len(parts) != 2 or not parts[0].strip():
            continue
        w, t = parts[0].strip(), parts[1].strip()
        if " " in w:
            w = w.replace(" ", "")
        words.append(w)
        tags.append(t)
    tags = normalise_tags(tags)
    start = 0
    for i in range(len(words)):
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        end_here = (words[i] in {".", "!", "?"} and not nxt.startswith("I-") and i + 1 - start >= MIN_LEN)
        too_long = i + 1 - start >= MAX_LEN and not nxt.startswith("I-")
        if end_here or too_long or i == len(words) - 1:
            yield words[start:i + 1], tags[start:i + 1]
            start = i + 1
