"""Fixtures of the page tests: the gateway app in-process on its own PostgreSQL database (its
services' API pointed at a closed port: every call finds the service down), and, for the
browser test, the whole stack of processes as tests/e2e starts it, on databases and a vhost
of its own (the e2e suite's stack may be running in the same session: the same database
names would collide and two stacks' consumers would share queues). The questionnaire tests
serve the submission service alone over HTTP, in a thread, on a database of its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from devstack.stack import Stack, free_port
from portal import create_app, models
from portal.definition import definition
from portal.service import accounts as service
from portal.service import limits
from tests.e2e.editions import edition_2023
from tests.harness.databases import empty
from tests.harness.plugin import ServiceSettings
from tests.harness.stacks import own_stack
from tests.harness.web import serving
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.context import ServiceContext

PRIVATE, PUBLIC = generate_keypair()


@pytest.fixture(scope="module")
def stack(infra, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with own_stack(infra, tmp_path_factory.mktemp("pages-stack"), "pg") as running:
        yield running


@pytest.fixture(scope="module")
def admin_headers(stack: Stack) -> dict[str, str]:
    signer = TokenSigner(Path(stack.private_key).read_text(), issuer="wsis-gateway", audience="wsis-services")
    return {"Authorization": f"Bearer {signer.sign(Principal('admin-pages', frozenset({'admin'})))}"}


def closed_port() -> int:
    """A port that nothing listens on: a service there is down."""
    return free_port()


@pytest.fixture(scope="session")
def pages_app(service_settings: ServiceSettings, vhost_url: str) -> Iterator[Flask]:
    patch = pytest.MonkeyPatch()
    patch.setenv("SECRET_KEY", "pages-test-secret")
    patch.setenv("TOKEN_PRIVATE_KEY", PRIVATE)
    patch.setenv("PORTAL_BASE_URL", "https://wsis.example")
    patch.setenv("API_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()
    settings = service_settings(definition, "gateway_pages", broker_url=vhost_url, token_public_key=PUBLIC)
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app
    patch.undo()
    for cached in (service.settings, service._signer, limits.account_limits):
        cached.cache_clear()


@pytest.fixture
def pctx(pages_app: Flask) -> ServiceContext:
    """The app's context on emptied tables, with the 2023 edition as the gateway keeps it."""
    ctx = pages_app.extensions["wsis"]
    empty(ctx.db)
    store_edition(ctx, edition_2023(2023))
    return ctx


def store_edition(ctx: ServiceContext, document: dict) -> None:
    document = {**document, "revision": document.get("revision", 1),
                "categories": document.get("categories", ["C1", "C7-HLT"])}
    table = models.editions.table
    with ctx.db.transaction() as session:
        session.execute(table.delete().where(table.c.year == document["year"]))
        session.execute(table.insert().values(year=document["year"], revision=document["revision"],
                                               document=document, received_at=datetime.now(UTC)))


@pytest.fixture
def pclient(pages_app: Flask, pctx: ServiceContext) -> FlaskClient:
    return pages_app.test_client()


