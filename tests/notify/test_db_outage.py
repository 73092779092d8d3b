"""The notify service through a database outage (issue 20): the unsubscribe link (a page a
person opens) answers a 503 page with Retry-After and unsubscribes nobody, the same click
once the database is back does; the team's API answers 503 problem+json. The app reaches the
real PostgreSQL through a TcpProxy that the test cuts."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from notify import create_app
from notify.config import MailSettings
from notify.models import Unsubscribe
from notify.service import links
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from wsis_common.context import ServiceContext

proxied = proxied_database_of("notify_ctx")


@pytest.fixture
def mail() -> MailSettings:
    return MailSettings(public_url="http://wsis.test", link_secret="a secret of this test")


@pytest.fixture
def client(notify_ctx: ServiceContext, proxied: DatabaseProxy, mail: MailSettings) -> Iterator[FlaskClient]:
    with behind(proxied, create_app, notify_ctx.settings, mail) as app:
        yield app.test_client()


def unsubscribed(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Unsubscribe)) or 0


def test_an_unsubscribe_click_during_an_outage_is_a_503_page_and_the_retry_unsubscribes_once(
        notify_ctx: ServiceContext, client: FlaskClient, proxied: DatabaseProxy, mail: MailSettings,
        admin_auth: dict[str, str]) -> None:
    with notify_ctx.db.sessions() as session:
        url = urlsplit(links.unsubscribe_url(session, mail, 2023, "coord@example.org"))
    link = f"{url.path}?{url.query}"
    with proxied.outage():
        page = client.post(link)
        assert page.status_code == 503 and page.content_type.startswith("text/html")
        assert int(page.headers["Retry-After"]) > 0 and "try again" in page.text
        assert_unavailable(client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth))
    assert unsubscribed(notify_ctx) == 0
    done = client.post(link)
    assert done.status_code == 200 and "gets no more weekly progress mails" in done.text
    assert client.post(link).status_code == 200
    assert unsubscribed(notify_ctx) == 1
    listed = client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth).get_json()
    assert [entry["email"] for entry in listed] == ["coord@example.org"]
