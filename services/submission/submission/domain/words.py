"""Counting words as a person would: "e-health", "ICT4D", "don't" and "1,500" are one word
each; punctuation, dashes and bullets standing alone are none."""

from __future__ import annotations

import re

# A word: letters or digits, possibly joined by an inner hyphen, apostrophe, dot or comma
# ("e-health", "don't", "U.N.", "1,500").
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019.,][^\W_]+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")
