"""A service's worker process: the event consumer, the outbox relay and the time-based
transitions, each in its own thread (one AMQP connection per thread: pika's blocking
connection is not thread-safe), plus /healthz, /readyz and /metrics on WORKER_PORT.
The three share one view of the database's and the broker's outages (wsis_common.outages):
an outage is two log lines, whichever threads run into it. SIGTERM or SIGINT stops it cleanly."""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from wsis_common.backoff import Backoff
from wsis_common.consumer import Consumer, Handler
from wsis_common.context import ServiceContext
from wsis_common.logs import configure_logging
from wsis_common.messaging import outbox_backlog
from wsis_common.metrics import CallbackGauge, render
from wsis_common.outage import database_unreachable
from wsis_common.outages import Outages, Side
from wsis_common.relay import OutboxRelay

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """A time-based transition. It must be idempotent: running it twice does nothing new."""

    name: str
    run: Callable[[ServiceContext], None]


class Worker:
    def __init__(
        self,
        ctx: ServiceContext,
        handlers: Mapping[str, Handler],
        jobs: Iterable[PeriodicJob] = (),
    ) -> None:
        self.ctx = ctx
        self.stop = threading.Event()
        self.outages = Outages(ctx.settings.service)
        self.relay = OutboxRelay(ctx.db, ctx.tables, ctx.settings, self.outages)
        self.consumer = (
            Consumer(ctx.db, ctx.tables, ctx.settings, handlers, self.outages) if handlers else None
        )
        self.jobs = list(jobs)
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        targets: list[tuple[str, Callable[[], None]]] = [("relay", lambda: self.relay.run(self.stop))]
        if self.consumer is not None:
            targets.append(("consumer", lambda: self.consumer.run(self.stop)))
        if self.jobs:
            targets.append(("scheduler", self._run_jobs))
        for name, target in targets:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self.threads.append(thread)

    def alive(self) -> bool:
        return all(thread.is_alive() for thread in self.threads)

    def ready(self) -> dict[str, str]:
        checks = {"relay": "ok" if self.relay.connected.is_set() else "not connected"}
        if self.consumer is not None:
            checks["consumer"] = "ok" if self.consumer.connected.is_set() else "not connected"
        try:
            self.ctx.db.ping()
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        return checks

    def join(self, timeout: float = 10.0) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout)

    def _run_jobs(self) -> None:
        backoff = Backoff(cap=self.ctx.settings.backoff_max_seconds)
        while not self.stop.is_set():
            began = time.monotonic()
            if self._run_jobs_once():
                backoff.reset()
                self.outages.up(Side.DATABASE, began)
                self.stop.wait(self.ctx.settings.worker_tick_seconds)
            else:
                self.stop.wait(backoff.next_delay())

    def _run_jobs_once(self) -> bool:
        """Every job once; False when the database is unreachable (the jobs after wait too)."""
        for job in self.jobs:
            began = time.monotonic()
            try:
                job.run(self.ctx)
            except Exception as exc:
                if database_unreachable(exc):
                    self.outages.down(Side.DATABASE, exc, began)
                    return False
                log.exception("periodic job %s failed", job.name)  # a defect: loud, every tick
        return True


def _ops_app(worker: Worker) -> Callable:
    service = worker.ctx.settings.service
    gauges = [
        CallbackGauge("wsis_outbox_backlog", "Events in the outbox not yet confirmed by the broker",
                      service, lambda: _backlog(worker.ctx)),
        CallbackGauge("wsis_relay_backoff_seconds",
                      "The relay's wait before its next try after a failure (0 while all is well)",
                      service, lambda: worker.relay.backoff_seconds),
        CallbackGauge("wsis_relay_broker_connections_opened",
                      "AMQP connections the relay has opened since the worker started",
                      service, lambda: worker.relay.connections_opened),
        worker.outages,
    ]

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            body, content_type = render(gauges)
            start_response("200 OK", [("Content-Type", content_type)])
            return [body]
        if path == "/healthz":
            ok, payload = worker.alive(), {"status": "ok" if worker.alive() else "a thread died"}
        elif path == "/readyz":
            checks = worker.ready()
            ok, payload = all(v == "ok" for v in checks.values()), {"checks": checks}
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        status = "200 OK" if ok else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(payload).encode()]

    return app


def _backlog(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return outbox_backlog(session, ctx.tables)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *_args: object) -> None:  # probes every second would flood the log
        pass


def run_worker(
    ctx: ServiceContext,
    handlers: Mapping[str, Handler],
    jobs: Iterable[PeriodicJob] = (),
) -> int:
    """Run until SIGTERM/SIGINT; returns the process exit code."""
    configure_logging(f"{ctx.settings.service}-worker", ctx.settings.log_level)
    worker = Worker(ctx, handlers, jobs)
    signal.signal(signal.SIGTERM, lambda *_: worker.stop.set())
    signal.signal(signal.SIGINT, lambda *_: worker.stop.set())
    worker.start()
    server: WSGIServer | None = None
    if ctx.settings.worker_port:
        server = make_server("0.0.0.0", ctx.settings.worker_port, _ops_app(worker),
                             handler_class=_QuietHandler)
        threading.Thread(target=server.serve_forever, name="ops", daemon=True).start()
    log.info("worker started: %s", ", ".join(t.name for t in worker.threads))
    exit_code = 0
    while not worker.stop.wait(1.0):
        if not worker.alive():
            log.error("a worker thread died; exiting so that the supervisor restarts us")
            exit_code = 1
            break
    worker.join()
    if server is not None:
        server.shutdown()
    log.info("worker stopped")
    return exit_code
