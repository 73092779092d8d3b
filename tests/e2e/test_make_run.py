"""`make run`'s program, `python -m devstack`: every process ready within a minute on the
default SQLite databases, and Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from devstack.stack import free_port
from tests.harness.probe import wait_until


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _logs(folder: Path) -> str:
    """The end of every process's log, for the message of a start that failed."""
    return "".join(f"\n--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
                   for log in sorted(folder.glob("*.log")))


def test_make_run_starts_everything_within_a_minute_and_ctrl_c_stops_it_all(
    vhost_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, "DEVSTACK_PORTS": "auto", "BROKER_URL": vhost_url}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "devstack", "--port", str(port), "--data", str(tmp_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        line = process.stdout.readline()
        if "is up" not in line:
            process.wait(timeout=60)
            raise AssertionError(f"make run did not come up: {line}{process.stdout.read()}"
                                 + _logs(tmp_path / "run" / "logs"))
        assert time.monotonic() - started < 60
        assert requests.get(f"http://127.0.0.1:{port}/api/v1/editions", timeout=5).json() == []
        assert sorted(p.name for p in tmp_path.glob("*.db")) == [
            "gateway.db", "notify.db", "review.db", "submission.db", "voting.db"]
        spawned = _descendants(process.pid)
        assert len(spawned) >= 11, "5 gunicorn masters (with workers), 5 workers and nginx"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    wait_until(lambda: not any(_alive(pid) for pid in spawned), timeout=20,
               what="every process started by make run to stop")
