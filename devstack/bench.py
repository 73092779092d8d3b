"""What the benchmarks share (`make bench-vote`, `make bench-pages`, `make bench-scale`): the
settings they read from the environment, a run's own databases and vhost, an edition open for
voting with its ballot, voters with complete profiles and a logged-in page session, planned API
votes, wrk runs (requests.lua) read back as one JSON line, and the check of stored votes against
the answers the voting service says it sent. Benchmarks and the end-to-end tests both seed
through here; nothing here imports from tests/."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Self

import psycopg
from psycopg import sql

from devstack.stack import APPS
from submission.service.reference import category_codes_in_order
from wsis_common.auth import Principal, TokenSigner

HERE = Path(__file__).resolve().parent
YEAR = 2099
CATEGORIES = list(category_codes_in_order())
NOMINEES = 20
CSRF = "bench-csrf-token"  # the form's token, the same one in every forged session
# This machine's own servers, where a benchmark or the replay runs when told no other.
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"  # an admin URL: it creates databases
BROKER_URL = "amqp://guest:guest@127.0.0.1:5672/"


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


# -- the settings ----------------------------------------------------------------------------

@dataclass(frozen=True)
class StackBench:
    """What a benchmark of a whole stack reads from the environment (a benchmark adds its own
    settings in a subclass and gives its own defaults): BENCH_DATABASE_URL (PostgreSQL admin
    URL), BENCH_BROKER_URL, BENCH_SECONDS, BENCH_CONNECTIONS (32 unless the benchmark says),
    BENCH_ROUNDS (2 unless it says, at least 1), BENCH_MAX_VOTES."""

    admin_url: str
    broker_url: str
    seconds: int
    connections: int
    rounds: int
    max_votes: int

    @classmethod
    def read(cls, env: Mapping[str, str], *, seconds: int, max_votes: int, connections: int = 32,
             rounds: int = 2, **own: Any) -> Self:
        return cls(
            admin_url=env.get("BENCH_DATABASE_URL", ADMIN_URL),
            broker_url=env.get("BENCH_BROKER_URL", BROKER_URL),
            seconds=int(env.get("BENCH_SECONDS", str(seconds))),
            connections=int(env.get("BENCH_CONNECTIONS", str(connections))),
            rounds=max(1, int(env.get("BENCH_ROUNDS", str(rounds)))),
            max_votes=int(env.get("BENCH_MAX_VOTES", str(max_votes))),
            **own,
        )


# -- a run's own databases and vhost (`prefix` unique to the run: it drops only its own) -----

def database_url(admin_url: str, name: str) -> str:
    """The SQLAlchemy URL of database `name` on the server of `admin_url`."""
    return re.sub(r"/[^/]*$", f"/{name}", libpq(admin_url)).replace("postgresql://", "postgresql+psycopg://")


def fresh_databases(admin_url: str, prefix: str) -> dict[str, str]:
    urls = {}
    with psycopg.connect(libpq(admin_url), autocommit=True) as conn:
        for app in APPS:
            name = prefix + app.name
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            urls[app.name] = database_url(admin_url, name)
    return urls


def drop_databases(admin_url: str, prefix: str) -> None:
    """This run's own databases only."""
    with psycopg.connect(libpq(admin_url), autocommit=True) as conn:
        for app in APPS:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(prefix + app.name)))


