"""`make bench-pages`' script runs end to end at a tiny size and ends with its figures line
(a smoke test of the benchmark, not a timing assertion)."""

from __future__ import annotations

import re
import shutil

import pytest

from devstack.stack import ROOT
from tests.harness.infra import Infrastructure
from tests.harness.stacks import run_bench

FIGURES = re.compile(r"^page_votes_per_s=\d+ api_votes_per_s=\d+ ratio_page_vote=[0-9.]+ "
                     r"ratio_ballot_page=[0-9.]+ ratio_logged_ballot=[0-9.]+ p99_ms=[0-9.]+ "
                     r"lost=0 doubled=0 errors_5xx=0$")


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is the benchmark's load generator")
def test_the_pages_benchmark_runs_end_to_end_and_prints_its_figures_line(infra: Infrastructure) -> None:
    done = run_bench(infra, ROOT / "gateway" / "bench" / "run.py", timeout=240, BENCH_SECONDS="1",
                     BENCH_ROUNDS="1", BENCH_MAX_VOTES="72", BENCH_CONNECTIONS="4")
    assert done.returncode == 0, done.stdout + done.stderr
    assert FIGURES.match(done.stdout.strip().splitlines()[-1]), done.stdout
