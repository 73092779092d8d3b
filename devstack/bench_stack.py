"""The opening and the end that every whole-stack benchmark shares (`make bench-pages`, `make
bench-scale`, `make bench-flood`): wrk on the PATH, a temporary directory, this run's own
databases and vhost (devstack/isolated.py), and a Stack over them, not yet started (each
benchmark starts what its load needs). At the end the stack stops and only this run's own
databases, vhost and directory go, whatever happened in between."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devstack.bench import StackBench
from devstack.isolated import Isolated
from devstack.stack import Stack

# All of a benchmark's load comes from one loopback address: the per-address vote limit is lifted,
# and the logs are quiet (a log line per request would be measured too).
BENCH_ENV = {"VOTE_RATE_PER_ADDRESS": "1000000r/s", "VOTE_BURST": "1000000",
             "LOG_LEVEL": "WARNING", "ACCESS_LOG": "0"}


@dataclass(frozen=True)
class BenchStack:
    stack: Stack
    urls: dict[str, str]  # each app's database
    work: Path  # this run's temporary directory (planned requests go here)
    isolated: Isolated  # its prefix names this run's databases


@contextmanager
def bench_stack(cfg: StackBench, name: str, *, extra_env: Mapping[str, str] | None = None,
                **stack_options: Any) -> Iterator[BenchStack]:
    """`name` is the make target's (`make bench-<name>`); `extra_env` is added to BENCH_ENV;
    `stack_options` go to Stack (web_concurrency, replicas)."""
    if not shutil.which("wrk"):
        sys.exit(f"wrk is missing: apt-get install wrk (make bench-{name} does it)")
    work = Path(tempfile.mkdtemp(prefix=f"wsis-bench-{name}-"))
    isolated = Isolated(cfg.admin_url, cfg.broker_url, f"bench_{name}")
    stack: Stack | None = None
    try:
        urls = isolated.create_databases()
        stack = Stack(run_dir=work / "stack", database_urls=urls, broker_url=isolated.own_vhost(),
                      extra_env={**BENCH_ENV, **(extra_env or {})}, **stack_options)
        yield BenchStack(stack, urls, work, isolated)
    finally:
        if stack is not None:
            stack.stop()
        isolated.drop()
        shutil.rmtree(work, ignore_errors=True)
