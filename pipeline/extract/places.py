"""places extractor (placeholder, replaced by the real one)."""
from __future__ import annotations

from ..model import Article


def extract(article: Article) -> list:
    return []
