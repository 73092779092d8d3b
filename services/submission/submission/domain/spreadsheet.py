"""Cells of the Stocktaking CSV that a spreadsheet cannot run.

Stakeholders write the titles, names and descriptions; the WSIS team opens the CSV in a
spreadsheet, which runs a cell starting with `=`, `+`, `-` or `@` as a formula (and treats a
leading tab or carriage return the same way once trimmed). Per OWASP's CSV injection
guidance such a cell is prefixed with a single quote, which the spreadsheet shows as text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: Any) -> Any:
    """The value as written, or with a leading `'` when a spreadsheet would run it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
