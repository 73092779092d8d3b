"""The faulted replay (`REPLAY_FAULTS=1`, `make replay-faults`): the same walk, with faults
injected at moments a seed chooses (REPLAY_FAULT_SEED, printed first; REPLAY_SEED by default),
on the replay's own processes and servers only: the stack's processes it started, its own
RabbitMQ vhost, and a TCP proxy of its own between every service and PostgreSQL (the
machine's PostgreSQL and RabbitMQ themselves are never touched).

A fault fires once the walk has reached its stage and done the drawn share of the stage's work,
read from where the work is kept (the services' databases, read straight, not through the
proxy); one at a time, from a thread of its own. What each did, and what the clients had to send
again until the next one, is in the summary."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg

from devstack.bench import answers, libpq
from devstack.stack import App, Stack
from devstack.tcp_proxy import TcpProxy, through_proxy
from replay.client import Retries, connect
from replay.plan import Plan
from replay.walk import Sent, Walk

OUTAGE_SECONDS = 10.0  # how long the database is unreachable, and the mail capture stopped
BACK_WITHIN = 90.0  # a killed process not serving again by then is a finding
POLL = 0.05
# The votes stored this long before voting's process was killed, and after, may have been
# answered by no one: their voters vote again (at most REPEATS of them).
IN_FLIGHT = timedelta(seconds=3)
REPEATS = 40

# What each kind of fault does, in the order the summary lists them.
KINDS = {
    "kill-voting-web": "kill -9 the voting web process (gunicorn master)",
    "kill-voting-worker": "kill -9 the voting worker",
    "close-broker": "every connection of the replay's RabbitMQ vhost forced closed",
    "cut-database": f"PostgreSQL unreachable for {OUTAGE_SECONDS:g} s (every service, through the proxy)",
    "freeze-mail": f"the SMTP capture stopped (SIGSTOP) for {OUTAGE_SECONDS:g} s, then SIGCONT",
    "kill-mail": "kill -9 the SMTP capture",
    "kill-notify-worker": "kill -9 the notify worker while it sends a batch (mails pending)",
}
_KILLS = {"kill-voting-web": "voting-web", "kill-voting-worker": "voting-worker", "kill-mail": "mailcapture",
          "kill-notify-worker": "notify-worker"}
_TARGETS = {**_KILLS, "freeze-mail": "mailcapture"}  # what each fault acts on, when not itself


@dataclass(frozen=True)
class Stage:
    """Where a fault may fire: the walk's phases whose name starts with `phase`, and how much of
    their work is done (a count in one service's database, against the plan's total)."""

    phase: str
    service: str
    query: str
    total: Callable[[Plan], int]


STAGES = {
    "registration": Stage("stakeholders:", "gateway", "SELECT count(*) FROM accounts",
                          lambda p: p.projects + p.experts + 2),
    "submissions": Stage("phase 1:", "submission", "SELECT count(*) FROM submissions", lambda p: p.projects),
    "voters": Stage("voters:", "gateway", "SELECT count(*) FROM accounts", lambda p: len(p.voters)),
    "votes": Stage("phase 3:", "voting", "SELECT count(*) FROM votes", lambda p: p.votes),
}
# Where the notify worker has batches to send: review outcomes, finalists, winner notices, the
# announcement; it is killed there once mails are pending and being sent.
MAIL_PHASES = ("phase 2:", "the close", "phase 4:", "phase 5:")
_MAIL_QUERY = ("SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'sent') "
               "FROM mails")


@dataclass(frozen=True)
class Fault:
    kind: str
    stage: str  # a STAGES key, or "mail" (from `phase` on, while notify sends)
    share: float = 0.0  # of the stage's work done when it fires
    moving: bool = False  # and only while that work goes on (votes in flight), unless long past
    phase: str = ""  # "mail": the phase from which it is armed

    def describe(self) -> str:
        if self.stage == "mail":
            return f"{self.kind} from '{self.phase}' on, while mails are sent"
        return f"{self.kind} at {self.share:.0%} of the {self.stage}" + (" in flight" if self.moving else "")


def schedule(seed: int) -> list[Fault]:
    """The faults of seed `seed`: each kind at least once, the database twice (once while
    projects are submitted, once in the vote); stages and moments drawn from the seed."""
    rng = random.Random(f"replay-faults-{seed}")
    mail_stage = ("registration", "submissions", "voters")
    return [
        Fault("cut-database", "submissions", rng.uniform(0.1, 0.6)),
        # Fired by 40% of the votes at the latest (moving or not): the last days' votes begin
        # after 42% (plan.SEGMENTS), so the outage falls in the vote, never after it.
        Fault("cut-database", "votes", rng.uniform(0.05, 0.25), moving=True),
        Fault("kill-voting-web", "votes", rng.uniform(0.1, 0.9), moving=True),
        Fault("kill-voting-worker", "votes", rng.uniform(0.1, 0.9)),
        Fault("close-broker", rng.choice((*mail_stage, "votes")), rng.uniform(0.1, 0.8)),
        Fault("freeze-mail", rng.choice(mail_stage), rng.uniform(0.1, 0.8)),
        Fault("kill-mail", rng.choice(mail_stage), rng.uniform(0.1, 0.8)),
        Fault("kill-notify-worker", "mail", phase=rng.choice(MAIL_PHASES)),
    ]


@dataclass
class Injected:
    fault: Fault
    at: float  # time.monotonic()
    phase: str
    progress: str
    resent: int  # the walk's votes sent again after wrk, so far
    wrk_503: int  # and wrk's 503s
    detail: str = "under way"
    ok: bool = True  # False: it could not be injected as meant (said in detail)


@dataclass
class ProxiedStack(Stack):
    """The replay's stack with every service reaching PostgreSQL through the proxy on
    `proxy_port`; `database_urls` stay the straight ones, which the replay reads."""

    proxy_port: int = 0

    def env_for(self, app: App, port: int | None = None) -> dict[str, str]:
        env = super().env_for(app, port)
        env["DATABASE_URL"] = through_proxy(env["DATABASE_URL"], self.proxy_port)
        return env


class Restarts:
    """The stack as the supervisor sees it, counting each process it starts again, with the
    last lines the process wrote (what a crash no fault caused said)."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.counts: Counter = Counter()
        self.events: list[tuple[float, str]] = []
        self.last_words: dict[str, str] = {}

    def exited(self) -> dict[str, int]:
        return self.stack.exited()

    def uptime(self, name: str) -> float:
        return self.stack.uptime(name)

    def restart(self, name: str) -> None:
        self.counts[name] += 1
        self.events.append((time.monotonic(), name))
        with suppress(OSError):
            lines = (self.stack.run_dir / "logs" / f"{name}.log").read_text(errors="replace").splitlines()
            self.last_words[name] = " | ".join(line.strip()[:300] for line in lines[-3:])
        self.stack.restart(name)