def own_vhost(broker_url: str, prefix: str) -> tuple[str, str | None]:
    """The broker URL of a vhost of this run's own (rabbitmqctl), so that no other stack's
    events reach its workers; the shared one when rabbitmqctl is not at hand."""
    vhost = prefix.rstrip("_").replace("_", "-")
    try:
        subprocess.run(["rabbitmqctl", "add_vhost", vhost], check=True, capture_output=True, timeout=60)
        subprocess.run(["rabbitmqctl", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
                       check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return broker_url, None
    return broker_url.rstrip("/") + "/" + vhost, vhost


def delete_vhost(vhost: str | None) -> None:
    if vhost:
        subprocess.run(["rabbitmqctl", "delete_vhost", vhost], capture_output=True, timeout=60)


# -- seeding ---------------------------------------------------------------------------------

def open_edition(year: int = YEAR, nominees: int = NOMINEES, renamed: str = "") -> tuple[dict, dict]:
    """The `edition.updated` and `nominees.published` payloads of an edition voting now."""
    now = datetime.now(UTC)
    edition = {"edition": {
        "year": year, "ordinal": 88, "revision": 1, "updated_at": now.isoformat(),
        "phases": {"nominees_published_at": (now - timedelta(days=1)).isoformat(),
                   "voting_opens": (now - timedelta(days=1)).isoformat(),
                   "voting_closes": (now + timedelta(days=1)).isoformat()},
        "parameters": {"finalists_per_category": 5, "nominees_per_category": nominees}}}
    ballot = {"categories": [
        {"category": c, "nominees": [{"submission_id": f"{c}-{i}", "title": f"Project {c}-{i}{renamed}",
                                      "short_description": "x" * 1200} for i in range(nominees)]}
        for c in CATEGORIES]}
    return edition, ballot


def seed_voting(url: str, year: int = YEAR, renamed: str = "") -> None:
    """The edition and its ballot in the voting service's database, by its own handlers (again:
    the ballot replaced, each title with `renamed` appended)."""
    from voting import models
    from voting.models import ballot as ballots
    from wsis_common.db import Database
    from wsis_common.envelope import Envelope

    edition, nominees = open_edition(year, renamed=renamed)
    db = Database(url)
    with db.transaction() as session:
        models.editions.store(session, Envelope(type="edition.updated", producer="bench", edition=year,
                                                payload=edition))
        ballots.store(session, Envelope(type="nominees.published", producer="bench", edition=year,
                                        payload=nominees))
    db.dispose()


def seed_gateway(url: str, voters: int, prefix: str, year: int = YEAR) -> list[str]:
    """The gateway's copy of the edition, and `voters` stakeholders with complete profiles and
    confirmed e-mails (no password: they never log in through the form); their ids."""
    from portal import models
    from wsis_common.db import Database
    from wsis_common.envelope import Envelope

    edition, _ = open_edition(year)
    now = datetime.now(UTC)
    ids = [f"{prefix}{uuid.uuid4()}"[:36] for _ in range(voters)]
    db = Database(url)
    with db.transaction() as session:
        models.editions.store(session, Envelope(type="edition.updated", producer="bench", edition=year,
                                                payload=edition))
        session.add_all(models.Account(
            id=account_id, user_name=f"voter{account_id}"[:60],
            user_name_key=f"voter{account_id}"[:60].lower(),
            email=f"{account_id}@bench.example", password_hash="!", email_verified_at=now,
            organisation_name=f"Org {n % 997}", organisation_type="civil_society", country="CH",
            roles=["stakeholder"], credentials_version=0, created_at=now, updated_at=now)
            for n, account_id in enumerate(ids))
    db.dispose()
    return ids


@cache
def _session_serializer(secret_key: str) -> Any:
    from flask import Flask

    app = Flask("bench")
    app.secret_key = secret_key
    return app.session_interface.get_signing_serializer(app)


def session_cookie(secret_key: str, account_id: str) -> str:
    """The page session of a logged-in account, as the gateway app signs it (Flask's cookie),
    with the account's credentials version as log-in writes it (pages/auth.py)."""
    from portal.pages.auth import VERSION

    return _session_serializer(secret_key).dumps({"account_id": account_id, "csrf_token": CSRF,
                                                  VERSION: 0, "_permanent": True})


def count_votes(url: str, prefix: str) -> tuple[int, int]:
    """(rows, pairs stored more than once) of the voters whose id starts with `prefix`."""
    with psycopg.connect(libpq(url)) as conn:
        rows = conn.execute("SELECT count(*) FROM votes WHERE voter LIKE %s", (f"{prefix}%",)).fetchone()[0]
        doubled = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM votes WHERE voter LIKE %s "
            "GROUP BY edition, voter, category HAVING count(*) > 1) d", (f"{prefix}%",)).fetchone()[0]
    return rows, doubled


def planned_votes(voters: list[str], count: int) -> list[tuple[str, str, str]]:
    """(voter, category, nominee) for `count` votes: each voter once in every category."""
    planned = []
    for n, voter in enumerate(voters):
        for c, category in enumerate(CATEGORIES):
            planned.append((voter, category, f"{category}-{(n + c) % NOMINEES}"))
    return planned[:count]


def plan_api_votes(path: Path, signer: TokenSigner, prefix: str, count: int) -> Path:
    """`count` API votes for requests.lua, each by a distinct voter's token in another category."""
    voters = [f"{prefix}{n}" for n in range((count + len(CATEGORIES) - 1) // len(CATEGORIES))]
    tokens = {v: signer.sign(Principal(v, frozenset({"stakeholder"}), True,
                                       {"name": "Org", "type": "civil_society", "country": "CH"}),
                             lifetime=timedelta(hours=1)) for v in voters}
    path.write_text("".join(
        f"POST\t/api/v1/editions/{YEAR}/votes\tAuthorization: Bearer {tokens[voter]}\t"
        f"{json.dumps({'category': category, 'nominee': nominee})}\n"
        for voter, category, nominee in planned_votes(voters, count)))
    return path


# -- what a voting process says it did (its own /metrics: wrk misses what was in flight) -----

# A vote the voting service took: a 201 to the API, a 303 to the page form (voting/api/form.py).
_SERVED_201 = re.compile(r'^wsis_http_requests_total\{endpoint="(?:/api/v1/editions/<int:year>/votes",'
                         r'method="POST",service="voting",status="201"|/editions/<int:year>/vote",'
                         r'method="POST",service="voting",status="303")\} ([0-9.e+]+)$', re.M)
_BATCHES = re.compile(r'^wsis_vote_batch_votes_(sum|count)\{service="voting"\} ([0-9.e+]+)$', re.M)


def _metrics(voting_url: str) -> str:
    with urllib.request.urlopen(f"{voting_url}/metrics", timeout=10) as response:
        return response.read().decode()


def served_201(voting_url: str) -> int:
    """The votes the voting service itself took (all its gunicorn workers): the client misses
    the answers in flight when wrk stops at its deadline, the service does not."""
    return sum(int(float(count)) for count in _SERVED_201.findall(_metrics(voting_url)))


def batches(voting_url: str) -> tuple[float, float]:
    """(votes written, commits) so far, by the group commit's own histogram."""
    found = dict(_BATCHES.findall(_metrics(voting_url)))
    return float(found.get("sum", 0)), float(found.get("count", 0))


def _per_commit(before: Sequence[tuple[float, float]], after: Sequence[tuple[float, float]]) -> float:
    """Votes written per commit, on average, between two readings of batches() (one reading per
    voting process, in the same order)."""
    votes = sum(a[0] - b[0] for a, b in zip(after, before, strict=True))
    commits = sum(a[1] - b[1] for a, b in zip(after, before, strict=True))
    return votes / commits if commits else 0.0


def settled_201(voting_url: str) -> int:
    """served_201 once the votes in flight when wrk stopped have been answered."""
    served, previous = served_201(voting_url), -1
    while served != previous:
        time.sleep(0.5)
        served, previous = served_201(voting_url), served
    return served


@dataclass
class Tally:
    """What the voting processes say they did during a run (filled in when it ends)."""

    served: list[int] = field(default_factory=list)  # the votes each process took, in order
    per_commit: float = 0.0  # votes per commit, on average, over all of them


@contextmanager
def tallied(voting_urls: Sequence[str]) -> Iterator[Tally]:
    """The votes the voting processes at `voting_urls` take during the block (settled: the ones
    in flight when it ends answered too) and their group commits."""
    before = [served_201(url) for url in voting_urls]
    written = [batches(url) for url in voting_urls]
    tally = Tally()
    yield tally
    tally.served = [settled_201(url) - b for url, b in zip(voting_urls, before, strict=True)]
    tally.per_commit = _per_commit(written, [batches(url) for url in voting_urls])


# -- wrk -------------------------------------------------------------------------------------

@dataclass
class Load:
    """One wrk run: its answers by status, socket errors and latency percentiles."""

    label: str
    requests: int
    seconds: float
    statuses: dict[int, int]
    errors: dict[str, int]
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def rate(self, *codes: int) -> float:
        done = sum(self.statuses.get(c, 0) for c in codes) if codes else self.requests
        return done / self.seconds if self.seconds else 0.0

    @property
    def errors_5xx(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)


def wrk_argv(base_url: str, planned: Path, *, seconds: float, connections: int,
             threads: int = 1, patience: int = 5) -> list[str]:
    """wrk with requests.lua: each line of `planned` one request, sent once (bounded in count).
    wrk runs for `seconds` whatever the count; SIGINT ends it early with its summary. A request
    unanswered after `patience` seconds counts as a timeout."""
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{patience}s",
            "-s", str(HERE / "requests.lua"), base_url, "--", str(planned), str(threads)]


def read_load(label: str, out: str) -> Load:
    """The BENCH line requests.lua prints at the end."""
    raw = json.loads(next(ln for ln in out.splitlines() if ln.startswith("BENCH ")).removeprefix("BENCH "))
    return Load(label, raw["requests"], raw["seconds"], {int(k): v for k, v in raw["statuses"].items()},
                raw["errors"], raw["p50_ms"], raw["p95_ms"], raw["p99_ms"])


def wrk(label: str, base_url: str, planned: Path, *, seconds: float, connections: int,
        threads: int = 1) -> Load:
    argv = wrk_argv(base_url, planned, seconds=seconds, connections=connections, threads=threads)
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    return read_load(label, out)
