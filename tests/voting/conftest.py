"""Fixtures of the voting tests: a migrated voting database, the tests' own RabbitMQ vhost (so
that the end-to-end stack's voting worker never takes these events), a token signer, the app
in-process with its real consumer, and helpers to send events and record votes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.harness.databases import empty, migrated
from tests.harness.infra import Infrastructure
from tests.harness.plugin import vhost_fixture
from tests.harness.probe import Running, wait_until
from tests.harness.publishing import publish
from voting import create_app, models
from voting.events import handlers
from voting.models.writer import Vote, VoteWriter
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.config import Settings
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.contracts import EDITION_UPDATED, NOMINEES_PUBLISHED
from wsis_common.envelope import Envelope

MIGRATIONS = Path(models.__file__).parents[1] / "migrations"  # models is a package: voting/models/
_services = itertools.count()


voting_vhost_url = vhost_fixture("voting")


@pytest.fixture(scope="session")
def voting_database_url(infra: Infrastructure) -> str:
    return migrated(infra, "voting_tests", MIGRATIONS)


@pytest.fixture(scope="session")
def keys() -> tuple[str, str]:
    return generate_keypair()


@pytest.fixture(scope="session")
def token_signer(keys: tuple[str, str]) -> TokenSigner:
    return TokenSigner(keys[0], issuer="wsis-gateway", audience="wsis-services")


@pytest.fixture
def ctx(voting_database_url: str, voting_vhost_url: str, keys: tuple[str, str]) -> Iterator[ServiceContext]:
    """The voting service's context on an emptied database, with its own queue name."""
    settings = Settings(service=f"voting-test{next(_services)}", database_url=voting_database_url,
                        broker_url=voting_vhost_url, token_public_key=keys[1],
                        relay_poll_seconds=0.05, backoff_max_seconds=1.0)
    context = ServiceContext.build(settings, models.messages)
    empty(context.db)
    yield context
    context.db.dispose()


@pytest.fixture
def consumer(ctx: ServiceContext) -> Iterator[Consumer]:
    """The service's real consumer, on the real broker, for the length of a test."""
    running = Consumer(ctx.db, ctx.tables, ctx.settings, handlers(ctx))
    with Running(running.run):
        wait_until(running.connected.is_set, what="the consumer to connect")
        yield running


@pytest.fixture
def client(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch):
    """The app in this process (so that the clock can be set), with no ballot caching so that
    each request sees the dates the consumer stored."""
    monkeypatch.setenv("VOTING_CACHE_SECONDS", "0")
    app = create_app(ctx.settings)
    app.config["TESTING"] = True
    return app.test_client()


def handled(ctx: ServiceContext, envelope: Envelope) -> bool:
    inbox = models.messages.inbox
    with ctx.db.sessions() as session:
        return session.execute(inbox.select().where(inbox.c.event_id == envelope.id)).first() is not None


def deliver(ctx: ServiceContext, envelope: Envelope) -> None:
    """Send an event through the broker and wait until the service's consumer handled it."""
    publish(ctx.settings.broker_url, envelope)
    wait_until(lambda: handled(ctx, envelope), what=f"{envelope.type} to be handled")


def edition_event(year: int, opens: datetime, closes: datetime, *, revision: int = 1,
                  finalists: int = 5) -> Envelope:
    return Envelope(type=EDITION_UPDATED, producer="submission", edition=year, payload={"edition": {
        "year": year, "ordinal": year - 2011, "revision": revision,
        "phases": {"voting_opens": opens.isoformat(), "voting_closes": closes.isoformat()},
        "parameters": {"finalists_per_category": finalists, "nominees_per_category": 20},
        "updated_at": opens.isoformat(),
    }})


def nominees_event(year: int, categories: dict[str, list[str]],
                   entities: dict[str, dict[str, str]] | None = None) -> Envelope:
    """`nominees.published` as review sends it; `entities` by nominee (the others have none)."""
    entities = entities or {}

    def entry(nominee: str) -> dict:
        found = {"submission_id": nominee, "title": f"Project {nominee}",
                 "short_description": f"What {nominee} did, in 150 to 200 words."}
        return {**found, "entity": entities[nominee]} if nominee in entities else found

    return Envelope(type=NOMINEES_PUBLISHED, producer="review", edition=year, payload={"categories": [
        {"category": category, "nominees": [entry(nominee) for nominee in nominees]}
        for category, nominees in categories.items()]})


def stakeholder(signer: TokenSigner, account: str, *, complete: bool = True,
                roles: frozenset[str] = frozenset({"stakeholder"}), email: str = "",
                created_at: datetime | None = None, **org: str) -> dict[str, str]:
    """A stakeholder's bearer header; `created_at` None: a token that does not say (an older one)."""
    organisation = {"name": "Ministry of ICT", "type": "Government", "country": "KE", **org}
    token = signer.sign(Principal(account, roles, complete, organisation, email=email, created_at=created_at))
    return {"Authorization": f"Bearer {token}"}


def record_votes(ctx: ServiceContext, votes: list[tuple[str, str, str, datetime]], year: int) -> None:
    """Votes (voter, category, nominee, cast_at) written as the web process writes them."""
    VoteWriter(ctx.db)([Vote(year, voter, category, nominee, cast_at, "Org", "NGO", "CH", None, None)
                        for voter, category, nominee, cast_at in votes])
