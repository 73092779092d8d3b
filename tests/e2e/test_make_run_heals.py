"""`make run` heals: a process killed with -9 (the voting worker, a web process, the notify
worker, the SMTP capture) comes back by itself while the rest keeps running, the platform
serves again (a vote cast after the kill is counted, a mail sent after the capture's restart
is captured), one line says each restart, and Ctrl-C still stops every process."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from devstack.bench import seed_voting
from devstack.stack import ephemeral_ports, free_port
from devstack.supervise import Backoff
from tests.e2e.editions import edition_2023
from tests.e2e.test_make_run import _alive, _descendants
from tests.harness.infra import Infrastructure
from tests.harness.probe import wait_until
from wsis_common.auth import Principal, TokenSigner

YEAR = 2096  # the vote (seeded as the benchmarks do)
CREATED = 2033  # an edition an admin creates after the voting worker's restart


def test_no_port_handed_out_is_one_an_outgoing_connection_can_take() -> None:
    """A process started again listens on its old port (nginx and the others know it): were it
    of the kernel's ephemeral range, any outgoing connection on the machine could hold it
    meanwhile, and the restart fail until it closes (the faulted replay saw voting's worker
    exit five times in a minute)."""
    low, high = ephemeral_ports()
    ports = [free_port() for _ in range(40)]
    assert len(set(ports)) == 40
    assert [port for port in ports if low <= port <= high] == []


def test_the_restart_delay_doubles_up_to_30_s_and_starts_over_once_the_process_stayed_up() -> None:
    backoff = Backoff()
    assert [backoff.delay_after(uptime=2) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff.delay_after(uptime=59) == 30, "still failing"
    assert backoff.delay_after(uptime=60) == 1, "up a minute: healthy again"
    assert backoff.delay_after(uptime=5) == 2


class MakeRun:
    """`python -m devstack` as `make run` starts it; its output read line by line."""

    def __init__(self, data: Path, broker_url: str) -> None:
        self.port = free_port()
        self.data = data
        env = {**os.environ, "DEVSTACK_PORTS": "auto", "BROKER_URL": broker_url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "devstack", "--port", str(self.port), "--data", str(data)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mail_url(self) -> str:
        return re.search(r"mail: (http://\S+?);", self.lines[0]).group(1)

    def child(self, *words: str) -> int:
        """The pid of the process make run started whose command line has all of `words`."""
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != self.process.pid:
                    continue
                # Split on spaces too: nginx renames itself "nginx: master process ...".
                argv = (stat.parent / "cmdline").read_bytes().decode().replace("\0", " ").split()
            except (OSError, IndexError):
                continue
            if all(word in argv for word in words):
                return int(stat.parent.name)
        raise LookupError(words)

    def ready_again(self, words: tuple[str, ...], killed: int, port_variable: str, path: str) -> int:
        """Wait until a new process of `words` answers `path` on its port; its pid."""
        def replaced() -> bool:
            try:
                pid = self.child(*words)
            except LookupError:
                return False
            return pid != killed and _status(f"http://127.0.0.1:{_env(pid)[port_variable]}{path}") == 200

        wait_until(replaced, timeout=60, what=f"{' '.join(words)} back by itself")
        return self.child(*words)

    def kill(self, *words: str, port_variable: str, path: str = "/readyz") -> int:
        pid = self.child(*words)
        os.kill(pid, signal.SIGKILL)
        return self.ready_again(words, pid, port_variable, path)


def _env(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


def _status(url: str) -> int:
    try:
        return requests.get(url, timeout=2).status_code
    except requests.RequestException:
        return 0


@pytest.fixture
def make_run(infra: Infrastructure, tmp_path: Path) -> Iterator[MakeRun]:
    # its own queues: no other stack of the session takes its events
    with infra.own_vhost("heal") as broker_url:
        running = MakeRun(tmp_path, broker_url)
        try:
            wait_until(lambda: running.lines or running.process.poll() is not None, timeout=120,
                       what="make run's first line")
            assert "is up" in running.lines[0], running.lines
            yield running
        finally:
            if running.process.poll() is None:
                running.process.send_signal(signal.SIGINT)
                running.process.wait(timeout=60)


def test_each_killed_process_comes_back_by_itself_and_the_platform_serves_again(make_run: MakeRun) -> None:
    keys = make_run.data / "run" / "keys"
    signer = TokenSigner((keys / "private.pem").read_text(), issuer="wsis-gateway", audience="wsis-services")
    admin = {"Authorization": f"Bearer {signer.sign(Principal('admin-heal', frozenset({'admin'})))}"}
    stakeholder = Principal("voter-heal", frozenset({"stakeholder"}), profile_complete=True)
    voter = {"Authorization": f"Bearer {signer.sign(stakeholder)}"}
    seed_voting(f"sqlite:///{make_run.data / 'voting.db'}", YEAR)

    # The voting worker: the edition an admin creates afterwards still reaches the vote.
    make_run.kill("voting", "worker", port_variable="WORKER_PORT")
    created = requests.post(f"{make_run.gateway}/api/v1/editions", json=edition_2023(CREATED),
                            headers=admin, timeout=10)
    assert created.status_code == 201, created.text
    wait_until(lambda: requests.get(f"{make_run.gateway}/api/v1/editions/{CREATED}/ballot", timeout=5)
               .json().get("voting_closes") == f"{CREATED}-01-25T23:00:00+01:00",
               what="the new edition at the voting service")

    # A web process (the vote's gunicorn master; its workers go with it): a vote is counted.
    make_run.kill("voting:create_app()", port_variable="PORT")
    cast = requests.post(f"{make_run.gateway}/api/v1/editions/{YEAR}/votes", headers=voter, timeout=10,
                         json={"category": "C3", "nominee": "C3-7"})
    assert cast.status_code == 201, cast.text
    counts = requests.get(f"{make_run.gateway}/api/v1/editions/{YEAR}/votes/counts", headers=admin,
                          timeout=10)
    assert counts.status_code == 200, counts.text
    assert counts.json()["votes"] == 1
    c3 = next(c for c in counts.json()["categories"] if c["category"] == "C3")
    assert [n["votes"] for n in c3["nominees"] if n["nominee"] == "C3-7"] == [1]

    # nginx (its workers would keep the port): the new one stays up and serves.
    edge = make_run.child("master", "process")
    os.kill(edge, signal.SIGKILL)
    wait_until(lambda: _replaced(make_run, ("master", "process"), edge), timeout=30, what="nginx again")
    time.sleep(5)  # nginx gives up after 2.5 s when the port stays taken
    assert _alive(make_run.child("master", "process")), "the new nginx stays up"
    assert [line for line in make_run.lines if line.startswith("nginx exited")] == [
        "nginx exited (code -9, SIGKILL); restarting it in 1 s"]
    assert requests.get(f"{make_run.gateway}/api/v1/editions/{YEAR}/ballot", timeout=5).status_code == 200

    # The notify worker and the SMTP capture: the mail of a registration made afterwards arrives.
    make_run.kill("notify", "worker", port_variable="WORKER_PORT")
    capture = make_run.child("devstack.mailcapture")
    os.kill(capture, signal.SIGKILL)
    wait_until(lambda: _status(f"{make_run.mail_url}/healthz") == 200 and
               make_run.child("devstack.mailcapture") != capture, timeout=60, what="the SMTP capture back")
    registered = requests.post(f"{make_run.gateway}/api/v1/accounts", timeout=10, json={
        "user_name": "healed", "email": "healed@example.org", "password": "long enough secret",
        "organisation_name": "Heal Org", "organisation_type": "civil_society", "country": "ch"})
    assert registered.status_code == 201, registered.text
    wait_until(lambda: any("<healed@example.org>" in m["to"] and m["kind"] == "verification"
                           for m in requests.get(f"{make_run.mail_url}/api/messages", timeout=5).json()),
               timeout=30, what="the verification mail, captured")

    # One line per restart: which process, how it ended, the wait before the restart.
    for name in ("voting-worker", "voting-web", "notify-worker", "mailcapture"):
        assert f"{name} exited (code -9, SIGKILL); restarting it in 1 s" in make_run.lines, make_run.lines

    # A process that keeps crashing waits longer each time; make run itself keeps running.
    for expected in ("1 s", "2 s", "4 s"):
        pid = make_run.child("review", "worker")
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda pid=pid: _replaced(make_run, ("review", "worker"), pid), timeout=30,
                   what="the review worker again")
        assert f"review-worker exited (code -9, SIGKILL); restarting it in {expected}" in make_run.lines

    # Ctrl-C still stops every process, the restarted ones included, within test_make_run's times.
    spawned = _descendants(make_run.process.pid)
    make_run.process.send_signal(signal.SIGINT)
    make_run.process.wait(timeout=60)
    wait_until(lambda: not any(_alive(pid) for pid in spawned), timeout=20,
               what="every process started by make run to stop")


def _replaced(make_run: MakeRun, words: tuple[str, ...], killed: int) -> bool:
    try:
        return make_run.child(*words) != killed
    except LookupError:
        return False