class Faults:
    def __init__(self, seed: int, plan: Plan, started: float, say: Callable[[str], None]) -> None:
        self.seed, self.plan, self.started, self.say = seed, plan, started, say
        self.schedule = schedule(seed)
        self.injected: list[Injected] = []
        self.proxy: TcpProxy | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._injecting: list[threading.Thread] = []
        self._locks: dict[str, threading.Lock] = {}
        self.walk: Walk | None = None
        self.findings: list[str] = []  # what a fault showed wrong, beyond the reconciliation

    def stack(self, run_dir: Path, database_urls: dict[str, str], broker_url: str,
              extra_env: dict[str, str]) -> Stack:
        """The stack, its services behind a database proxy of the replay's own (started here)."""
        server = urlsplit(libpq(next(iter(database_urls.values()))))
        self.proxy = TcpProxy(server.hostname or "127.0.0.1", server.port or 5432).start()
        return ProxiedStack(run_dir=run_dir, database_urls=database_urls, broker_url=broker_url,
                            extra_env=extra_env, proxy_port=self.proxy.port)

    def close(self) -> None:
        if self.proxy is not None:
            self.proxy.cut()

    @contextmanager
    def injecting(self, stack: Stack, walk: Walk, vhost: str | None) -> Iterator[None]:
        """The faults fire, from a thread, while the block runs; a fault under way when it ends
        is undone first (the database back, the capture continued)."""
        self.walk = walk
        self._thread = threading.Thread(target=self._run, args=(stack, walk, vhost), name="faults",
                                        daemon=True)
        self._thread.start()
        try:
            yield
        finally:
            self._stop.set()
            self._thread.join(OUTAGE_SECONDS + 2 * BACK_WITHIN + 30)

    # -- when --

    def _run(self, stack: Stack, walk: Walk, vhost: str | None) -> None:
        counts = _Counts(stack)
        pending = list(self.schedule)
        entered: dict[str, float] = {}  # stage -> its count when the walk reached it
        previous: dict[str, float] = {}
        try:
            while pending and not self._stop.wait(POLL):
                phase = walk.current
                due = next((f for f in pending if self._due(f, phase, counts, entered, previous)), None)
                previous = dict(counts.latest)
                if due is not None:
                    pending.remove(due)
                    # Each in a thread of its own: a fault that lasts (an outage) never holds
                    # back the moment of the next.
                    record = self._record(due, walk, phase, counts, entered)
                    thread = threading.Thread(target=self._inject, args=(record, stack, vhost),
                                              name=f"fault {due.kind}", daemon=True)
                    thread.start()
                    self._injecting.append(thread)
        except Exception as error:  # said, and the faults not fired are reported as such
            self.say(f"faults: stopped by {type(error).__name__}: {error}")
        finally:
            counts.close()
            for thread in self._injecting:
                thread.join(OUTAGE_SECONDS + 2 * BACK_WITHIN)

    def _due(self, fault: Fault, phase: str, counts: _Counts, entered: dict[str, float],
             previous: dict[str, float]) -> bool:
        if fault.stage == "mail":  # armed once the walk reaches its phase, for good
            if phase.startswith(fault.phase):
                entered[f"mail {fault.phase}"] = 0.0
            if f"mail {fault.phase}" not in entered:
                return False
            pending, sent = counts.mail()
            return pending > 0 and sent > previous.get("mail sent", sent)
        stage = STAGES[fault.stage]
        inside = phase.startswith(stage.phase)
        if inside and fault.stage not in entered:
            entered[fault.stage] = counts.read(fault.stage)
        if fault.stage not in entered:
            return False
        done = (counts.read(fault.stage) - entered[fault.stage]) / max(1, stage.total(self.plan))
        if not inside:  # the stage is over: late rather than never
            return True
        if done < fault.share:
            return False
        moved = counts.latest[fault.stage] > previous.get(fault.stage, counts.latest[fault.stage])
        return not fault.moving or moved or done >= fault.share + 0.15

    # -- what --

    def _record(self, fault: Fault, walk: Walk, phase: str, counts: _Counts,
                entered: dict[str, float]) -> Injected:
        if fault.stage == "mail":
            pending, sent = counts.mail()
            progress = f"{pending} mails pending, {sent} sent"
        else:
            done = counts.latest[fault.stage] - entered[fault.stage]
            progress = f"{done / max(1, STAGES[fault.stage].total(self.plan)):.0%} of the {fault.stage}"
        record = Injected(fault, time.monotonic(), phase, progress, resent=walk.sent.resent,
                          wrk_503=walk.sent.vote_statuses.get(503, 0))
        self.injected.append(record)
        self.say(f"   FAULT {fault.kind} ({progress}, during '{phase}')")
        return record

    def _inject(self, record: Injected, stack: Stack, vhost: str | None) -> None:
        fault = record.fault
        # Two faults on one thing never overlap (the database cut while it is cut).
        with self._locks.setdefault(_TARGETS.get(fault.kind, fault.kind), threading.Lock()):
            try:
                record.detail, record.ok = self._do(fault, stack, vhost)
            except Exception as error:
                record.detail, record.ok = f"{type(error).__name__}: {error}", False
        self.say(f"   FAULT {fault.kind} done: {record.detail}")

    def _do(self, fault: Fault, stack: Stack, vhost: str | None) -> tuple[str, bool]:
        if fault.kind == "kill-voting-web":
            killed_at = datetime.now(UTC)
            detail, ok = self._kill(stack, "voting-web")
            return detail + self._vote_again(stack, killed_at), ok
        if fault.kind in _KILLS:
            return self._kill(stack, _KILLS[fault.kind])
        if fault.kind == "cut-database":
            assert self.proxy is not None
            open_now = self.proxy.open_connections
            self.proxy.cut()
            try:
                time.sleep(OUTAGE_SECONDS)
            finally:
                self.proxy.restore()
            return f"{open_now} connections cut, new ones refused for {OUTAGE_SECONDS:g} s", True
        if fault.kind == "freeze-mail":
            process = _running(stack, "mailcapture")
            if process is None:
                return "mailcapture was not running", False
            os.kill(process.pid, signal.SIGSTOP)
            try:
                time.sleep(OUTAGE_SECONDS)
            finally:
                with suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGCONT)
            return f"pid {process.pid} stopped {OUTAGE_SECONDS:g} s, then continued", True
        if fault.kind == "close-broker":
            return _close_connections(vhost)
        raise ValueError(fault.kind)

    def _kill(self, stack: Stack, name: str) -> tuple[str, bool]:
        """kill -9 one of the stack's own processes; the supervisor starts it again."""
        process = _running(stack, name)
        if process is None:
            return f"{name} was not running", False
        os.kill(process.pid, signal.SIGKILL)
        killed = time.monotonic()
        url = stack.readiness_urls()[name]
        while stack.processes[name] is process or not answers(url):
            if time.monotonic() - killed > BACK_WITHIN:
                return f"pid {process.pid} killed; not serving again after {BACK_WITHIN:g} s", False
            time.sleep(0.2)
        return f"pid {process.pid} killed; serving again after {time.monotonic() - killed:.1f} s", True

    def _vote_again(self, stack: Stack, killed_at: datetime) -> str:
        """The voters whose vote was in flight when voting's process died saw no answer, or a
        503 that says voting again is safe: they vote again, as they would. The vote is stored
        already; the answer must be 409 naming it (never a second row, which the
        reconciliation's `doubled` would count)."""
        walk = self.walk
        tokens = {p.account_id: p.token for p in getattr(walk, "voter_people", []) if p.token}
        if walk is None or not tokens:
            return ""
        window = (walk.year, killed_at - IN_FLIGHT, killed_at + IN_FLIGHT)
        with connect(stack.database_urls["voting"]) as conn:
            stored = conn.execute("SELECT voter, category, nominee FROM votes WHERE edition = %s AND cast_at "
                                  "BETWEEN %s AND %s ORDER BY cast_at DESC", window).fetchall()
        answers: Counter = Counter()
        for voter, category, nominee in [row for row in stored if row[0] in tokens][:REPEATS]:
            response = walk.gateway.send("POST", f"/api/v1/editions/{walk.year}/votes", tokens[voter],
                                         json={"category": category, "nominee": nominee})
            chosen = (_body(response).get("chosen") or {}).get("nominee")
            if response.status_code == 409 and chosen == nominee:
                answers["409 naming the vote stored"] += 1
            elif response.status_code == 403:  # the vote closed meanwhile: nothing to learn
                answers["403"] += 1
            else:
                answers[f"{response.status_code} (chosen {chosen})"] += 1
                self.findings.append(f"a vote stored before voting's process was killed, sent again, was "
                                     f"answered {response.status_code} {response.text[:200]}")
        if not answers:
            return "; no vote was in flight"
        return f"; {sum(answers.values())} voters whose vote was in flight voted again: {dict(answers)}"

    # -- the summary --

    def report(self, say: Callable[[str], None], retries: list[Retries], restarts: Restarts) -> list[str]:
        """The faults injected, each with what the clients sent again and the processes started
        again until the next; returns the problems (a fault not injected, a process that exited
        with no fault killing it)."""
        problems = []
        say(f"== faults of seed {self.seed} (REPLAY_FAULT_SEED): {len(self.injected)} injected, "
            f"{len(self.schedule)} planned")
        sent = self.walk.sent if self.walk else Sent()
        marks = [(r.at, r.resent, r.wrk_503) for r in self.injected[1:]]
        marks.append((float("inf"), sent.resent, sent.vote_statuses.get(503, 0)))
        for record, (end, resent_by_then, wrk_503_by_then) in zip(self.injected, marks, strict=True):
            resent, wrk_503 = resent_by_then - record.resent, wrk_503_by_then - record.wrk_503
            found = Counter()
            for r in retries:
                found.update(r.by_kind(record.at, end))
            started_again = Counter(name for at, name in restarts.events if record.at <= at < end)
            say(f"{record.at - self.started:8.1f} s  {record.fault.kind}: {KINDS[record.fault.kind]}")
            say(f"{'':12}during '{record.phase}' ({record.progress}): {record.detail}")
            say(f"{'':12}until the next fault: {sum(found.values())} requests sent again"
                + (f" ({_top(found)})" if found else "")
                + (f"; wrk's votes answered 503: {wrk_503}" if wrk_503 else "")
                + (f"; votes wrk did not deliver, sent again: {resent}" if resent else "")
                + (f"; started again: {dict(started_again)}" if started_again else ""))
            if not record.ok:
                problems.append(f"fault {record.fault.kind} not injected as meant: {record.detail}")
        problems += self.findings
        for fault in self.schedule:
            if not any(r.fault is fault for r in self.injected):
                problems.append(f"fault never fired: {fault.describe()}")
        killed = Counter(_KILLS[r.fault.kind] for r in self.injected if r.fault.kind in _KILLS)
        for name, times in sorted(restarts.counts.items()):
            if times > killed[name]:
                problems.append(f"{name} exited {times - killed[name]} time(s) with no fault killing it; "
                                f"its log ended: {restarts.last_words.get(name, '?')}")
        return problems

    def kinds(self) -> set[str]:
        return {r.fault.kind for r in self.injected if r.ok}


