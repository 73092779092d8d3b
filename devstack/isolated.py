"""Databases and a RabbitMQ vhost of one run's own, on the machine's PostgreSQL and RabbitMQ, for
the scripts that start a whole stack beside others (`make replay`, `make bench-pages`, `make
bench-scale`; by the functions of devstack/bench.py): each run names them by its pid and a random
part, and drops only those, so two runs (or the test suite's smoke run beside a real one) never
create, force-drop or count each other's."""

from __future__ import annotations

import os
import secrets

from devstack.bench import delete_vhost, drop_databases, fresh_databases, own_vhost


class Isolated:
    """`label` says whose they are (`wsis_<label>_<pid>_<random>_<service>`)."""

    def __init__(self, admin_url: str, broker_url: str, label: str) -> None:
        self.admin_url = admin_url
        self.broker_url = broker_url
        self.prefix = f"wsis_{label}_{os.getpid()}_{secrets.token_hex(3)}_"
        self.created = False
        self.vhost: str | None = None

    def create_databases(self) -> dict[str, str]:
        """One database per app of the stack."""
        self.created = True
        return fresh_databases(self.admin_url, self.prefix)

    def own_vhost(self) -> str:
        url, self.vhost = own_vhost(self.broker_url, self.prefix)
        return url

    def drop(self) -> None:
        """This run's own databases and vhost only."""
        if self.created:
            drop_databases(self.admin_url, self.prefix)
            self.created = False
        delete_vhost(self.vhost)
        self.vhost = None
