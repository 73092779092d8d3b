"""The gateway's app through an outage of its own database (issue 20): a form sent meanwhile
answers a readable 503 page in the visitor's language with Retry-After and stores nothing,
the API a 503 problem with Retry-After; the same registration once the database is back
succeeds; pages that need only the editions are served from the ones the process read last.
The app reaches the real PostgreSQL through a TcpProxy that the test cuts. Likewise the
ballot's page shows the last ballot read while the voting service cannot be reached."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from devstack.tcp_proxy import TcpProxy
from portal import create_app
from tests.e2e.editions import edition_2023
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from tests.pages.conftest import csrf_of
from voting import models
from voting.models import ballot
from wsis_common.clock import GENEVA, clock
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

AMINA = {"user_name": "amina", "email": "amina@example.org", "password": "long enough secret",
         "organisation_name": "Digital Health Kenya", "organisation_type": "civil_society", "country": "KE"}
FRENCH = {"Accept-Language": "fr-CH,fr;q=0.9"}


proxied = proxied_database_of("pctx")


@pytest.fixture
def cut_off(pages_app: Flask, pctx: ServiceContext, proxied: DatabaseProxy) -> Iterator[Flask]:
    """The gateway app (as pages_app, whose environment it shares) whose database is behind the proxy."""
    with behind(proxied, create_app, pctx.settings) as app:
        app.config["TESTING"] = True
        yield app


def accounts(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(text("SELECT count(*) FROM accounts")) or 0


def test_a_registration_during_the_outage_is_a_503_page_in_french_and_succeeds_after(
        cut_off: Flask, pctx: ServiceContext, proxied: DatabaseProxy) -> None:
    visitor: FlaskClient = cut_off.test_client()
    form = {**AMINA, "csrf_token": csrf_of(visitor, "/register")}
    with proxied.outage():
        page = visitor.post("/register", data=form, headers=FRENCH)
        html = page.get_data(as_text=True)
        assert page.status_code == 503 and page.mimetype == "text/html"
        assert int(page.headers["Retry-After"]) > 0
        assert '<html lang="fr"' in html and "Ce service n&#39;est pas disponible pour le moment" in html
        assert_unavailable(cut_off.test_client().post("/api/v1/accounts", json={
            **AMINA, "user_name": "bruno", "email": "bruno@example.org"}))
    assert accounts(pctx) == 0
    again = visitor.post("/register", data=form, headers=FRENCH)
    assert again.status_code == 200, again.get_data(as_text=True)[:500]
    api = cut_off.test_client().post("/api/v1/accounts", json={
        **AMINA, "user_name": "bruno", "email": "bruno@example.org"})
    assert api.status_code == 201, api.get_json()
    assert accounts(pctx) == 2


def test_pages_that_need_only_the_editions_are_served_from_the_last_read_during_the_outage(
        cut_off: Flask, proxied: DatabaseProxy) -> None:
    visitor = cut_off.test_client()
    before = visitor.get("/", headers=FRENCH)
    assert before.status_code == 200 and "2023" in before.get_data(as_text=True)
    with proxied.outage():
        during = visitor.get("/", headers=FRENCH)
        assert during.status_code == 200, during.get_data(as_text=True)[:500]
        assert during.get_data() == before.get_data()


@pytest.fixture
def voting_behind_proxy(pctx: ServiceContext, voting_api: ServiceContext,
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[TcpProxy]:
    """The 2023 ballot in the voting service, during the vote, which the pages reach through a proxy."""
    clock.set(datetime(2023, 1, 10, 12, 0, tzinfo=GENEVA))
    with voting_api.db.transaction() as session:
        models.editions.store(session, Envelope(type="edition.updated", producer="submission", edition=2023,
                                                payload={"edition": {**edition_2023(2023), "revision": 1}}))
        ballot.store(session, Envelope(type="nominees.published", producer="review", edition=2023, payload={
            "categories": [{"category": "C4", "nominees": [
                {"submission_id": "cap-1", "title": "Coding Clubs", "short_description": "In 40 towns."}]}]}))
    server = urlsplit(os.environ["API_BASE_URL"])
    proxy = TcpProxy(server.hostname or "127.0.0.1", server.port or 80).start()
    monkeypatch.setenv("API_BASE_URL", f"http://127.0.0.1:{proxy.port}")
    yield proxy
    proxy.cut()
    clock.set(None)


def test_the_ballot_page_shows_the_last_ballot_read_while_the_voting_service_is_unreachable(
        pclient: FlaskClient, voting_behind_proxy: TcpProxy) -> None:
    before = pclient.get("/editions/2023/vote/C4")
    assert before.status_code == 200 and "Coding Clubs" in before.get_data(as_text=True)
    voting_behind_proxy.cut()
    during = pclient.get("/editions/2023/vote/C4")
    assert during.status_code == 200 and "Coding Clubs" in during.get_data(as_text=True)
