"""Databases and a RabbitMQ vhost of one run's own, on the machine's PostgreSQL and RabbitMQ, for
the scripts that start a whole stack beside others (`make bench-pages`, `make replay`): each run
names them by its pid and a random part, and drops only those, so two runs (or the test suite's
smoke run beside a real one) never create, force-drop or count each other's."""

from __future__ import annotations

import os
import re
import secrets
import subprocess

import psycopg
from psycopg import sql

from devstack.bench import libpq


class Isolated:
    """`label` says whose they are (`wsis_<label>_<pid>_<random>_<service>`)."""

    def __init__(self, admin_url: str, broker_url: str, label: str) -> None:
        self.admin_url = admin_url
        self.broker_url = broker_url
        self.prefix = f"wsis_{label}_{os.getpid()}_{secrets.token_hex(3)}_"
        self.databases: list[str] = []
        self.vhost: str | None = None

    def database_url(self, name: str) -> str:
        return re.sub(r"/[^/]*$", f"/{name}", libpq(self.admin_url)).replace("postgresql://",
                                                                           "postgresql+psycopg://")

    def create_databases(self, services: list[str]) -> dict[str, str]:
        urls = {}
        with psycopg.connect(libpq(self.admin_url), autocommit=True) as conn:
            for service in services:
                name = self.prefix + service
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                self.databases.append(name)
                urls[service] = self.database_url(name)
        return urls

    def own_vhost(self) -> str:
        """The broker URL of a vhost of this run's own (rabbitmqctl), so that no other stack's
        events reach its workers; the shared one when rabbitmqctl is not at hand."""
        vhost = self.prefix.rstrip("_").replace("_", "-")
        try:
            subprocess.run(["rabbitmqctl", "add_vhost", vhost], check=True, capture_output=True, timeout=60)
            subprocess.run(["rabbitmqctl", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
                           check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return self.broker_url
        self.vhost = vhost
        return self.broker_url.rstrip("/") + "/" + vhost

    def drop(self) -> None:
        """This run's own databases and vhost only."""
        with psycopg.connect(libpq(self.admin_url), autocommit=True) as conn:
            for name in self.databases:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self.databases.clear()
        if self.vhost:
            subprocess.run(["rabbitmqctl", "delete_vhost", self.vhost], capture_output=True, timeout=60)
            self.vhost = None
