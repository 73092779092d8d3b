"""The submission service in-process (Flask test client) on its own fresh PostgreSQL
database, with tokens signed by a test key pair and the clock at the edge of the world."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from submission import create_app
from submission.definition import definition
from submission.service.reference import shipped_editions
from tests.harness.databases import empty
from tests.harness.plugin import ServiceSettings
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.clock import GENEVA, clock
from wsis_common.config import Settings
from wsis_common.context import ServiceContext

PRIVATE, PUBLIC = generate_keypair()
# Long-lived: the tests move the clock across months.
SIGNER = TokenSigner(PRIVATE, issuer="wsis-gateway", audience="wsis-services", lifetime=timedelta(days=3650))
_accounts = itertools.count(1)


def geneva(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=GENEVA)


@pytest.fixture(scope="session")
def settings(service_settings: ServiceSettings, vhost_url: str) -> Settings:
    return service_settings(definition, "submission_unit", broker_url=vhost_url, token_public_key=PUBLIC)


@pytest.fixture(scope="session")
def app(settings: Settings) -> Flask:
    return create_app(settings)


@pytest.fixture
def ctx(app: Flask) -> ServiceContext:
    return app.extensions["wsis"]


@pytest.fixture(autouse=True)
def clean(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every submission test starts from the two shipped editions and nothing else."""
    if "app" not in request.fixturenames:
        yield
        return
    ctx = request.getfixturevalue("ctx")
    empty(ctx.db)
    from submission.service.seed import seed

    seed(ctx)
    clock.set(geneva("2022-11-01T12:00"))  # inside the 2023 edition's submission phase
    yield
    clock.set(None)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def bearer(principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {SIGNER.sign(principal)}"}


def new_principal(org: str = "Digital Health Kenya", *, email_verified: bool = True) -> Principal:
    """A new stakeholder, whose e-mail is confirmed unless said otherwise (only such a
    stakeholder submits)."""
    number = next(_accounts)
    return Principal(f"acct-{number}", frozenset({"stakeholder"}), True,
                     {"name": org, "type": "Civil society", "country": "KE"},
                     email=f"user{number}@example.org", name=f"User {number}", email_verified=email_verified)


def new_stakeholder(org: str = "Digital Health Kenya", *, email_verified: bool = True) -> dict[str, str]:
    return bearer(new_principal(org, email_verified=email_verified))


ADMIN = bearer(Principal("admin-1", frozenset({"admin"})))


@pytest.fixture
def stakeholder() -> dict[str, str]:
    return new_stakeholder()


@pytest.fixture
def admin() -> dict[str, str]:
    return ADMIN


@pytest.fixture
def shipped() -> list[dict]:
    return shipped_editions()


@pytest.fixture
def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 57, 107)).save(buffer, format="PNG")
    return buffer.getvalue()