def _running(stack: Stack, name: str) -> subprocess.Popen | None:
    """The stack's process `name`, once running (it may be starting again after a fault)."""
    limit = time.monotonic() + BACK_WITHIN
    while stack.processes[name].poll() is not None:
        if time.monotonic() > limit:
            return None
        time.sleep(0.2)
    return stack.processes[name]


def _body(response: Any) -> dict[str, Any]:
    try:
        found = response.json()
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _top(counts: Counter, n: int = 4) -> str:
    return ", ".join(f"{kind} x{times}" for kind, times in counts.most_common(n)) + \
        (", ..." if len(counts) > n else "")


def _close_connections(vhost: str | None) -> tuple[str, bool]:
    """Every connection of the replay's own vhost closed by the broker (rabbitmqctl); never
    another's: without a vhost of its own the replay closes nothing."""
    if not vhost:
        return "no RabbitMQ vhost of the replay's own (rabbitmqctl missing): nothing closed", False
    done = subprocess.run(["rabbitmqctl", "close_all_connections", "--vhost", vhost, "--limit", "10000",
                           "replay fault"], capture_output=True, text=True, timeout=120)
    closed = re.search(r"Closed (\d+) connections", done.stdout)
    if done.returncode or not closed:
        return f"rabbitmqctl failed ({done.returncode}): {(done.stderr or done.stdout).strip()[:200]}", False
    return f"{closed.group(1)} connections of vhost {vhost} closed by the broker", True


