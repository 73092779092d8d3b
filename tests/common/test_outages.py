"""A worker process through an outage of its database or of its broker, each made by a TCP
proxy between the worker and the real server (the shared servers are never stopped): it backs
off on the side that is down and leaves the other alone, logs one line when the outage starts
and one when it ends (no traceback, no line per retry), shows the outage on /readyz and
/metrics, and afterwards relays every outbox row exactly once."""

from __future__ import annotations

import collections
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pika
import pytest

from devstack.stack import free_port
from devstack.tcp_proxy import TcpProxy, through_proxy
from tests.common.test_reliability import backlog, publish_probe
from tests.harness import probe
from tests.harness.probe import effect_count, wait_until
from tests.harness.publishing import publish_body
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

OUTAGE_SECONDS = 10.0


def proxy_to(url: str, default_port: int) -> TcpProxy:
    parts = urlsplit(url)
    return TcpProxy(parts.hostname or "127.0.0.1", parts.port or default_port).start()


@dataclass
class WorkerProcess:
    service: str
    process: subprocess.Popen
    database: TcpProxy
    broker: TcpProxy
    port: int
    log_file: Path
    tick_file: Path

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except OSError:
            return 0, ""

    def readiness(self) -> dict[str, str]:
        status, body = self.get("/readyz")
        return json.loads(body)["checks"] if status else {}

    def metric(self, name: str, **labels: str) -> float:
        sample = name + "{" + ",".join(f'{k}="{v}"' for k, v in
                                       {"service": self.service, **labels}.items()) + "}"
        for line in self.get("/metrics")[1].splitlines():
            if line.startswith(sample + " "):
                return float(line.rsplit(" ", 1)[1])
        raise AssertionError(f"{sample} not in /metrics")

    def last_tick(self) -> float:
        return float(self.tick_file.read_text() or 0) if self.tick_file.exists() else 0.0

    def log(self) -> list[dict]:
        lines = self.log_file.read_text().splitlines()
        return [json.loads(line) if line.startswith("{") else {"level": "RAW", "message": line}
                for line in lines]


@pytest.fixture
def worker(probe_ctx: ServiceContext, tmp_path: Path) -> Iterator[WorkerProcess]:
    """The probe service's worker process, reaching PostgreSQL and RabbitMQ through proxies."""
    settings = probe_ctx.settings
    database, amqp = proxy_to(settings.database_url, 5432), proxy_to(settings.broker_url, 5672)
    port, log_file = free_port(), tmp_path / "worker.log"
    with log_file.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.probe_worker", settings.service,
             through_proxy(settings.database_url, database.port),
             through_proxy(settings.broker_url, amqp.port), str(port), str(tmp_path / "tick")],
            stderr=stderr,
        )
    running = WorkerProcess(settings.service, process, database, amqp, port, log_file,
                            tmp_path / "tick")
    try:
        wait_until(lambda: running.get("/readyz")[0] == 200, timeout=30,
                   what="the worker to be ready")
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=30) == 0, log_file.read_text()[-3000:]
        finally:
            if process.poll() is None:
                process.kill()
            database.cut()
            amqp.cut()


@pytest.fixture
def published(probe_ctx: ServiceContext) -> Iterator[collections.Counter[str]]:
    """How many times each event of the probe service reached the exchange: an audit queue
    bound beside the service's own, since the consumer's inbox would hide a duplicate."""
    url, audit = probe_ctx.settings.broker_url, f"{probe_ctx.settings.service}.audit"
    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        channel = connection.channel()
        channel.queue_declare(audit, durable=True)
        channel.queue_bind(audit, probe_ctx.settings.exchange, routing_key=probe.ROUTING_KEY)
    counts: collections.Counter[str] = collections.Counter()
    yield counts
    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        connection.channel().queue_delete(audit)


def drain_audit(probe_ctx: ServiceContext, counts: collections.Counter[str]) -> None:
    url, audit = probe_ctx.settings.broker_url, f"{probe_ctx.settings.service}.audit"
    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        channel = connection.channel()
        while True:
            method, _properties, body = channel.basic_get(audit, auto_ack=True)
            if method is None:
                return
            envelope = Envelope.from_json(body)
            if envelope.producer == probe_ctx.settings.service:
                counts[envelope.id] += 1