def csrf_of(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on a page (a GET puts it in the session)."""
    html = client.get(path).get_data(as_text=True)
    marker = 'name="csrf_token" value="'
    return html.split(marker, 1)[1].split('"', 1)[0]


def outbox_links(ctx: ServiceContext) -> list[str]:
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(models.messages.outbox.c.body).where(
            models.messages.outbox.c.routing_key == "stakeholder.registered"))
        return [json.loads(b)["payload"]["verification_url"] for b in bodies]


def pointed_at(server: tuple[str, ServiceContext], monkeypatch: pytest.MonkeyPatch) -> ServiceContext:
    """The pages pointed at a served service (`server`: its URL and context), its tables emptied."""
    base, ctx = server
    empty(ctx.db)
    monkeypatch.setenv("API_BASE_URL", base)
    return ctx


@contextmanager
def served(app: Flask) -> Iterator[tuple[str, ServiceContext]]:
    """A service's web app at a local address: its URL and context."""
    with serving(app) as base:
        yield base, app.extensions["wsis"]


@pytest.fixture(scope="session")
def submission_server(service_settings: ServiceSettings,
                      vhost_url: str) -> Iterator[tuple[str, ServiceContext]]:
    """The submission service's web app at a local address (its URL and context), trusting the
    pages' key: the pages reach it as they reach it through the gateway."""
    from submission import create_app as create_submission_app
    from submission.definition import definition as submission_definition

    settings = service_settings(submission_definition, "submission_pages", broker_url=vhost_url,
                                token_public_key=PUBLIC)
    with served(create_submission_app(settings)) as server:
        yield server


@pytest.fixture
def submission_api(submission_server: tuple[str, ServiceContext],
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[ServiceContext]:
    """The pages pointed at the submission service, its tables holding the shipped editions only."""
    from submission.service.seed import seed

    ctx = pointed_at(submission_server, monkeypatch)
    seed(ctx)
    yield ctx


@contextmanager
def voting_served(service_settings: ServiceSettings, vhost_url: str, database: str,
                  **env: str) -> Iterator[tuple[str, ServiceContext]]:
    """The voting service's web app at a local address (its URL and context), trusting the
    pages' key, on a database of its own; made with `env` in its environment."""
    from voting import create_app as create_voting_app
    from voting.definition import definition as voting_definition

    settings = service_settings(voting_definition, database, broker_url=vhost_url, token_public_key=PUBLIC)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        app = create_voting_app(settings)
    with served(app) as server:
        yield server


@pytest.fixture(scope="session")
def voting_server(service_settings: ServiceSettings, vhost_url: str) -> Iterator[tuple[str, ServiceContext]]:
    """The voting service with no ballot caching: each page reads the ballot the test stored."""
    with voting_served(service_settings, vhost_url, "voting_pages", VOTING_CACHE_SECONDS="0") as server:
        yield server


@pytest.fixture
def voting_api(voting_server: tuple[str, ServiceContext],
               monkeypatch: pytest.MonkeyPatch) -> Iterator[ServiceContext]:
    """The pages pointed at the voting service, its tables emptied."""
    ctx = pointed_at(voting_server, monkeypatch)
    monkeypatch.setenv("PORTAL_BALLOT_CACHE_SECONDS", "0")  # each page reads the ballot the test stored
    yield ctx


def log_in_as(client: FlaskClient, account: dict[str, Any]) -> None:
    """A page session for `account` as log-in writes it (pages/auth.py: the account and its
    credentials version), without going through the log-in form."""
    from portal.pages.auth import VERSION

    with client.session_transaction() as session:
        session["account_id"] = account["id"]
        session[VERSION] = account.get("credentials_version", 0)


def register_and_log_in(client: FlaskClient, data: dict[str, str]) -> FlaskClient:
    """Register through the page (which only says "check your mail", whoever has the address:
    issue 19), then log in as the new account."""
    registered = client.post("/register", data={**data, "csrf_token": csrf_of(client, "/register")})
    assert registered.status_code == 200, registered.get_data(as_text=True)[:500]
    logged_in = client.post("/login", data={"csrf_token": csrf_of(client, "/login"),
                                            "identifier": data["user_name"], "password": data["password"]})
    assert logged_in.status_code == 303, logged_in.get_data(as_text=True)[:500]
    return client


@pytest.fixture(scope="session")
def editions_gateway(service_settings: ServiceSettings,
                     vhost_url: str) -> Iterator[tuple[str, ServiceContext, ServiceContext]]:
    """The submission and review services behind one local address, each path sent where nginx
    sends it (the review service's /api/v1/reviews/...; the rest to the submission service): the
    WSIS team's edition pages read both. Yields the address and the two services' contexts."""
    from review import create_app as create_review_app
    from review.definition import definition as review_definition
    from submission import create_app as create_submission_app
    from submission.definition import definition as submission_definition

    apps = {}
    for name, create, service_definition in (("submission", create_submission_app, submission_definition),
                                             ("review", create_review_app, review_definition)):
        apps[name] = create(service_settings(service_definition, f"{name}_console_editions",
                                             broker_url=vhost_url, token_public_key=PUBLIC))

    def route(environ, start_response):  # as gateway.conf.template routes them
        review = environ.get("PATH_INFO", "").startswith("/api/v1/reviews")
        return apps["review" if review else "submission"](environ, start_response)

    with serving(route) as base:
        yield base, apps["submission"].extensions["wsis"], apps["review"].extensions["wsis"]


@pytest.fixture
def editions_api(editions_gateway: tuple[str, ServiceContext, ServiceContext],
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ServiceContext, ServiceContext]]:
    """The pages pointed at both services, the submission service holding the shipped editions
    only and the review service's audit trail empty."""
    from submission.service.seed import seed

    base, submission_ctx, review_ctx = editions_gateway
    empty(submission_ctx.db)
    empty(review_ctx.db)
    seed(submission_ctx)
    monkeypatch.setenv("API_BASE_URL", base)
    yield submission_ctx, review_ctx


@pytest.fixture(scope="session")
def review_app(service_settings: ServiceSettings, vhost_url: str) -> Flask:
    """The review service's web app on a database of its own, trusting the pages' key."""
    from review import create_app as create_review_app
    from review.definition import definition as review_definition

    return create_review_app(service_settings(review_definition, "review_pages", broker_url=vhost_url,
                                              token_public_key=PUBLIC))


@pytest.fixture(scope="session")
def review_server(review_app: Flask) -> Iterator[tuple[str, ServiceContext]]:
    """The review service at a local address (its URL and context)."""
    with served(review_app) as server:
        yield server


@pytest.fixture
def review_api(review_server: tuple[str, ServiceContext],
               monkeypatch: pytest.MonkeyPatch) -> Iterator[ServiceContext]:
    """The pages pointed at the review service, its tables holding the 2023 edition alone (two
    nominees and two finalists per category: small enough to confirm and pick by hand)."""
    from tests.review.support import edition_document, send_edition

    ctx = pointed_at(review_server, monkeypatch)
    send_edition(ctx, edition_document(2023, nominees_per_category=2, finalists_per_category=2))
    yield ctx


@pytest.fixture(scope="session")
def notify_app(service_settings: ServiceSettings, vhost_url: str) -> Flask:
    """The notify service's web app (the mail log's API) on a database of its own, trusting the
    pages' key; its mail is never sent from here (no worker runs)."""
    from notify import create_app as create_notify_app
    from notify.config import MailSettings
    from notify.definition import definition as notify_definition

    settings = service_settings(notify_definition, "notify_pages", broker_url=vhost_url,
                                token_public_key=PUBLIC)
    mail = MailSettings(smtp_host="127.0.0.1", smtp_port=closed_port(), public_url="https://wsis.example",
                        mail_from="WSIS Prizes <prizes@wsis.example>")
    return create_notify_app(settings, mail)


@pytest.fixture(scope="session")
def notify_server(notify_app: Flask) -> Iterator[tuple[str, ServiceContext]]:
    """The notify service at a local address (its URL and context)."""
    with served(notify_app) as server:
        yield server


@pytest.fixture
def notify_api(notify_server: tuple[str, ServiceContext],
               monkeypatch: pytest.MonkeyPatch) -> Iterator[ServiceContext]:
    """The pages pointed at the notify service, its tables emptied."""
    yield pointed_at(notify_server, monkeypatch)
