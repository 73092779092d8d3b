"""`make replay-faults SEEDS=N`: the faulted replay (replay/faults.py) for N fault seeds, one
after another, each in a process of its own with a stack of its own:

    python -m replay.seeds 3

The seeds are REPLAY_FAULT_SEED (REPLAY_SEED, 2023, by default) and the next N-1; the walk is
the same for each (REPLAY_SEED). REPLAY_SCALE defaults to 0.002 here, the smallest edition the
plan makes (36 projects, 30 voters), where every fault still fires; a seed took 2.5 to 4 minutes
on this machine's two busy cores. One line per seed: its figures line, then its faults; each seed's
whole output is kept in var/replay-faults/seed-<seed>.log, and a failed seed's stack logs in the
folder its line names. The last line is `seeds=N passed=N failed=N`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from replay.__main__ import KEPT

SCALE = "0.002"
LOGS = Path("var/replay-faults")


def run(seed: int, env: dict[str, str]) -> tuple[bool, str]:
    """One seed: (passed, its line)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"seed-{seed}.log"
    started = time.monotonic()
    with log.open("w") as out:
        done = subprocess.run([sys.executable, "-m", "replay"], env={**env, "REPLAY_FAULT_SEED": str(seed)},
                              stdout=out, stderr=subprocess.STDOUT, check=False)
    lines = log.read_text().splitlines()
    figures = next((ln for ln in reversed(lines) if ln.startswith("submissions=")), "no figures line")
    faults = next((ln for ln in reversed(lines) if ln.startswith("fault_seed=")), "")
    faults = " ".join(part for part in faults.split() if not part.startswith("fault_seed="))
    passed = done.returncode == 0
    line = f"seed={seed} {figures} {faults} wall={time.monotonic() - started:.0f}s log={log}"
    kept = next((Path(ln.removeprefix(KEPT)) for ln in lines if ln.startswith(KEPT)), None)
    if kept is not None and passed:  # the stack's logs tell only of a failure
        shutil.rmtree(kept.parent.parent, ignore_errors=True)
    elif kept is not None:
        line += f" stack_logs={kept}"
    problems = [ln for ln in lines if ln.startswith("PROBLEM")]
    return passed, line + "".join(f"\n    {p}" for p in problems[:20])


def main(argv: list[str]) -> int:
    env = {**os.environ, "REPLAY_FAULTS": "1", "REPLAY_SCALE": os.environ.get("REPLAY_SCALE", SCALE),
           "REPLAY_KEEP_LOGS": "1"}
    count = int(argv[1]) if len(argv) > 1 else 3
    first = int(env.get("REPLAY_FAULT_SEED", env.get("REPLAY_SEED", "2023")))
    print(f"the faulted replay at scale {env['REPLAY_SCALE']}, fault seeds {first} to {first + count - 1}; "
          f"each seed's output in {LOGS}/", flush=True)
    passed = 0
    for seed in range(first, first + count):
        ok, line = run(seed, env)
        passed += ok
        print(line, flush=True)
    print(f"seeds={count} passed={passed} failed={count - passed}", flush=True)
    return 0 if passed == count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
