"""How a table cell is written into CSV: list values joined, formula-like text guarded.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
carriage return as a formula (OWASP, "CSV Injection"); a scraped page can
start that way (``=HYPERLINK("http://...")``). Such text cells get a leading
``'`` in CSV, unless the run asks for raw CSV (``--csv-raw``). Parquet is
written from the rows themselves and keeps the exact text.
"""
from __future__ import annotations

from .tables import LIST_COLUMNS

# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
# such text cells get a leading apostrophe in CSV unless the run asks for raw CSV (--csv-raw).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_text(s: str) -> str:
    """``s`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + s if s.startswith(FORMULA_STARTS) else s


def csv_value(table: str, col: str, v, safe: bool = True):
    """The CSV form of one cell of ``table.col``: '' for None, lists joined with '; ', formula-like
    text (after joining) guarded with a leading ' when ``safe``."""
    if v is None:
        return ""
    if (table, col) in LIST_COLUMNS:
        v = "; ".join(str(x) for x in v)
    if safe and isinstance(v, str):
        return csv_safe_text(v)
    return v
