"""The whole platform as real processes (gunicorn, workers, nginx) on loopback ports, on a
fresh PostgreSQL database per service and the run's own RabbitMQ vhost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.stack import Stack
from tests.harness.infra import Infrastructure
from tests.harness.stacks import running_stack
from wsis_common.auth import Principal, TokenSigner


@pytest.fixture(scope="session")
def stack(infra: Infrastructure, vhost_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(infra, tmp_path_factory.mktemp("stack"), vhost_url, timeout=90) as running:
        yield running


@pytest.fixture(scope="session")
def signer(stack: Stack) -> TokenSigner:
    return TokenSigner(Path(stack.private_key).read_text(), issuer="wsis-gateway",
                       audience="wsis-services")


@pytest.fixture(scope="session")
def admin_headers(signer: TokenSigner) -> dict[str, str]:
    token = signer.sign(Principal("admin-e2e", frozenset({"admin"})))
    return {"Authorization": f"Bearer {token}"}
