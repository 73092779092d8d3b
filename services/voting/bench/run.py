"""`make bench-vote`: the vote endpoint under a surge, against this machine's own limits.

On loopback only, bounded in time (BENCH_SECONDS per run) and in count (BENCH_MAX_VOTES per
run: wrk's threads stop when their planned votes are used up). Against a fresh PostgreSQL
database it runs, with the same load generator (wrk + devstack/requests.lua), connections and
gunicorn settings:
  1. the vote endpoint directly, with 1, 2 and 4 gunicorn workers (many distinct stakeholders,
     pre-issued tokens, each stakeholder voting in every category);
  2. a bare Flask endpoint returning a constant, with the same workers (hello.py), right after
     each vote run; then, at the worker count with the best vote run, BENCH_FLASK_ROUNDS more
     such pairs (default 2), whose means make the figures (not the run that won the choice);
  3. the vote through the gateway (nginx from devstack's templates), at the best worker count,
     in turn with the vote directly on the same server (BENCH_GATEWAY_ROUNDS pairs, default 2,
     the order alternating): the ratio is their sums' ratio;
  4. pgbench running the same single-row INSERT ... ON CONFLICT DO NOTHING on a copy of `votes`.
After each vote run it compares the votes stored with the 201s the service sent (its own
metrics: wrk drops the answers still in flight at its deadline, the service counts them); `lost`
in the last line counts both a 201 without its row and a row without its 201. The last line is
the figures line of the issue.

Environment: BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_SECONDS, BENCH_CONNECTIONS,
BENCH_WORKERS ("1,2,4"), BENCH_FLASK_ROUNDS (2), BENCH_GATEWAY_ROUNDS (2),
GUNICORN_WORKER_CLASS / GUNICORN_THREADS (to compare worker classes).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from devstack.bench import (
    ADMIN_URL,
    Load,
    answers,
    count_votes,
    database_url,
    libpq,
    plan_api_votes,
    seed_voting,
    tallied,
    wrk,
)
from devstack.stack import Stack, free_port
from voting.config import WEB_WORKER_CLASS
from voting.definition import definition
from wsis_common import migrations
from wsis_common.auth import TokenSigner

HERE = Path(__file__).resolve().parent
BENCH_DB = "wsis_bench_voting"


@dataclass(frozen=True)
class Config:
    admin_url: str
    seconds: int
    connections: int
    wrk_threads: int
    workers: list[int]
    max_votes: int
    gateway_rounds: int  # pairs of runs through the gateway and direct, in alternating order
    flask_rounds: int  # vote-then-bare pairs at the best worker count, after choosing it

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        return cls(
            admin_url=env.get("BENCH_DATABASE_URL", ADMIN_URL),
            seconds=int(env.get("BENCH_SECONDS", "8")),
            connections=int(env.get("BENCH_CONNECTIONS", "32")),
            wrk_threads=int(env.get("BENCH_WRK_THREADS", "1")),
            workers=[int(w) for w in env.get("BENCH_WORKERS", "1,2,4").split(",")],
            max_votes=int(env.get("BENCH_MAX_VOTES", "90000")),
            gateway_rounds=max(1, int(env.get("BENCH_GATEWAY_ROUNDS", "2"))),
            flask_rounds=max(1, int(env.get("BENCH_FLASK_ROUNDS", "2"))),
        )


@dataclass
class Run:
    load: Load
    workers: int
    stored: int | None = None  # votes in the database from this run
    served: int | None = None  # 201s the voting service sent (its own metrics)
    doubled: int | None = None
    batch: float | None = None  # votes per commit, on average
    exhausted: bool = False

    @property
    def label(self) -> str:
        return self.load.label

    @property
    def created(self) -> int:
        return self.load.statuses.get(201, 0)

    @property
    def per_second(self) -> float:
        return self.load.rate(201)

    @property
    def lost(self) -> int:
        """201s sent for votes that are not in the database (must be 0)."""
        return max(0, (self.served or 0) - (self.stored or 0))

    @property
    def unacknowledged(self) -> int:
        """Votes stored whose request got no 201 from the service (must be 0)."""
        return max(0, (self.stored or 0) - (self.served or 0))


# -- the database ----------------------------------------------------------------------------

def fresh_database(admin_url: str) -> str:
    with psycopg.connect(libpq(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
        settings = {name: conn.execute(f"SHOW {name}").fetchone()[0]
                    for name in ("fsync", "synchronous_commit", "server_version")}
    print(f"PostgreSQL {settings['server_version']}: fsync={settings['fsync']} "
          f"synchronous_commit={settings['synchronous_commit']}", flush=True)
    url = database_url(admin_url, BENCH_DB)
    migrations.upgrade(definition.migrations_dir, url)
    return url


def drop_database(admin_url: str) -> None:
    with psycopg.connect(libpq(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))


# -- the load --------------------------------------------------------------------------------

def send(cfg: Config, label: str, base_url: str, planned: Path, seconds: float) -> Load:
    """One wrk run (devstack/requests.lua) with this benchmark's connections and threads."""
    return wrk(label, base_url, planned, seconds=seconds, connections=cfg.connections,
               threads=cfg.wrk_threads)


