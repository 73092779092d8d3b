"""`make bench-flood`'s script runs end to end at a tiny size: a line per bound, its figures line,
no vote lost or doubled (a smoke test of the benchmark, not a timing assertion)."""

from __future__ import annotations

import re
import shutil

import pytest

from devstack.stack import ROOT
from tests.harness.infra import Infrastructure
from tests.harness.stacks import run_bench

FIGURES = re.compile(r"^votes_per_s_0=\d+ ratio_0=1\.00 cpu_ratio_0=1\.00 shed_per_s_0=\d+ "
                     r"p99_201_ms_0=\d+ p99_503_ms_0=\d+ votes_per_s_2=\d+ ratio_2=[0-9.]+ "
                     r"cpu_ratio_2=[0-9.]+ shed_per_s_2=\d+ p99_201_ms_2=\d+ p99_503_ms_2=\d+ "
                     r"timeouts=\d+ lost=0 doubled=0$")
RUN = re.compile(r"^bound=(\d+) .* rows=(\d+) lost=(\d+) doubled=(\d+)", re.M)


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is the benchmark's load generator")
def test_the_flood_benchmark_measures_each_bound_and_prints_its_figures(infra: Infrastructure) -> None:
    done = run_bench(infra, ROOT / "services" / "voting" / "bench" / "flood.py", timeout=300,
                     BENCH_SECONDS="2", BENCH_ROUNDS="1", BENCH_MAX_VOTES="400", BENCH_CONNECTIONS="16",
                     BENCH_BOUNDS="0,2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert FIGURES.match(done.stdout.strip().splitlines()[-1]), done.stdout
    runs = {int(bound): (int(rows), int(lost), int(doubled))
            for bound, rows, lost, doubled in RUN.findall(done.stdout)}
    assert sorted(runs) == [0, 2], done.stdout
    assert all(rows > 0 and lost == doubled == 0 for rows, lost, doubled in runs.values()), done.stdout
