"""A coordinator stops the weekly progress mails with the signed link in one of them (the
mail's List-Unsubscribe header is the same link); nothing else can be stopped that way, the
confidential winner notice least of all, and a forged or altered link stops nothing."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer

from devstack.mailcapture import body_of
from notify import create_app
from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest

WEEK_1 = datetime.fromisoformat("2023-01-01T23:00:00+01:00")
WEEK_2 = datetime.fromisoformat("2023-01-08T23:00:00+01:00")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_a_coordinator_stops_the_progress_mails_and_still_gets_every_other_mail(
    notify: NotifyUnderTest, admin_auth: dict[str, str]
) -> None:
    client: FlaskClient = create_app(notify.ctx.settings, notify.mail).test_client()
    notify.publish(ev.edition_updated(2023))
    notify.deliver(*(ev.accepted(s) for s in ("a", "b", "c")), mails=3)
    table = {"C7-HLT": [("a", 9, 1), ("b", 5, 2), ("c", 1, 3)]}
    mails = {m["X-Captured-Rcpt-To"]: m for m in notify.deliver(ev.progress(1, table, as_of=WEEK_1), mails=3)}
    link = str(mails["coord-a@example.org"]["List-Unsubscribe"]).strip().strip("<>")
    assert link in body_of(mails["coord-a@example.org"]), "the same link in the text"

    page = client.get(_path(link))
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    assert "coord-a@example.org" in page.text and "<form method=\"post\"" in page.text
    assert client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth).json == [], (
        "opening the link (or a link scanner doing so) unsubscribes nobody")

    done = client.post(_path(link), data={"List-Unsubscribe": "One-Click"})  # RFC 8058's POST
    assert done.status_code == 200 and "gets no more weekly progress mails" in done.text
    assert client.post(_path(link)).status_code == 200, "a second click changes nothing"
    [entry] = client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth).json
    assert (entry["edition"], entry["email"]) == (2023, "coord-a@example.org")

    notify.smtp.clear()
    week2 = ev.progress(2, {"C7-HLT": [("a", 20, 1), ("b", 6, 2), ("c", 2, 3)]}, as_of=WEEK_2)
    notify.deliver(week2, mails=2)
    notify.settle()
    assert sorted(str(m["X-Captured-Rcpt-To"]) for m in notify.smtp.messages()) == [
        "coord-b@example.org", "coord-c@example.org"]

    notify.smtp.clear()
    notify.deliver(ev.closed({"C7-HLT": [("a", 30, 1)]}), ev.winner("a"), mails=2)
    assert {m["X-WSIS-Mail-Kind"] for m in notify.smtp.messages()} == {"finalist", "winner_notice"}
    assert {str(m["X-Captured-Rcpt-To"]) for m in notify.smtp.messages()} == {"coord-a@example.org"}


def test_a_forged_or_altered_link_unsubscribes_nobody(
    notify: NotifyUnderTest, admin_auth: dict[str, str]
) -> None:
    client: FlaskClient = create_app(notify.ctx.settings, notify.mail).test_client()
    notify.deliver(ev.accepted("a"), mails=1)
    [mail] = notify.deliver(ev.progress(1, {"C7-HLT": [("a", 1, 1)]}, as_of=WEEK_1), mails=1)
    token = _path(str(mail["List-Unsubscribe"]).strip().strip("<>")).split("token=", 1)[1]

    forged = URLSafeSerializer("a guessed secret", salt="wsis-notify-progress-unsubscribe").dumps(
        {"e": 2023, "m": "coord-a@example.org"})
    for bad in (token[:-3] + "xyz", forged):
        refused = client.post(f"/api/v1/mail/unsubscribe?token={bad}")
        assert refused.status_code == 400 and "not valid" in refused.text
    assert client.post("/api/v1/mail/unsubscribe").status_code == 422, "no token at all"
    assert client.get("/api/v1/mail/editions/2023/unsubscribes", headers=admin_auth).json == []