def measure(cfg: Config, label: str, workers: int, base_url: str, planned: Path, votes: int) -> Run:
    run = Run(send(cfg, label, base_url, planned, cfg.seconds), workers)
    run.exhausted = run.load.requests >= votes
    return run


# -- the processes ---------------------------------------------------------------------------

@contextmanager
def gunicorn(app: str, workers: int, env: dict[str, str], logs: Path) -> Iterator[str]:
    """gunicorn with the voting service's settings (voting.gunicorn_conf), on a free port."""
    port = free_port()
    run_env = {**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers),
               "ACCESS_LOG": "0", "LOG_LEVEL": "WARNING"}
    run_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    argv = [str(Path(sys.executable).with_name("gunicorn")), "-c", "python:voting.gunicorn_conf",
            "--chdir", str(HERE), app]
    with open(logs / f"gunicorn-{port}.log", "ab") as log:
        process = subprocess.Popen(argv, env=run_env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not answers(f"{base}/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {logs}")
            time.sleep(0.1)
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def gateway(run_dir: Path, voting_port: int) -> Iterator[str]:
    """nginx as `make run` starts it (devstack's templates), routing to this voting server."""
    # All the load comes from one loopback address: lift the gateway's per-address vote limit
    # (a crowd of voters has many addresses) so that it measures the proxy hop, not the limit.
    stack = Stack(run_dir=run_dir, database_urls={}, web_ports={"voting": voting_port},
                  extra_env={"VOTE_RATE_PER_ADDRESS": "1000000r/s", "VOTE_BURST": "1000000"})
    stack.start_nginx()
    try:
        deadline = time.monotonic() + 15
        while not answers(f"{stack.gateway_url}/nginx-healthz"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start; see {run_dir}")
            time.sleep(0.1)
        yield stack.gateway_url
    finally:
        stack.stop()


# -- pgbench ---------------------------------------------------------------------------------

PGBENCH_SCRIPT = """\\set v random(1, 2000000000)
INSERT INTO bench_votes (edition, voter, category, nominee, cast_at, org_name, org_type, org_country)
VALUES (2099, 'pg-' || :v, 'C7-HLT', 'C7-HLT-1', now(), 'Org 1', 'NGO', 'CH') ON CONFLICT DO NOTHING;
"""


def pgbench(cfg: Config, url: str, work: Path) -> float:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_votes")
        conn.execute("CREATE TABLE bench_votes (LIKE votes INCLUDING ALL)")  # same columns and indexes
    script = work / "insert.sql"
    script.write_text(PGBENCH_SCRIPT)
    binary = shutil.which("pgbench") or "/usr/lib/postgresql/15/bin/pgbench"
    out = subprocess.run([binary, "-n", "-c", str(cfg.connections), "-j", "2", "-T", str(cfg.seconds),
                          "-f", str(script), libpq(url)], capture_output=True, text=True, check=True,
                         timeout=cfg.seconds + 60).stdout
    return float(re.search(r"tps = ([0-9.]+)", out).group(1))


# -- the whole run ---------------------------------------------------------------------------

@dataclass
class Bench:
    """One `make bench-vote`: its settings, folder, token signer and database, and its runs."""

    cfg: Config
    work: Path
    signer: TokenSigner
    url: str
    env: dict[str, str]  # the gunicorn servers' (their database, the tokens' public key)
    votes_runs: dict[int, list[Run]] = field(default_factory=dict)  # per worker count: the vote
    hello_runs: dict[int, list[Run]] = field(default_factory=dict)  # directly, then the bare endpoint
    through: list[Run] = field(default_factory=list)  # through the gateway, and directly in turn with it
    alongside: list[Run] = field(default_factory=list)

    def plan(self, name: str, prefix: str, votes: int) -> Path:
        return plan_api_votes(self.work / name, self.signer, prefix, votes)

    def vote(self, label: str, workers: int, target: str, voting: str, planned: Path) -> Run:
        """The planned votes sent to `target`, with the 201s and the group commits of the voting
        server at `voting` (the same server, or behind the gateway at `target`)."""
        with tallied([voting]) as tally:
            run = measure(self.cfg, label, workers, target, planned, self.cfg.max_votes)
        run.served, run.batch = tally.served[0], tally.per_commit
        return run

    def stored(self, run: Run, prefix: str) -> Run:
        run.stored, run.doubled = count_votes(self.url, prefix)
        report(run)
        return run

    def vote_then_hello(self, workers: int, prefix: str) -> None:
        with gunicorn("voting:create_app()", workers, self.env, self.work) as base:
            warm = self.plan("warm.txt", f"warm{prefix}", 3000)
            send(self.cfg, "warm-up", base, warm, 1)
            planned = self.plan("votes.txt", prefix, self.cfg.max_votes)
            run = self.vote("vote direct", workers, base, base, planned)
        self.votes_runs.setdefault(workers, []).append(self.stored(run, prefix))
        with gunicorn("hello:app", workers, self.env, self.work) as base:
            send(self.cfg, "warm-up", base, warm, 1)
            self.hello_runs.setdefault(workers, []).append(
                measure(self.cfg, "bare flask", workers, base, planned, self.cfg.max_votes))
        report(self.hello_runs[workers][-1])

    def gateway_rounds(self, workers: int) -> None:
        """Through nginx and directly, alternately, on one server, so that the machine's drift
        over the run falls on both sides of the ratio."""
        with gunicorn("voting:create_app()", workers, self.env, self.work) as base:
            port = int(base.rsplit(":", 1)[1])
            with gateway(self.work / "nginx", port) as gateway_url:
                send(self.cfg, "warm-up", gateway_url, self.plan("warm.txt", "warmgw-", 3000), 1)
                for turn in range(self.cfg.gateway_rounds):
                    order = (("vote gateway", gateway_url), ("vote direct", base))
                    for label, target in order if turn % 2 == 0 else order[::-1]:
                        prefix = f"{'gw' if label == 'vote gateway' else 'gd'}{turn}-"
                        planned = self.plan("votes.txt", prefix, self.cfg.max_votes)
                        run = self.stored(self.vote(label, workers, target, base, planned), prefix)
                        (self.through if label == "vote gateway" else self.alongside).append(run)


def main() -> int:
    cfg = Config.from_env()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench-vote does it)")
    work = Path(tempfile.mkdtemp(prefix="wsis-bench-"))
    keys = Stack(run_dir=work / "keys-stack", database_urls={})  # its key pair, as make run makes it
    signer = TokenSigner(keys.private_key.read_text(), issuer="wsis-gateway", audience="wsis-services")
    url = fresh_database(cfg.admin_url)
    seed_voting(url)
    env = {"DATABASE_URL": url, "TOKEN_PUBLIC_KEY_FILE": str(keys.public_key)}
    bench = Bench(cfg, work, signer, url, env)
    worker_class = os.environ.get("GUNICORN_WORKER_CLASS", WEB_WORKER_CLASS)
    threads = os.environ.get("GUNICORN_THREADS", "1")
    threads = f", {threads} threads per worker" if worker_class == "gthread" else ""
    print(f"wrk: {cfg.connections} connections, {cfg.wrk_threads} thread(s), {cfg.seconds}s per run; "
          f"gunicorn {worker_class}{threads}", flush=True)
    try:
        for workers in cfg.workers:
            bench.vote_then_hello(workers, f"w{workers}-")
        best = max(bench.votes_runs, key=lambda w: bench.votes_runs[w][0].per_second)
        # The figures come from new pairs at that count: the run that won the choice is the
        # luckiest of its kind, and the pairs span the machine's drift.
        for turn in range(1, cfg.flask_rounds + 1):
            bench.vote_then_hello(best, f"w{best}.{turn}-")
        bench.gateway_rounds(best)  # the gateway's cost
        tps = pgbench(cfg, url, work)
        print(f"pgbench: {tps:.0f} TPS (single-row INSERT ... ON CONFLICT DO NOTHING, "
              f"{cfg.connections} clients)", flush=True)
    finally:
        drop_database(cfg.admin_url)
        shutil.rmtree(work, ignore_errors=True)
    return figures(bench, best, tps, worker_class)


def figures(bench: Bench, best: int, tps: float, worker_class: str) -> int:
    direct, hello = bench.votes_runs[best][1:], bench.hello_runs[best][1:]  # the pairs after the choice
    measured = [*(run for runs in bench.votes_runs.values() for run in runs), *bench.through,
                *bench.alongside]
    gateway_ratio = sum(r.per_second for r in bench.through) / sum(r.per_second for r in bench.alongside)
    print(f"figures at {best} worker(s) ({worker_class}), the best vote throughput of {bench.cfg.workers}: "
          f"means of the {len(direct)} vote and bare runs after that choice, their highest p99", flush=True)
    votes_rate = sum(run.per_second for run in direct) / len(direct)
    hello_rate = sum(run.load.rate() for run in hello) / len(hello)
    print(f"votes_per_s={votes_rate:.0f} hello_per_s={hello_rate:.0f} "
          f"pgbench_tps={tps:.0f} ratio_flask={votes_rate / hello_rate:.2f} "
          f"ratio_pgbench={votes_rate / tps:.2f} "
          f"ratio_gateway={gateway_ratio:.2f} "
          f"p99_ms={max(run.load.p99_ms for run in direct):.1f} "
          f"lost={sum(r.lost + r.unacknowledged for r in measured)} "
          f"doubled={sum(r.doubled or 0 for r in measured)} "
          f"errors_5xx={sum(r.load.errors_5xx for r in measured)}")
    return 0


def report(run: Run) -> None:
    load = run.load
    rate = run.per_second if run.label.startswith("vote") else load.rate()
    unit = "votes/s" if run.label.startswith("vote") else "req/s"
    errors = {k: v for k, v in load.errors.items() if v}
    line = (f"{run.label:<13} workers={run.workers} {rate:8.0f} {unit:<7} p50={load.p50_ms:.1f}ms "
            f"p95={load.p95_ms:.1f}ms p99={load.p99_ms:.1f}ms statuses={dict(sorted(load.statuses.items()))} "
            f"socket_errors={errors or 0}")
    if run.stored is not None:
        line += (f" | 201s sent={run.served} received={run.created} rows={run.stored} lost={run.lost} "
                 f"unacknowledged={run.unacknowledged} doubled={run.doubled} "
                 f"votes_per_commit={run.batch or 0:.1f}")
    if run.exhausted:
        line += " (used up its planned votes: raise BENCH_MAX_VOTES)"
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
