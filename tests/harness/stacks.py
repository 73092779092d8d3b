"""A whole stack of processes on databases and a RabbitMQ vhost of its own: for a test module
that walks the platform while another module's stack (tests/e2e) may be running in the same
session, where the same database names would collide and two stacks' consumers share queues."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from devstack.stack import APPS, Stack
from tests.harness.infra import Infrastructure


@contextmanager
def own_stack(infra: Infrastructure, run_dir: Path, name: str,
              extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """`name` keeps its databases and vhost apart: a short word unique among the modules."""
    vhost = f"wsis-{name}-{infra.run_id}"
    infra.broker.add_vhost(vhost, urlsplit(infra.broker_url).username or "guest")
    urls = {app.name: infra.create_database(f"{name}_{app.name}") for app in APPS}
    running = Stack(run_dir=run_dir, database_urls=urls, broker_url=infra.vhost_url(vhost),
                    extra_env=extra_env or {})
    try:
        running.start(timeout=120)
        yield running
    finally:
        running.stop()
        infra.broker.delete_vhost(vhost)
