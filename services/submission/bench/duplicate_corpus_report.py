"""Precision and recall of duplicate detection on the hand-written pair corpus
(devstack/paraphrase_pairs.py), per kind, for the old method (word 3-shingle MinHash
alone) and the new (MinHash or anchors), as the service decides: the second text is checked
against the first, with the first as its organisation's other submission when both share one.

    python services/submission/bench/duplicate_corpus_report.py   (or: make duplicate-corpus)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from devstack.paraphrase_pairs import (  # noqa: E402
    DIFFERENT_KINDS,
    SAME_KINDS,
    Pair,
    flagged_per_kind,
    new_method,
    old_method,
)


def print_report(counts_for: Callable[[Callable[[Pair], bool]], dict[str, tuple[int, int]]],
                 same_kinds: Sequence[str], different_kinds: Sequence[str]) -> None:
    """Per kind and overall, for the old method and the new; counts_for(method) gives
    kind -> (pairs flagged as the same project, pairs of that kind)."""
    for name, method in (("old: MinHash alone", old_method), ("new: MinHash or anchors", new_method)):
        counts = counts_for(method)
        print(f"== {name}")
        for kind in same_kinds:
            flagged, total = counts[kind]
            print(f"  same project   {kind:38s} recall {flagged}/{total} = {flagged / total:.2f}")
        for kind in different_kinds:
            flagged, total = counts[kind]
            print(f"  other project  {kind:38s} false positives {flagged}/{total}")
        tp = sum(counts[k][0] for k in same_kinds)
        fp = sum(counts[k][0] for k in different_kinds)
        positives = sum(counts[k][1] for k in same_kinds)
        recall = f"recall {tp}/{positives} = {tp / positives:.2f}"
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a (nothing flagged)"
        print(f"  overall: precision {precision}, {recall}")


def main() -> None:
    print_report(flagged_per_kind, SAME_KINDS, DIFFERENT_KINDS)


if __name__ == "__main__":
    main()
