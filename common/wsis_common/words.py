"""Counting words as the stakeholder's word processor does, so that a text its author counted
as 200 words is 200 words here too. One counter for the submission service's limits and
language check and for the portal's pages; static/js/portal.js has its twin for the live
count, and tests/common/test_words.py holds both to LibreOffice Writer's counts.

The rule, LibreOffice Writer's (7.4, default settings) unless said otherwise:
- words are separated by white space (any Unicode space, the no-break ones included) and,
  as in Writer, by the em dash and the en dash: "word—word" is two words, a lone "—" none;
- anything else between separators is one word: a URL, an e-mail address, 23:00,
  07/12/2022, 24/7, and/or, US$2.4, 1,500, e-health, don't;
- each Chinese, Japanese or Korean character is a word, as Writer counts them, and so is
  each run of other characters beside them ("2023年" is two words);
- our departure (issue 16): a piece with no letter or digit is not a word, so a lone bullet,
  hyphen, asterisk, slash, ampersand, ellipsis or emoji counts nothing; Writer counts them.
"""

from __future__ import annotations

import re
import unicodedata

# Kept character for character in static/js/portal.js (a test compares the two).
SEPARATORS = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u2013\u2014"
ASIAN = ("\u1100-\u11ff\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf"
         "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
         "\U00020000-\U0003134f")
_PIECE = re.compile(f"[{ASIAN}]|[^{ASIAN}{SEPARATORS}]+")


def _is_word(piece: str) -> bool:
    """A piece is a word when it holds a letter or a digit (Unicode categories L and N)."""
    return any(unicodedata.category(char)[0] in "LN" for char in piece)


def words(text: str | None) -> list[str]:
    """The words of `text`, in order, as counted."""
    return [piece for piece in _PIECE.findall(text or "") if _is_word(piece)]


def count_words(text: str | None) -> int:
    return len(words(text))