def assert_two_lines(worker: WorkerProcess, side: str) -> None:
    """What an operator reads in the worker's log: the outage started, it ended, nothing else."""
    log = worker.log()
    started = [line for line in log if "outage started" in line.get("message", "")]
    ended = [line for line in log if "outage ended" in line.get("message", "")]
    assert [line["side"] for line in started] == [side], started
    assert [line["side"] for line in ended] == [side], ended
    assert started[0]["level"] == "WARNING" and "\n" not in started[0]["message"]
    assert OUTAGE_SECONDS <= ended[0]["outage_seconds"] < OUTAGE_SECONDS + 15
    assert [line for line in log if "exc_info" in line] == [], "no traceback for an outage"
    loud = [line["message"] for line in log if line.get("level") not in ("INFO", "DEBUG")]
    assert loud == [started[0]["message"]], "no line per retry"


def test_a_database_outage_opens_no_broker_connection_and_loses_no_event(
    probe_ctx: ServiceContext, worker: WorkerProcess, published: collections.Counter[str],
) -> None:
    before = publish_probe(probe_ctx, "before the outage")
    wait_until(lambda: effect_count(probe_ctx.db, before.id) == 1, what="the first event")
    opened_before = worker.broker.accepted

    worker.database.cut()
    # The service's web process goes on writing its outbox (here straight into PostgreSQL),
    # and an event from elsewhere reaches the consumer, which cannot record it either.
    during = [publish_probe(probe_ctx, f"during the outage {i}") for i in range(5)]
    foreign = Envelope(type=probe.ROUTING_KEY, producer="elsewhere", payload={"value": "foreign"})
    publish_body(probe_ctx.settings.broker_url, probe.ROUTING_KEY, foreign.to_json().encode())
    time.sleep(OUTAGE_SECONDS / 2)
    assert worker.metric("wsis_dependency_up", side="database") == 0.0
    assert worker.metric("wsis_relay_backoff_seconds") > 0
    checks = worker.readiness()
    assert checks["database"].startswith("unreachable") and checks["relay"] == "ok", checks
    time.sleep(OUTAGE_SECONDS / 2)
    opened_during = worker.broker.accepted - opened_before
    assert backlog(probe_ctx) == len(during), "nothing can be relayed without the database"
    worker.database.restore()

    wait_until(lambda: backlog(probe_ctx) == 0, timeout=30, what="the relay to send the backlog")
    for event in [*during, foreign]:
        wait_until(lambda e=event: effect_count(probe_ctx.db, e.id) == 1, timeout=30,
                   what="every event's effect")
    restored = time.time()
    wait_until(lambda: worker.last_tick() > restored, what="the periodic job to run again")
    drain_audit(probe_ctx, published)
    assert published == {event.id: 1 for event in [before, *during]}, "each event sent once"
    assert opened_during == 0, f"{opened_during} broker connections for a database outage"
    assert worker.metric("wsis_dependency_up", side="database") == 1.0
    assert worker.metric("wsis_relay_backoff_seconds") == 0.0
    assert_two_lines(worker, "database")


def test_a_broker_outage_is_retried_ever_more_slowly_and_loses_no_event(
    probe_ctx: ServiceContext, worker: WorkerProcess, published: collections.Counter[str],
) -> None:
    opened_before = worker.broker.accepted
    worker.broker.refuse()
    during = [publish_probe(probe_ctx, f"during the outage {i}") for i in range(5)]
    time.sleep(OUTAGE_SECONDS / 2)
    assert worker.metric("wsis_dependency_up", side="broker") == 0.0
    time.sleep(OUTAGE_SECONDS / 2)
    attempts = worker.broker.accepted - opened_before
    assert backlog(probe_ctx) == len(during), "an event the broker never confirmed stays unsent"
    worker.broker.restore()

    wait_until(lambda: backlog(probe_ctx) == 0, timeout=30, what="the relay to send the backlog")
    for event in during:
        wait_until(lambda e=event: effect_count(probe_ctx.db, e.id) == 1, timeout=30,
                   what="every event's effect")
    wait_until(lambda: worker.get("/readyz")[0] == 200, what="relay and consumer connected")
    drain_audit(probe_ctx, published)
    assert published == {event.id: 1 for event in during}, "each event sent once"
    # Relay and consumer each: one attempt at once, then waits of at least 0.2, 0.4, 0.8, 1.6
    # and 2 s (half the 4 s cap: the jitter's floor), so at most 8 attempts in 10 s.
    assert attempts <= 2 * 8, f"{attempts} connection attempts in {OUTAGE_SECONDS:.0f}s"
    assert worker.metric("wsis_dependency_up", side="broker") == 1.0
    assert_two_lines(worker, "broker")
