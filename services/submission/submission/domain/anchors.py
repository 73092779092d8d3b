"""The second duplicate signal: a project's anchors, the things a rewrite cannot change.

Word 3-shingles (similarity.py) catch copies and light edits, but a description rewritten
sentence by sentence shares almost no three words in a row. What it still shares are the
project's names, places and figures: "Kisumu", "Jaramogi", "18300", "71", "afyalink". Two
texts are the same project when they share at least MIN_SHARED anchors and those make at
least OVERLAP_THRESHOLD of the smaller set (a summary keeps few anchors, all of them the
original's). Two projects on one topic in one country share "Kenya", a donor and a year or
two, far below that (see devstack/paraphrase_pairs.py for the corpus).

What belongs to the organisation, not to the project, is left out: the words of its name,
and the sentences it pastes into all its submissions (its "About us" paragraph), which
`strip_shared` removes before the anchors are taken.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable

from submission.domain.similarity import shingles
from wsis_common.text import fold

MIN_SHARED = 5
OVERLAP_THRESHOLD = 0.5
BOILERPLATE_CONTAINMENT = 0.5  # a sentence this much (in 3-shingles) found elsewhere is pasted
MIN_FIGURE = 10  # "3 years", "two thirds": small numbers are written in words as often as not

_SENTENCES = re.compile(r"(?<=[.!?:;])\s+|\n+")
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_][\w'\u2019-]*")
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Capitalised, yet no help in telling one project from another: months, currencies, the
# field's own words (WSIS action lines, the Geneva Plan of Action), and the generic words
# of institutions' names.
_COMMON_WORDS = """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday i english internet
ict icts sdg sdgs wsis un ai iot sms ussd qr gps ecg covid covid-19 ngo ngos app android ios
whatsapp facebook google usd eur gbp chf
ministry department national university college school institute institution foundation trust
government county district region province city state council authority agency bank fund
programme program project service services network centre center hospital association
society union alliance partners partnership initiative commission office directorate
the this our we in for with and of a an since from after during today every each its their
action line lines plan geneva tunis itu c1 c2 c3 c4 c5 c6 c7 c8 c9 c10 c11
"""
_COMMON = frozenset(_COMMON_WORDS.split())


def anchors(text: str, *, organisation: str = "") -> set[str]:
    """Names (capitalised words not at a sentence start, or also used mid-sentence, or
    acronyms) and figures (numbers of 10 and more, scaled by "million"/"billion")."""
    sentences = [s for s in _SENTENCES.split(text) if s.strip()]
    tokens = [_TOKEN.findall(s) for s in sentences]
    mid_sentence = {_word(t) for toks in tokens for t in toks[1:] if _is_name(t)}
    found: set[str] = set()
    for toks in tokens:
        for i, token in enumerate(toks):
            if token[0].isdigit():
                figure = _figure(token, toks[i + 1] if i + 1 < len(toks) else "")
                if figure is not None:
                    found.add(figure)
            elif _is_name(token) and (i > 0 or _word(token) in mid_sentence or _is_acronym(token)):
                found.add(_word(token))
    return found - _COMMON - organisation_words(organisation)


def organisation_words(name: str) -> set[str]:
    """The words of the organisation's name and its initials ("Instituto Huayco": ih)."""
    words = fold(name).split()
    initials = "".join(w[0] for w in words if w not in {"of", "the", "and", "for", "de", "la"})
    return {*words, initials} if len(initials) > 1 else set(words)


def strip_shared(text: str, others: Iterable[str]) -> str:
    """The text without the sentences it shares with the organisation's other submissions."""
    pasted: set[bytes] = set()
    for other in others:
        pasted |= shingles(other)
    if not pasted:
        return text
    kept = []
    for sentence in _SENTENCES.split(text):
        own = shingles(sentence)
        if own and len(own & pasted) / len(own) < BOILERPLATE_CONTAINMENT:
            kept.append(sentence)
    return "\n".join(kept)


def hashes(found: Iterable[str]) -> list[int]:
    """Each anchor as a signed 64-bit key, as stored and looked up."""
    return sorted(struct.unpack("<q", hashlib.blake2b(a.encode(), digest_size=8).digest())[0]
                  for a in found)


def overlap(a: set[int] | set[str], b: set[int] | set[str]) -> tuple[int, float]:
    """Shared anchors, and what share of the smaller set they are."""
    if not a or not b:
        return 0, 0.0
    shared = len(a & b)
    return shared, shared / min(len(a), len(b))


def same_project(a: set[int] | set[str], b: set[int] | set[str]) -> bool:
    shared, share = overlap(a, b)
    return shared >= MIN_SHARED and share >= OVERLAP_THRESHOLD


def _is_name(token: str) -> bool:
    return token[0].isupper() or any(c.isupper() for c in token[1:])


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and sum(c.isupper() for c in token) > 1


def _word(token: str) -> str:
    return fold(re.sub("['\u2019]s$", "", token)).replace(" ", "-")


def _figure(token: str, following: str) -> str | None:
    value = float(token.replace(",", ""))
    value *= _SCALE.get(following.lower(), 1)
    if value < MIN_FIGURE:
        return None
    return f"#{value:g}" if value != int(value) else f"#{int(value)}"
