"""Fixtures shared by every test: the infrastructure, fresh databases and a fresh vhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.harness.infra import MISSING, Infrastructure, discover


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
    vhost = infra.create_vhost()
    yield infra.vhost_url(vhost)
    infra.broker.delete_vhost(vhost)
