"""Precision and recall of duplicate detection on the hand-written pair corpus
(tests/submission/paraphrase_pairs.py), per kind, for the old method (word 3-shingle MinHash
alone) and the new (MinHash or anchors), as the service decides: the second text is checked
against the first, with the first as its organisation's other submission when both share one.

    python services/submission/bench/duplicate_corpus_report.py   (or: make duplicate-corpus)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.submission.paraphrase_pairs import (  # noqa: E402
    DIFFERENT_KINDS,
    SAME_KINDS,
    flagged_per_kind,
    new_method,
    old_method,
)


def main() -> None:
    for name, method in (("old: MinHash alone", old_method), ("new: MinHash or anchors", new_method)):
        counts = flagged_per_kind(method)
        print(f"== {name}")
        for kind in SAME_KINDS:
            flagged, total = counts[kind]
            print(f"  same project   {kind:38s} recall {flagged}/{total} = {flagged / total:.2f}")
        for kind in DIFFERENT_KINDS:
            flagged, total = counts[kind]
            print(f"  other project  {kind:38s} false positives {flagged}/{total}")
        tp = sum(counts[k][0] for k in SAME_KINDS)
        fp = sum(counts[k][0] for k in DIFFERENT_KINDS)
        positives = sum(counts[k][1] for k in SAME_KINDS)
        recall = f"recall {tp}/{positives} = {tp / positives:.2f}"
        print(f"  overall: precision {tp / max(tp + fp, 1):.2f}, {recall}")


if __name__ == "__main__":
    main()
