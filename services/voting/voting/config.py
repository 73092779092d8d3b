"""The voting service's own settings (environment only; the shared ones are in wsis_common)."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import timedelta

# gunicorn's worker class for the web processes (voting/gunicorn_conf.py), by measurement.
WEB_WORKER_CLASS = "gevent"


@dataclass(frozen=True)
class VotingSettings:
    cache_seconds: float = 1.0  # how long a process keeps a ballot and its dates
    writers: int = 1  # group-commit writers (threads or greenlets, each a connection) per process
    max_batch: int = 1000  # votes per INSERT and commit, at most
    idle_wait: float = 0.005  # under gevent, a writer's longest wait for an idle loop; 0: none
    # Votes in flight per process beyond which a vote is answered 503 + Retry-After at once,
    # before Flask (wsis_common.inflight); 0: no bound. 512 by `make bench-flood` (bench/README.md,
    # "Under a flood"): against N clients that send again at once, a bound B < N keeps ~B/N of
    # the votes (32-256 kept 3-48% of the unbounded votes per CPU second, their 201s' p99 no
    # lower), while 512 costs the 512-connection flood nothing and still caps, below gunicorn's
    # 1,000 connections, the votes a stalled database holds in a process (the rest refused at
    # once, not after the 10 s write timeout).
    max_in_flight: int = 512
    write_timeout: float = 10.0  # a vote whose batch is not committed by then is answered 503
    settle: timedelta = timedelta(seconds=5)  # wait after a week's end or the close before counting

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> VotingSettings:
        env = os.environ if environ is None else environ
        return cls(
            cache_seconds=float(env.get("VOTING_CACHE_SECONDS") or 1.0),
            writers=int(env.get("VOTING_WRITERS") or 1),
            max_batch=int(env.get("VOTING_MAX_BATCH") or 1000),
            idle_wait=_milliseconds(env.get("VOTING_IDLE_WAIT_MS") or "5", "VOTING_IDLE_WAIT_MS"),
            max_in_flight=int(env.get("VOTING_MAX_IN_FLIGHT") or 512),
            write_timeout=float(env.get("VOTING_WRITE_TIMEOUT_SECONDS") or 10.0),
            settle=timedelta(seconds=float(env.get("VOTING_SETTLE_SECONDS") or 5)),
        )


def _milliseconds(raw: str, name: str) -> float:
    value = float(raw)
    if not math.isfinite(value) or value < 0:  # inf would be no cap at all
        raise ValueError(f"{name} is a number of milliseconds, 0 or more: {raw!r}")
    return value / 1000
