"""`make bench-vote`: the vote endpoint under a surge, against this machine's own limits.

On loopback only, bounded in time (BENCH_SECONDS per run) and in count (BENCH_MAX_VOTES per
run: wrk's threads stop when their planned votes are used up). Against a fresh PostgreSQL
database it runs, with the same load generator (wrk + vote.lua), connections and gunicorn
settings:
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

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from psycopg import sql

from devstack.stack import Stack, free_port
from voting import models
from voting.config import WEB_WORKER_CLASS
from voting.definition import definition
from voting.models import ballot
from wsis_common import migrations
from wsis_common.auth import Principal, TokenSigner
from wsis_common.db import Database
from wsis_common.envelope import Envelope

HERE = Path(__file__).resolve().parent
YEAR = 2099
CATEGORIES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7-GOV", "C7-BUS", "C7-LRN", "C7-HLT", "C7-EMP",
              "C7-ENV", "C7-AGR", "C7-SCI", "C8", "C9", "C10", "C11"]
NOMINEES = 20
PATH = f"/api/v1/editions/{YEAR}/votes"
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
            admin_url=env.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
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
    label: str
    workers: int
    requests: int
    seconds: float
    statuses: dict[int, int]
    errors: dict[str, int]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    stored: int | None = None  # votes in the database from this run
    served: int | None = None  # 201s the voting service sent (its own metrics)
    doubled: int | None = None
    batch: float | None = None  # votes per commit, on average
    exhausted: bool = False

    @property
    def created(self) -> int:
        return self.statuses.get(201, 0)

    @property
    def per_second(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0

    @property
    def errors_5xx(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)

    @property
    def lost(self) -> int:
        """201s sent for votes that are not in the database (must be 0)."""
        return max(0, (self.served or 0) - (self.stored or 0))

    @property
    def unacknowledged(self) -> int:
        """Votes stored whose request got no 201 from the service (must be 0)."""
        return max(0, (self.stored or 0) - (self.served or 0))


# -- the database ----------------------------------------------------------------------------

def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def fresh_database(admin_url: str) -> str:
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
        settings = {name: conn.execute(f"SHOW {name}").fetchone()[0]
                    for name in ("fsync", "synchronous_commit", "server_version")}
    print(f"PostgreSQL {settings['server_version']}: fsync={settings['fsync']} "
          f"synchronous_commit={settings['synchronous_commit']}", flush=True)
    url = re.sub(r"/[^/]*$", f"/{BENCH_DB}", _libpq(admin_url)).replace("postgresql://", "postgresql+psycopg://")
    migrations.upgrade(definition.migrations_dir, url)
    return url


def drop_database(admin_url: str) -> None:
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))


def seed(url: str) -> None:
    """An open edition and its ballot (18 categories of 20), stored by the service's handlers."""
    now = datetime.now(UTC)
    edition = Envelope(type="edition.updated", producer="bench", edition=YEAR, payload={"edition": {
        "year": YEAR, "ordinal": 88, "revision": 1, "updated_at": now.isoformat(),
        "phases": {"voting_opens": (now - timedelta(days=1)).isoformat(),
                   "voting_closes": (now + timedelta(days=1)).isoformat()},
        "parameters": {"finalists_per_category": 5, "nominees_per_category": NOMINEES}}})
    nominees = Envelope(type="nominees.published", producer="bench", edition=YEAR, payload={"categories": [
        {"category": c, "nominees": [{"submission_id": f"{c}-{i}", "title": f"Project {c}-{i}",
                                      "short_description": "x" * 1200} for i in range(NOMINEES)]}
        for c in CATEGORIES]})
    db = Database(url)
    with db.transaction() as session:
        models.editions.store(session, edition)
        ballot.store(session, nominees)
    db.dispose()


def count_votes(url: str, prefix: str) -> tuple[int, int]:
    """(rows, pairs stored more than once) of the voters whose id starts with `prefix`."""
    with psycopg.connect(_libpq(url)) as conn:
        rows = conn.execute("SELECT count(*) FROM votes WHERE voter LIKE %s", (f"{prefix}%",)).fetchone()[0]
        doubled = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM votes WHERE voter LIKE %s "
            "GROUP BY edition, voter, category HAVING count(*) > 1) d", (f"{prefix}%",)).fetchone()[0]
    return rows, doubled


# -- the load --------------------------------------------------------------------------------

