"""`make replay`'s script at a tiny size, end to end (a smoke test of the replay, not a timing
assertion): every phase walked through the gateway, every count reconciled, nothing lost,
doubled, dead-lettered or missing from the mail, the weekly progress mails of the four voting
weeks included."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.infra import Infrastructure

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
FIGURES = re.compile(r"^submissions=(\d+) votes=(\d+) weeks=(\d+) weekly_mails=(\d+) lost=0 doubled=0 "
                     r"dead_letters=0 mails_missing=0 mails_twice=0 seconds=\d+$")


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk sends the replay's votes")
def test_the_replay_walks_an_edition_and_every_count_reconciles(infra: Infrastructure) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPLAY_DATABASE_URL": infra.admin_database_url,
           "REPLAY_BROKER_URL": infra.broker_url, "REPLAY_SCALE": "0.002", "REPLAY_MAX_SECONDS": "1200"}
    done = subprocess.run([sys.executable, "-m", "replay"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=1500)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    figures = FIGURES.match(lines[-1])
    assert figures, done.stdout[-3000:]
    assert int(figures.group(1)) >= 36 and int(figures.group(2)) >= 400, lines[-1]
    # each of the four voting weeks ended and published, and every nominee's coordinator (at
    # least one per category) got each week's mail with the figures the stored votes give
    assert int(figures.group(3)) == 4 and int(figures.group(4)) >= 4 * 18, lines[-1]
    assert not [line for line in lines if line.startswith("PROBLEM")], done.stdout[-3000:]
    # every phase reached, and every rule broken refused as it should be
    for phase in ("phase 1", "phase 2", "phase 3", "the close", "phase 4", "phase 5"):
        assert any(phase in line for line in lines), phase
    assert "refused as expected? False" not in done.stdout
