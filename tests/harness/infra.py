"""Where the tests' PostgreSQL and RabbitMQ come from, and a fresh database per service and a
fresh vhost per test run (or per stack, or per folder whose consumers must not meet others').

- TEST_DATABASE_URL (an admin URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres) and
  TEST_BROKER_URL (e.g. amqp://guest:guest@127.0.0.1:5672/): use these servers. The broker is
  controlled (vhosts, restarts) with `rabbitmqctl`, or the command in TEST_BROKER_CTL.
- otherwise, with a Docker engine: testcontainers starts both.
- otherwise the run stops with one line saying what is missing.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

MISSING = (
    "No test infrastructure: set TEST_DATABASE_URL and TEST_BROKER_URL (PostgreSQL admin URL "
    "and RabbitMQ URL), or run where a Docker engine answers so that testcontainers can start them."
)


@dataclass
class BrokerControl:
    """rabbitmqctl, run locally or inside the broker's container."""

    command: list[str]

    def run(self, *args: str) -> None:
        subprocess.run([*self.command, *args], check=True, capture_output=True, timeout=120)

    def add_vhost(self, vhost: str, user: str) -> None:
        self.run("add_vhost", vhost)
        self.run("set_permissions", "-p", vhost, user, ".*", ".*", ".*")

    def delete_vhost(self, vhost: str) -> None:
        self.run("delete_vhost", vhost)

    def stop_app(self) -> None:
        self.run("stop_app")

    def start_app(self) -> None:
        self.run("start_app")
        self.run("await_startup")


@dataclass
class Infrastructure:
    admin_database_url: str
    broker_url: str  # the server's URL, without a vhost
    broker: BrokerControl
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _containers: list = field(default_factory=list)

    def sqlalchemy_url(self, database: str) -> str:
        parts = urlsplit(self.admin_database_url)
        return urlunsplit(("postgresql+psycopg", parts.netloc, f"/{database}", "", ""))

    def create_database(self, name: str) -> str:
        database = f"wsis_{self.run_id}_{name}"
        with psycopg.connect(self._libpq_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        return self.sqlalchemy_url(database)

    def drop_databases(self) -> None:
        with psycopg.connect(self._libpq_url(), autocommit=True) as conn:
            names = conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"wsis_{self.run_id}_%",)
            ).fetchall()
            for (name,) in names:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)))

    @contextmanager
    def own_vhost(self, name: str) -> Iterator[str]:
        """A vhost of this run's own for the length of the block: its URL. `name` keeps it apart
        from the others of the run (no other consumer takes its events)."""
        vhost = f"wsis-{name}-{self.run_id}"
        self.broker.add_vhost(vhost, urlsplit(self.broker_url).username or "guest")
        try:
            yield self.vhost_url(vhost)
        finally:
            self.broker.delete_vhost(vhost)

    def vhost_url(self, vhost: str) -> str:
        parts = urlsplit(self.broker_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + quote(vhost, safe=""), "", ""))

    def _libpq_url(self) -> str:
        return self.admin_database_url.replace("postgresql+psycopg://", "postgresql://")

    def close(self) -> None:
        for container in self._containers:
            container.stop()


def _docker_engine_answers() -> bool:
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def discover() -> Infrastructure | None:
    database_url, broker_url = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_BROKER_URL")
    if database_url and broker_url:
        ctl = shlex.split(os.environ.get("TEST_BROKER_CTL", "rabbitmqctl"))
        return Infrastructure(database_url, broker_url, BrokerControl(ctl))
    if _docker_engine_answers():
        return _from_containers()
    return None


def _from_containers() -> Infrastructure:  # pragma: no cover - needs a Docker engine
    from testcontainers.postgres import PostgresContainer
    from testcontainers.rabbitmq import RabbitMqContainer

    postgres = PostgresContainer("postgres:15", driver="psycopg").start()
    rabbit = RabbitMqContainer("rabbitmq:3.13-management").start()
    params = rabbit.get_connection_params()
    infra = Infrastructure(
        postgres.get_connection_url(),
        f"amqp://guest:guest@{params.host}:{params.port}/",
        BrokerControl(["docker", "exec", rabbit.get_wrapped_container().id, "rabbitmqctl"]),
    )
    infra._containers = [postgres, rabbit]
    return infra
