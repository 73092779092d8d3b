"""The vote through a database outage (issue 20): the ballot is still served from what the
process holds, a vote answers 503 with Retry-After ("safe to vote again") and stores nothing,
and the voter's retry once the database is back counts exactly once. The voting app reaches
the real PostgreSQL through a TcpProxy that the test cuts."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from tests.voting.conftest import deliver, edition_event, nominees_event, stakeholder
from voting import create_app, models
from wsis_common.auth import TokenSigner
from wsis_common.clock import GENEVA, clock
from wsis_common.context import ServiceContext

YEAR = 2023
BALLOT_PATH = f"/api/v1/editions/{YEAR}/ballot"
VOTES = f"/api/v1/editions/{YEAR}/votes"


@pytest.fixture
def edition(ctx: ServiceContext, consumer) -> Iterator[None]:
    deliver(ctx, edition_event(YEAR, datetime(2022, 12, 25, tzinfo=GENEVA),
                               datetime(2023, 1, 25, tzinfo=GENEVA)))
    deliver(ctx, nominees_event(YEAR, {"C7-HLT": ["hlt-1", "hlt-2"], "C4": ["cap-1"]}))
    clock.set(datetime(2023, 1, 10, 12, tzinfo=GENEVA))
    yield
    clock.set(None)


proxied = proxied_database_of("ctx")


@pytest.fixture
def client(ctx: ServiceContext, proxied: DatabaseProxy,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskClient]:
    """The voting app through the proxy, reloading its ballot on every request (so that each
    one during the outage tries the database). The revoked tokens are read once: the vote's
    own path is what meets the outage, not the token check (itself a 503 while it cannot read)."""
    monkeypatch.setenv("VOTING_CACHE_SECONDS", "0")
    with behind(proxied, create_app, ctx.settings, revocations_refresh_seconds=3600) as app:
        yield app.test_client()


def stored_votes(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(models.votes)) or 0


def test_a_vote_during_an_outage_is_a_503_to_retry_and_the_retry_counts_once(
        ctx: ServiceContext, client: FlaskClient, proxied: DatabaseProxy, edition,
        token_signer: TokenSigner) -> None:
    voter = stakeholder(token_signer, "voter-outage")
    ballot = client.get(BALLOT_PATH)
    assert ballot.status_code == 200
    mine = client.get(f"{VOTES}/mine", headers=voter)  # the token check has read its table
    assert mine.status_code == 200 and mine.get_json()["votes"] == []
    with proxied.outage():
        during = client.get(BALLOT_PATH)  # the ballot the process holds
        assert during.status_code == 200 and during.get_data() == ballot.get_data()
        problem = assert_unavailable(client.post(VOTES, json={"category": "C4", "nominee": "cap-1"},
                                                 headers=voter))
        assert "vote again" in problem["detail"]
        assert_unavailable(client.get(f"{VOTES}/mine", headers=voter))  # it needs the database
    assert stored_votes(ctx) == 0
    retry = client.post(VOTES, json={"category": "C4", "nominee": "cap-1"}, headers=voter)
    assert retry.status_code == 201, retry.get_json()
    assert client.post(VOTES, json={"category": "C4", "nominee": "cap-1"}, headers=voter).status_code == 409
    assert stored_votes(ctx) == 1
    assert [v["nominee"] for v in client.get(f"{VOTES}/mine", headers=voter).get_json()["votes"]] == ["cap-1"]


def test_the_ballot_cache_keeps_its_ballot_through_the_outage_and_logs_it_once(
        client: FlaskClient, proxied: DatabaseProxy, edition, caplog: pytest.LogCaptureFixture) -> None:
    ballot = client.get(BALLOT_PATH).get_data()
    with proxied.outage(), caplog.at_level(logging.WARNING, logger="wsis_common.outage"):
        for _ in range(5):
            answer = client.get(BALLOT_PATH)
            assert answer.status_code == 200 and answer.get_data() == ballot
    warnings = [r for r in caplog.records if r.name == "wsis_common.outage" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "ballot" in warnings[0].getMessage()


def test_a_ballot_the_process_never_read_is_a_503_during_the_outage(
        client: FlaskClient, proxied: DatabaseProxy, edition) -> None:
    with proxied.outage():
        assert_unavailable(client.get(BALLOT_PATH))
    assert client.get(BALLOT_PATH).status_code == 200  # the pool came back by itself
