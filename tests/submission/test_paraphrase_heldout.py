"""The held-out duplicate corpus is well formed and its report runs. Deliberately no
thresholds on the detector's results here: the corpus measures the detector, it does not
tune it (the tuned corpus and its thresholds are test_paraphrases.py's)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from devstack.paraphrase_heldout import ABOUT_US, DIFFERENT_KINDS, SAME_KINDS, all_pairs, name

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "services" / "submission" / "bench" / "duplicate_heldout_report.py"
PAIRS = all_pairs()


@pytest.mark.parametrize("kind", SAME_KINDS + DIFFERENT_KINDS)
def test_every_kind_has_at_least_six_pairs(kind: str) -> None:
    assert Counter(pair.kind for pair in PAIRS)[kind] >= 6


def test_every_pair_is_of_a_declared_kind_and_side() -> None:
    for pair in PAIRS:
        assert pair.kind in (SAME_KINDS if pair.same else DIFFERENT_KINDS), name(pair)
        assert pair.first.text != pair.second.text, name(pair)


@pytest.mark.parametrize("pair", PAIRS, ids=name)
def test_texts_are_100_to_220_words(pair) -> None:
    for project in (pair.first, pair.second):
        assert 100 <= len(project.text.split()) <= 220, (project.title, len(project.text.split()))


def test_shared_about_us_pairs_are_one_organisation_with_its_paragraph_in_both() -> None:
    for pair in (p for p in PAIRS if p.kind == DIFFERENT_KINDS[1]):
        assert pair.first.entity == pair.second.entity, name(pair)
        about = ABOUT_US[pair.first.entity]
        assert 40 <= len(about.split()) <= 60
        assert about in pair.first.text and about in pair.second.text, name(pair)


def test_the_report_runs_and_prints_an_overall_line_for_each_method() -> None:
    done = subprocess.run([sys.executable, str(REPORT)], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    overall = [line for line in done.stdout.splitlines() if line.strip().startswith("overall:")]
    assert len(overall) == 2, done.stdout
    assert all("recall" in line and "precision" in line for line in overall), overall