class _Counts:
    """The counts the faults wait for, read straight from the services' databases (not through
    the proxy: the replay observes, its reads are not the platform's)."""

    def __init__(self, stack: Stack) -> None:
        self.urls = stack.database_urls
        self.latest: dict[str, float] = {}
        self._connections: dict[str, psycopg.Connection] = {}

    def _one(self, service: str, query: str) -> tuple[Any, ...]:
        for attempt in range(2):
            conn = self._connections.get(service)
            try:
                if conn is None:
                    conn = self._connections[service] = psycopg.connect(libpq(self.urls[service]),
                                                                        autocommit=True)
                return conn.execute(query).fetchone() or (0,)
            except psycopg.OperationalError:  # the shared server was busy: once more, anew
                self._connections.pop(service, None)
                if attempt:
                    raise
                time.sleep(0.5)
        raise AssertionError("unreachable")

    def read(self, stage: str) -> float:
        found = self._one(STAGES[stage].service, STAGES[stage].query)[0]
        self.latest[stage] = found
        return found

    def mail(self) -> tuple[int, int]:
        pending, sent = self._one("notify", _MAIL_QUERY)
        self.latest["mail sent"] = sent
        return pending, sent

    def close(self) -> None:
        for conn in self._connections.values():
            with suppress(psycopg.Error):
                conn.close()