def plan(path: Path, signer: TokenSigner, prefix: str, votes: int, rng: random.Random) -> Path:
    """One line per planned vote: a distinct stakeholder's token, and a JSON body; each
    stakeholder votes in every category once, so no planned vote is a second vote."""
    lines = []
    for voter in range((votes + len(CATEGORIES) - 1) // len(CATEGORIES)):
        principal = Principal(f"{prefix}{voter}", frozenset({"stakeholder"}), True,
                              {"name": f"Org {voter % 997}", "type": "NGO", "country": "CH"})
        token = signer.sign(principal, lifetime=timedelta(hours=1))
        for category in CATEGORIES:
            body = json.dumps({"category": category, "nominee": f"{category}-{rng.randrange(NOMINEES)}"})
            lines.append(f"{token}\t{body}")
    path.write_text("\n".join(lines[:votes]) + "\n")
    return path


def wrk(cfg: Config, base_url: str, planned: Path, seconds: float) -> dict:
    argv = ["wrk", f"-t{cfg.wrk_threads}", f"-c{cfg.connections}", f"-d{seconds}s", "--timeout", "5s",
            "-s", str(HERE / "vote.lua"), base_url, "--", str(planned), str(cfg.wrk_threads), PATH]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def measure(cfg: Config, label: str, workers: int, base_url: str, planned: Path, votes: int) -> Run:
    raw = wrk(cfg, base_url, planned, cfg.seconds)
    statuses = {int(code): count for code, count in raw["statuses"].items()}
    run = Run(label, workers, raw["requests"], raw["seconds"], statuses, raw["errors"],
              raw["p50_ms"], raw["p95_ms"], raw["p99_ms"])
    run.exhausted = raw["requests"] >= votes
    return run


_SERVED_201 = re.compile(r'^wsis_http_requests_total\{endpoint="/api/v1/editions/<int:year>/votes",'
                         r'method="POST",service="voting",status="201"\} ([0-9.e+]+)$', re.M)


_BATCHES = re.compile(r'^wsis_vote_batch_votes_(sum|count)\{service="voting"\} ([0-9.e+]+)$', re.M)


def _metrics(voting_url: str) -> str:
    with urllib.request.urlopen(f"{voting_url}/metrics", timeout=10) as response:
        return response.read().decode()


def served_201(voting_url: str) -> int:
    """The 201s the voting service itself answered (all its gunicorn workers): the client
    misses the ones in flight when wrk stops at its deadline, the service does not."""
    match = _SERVED_201.search(_metrics(voting_url))
    return int(float(match.group(1))) if match else 0


def _average_batch(before: tuple[float, float], after: tuple[float, float]) -> float:
    commits = after[1] - before[1]
    return (after[0] - before[0]) / commits if commits else 0.0


def batches(voting_url: str) -> tuple[float, float]:
    """(votes written, commits) so far, by the group commit's own histogram."""
    found = dict(_BATCHES.findall(_metrics(voting_url)))
    return float(found.get("sum", 0)), float(found.get("count", 0))


# -- the processes ---------------------------------------------------------------------------

def _settled(voting_url: str) -> int:
    """served_201 once the requests still in flight when wrk stopped have been answered."""
    served, previous = served_201(voting_url), -1
    while served != previous:
        time.sleep(0.5)
        served, previous = served_201(voting_url), served
    return served


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


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
        while not _answers(f"{base}/healthz"):
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
        while not _answers(f"{stack.gateway_url}/nginx-healthz"):
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
    libpq = _libpq(url)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_votes")
        conn.execute("CREATE TABLE bench_votes (LIKE votes INCLUDING ALL)")  # same columns and indexes
    script = work / "insert.sql"
    script.write_text(PGBENCH_SCRIPT)
    binary = shutil.which("pgbench") or "/usr/lib/postgresql/15/bin/pgbench"
    out = subprocess.run([binary, "-n", "-c", str(cfg.connections), "-j", "2", "-T", str(cfg.seconds),
                          "-f", str(script), libpq], capture_output=True, text=True, check=True,
                         timeout=cfg.seconds + 60).stdout
    return float(re.search(r"tps = ([0-9.]+)", out).group(1))


# -- the whole run ---------------------------------------------------------------------------

def main() -> int:
    cfg = Config.from_env()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench-vote does it)")
    work = Path(tempfile.mkdtemp(prefix="wsis-bench-"))
    keys = Stack(run_dir=work / "keys-stack", database_urls={})  # its key pair, as make run makes it
    signer = TokenSigner(keys.private_key.read_text(), issuer="wsis-gateway", audience="wsis-services")
    url = fresh_database(cfg.admin_url)
    seed(url)
    env = {"DATABASE_URL": url, "TOKEN_PUBLIC_KEY_FILE": str(keys.public_key)}
    rng = random.Random(7)
    worker_class = os.environ.get("GUNICORN_WORKER_CLASS", WEB_WORKER_CLASS)
    threads = os.environ.get("GUNICORN_THREADS", "1")
    threads = f", {threads} threads per worker" if worker_class == "gthread" else ""
    print(f"wrk: {cfg.connections} connections, {cfg.wrk_threads} thread(s), {cfg.seconds}s per run; "
          f"gunicorn {worker_class}{threads}", flush=True)
    votes_runs: dict[int, list[Run]] = {}  # per worker count: the vote directly, then the bare
    hello_runs: dict[int, list[Run]] = {}  # endpoint right after it
    through: list[Run] = []  # through the gateway, and directly in turn with it
    alongside: list[Run] = []

    def vote_then_hello(workers: int, prefix: str) -> None:
        with gunicorn("voting:create_app()", workers, env, work) as base:
            warm = plan(work / "warm.txt", signer, f"warm{prefix}", 3000, rng)
            wrk(cfg, base, warm, 1)
            planned = plan(work / "votes.txt", signer, prefix, cfg.max_votes, rng)
            before, written = served_201(base), batches(base)
            run = measure(cfg, "vote direct", workers, base, planned, cfg.max_votes)
            run.served = _settled(base) - before
            run.batch = _average_batch(written, batches(base))
        run.stored, run.doubled = count_votes(url, prefix)
        votes_runs.setdefault(workers, []).append(run)
        report(run)
        with gunicorn("hello:app", workers, env, work) as base:
            wrk(cfg, base, warm, 1)
            hello_runs.setdefault(workers, []).append(
                measure(cfg, "bare flask", workers, base, planned, cfg.max_votes))
        report(hello_runs[workers][-1])

    try:
        for workers in cfg.workers:
            vote_then_hello(workers, f"w{workers}-")
        best = max(votes_runs, key=lambda w: votes_runs[w][0].per_second)
        # The figures come from new pairs at that count: the run that won the choice is the
        # luckiest of its kind, and the pairs span the machine's drift.
        for turn in range(1, cfg.flask_rounds + 1):
            vote_then_hello(best, f"w{best}.{turn}-")
        # The gateway's cost: through nginx and directly, alternately, on one server, so that
        # the machine's drift over the run falls on both sides of the ratio.
        with gunicorn("voting:create_app()", best, env, work) as base:
            port = int(base.rsplit(":", 1)[1])
            with gateway(work / "nginx", port) as gateway_url:
                warm = plan(work / "warm.txt", signer, "warmgw-", 3000, rng)
                wrk(cfg, gateway_url, warm, 1)
                for turn in range(cfg.gateway_rounds):
                    order = (("vote gateway", gateway_url), ("vote direct", base))
                    for label, target in order if turn % 2 == 0 else order[::-1]:
                        prefix = f"{'gw' if label == 'vote gateway' else 'gd'}{turn}-"
                        planned = plan(work / "votes.txt", signer, prefix, cfg.max_votes, rng)
                        before, written = served_201(base), batches(base)
                        run = measure(cfg, label, best, target, planned, cfg.max_votes)
                        run.served = _settled(base) - before
                        run.batch = _average_batch(written, batches(base))
                        run.stored, run.doubled = count_votes(url, prefix)
                        (through if label == "vote gateway" else alongside).append(run)
                        report(run)
        tps = pgbench(cfg, url, work)
        print(f"pgbench: {tps:.0f} TPS (single-row INSERT ... ON CONFLICT DO NOTHING, "
              f"{cfg.connections} clients)", flush=True)
    finally:
        drop_database(cfg.admin_url)
        shutil.rmtree(work, ignore_errors=True)

    direct, hello = votes_runs[best][1:], hello_runs[best][1:]  # the pairs taken after the choice
    measured = [*(run for runs in votes_runs.values() for run in runs), *through, *alongside]
    gateway_ratio = sum(r.per_second for r in through) / sum(r.per_second for r in alongside)
    print(f"figures at {best} worker(s) ({worker_class}), the best vote throughput of {cfg.workers}: "
          f"means of the {len(direct)} vote and bare runs after that choice, their highest p99", flush=True)
    votes_rate = sum(run.per_second for run in direct) / len(direct)
    hello_rate = sum(run.requests / run.seconds for run in hello) / len(hello)
    print(f"votes_per_s={votes_rate:.0f} hello_per_s={hello_rate:.0f} "
          f"pgbench_tps={tps:.0f} ratio_flask={votes_rate / hello_rate:.2f} "
          f"ratio_pgbench={votes_rate / tps:.2f} "
          f"ratio_gateway={gateway_ratio:.2f} "
          f"p99_ms={max(run.p99_ms for run in direct):.1f} "
          f"lost={sum(r.lost + r.unacknowledged for r in measured)} "
          f"doubled={sum(r.doubled or 0 for r in measured)} errors_5xx={sum(r.errors_5xx for r in measured)}")
    return 0


def report(run: Run) -> None:
    rate = run.per_second if run.label.startswith("vote") else run.requests / run.seconds
    unit = "votes/s" if run.label.startswith("vote") else "req/s"
    errors = {k: v for k, v in run.errors.items() if v}
    line = (f"{run.label:<13} workers={run.workers} {rate:8.0f} {unit:<7} p50={run.p50_ms:.1f}ms "
            f"p95={run.p95_ms:.1f}ms p99={run.p99_ms:.1f}ms statuses={dict(sorted(run.statuses.items()))} "
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
