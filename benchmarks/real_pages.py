"""A benchmark corpus of real page texts: the dev corpora and the text-dump pages under ../shared.

``build_real_corpus(root, n)`` writes ``n`` DISTINCT documents below
``root``: document ``i`` is the text of real page ``i mod pages`` (as saved,
with its boilerplate: menus, footers, teasers) where every stand-alone number
is re-rolled (same digit count, years stay years) from the second round on,
so the content hashes differ and the pipeline sees as many documents as
asked. The vocabulary is that of real pages (a type/token ratio of about
0.28 at 100k words), which is what makes real text harder than a generated
corpus for every tokenizer-bound stage.

Nothing is copied into the repository: the texts are read from ../shared at
run time and written to a temporary folder. ``available()`` is False when
../shared is missing; the benchmark then measures its generated corpus only.
"""
from __future__ import annotations

import os
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the repository (or next to the folder of worktrees); EGOVNEWS_SHARED overrides
SHARED = Path(os.environ.get("EGOVNEWS_SHARED") or next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT.parent / "shared"))
SOURCES = (SHARED / "corpus" / "dev", SHARED / "corpus" / "wide", SHARED / "bench" / "textdump" / "pages")
NUMBER = re.compile(r"(?<![\w.,])\d+(?!\w)")


def page_files(sources=SOURCES) -> list[Path]:
    """Every ``*.txt`` page of the shared corpora (answer keys and READMEs left out), sorted."""
    out: list[Path] = []
    for d in sources:
        if d.is_dir():
            out += sorted(p for p in d.glob("*.txt") if p.name.lower() != "readme.txt")
    return out


def available() -> bool:
    return bool(page_files())


def _reroll(num: str, rng: random.Random) -> str:
    if len(num) == 4 and num[:2] in ("19", "20"):
        return str(rng.randint(2015, 2026))
    if len(num) == 1:
        return str(rng.randint(1, 9))
    return str(rng.randint(10 ** (len(num) - 1), 10 ** len(num) - 1))


def build_real_corpus(root: Path, n: int, seed: int = 16) -> dict:
    """Write ``n`` distinct documents (500 a folder) from the real pages; returns words/bytes/texts counts."""
    from pipeline.model import content_hash

    pages = [p.read_text(encoding="utf-8", errors="replace") for p in page_files()]
    if not pages:
        raise SystemExit(f"no real pages found under {SHARED}")
    rng = random.Random(seed)
    seen: set[str] = set()
    words = size = 0
    types: set[str] = set()
    texts: list[str] = []
    i = 0
    while len(texts) < n:
        text = pages[i % len(pages)]
        if i >= len(pages):  # later rounds: the same page with other numbers
            text = NUMBER.sub(lambda m: _reroll(m.group(), rng), text)
            if content_hash(text) in seen:  # a page without numbers: a dated line makes it distinct
                text += f"\n\nStand: {rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.randint(2015, 2026)}\n"
        i += 1
        h = content_hash(text)
        if h in seen:
            continue
        k = len(texts)
        seen.add(h)
        d = root / f"part{k // 500:03d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"page{k:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
        types.update(text.split())
        texts.append(text)
        size += len(text.encode("utf-8"))
    return {"documents": n, "words": words, "distinct_words": len(types), "bytes": size,
            "pages": len(pages), "texts": texts}
