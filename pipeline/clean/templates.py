"""Corpus-level template detection (placeholder; the real one learns lines repeated across a site)."""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Document


class TemplateIndex:
    def __init__(self):
        self.n_docs = 0

    def is_template(self, line: str, source_file: str = "") -> int:
        """How many documents of the same site repeat this line (0 = not template)."""
        return 0


def build_templates(documents: Iterable[Document]) -> TemplateIndex | None:
    return None
