"""`make bench-scale`: what a voting replica buys. The API vote through the gateway (nginx) with
1, 2 and 4 voting processes, each a gunicorn instance of its own (one gevent worker) on its own
loopback port, all in nginx's `voting` upstream (devstack's Stack, `replicas`).

One stack as `make run` starts it, on this run's own databases and vhost (a unique prefix; it
drops only those), with the per-address limits raised (all the load comes from one address).
The highest count's processes all run throughout; between runs nginx is reloaded to route to the
first n of them, so that a run differs from another only by where nginx sends the votes. In
BENCH_ROUNDS rounds, the order of the counts alternating (the machine is shared and drifts), wrk
(devstack/requests.lua) sends the same bounded load: BENCH_MAX_VOTES planned votes, each once,
within BENCH_SECONDS. Each run prints votes/s, p50/p99, the 201s each replica itself counted
(its /metrics: nginx's spread), the votes stored against those 201s (`lost`), votes per commit,
the CPU seconds of each part (voting processes, nginx, PostgreSQL's backends of this database,
wrk, the rest of the machine) and the load average. The last line is the figures line of
issue 17; gateway/bench/README.md reads them.

Environment: BENCH_DATABASE_URL (PostgreSQL admin URL), BENCH_BROKER_URL, BENCH_SECONDS (5),
BENCH_CONNECTIONS (32), BENCH_ROUNDS (2), BENCH_MAX_VOTES (40000), BENCH_REPLICAS ("1,2,4").
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

import psycopg

from devstack.bench import (
    Load,
    StackBench,
    count_votes,
    libpq,
    plan_api_votes,
    seed_voting,
    tallied,
    wrk,
)
from devstack.bench_stack import bench_stack
from devstack.cpu import CpuMeter, cores
from wsis_common.auth import TokenSigner

# Time for nginx's new workers (after SIGHUP) to take the next connections.
RELOAD_SECONDS = 1.0


@dataclass(frozen=True)
class Config(StackBench):
    replicas: list[int]

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        replicas = sorted({max(1, int(n)) for n in env.get("BENCH_REPLICAS", "1,2,4").split(",")})
        return cls.read(env, seconds=5, max_votes=40000, replicas=replicas)


@dataclass
class ScaleRun:
    replicas: int
    load: Load
    per_replica: list[int]  # the 201s each voting process counted, all of them (routed or not)
    stored: int
    doubled: int
    per_commit: float
    cpu: dict[str, float]
    load_average: float

    @property
    def served(self) -> int:
        return sum(self.per_replica)

    @property
    def lost(self) -> int:
        return abs(self.served - self.stored)  # a 201 without its row, or a row without its 201

    @property
    def stray(self) -> int:
        """201s from processes nginx was not routing to (must be 0: the reload took)."""
        return sum(self.per_replica[self.replicas:])

    @property
    def per_second(self) -> float:
        return self.served / self.load.seconds if self.load.seconds else 0.0

    def cpu_ms_per_vote(self, part: str) -> float:
        """What a vote cost `part` in CPU: unlike votes/s, it does not depend on the share of
        the cores the machine's other users left this run."""
        return self.cpu[part] * 1000 / self.served if self.served else 0.0

    @property
    def share(self) -> float:
        """This stack's and wrk's part of the CPU the whole machine spent during the run."""
        ours = sum(seconds for part, seconds in self.cpu.items() if part != "others")
        return ours / (ours + self.cpu["others"]) if ours else 0.0


def report(run: ScaleRun, planned: int) -> None:
    cpu = " ".join(f"{part}={seconds:.1f}" for part, seconds in run.cpu.items())
    per_vote = " ".join(f"{part}={run.cpu_ms_per_vote(part):.2f}" for part in run.cpu if part != "others")
    used_up = " (used up its planned votes: raise BENCH_MAX_VOTES)" if run.load.requests >= planned else ""
    print(f"replicas={run.replicas} {run.per_second:7.0f} votes/s p50={run.load.p50_ms:.1f}ms "
          f"p99={run.load.p99_ms:.1f}ms statuses={dict(sorted(run.load.statuses.items()))} "
          f"socket_errors={sum(run.load.errors.values())} | per_replica_201={run.per_replica[:run.replicas]} "
          f"stray={run.stray} rows={run.stored} lost={run.lost} doubled={run.doubled} "
          f"votes_per_commit={run.per_commit:.1f} | cpu_s {cpu} (ours {run.share:.0%}) | cpu_ms_per_vote "
          f"{per_vote} | load_avg={run.load_average:.1f}{used_up}",
          flush=True)


