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


class CorpusFiles:
    """Writes distinct documents below ``root`` (500 a folder) and counts their words, bytes and types."""

    def __init__(self, root: Path, prefix: str):
        from pipeline.model import content_hash

        self.root, self.prefix, self._hash = root, prefix, content_hash
        self.seen: set[str] = set()
        self.types: set[str] = set()
        self.texts: list[str] = []
        self.words = self.size = 0

    def has(self, text: str) -> bool:
        return self._hash(text) in self.seen

    def add(self, text: str) -> bool:
        """Write ``text`` as the next document unless an equal one was written; True when written."""
        h = self._hash(text)
        if h in self.seen:
            return False
        k = len(self.texts)
        self.seen.add(h)
        d = self.root / f"part{k // 500:03d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{self.prefix}{k:06d}.txt").write_text(text, encoding="utf-8")
        self.words += len(text.split())
        self.types.update(text.split())
        self.texts.append(text)
        self.size += len(text.encode("utf-8"))
        return True

    def stats(self) -> dict:
        return {"documents": len(self.texts), "words": self.words, "distinct_words": len(self.types),
                "bytes": self.size, "texts": self.texts}


def build_real_corpus(root: Path, n: int, seed: int = 16) -> dict:
    """Write ``n`` distinct documents (500 a folder) from the real pages; returns words/bytes/texts counts."""
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in page_files()]
    if not pages:
        raise SystemExit(f"no real pages found under {SHARED}")
    rng = random.Random(seed)
    files = CorpusFiles(root, "page")
    i = 0
    while len(files.texts) < n:
        text = pages[i % len(pages)]
        if i >= len(pages):  # later rounds: the same page with other numbers
            text = NUMBER.sub(lambda m: _reroll(m.group(), rng), text)
            if files.has(text):  # a page without numbers: a dated line makes it distinct
                text += f"\n\nStand: {rng.randint(1, 28)}.{rng.randint(1, 12)}.{rng.randint(2015, 2026)}\n"
        i += 1
        files.add(text)
    return {**files.stats(), "pages": len(pages)}
