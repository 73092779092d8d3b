"""`make bench-flood`: the vote under a flood through the gateway, at several in-flight bounds.

One voting process (one gevent worker, the unit VOTING_MAX_IN_FLIGHT bounds) behind nginx as
`make run` starts them (devstack's Stack), on this run's own PostgreSQL databases (a unique
prefix; it drops only those), with the per-address limits lifted (all the load comes from one
address). For each bound of BENCH_BOUNDS (0: none) the process is restarted with it, warmed
(2 s at 32 connections), then wrk (devstack/requests.lua) floods the API vote with
BENCH_CONNECTIONS (512) connections for BENCH_SECONDS (10), each connection sending its next
vote as soon as it has an answer (a 503's Retry-After is not honoured: the worst case), each
vote by a distinct voter and category, at most BENCH_MAX_VOTES per run. BENCH_ROUNDS rounds,
the order of the bounds alternating (the machine is shared and drifts).

Per run: votes answered 201 per second and 503s per second (wrk's count over its run), the other
statuses, p50/p99 of the 201s and of the 503s (nginx's `seconds` in its access log, per status:
wrk's percentiles mix both), wrk's timeouts (no answer within 5 s), and the rows stored against
the 201s the voting process itself counted (`lost`: a 201 without its row or a row without its
201; so a shed vote stored nothing) and the voting process's CPU per answer. The last line is
the figures line: per bound the mean votes/s of its runs, its ratio to the unbounded runs' (the
machine is shared: compare bounds within one run), the same ratio per second of the voting
process's CPU (`cpu_ratio`: what the machine's drift between runs does not move), the sheds/s,
and the highest p99 of the 201s and of the 503s; services/voting/bench/README.md reads them.

Environment: BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_BROKER_URL, BENCH_SECONDS (10),
BENCH_CONNECTIONS (512), BENCH_ROUNDS (2), BENCH_MAX_VOTES (60000), BENCH_BOUNDS
("0,32,64,128,256,512").
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from devstack.bench import (
    Load,
    StackBench,
    answers,
    count_votes,
    plan_api_votes,
    seed_voting,
    settled_201,
    tallied,
    wrk,
)
from devstack.bench_stack import bench_stack
from devstack.cpu import CpuMeter
from devstack.stack import APPS, Stack
from wsis_common.auth import TokenSigner

VOTING = next(app for app in APPS if app.name == "voting")
WEB = Stack.web_process("voting")


@dataclass(frozen=True)
class Config(StackBench):
    bounds: list[int]

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        bounds = [max(0, int(n)) for n in env.get("BENCH_BOUNDS", "0,32,64,128,256,512").split(",")]
        return cls.read(env, seconds=10, max_votes=60000, connections=512, rounds=2, bounds=bounds)


@dataclass
class FloodRun:
    bound: int
    load: Load
    latencies: dict[int, list[float]]  # status -> seconds of each answer, as nginx logged them
    served: int  # 201s the voting process counted
    stored: int
    doubled: int
    cpu_seconds: float  # the voting process's, during wrk's run

    @property
    def votes_per_cpu_second(self) -> float:
        """201s per second of the voting process's CPU: unlike votes/s, it does not depend on
        the share of the cores the machine's other users left this run."""
        return self.load.statuses.get(201, 0) / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def cpu_us_per_answer(self) -> float:
        """The voting process's CPU per answer wrk got (a 201 or a shed alike)."""
        return self.cpu_seconds * 1e6 / self.load.requests if self.load.requests else 0.0

    def per_second(self, status: int) -> float:
        return self.load.rate(status)

    def percentile_ms(self, status: int, share: float) -> float:
        seconds = sorted(self.latencies.get(status, []))
        return seconds[min(len(seconds) - 1, int(len(seconds) * share))] * 1000 if seconds else 0.0

    @property
    def others(self) -> dict[int, int]:
        return {code: n for code, n in sorted(self.load.statuses.items()) if code not in (201, 503)}

    @property
    def timeouts(self) -> int:
        return self.load.errors.get("timeout", 0)

    @property
    def lost(self) -> int:
        return abs(self.served - self.stored)


@dataclass
class Flood:
    cfg: Config
    stack: Stack
    signer: TokenSigner
    work: Path
    runs: list[FloodRun] = field(default_factory=list)

    def restart_with(self, bound: int) -> None:
        """The voting process again, bounded at `bound` (0: none), warm: its pool open, its
        ballot and the revoked tokens read (the flood follows at once, as on a live vote)."""
        self.stack.stop_process(WEB)
        argv, env = self.stack.commands[WEB]
        self.stack.commands[WEB] = (argv, {**env, "VOTING_MAX_IN_FLIGHT": str(bound)})
        self.stack.restart(WEB)
        wait_ready(self.stack)
        warm = plan_api_votes(self.work / "warm.txt", self.signer, f"warm{bound}-{len(self.runs)}-", 2000)
        wrk("warm-up", self.stack.gateway_url, warm, seconds=2, connections=32)
        settled_201(self.stack.web_url("voting"))  # its last answers are not the flood's 201s

    def measure(self, bound: int, prefix: str) -> FloodRun:
        planned = plan_api_votes(self.work / "votes.txt", self.signer, prefix, self.cfg.max_votes)
        self.restart_with(bound)
        log = self.stack.run_dir / "logs" / "nginx-access.log"
        offset = log.stat().st_size
        meter = CpuMeter({"voting": [self.stack.processes[WEB].pid]})
        with tallied([self.stack.web_url("voting")]) as tally:
            meter.start()
            load = wrk(f"bound {bound}", self.stack.gateway_url, planned, seconds=self.cfg.seconds,
                       connections=self.cfg.connections)
            cpu = meter.stop()["voting"]
        stored, doubled = count_votes(self.stack.database_urls["voting"], prefix)
        run = FloodRun(bound, load, vote_latencies(log, offset), tally.served[0], stored, doubled, cpu)
        self.runs.append(run)
        report(run, self.cfg.max_votes)
        return run


