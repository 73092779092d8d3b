"""`make bench-scale`'s script runs end to end at a tiny size: its figures line, no vote lost, and
nginx spreading the votes over every voting process it routes to (a smoke test of the benchmark,
not a timing assertion)."""

from __future__ import annotations

import re
import shutil

import pytest

from devstack.stack import ROOT
from tests.harness.infra import Infrastructure
from tests.harness.stacks import run_bench

FIGURES = re.compile(r"^votes_per_s_1=\d+ votes_per_s_2=\d+ votes_per_s_4=\d+ scale_2=[0-9.]+ "
                     r"scale_4=[0-9.]+ p99_ms=[0-9.]+ lost=0$")
RUN = re.compile(r"^replicas=(\d) .* per_replica_201=\[([0-9, ]+)\] stray=(\d+) rows=(\d+) lost=(\d+)", re.M)


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is the benchmark's load generator")
def test_the_scaling_benchmark_spreads_votes_over_the_replicas_and_prints_its_figures(
        infra: Infrastructure) -> None:
    done = run_bench(infra, ROOT / "gateway" / "bench" / "scale.py", timeout=300, BENCH_SECONDS="3",
                     BENCH_ROUNDS="1", BENCH_MAX_VOTES="144", BENCH_CONNECTIONS="4")
    assert done.returncode == 0, done.stdout + done.stderr
    assert FIGURES.match(done.stdout.strip().splitlines()[-1]), done.stdout
    runs = {int(n): ([int(c) for c in spread.split(",")], int(stray), int(rows), int(lost))
            for n, spread, stray, rows, lost in RUN.findall(done.stdout)}
    assert sorted(runs) == [1, 2, 4], done.stdout
    for replicas, (spread, stray, rows, lost) in runs.items():
        # Votes taken by the routed processes only, each of which took some, every one stored.
        assert len(spread) == replicas and all(count > 0 for count in spread), done.stdout
        assert (stray, rows, lost) == (0, sum(spread), 0), done.stdout
