"""The faulted replay (`REPLAY_FAULTS=1`, replay/faults.py) at the smallest edition, one seed:
every kind of fault is injected on the replay's own processes and servers while it walks, the
clients wait and send again as people do, and still every count reconciles: nothing lost,
doubled, dead-lettered, missing from the mail or mailed twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from replay.faults import KINDS
from tests.harness.infra import Infrastructure
from tests.replay.test_replay import FIGURES, ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SEED = 2023


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk sends the replay's votes")
@pytest.mark.skipif(not shutil.which("rabbitmqctl"), reason="the broker fault uses rabbitmqctl")
def test_under_every_fault_every_count_still_reconciles(infra: Infrastructure) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPLAY_DATABASE_URL": infra.admin_database_url,
           "REPLAY_BROKER_URL": infra.broker_url, "REPLAY_SCALE": "0.002", "REPLAY_MAX_SECONDS": "1200",
           "REPLAY_FAULTS": "1", "REPLAY_FAULT_SEED": str(SEED)}
    done = subprocess.run([sys.executable, "-m", "replay"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=1500)
    lines = done.stdout.strip().splitlines()
    shown = done.stdout[-8000:] + done.stderr[-3000:]
    assert lines and lines[0].startswith(f"faults of seed {SEED} "), shown  # the seed, said first
    assert done.returncode == 0, shown
    assert FIGURES.match(lines[-1]), shown
    assert not [line for line in lines if line.startswith("PROBLEM")], shown
    # The summary lists every kind of fault as injected, the database cut twice (submissions, votes).
    report = lines[lines.index(next(ln for ln in lines if ln.startswith("== faults of seed"))):]
    injected = [line.strip() for line in report if line.startswith(" ") and ": " in line and " s  " in line]
    for kind, what in KINDS.items():
        assert any(line.endswith(f"{kind}: {what}") for line in injected), (kind, report)
    cuts = [n for n, line in enumerate(report) if line.endswith("cut-database: " + KINDS["cut-database"])]
    assert len(cuts) == 2, report
    assert "during 'phase 1:" in report[cuts[0] + 1] and "during 'phase 3:" in report[cuts[1] + 1], report
    assert f"fault_seed={SEED} faults=8 kinds=7 " in done.stdout, shown
