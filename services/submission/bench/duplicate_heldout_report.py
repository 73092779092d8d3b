"""Precision and recall of duplicate detection on the held-out pair corpus
(devstack/paraphrase_heldout.py: texts written after the detector was tuned, never used
to tune it), per kind, for the old method (word 3-shingle MinHash alone) and the new (MinHash
or anchors), decided as duplicate_corpus_report.py decides: the second text checked against
the first, with the first as its organisation's other submission when both share one (so a
shared "About us" paragraph is left out of the anchors). Then every pair the new method gets
wrong, by name, and the margins: the closest calls of each signal on each side.

    python services/submission/bench/duplicate_heldout_report.py   (or: make duplicate-heldout)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from duplicate_corpus_report import print_report  # noqa: E402

from devstack.paraphrase_heldout import (  # noqa: E402
    DIFFERENT_KINDS,
    SAME_KINDS,
    all_pairs,
    name,
)
from devstack.paraphrase_pairs import (  # noqa: E402
    Pair,
    _signals,
    flagged_per_kind,
    new_method,
)
from submission.domain import anchors, similarity  # noqa: E402


def _scores(pair: Pair) -> tuple[float, float]:
    """The pair's MinHash similarity and its anchor overlap (share of the smaller set)."""
    first, second = _signals(pair)
    return (similarity.similarity(first.sig, second.sig),
            anchors.overlap(set(first.anchors), set(second.anchors))[1])


def main() -> None:
    pairs = all_pairs()
    print(f"held-out corpus: {len(pairs)} pairs")
    print_report(lambda method: flagged_per_kind(method, pairs), SAME_KINDS, DIFFERENT_KINDS)
    wrong: list[Pair] = [pair for pair in pairs if new_method(pair) != pair.same]
    print(f"== new method wrong on {len(wrong)} pair(s)")
    for pair in wrong:
        print(f"  {'missed' if pair.same else 'false positive'}: {name(pair)}")
    scores = {id(pair): _scores(pair) for pair in pairs}
    same = [pair for pair in pairs if pair.same]
    other = [pair for pair in pairs if not pair.same]
    print(f"== margins (MinHash flags at {similarity.DUPLICATE_THRESHOLD}, anchors at share "
          f"{anchors.OVERLAP_THRESHOLD} with {anchors.MIN_SHARED} shared)")
    for label, group, signal, pick in (
            ("lowest anchor share, same project   ", same, 1, min),
            ("highest anchor share, other project ", other, 1, max),
            ("highest MinHash, other project      ", other, 0, max)):
        pair = pick(group, key=lambda p, signal=signal: scores[id(p)][signal])
        print(f"  {label} {scores[id(pair)][signal]:.2f}  {name(pair)}")


if __name__ == "__main__":
    main()