def database_backends(admin_url: str, database: str) -> list[int]:
    """The PostgreSQL server processes serving this run's voting database (its pools)."""
    with psycopg.connect(libpq(admin_url)) as conn:
        return [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s",
                                               (database,))]


def main() -> int:
    cfg = Config.from_env()
    most = max(cfg.replicas)
    runs: list[ScaleRun] = []
    # One gunicorn worker per voting process: n replicas are n processes. The other apps are
    # not on the API vote's path and take one worker each too (less of the 2 cores idling).
    with bench_stack(cfg, "scale", replicas={"voting": most}, web_concurrency=1) as bench:
        stack, urls, work, isolated = bench.stack, bench.urls, bench.work, bench.isolated
        stack.start(timeout=180)
        seed_voting(urls["voting"])
        signer = TokenSigner(stack.private_key.read_text(), issuer="wsis-gateway", audience="wsis-services")
        replicas, gateway = stack.replica_urls("voting"), stack.gateway_url
        print(f"wrk: {cfg.connections} connections, {cfg.seconds}s and at most {cfg.max_votes} votes "
              f"per run, {cfg.rounds} rounds; voting processes {cfg.replicas} (one gevent worker each); "
              f"{cores()} cores; load average at start {os.getloadavg()[0]:.1f}", flush=True)
        # Every process warm (pools open, tokens' keys loaded) before the first measured run.
        wrk("warm-up", gateway, plan_api_votes(work / "warm.txt", signer, "warm-", 200 * most),
            seconds=2, connections=cfg.connections)
        voting_pids = [stack.processes[stack.web_process("voting", n)].pid for n in range(most)]
        backends = database_backends(cfg.admin_url, isolated.prefix + "voting")
        meter = CpuMeter({"voting": voting_pids, "nginx": [stack.processes["nginx"].pid],
                          "postgres": backends}, children="wrk")

        def measure(count: int, prefix: str) -> None:
            planned = plan_api_votes(work / "votes.txt", signer, prefix, cfg.max_votes)
            stack.routed["voting"] = count
            stack.reload_nginx()
            time.sleep(RELOAD_SECONDS)
            with tallied(replicas) as tally:
                load_average = os.getloadavg()[0]
                meter.start()
                load = wrk(f"{count} replica(s)", gateway, planned, seconds=cfg.seconds,
                           connections=cfg.connections)
                cpu = meter.stop()
            stored, doubled = count_votes(urls["voting"], prefix)
            run = ScaleRun(count, load, tally.served, stored, doubled, tally.per_commit, cpu, load_average)
            runs.append(run)
            report(run, cfg.max_votes)

        for turn in range(cfg.rounds):
            for count in cfg.replicas if turn % 2 == 0 else cfg.replicas[::-1]:
                measure(count, f"r{turn}n{count}-")
    return figures(cfg, runs)


def figures(cfg: Config, runs: list[ScaleRun]) -> int:
    rate = {n: sum(r.per_second for r in runs if r.replicas == n) / cfg.rounds for n in cfg.replicas}
    base = rate[cfg.replicas[0]] or 1.0
    averages = [r.load_average for r in runs]
    print(f"load average (1 min) seen at the runs' starts: {min(averages):.1f}-{max(averages):.1f} "
          f"on {cores()} cores", flush=True)
    for n in cfg.replicas:
        mine = [r for r in runs if r.replicas == n]
        voting_ms = sum(r.cpu_ms_per_vote("voting") for r in mine) / len(mine)
        # What n processes could do with a core each, at this run's CPU per vote: the curve of a
        # node with cores to spare, which the votes/s of a shared 2-core machine cannot show.
        ceiling = n * 1000 / voting_ms if voting_ms else 0.0
        print(f"{n} voting process(es): {rate[n]:.0f} votes/s, x{rate[n] / base:.2f} of {cfg.replicas[0]}, "
              f"p99 {max(r.load.p99_ms for r in mine):.1f} ms; voting CPU {voting_ms:.2f} ms/vote, "
              f"{sum(r.per_commit for r in mine) / len(mine):.1f} votes/commit, "
              f"{sum(r.share for r in mine) / len(mine):.0%} of the machine's busy CPU ours; "
              f"with a core each: {ceiling:.0f} votes/s", flush=True)
    print(" ".join([*(f"votes_per_s_{n}={rate[n]:.0f}" for n in cfg.replicas),
                    *(f"scale_{n}={rate[n] / base:.2f}" for n in cfg.replicas[1:]),
                    f"p99_ms={max(r.load.p99_ms for r in runs):.1f}",
                    f"lost={sum(r.lost for r in runs)}"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
