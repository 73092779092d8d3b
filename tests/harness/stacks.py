"""Whole stacks of processes (devstack): the e2e suite's on the run's vhost, and a stack of its
own (databases and a RabbitMQ vhost) for a test module that walks the platform while another
module's stack (tests/e2e) may be running in the same session, where the same database names
would collide and two stacks' consumers share queues. One value read from a stack's database;
and a benchmark's script run end to end against the run's servers, which makes its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from devstack.stack import APPS, ROOT, Stack
from tests.harness.infra import Infrastructure


@contextmanager
def running_stack(infra: Infrastructure, run_dir: Path, broker_url: str, database_prefix: str = "", *,
                  timeout: float = 120, extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """Every app started on fresh databases (their names `database_prefix` + the app's), stopped
    after the block."""
    urls = {app.name: infra.create_database(f"{database_prefix}{app.name}") for app in APPS}
    running = Stack(run_dir=run_dir, database_urls=urls, broker_url=broker_url, extra_env=extra_env or {})
    try:
        running.start(timeout=timeout)
        yield running
    finally:
        running.stop()


@contextmanager
def own_stack(infra: Infrastructure, run_dir: Path, name: str,
              extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """`name` keeps its databases and vhost apart: a short word unique among the modules."""
    with (infra.own_vhost(name) as broker_url,
          running_stack(infra, run_dir, broker_url, f"{name}_", extra_env=extra_env) as running):
        yield running


def scalar(stack: Stack, service: str, sql: str, **params: Any) -> Any:
    """One value read from a service's database in the stack (`sql` with :name parameters)."""
    engine = create_engine(stack.database_urls[service])
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def run_bench(infra: Infrastructure, script: Path, *, timeout: float,
              **env: str) -> subprocess.CompletedProcess[str]:
    """A benchmark's script run to its end, at the size `env` sets, against the run's
    PostgreSQL and RabbitMQ (on databases and a vhost it makes and drops itself)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_DATABASE_URL": infra.admin_database_url,
               "BENCH_BROKER_URL": infra.broker_url, **env}
    return subprocess.run([sys.executable, str(script)], env=environ, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