def vote_latencies(log: Path, offset: int) -> dict[int, list[float]]:
    """status -> nginx's `seconds` of each API vote it logged after `offset` (settled: the
    answers in flight when wrk stopped are in it too)."""
    found: dict[int, list[float]] = {}
    with log.open("rb") as lines:
        lines.seek(offset)
        for line in lines:
            entry = json.loads(line)
            if entry["method"] == "POST" and entry["uri"].endswith("/votes"):
                found.setdefault(entry["status"], []).append(entry["seconds"])
    return found


def report(run: FloodRun, planned: int) -> None:
    used_up = " (used up its planned votes: raise BENCH_MAX_VOTES)" if run.load.requests >= planned else ""
    print(f"bound={run.bound:<4} {run.per_second(201):6.0f} votes_201/s "
          f"{run.per_second(503):6.0f} shed_503/s other={run.others or 0} "
          f"201_p50={run.percentile_ms(201, 0.5):.0f}ms "
          f"201_p99={run.percentile_ms(201, 0.99):.0f}ms 503_p50={run.percentile_ms(503, 0.5):.0f}ms "
          f"503_p99={run.percentile_ms(503, 0.99):.0f}ms timeouts={run.timeouts} | 201s_counted={run.served} "
          f"rows={run.stored} lost={run.lost} doubled={run.doubled} | voting_cpu_us_per_answer="
          f"{run.cpu_us_per_answer:.0f} votes_per_cpu_s={run.votes_per_cpu_second:.0f} nginx_statuses="
          f"{dict(sorted(Counter({s: len(v) for s, v in run.latencies.items()}).items()))}{used_up}",
          flush=True)


def main() -> int:
    cfg = Config.from_env()
    with bench_stack(cfg, "flood", extra_env={"NGINX_ACCESS_LOG": "1"}, web_concurrency=1) as bench:
        stack = bench.stack
        flood = Flood(cfg, stack, TokenSigner(stack.private_key.read_text(), issuer="wsis-gateway",
                                              audience="wsis-services"), bench.work)
        stack.migrate(VOTING)
        seed_voting(bench.urls["voting"])
        stack.start_web(VOTING)  # the vote's path only: nginx and one voting process
        stack.start_nginx()
        wait_ready(stack)
        print(f"wrk: {cfg.connections} connections, {cfg.seconds}s and at most {cfg.max_votes} votes per "
              f"run, {cfg.rounds} round(s); one voting process (one gevent worker) behind nginx; "
              f"bounds {cfg.bounds}; load average at start {os.getloadavg()[0]:.1f}", flush=True)
        for turn in range(cfg.rounds):
            for bound in cfg.bounds if turn % 2 == 0 else cfg.bounds[::-1]:
                flood.measure(bound, f"f{turn}b{bound}-")
    return figures(cfg, flood.runs)


def wait_ready(stack: Stack, timeout: float = 60.0) -> None:
    """Stack.wait_ready for the two processes this stack runs: the voting process and nginx."""
    deadline = time.monotonic() + timeout
    for url in (f"{stack.web_url('voting')}/readyz", f"{stack.gateway_url}/nginx-healthz"):
        while not answers(url):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout:.0f}s: {url}")
            time.sleep(0.1)


def figures(cfg: Config, runs: list[FloodRun]) -> int:
    def mean(bound: int, value) -> float:
        return statistics.fmean(value(r) for r in runs if r.bound == bound)

    # Each bound against the unbounded process in the same run: its votes/s, and its votes per
    # second of the process's CPU (the machine is shared, and its speed drifts between runs).
    unbounded = 0 if 0 in cfg.bounds else cfg.bounds[0]
    base = mean(unbounded, lambda r: r.per_second(201)) or 1.0
    base_cpu = mean(unbounded, lambda r: r.votes_per_cpu_second) or 1.0
    parts = []
    for bound in cfg.bounds:
        mine = [r for r in runs if r.bound == bound]
        votes = mean(bound, lambda r: r.per_second(201))
        parts += [f"votes_per_s_{bound}={votes:.0f}", f"ratio_{bound}={votes / base:.2f}",
                  f"cpu_ratio_{bound}={mean(bound, lambda r: r.votes_per_cpu_second) / base_cpu:.2f}",
                  f"shed_per_s_{bound}={mean(bound, lambda r: r.per_second(503)):.0f}",
                  f"p99_201_ms_{bound}={max(r.percentile_ms(201, 0.99) for r in mine):.0f}",
                  f"p99_503_ms_{bound}={max(r.percentile_ms(503, 0.99) for r in mine):.0f}"]
    parts += [f"timeouts={sum(r.timeouts for r in runs)}", f"lost={sum(r.lost for r in runs)}",
              f"doubled={sum(r.doubled for r in runs)}"]
    print(" ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
