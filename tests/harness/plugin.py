"""The tests' one pytest plugin, registered once in tests/conftest.py (as indico registers its
own): the plumbing every test folder shares, so that a folder's conftest keeps only what is its
own. Before it, each folder made, emptied and published in its own way.

- `infra`: where the run's PostgreSQL and RabbitMQ come from (infra.py), dropped at the end;
- `vhost_url`: the run's own RabbitMQ vhost (a folder whose consumers must not meet the others'
  takes one of its own: `review_vhost_url = vhost_fixture("review")`; a stack: `infra.own_vhost`);
- `service_settings`: a service's settings on a fresh database of its own, migrated with the
  service's real migrations; `databases.empty` is the one way to empty it between tests;
- publishing an event as a relay does: `publishing.publish`;
- whole stacks of processes (devstack): `stacks.running_stack`, `stacks.own_stack`, and a
  benchmark's script run end to end, `stacks.run_bench`.
The helpers are plain modules beside this one (a test imports them); a web app served from a
thread is `web.serving`, a database outage `db_outage.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, Protocol

import pytest

from tests.harness.databases import migrated
from tests.harness.infra import MISSING, Infrastructure, discover
from wsis_common.config import Settings
from wsis_common.definition import ServiceDefinition


class ServiceSettings(Protocol):
    def __call__(self, definition: ServiceDefinition, database: str, /, **changes: Any) -> Settings: ...


@pytest.fixture(scope="session")
def infra() -> Iterator[Infrastructure]:
    found = discover()
    if found is None:
        pytest.exit(MISSING, returncode=3)
    yield found
    found.drop_databases()
    found.close()


@pytest.fixture(scope="session")
def vhost_url(infra: Infrastructure) -> Iterator[str]:
    """A fresh RabbitMQ vhost for this test run."""
    with infra.own_vhost("test") as url:
        yield url


def vhost_fixture(name: str) -> Callable[..., Iterator[str]]:
    """A session fixture: a RabbitMQ vhost of its own, `name` (a word unique in the run) in its name."""

    @pytest.fixture(scope="session")
    def own_vhost_url(infra: Infrastructure) -> Iterator[str]:
        with infra.own_vhost(name) as url:
            yield url

    return own_vhost_url


@pytest.fixture(scope="session")
def service_settings(infra: Infrastructure) -> ServiceSettings:
    """A factory: `definition`'s settings as its environment gives them, on a fresh database
    named `database` (unique in the run) with the service's real migrations, without access
    log, with `changes` (broker_url, token_public_key, ...)."""

    def settings(definition: ServiceDefinition, database: str, /, **changes: Any) -> Settings:
        url = migrated(infra, database, definition.migrations_dir)
        return replace(Settings.from_env(definition.name), database_url=url, access_log=False, **changes)

    return settings
