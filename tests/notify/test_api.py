"""The WSIS team's mail API (role admin): per edition what was sent to whom and when, a
summary, one mail with its text, resending; and the winner notice withheld from all of it
until the ceremony."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from flask.testing import FlaskClient

from notify import create_app
from notify.models import PENDING, SENT, Mail
from tests.harness.probe import wait_until
from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest
from wsis_common.auth import Principal, TokenSigner
from wsis_common.clock import clock

PROBLEM = "application/problem+json"


@pytest.fixture
def client(notify: NotifyUnderTest) -> FlaskClient:
    return create_app(notify.ctx.settings, notify.mail).test_client()


@pytest.fixture
def frozen_clock() -> Iterator[None]:
    yield
    clock.set(None)


def test_the_mail_api_is_for_the_wsis_team_only(client: FlaskClient, token_signer: TokenSigner) -> None:
    anonymous = client.get("/api/v1/mail/editions/2023/mails")
    assert anonymous.status_code == 401 and anonymous.content_type == PROBLEM
    voter = token_signer.sign(Principal("voter", frozenset({"stakeholder"})))
    for path in ("/api/v1/mail/editions/2023/mails", "/api/v1/mail/failed",
                 "/api/v1/mail/editions/2023/summary", "/api/v1/mail/editions/2023/unsubscribes"):
        refused = client.get(path, headers={"Authorization": f"Bearer {voter}"})
        assert refused.status_code == 403 and refused.content_type == PROBLEM, path


def test_the_team_sees_per_edition_what_was_sent_to_whom_and_when(
    notify: NotifyUnderTest, client: FlaskClient, admin_auth: dict[str, str]
) -> None:
    notify.publish(ev.edition_updated(2023))
    notify.deliver(ev.accepted("a", submitter=ev.person("Sam", "sam@example.org")), ev.accepted("b"),
                   ev.registered("new@example.org", "New", "http://v/3"), mails=4)
    wait_until(lambda: notify.count(Mail.status == SENT) == 4, what="the sent marks")

    page = client.get("/api/v1/mail/editions/2023/mails", headers=admin_auth)
    assert page.status_code == 200
    assert page.json["total"] == 3, "the verification mail belongs to no edition"
    by_address = {m["to_email"]: m for m in page.json["mails"]}
    assert set(by_address) == {"coord-a@example.org", "sam@example.org", "coord-b@example.org"}
    sam = by_address["sam@example.org"]
    assert (sam["kind"], sam["status"], sam["submission_id"], sam["attempts"]) == ("receipt", "sent", "a", 1)
    assert sam["subject"].startswith("WSIS Prizes 2023: your submission")
    assert datetime.fromisoformat(sam["sent_at"]) >= datetime.fromisoformat(sam["created_at"])
    assert sam["confidential"] is False

    only = client.get("/api/v1/mail/editions/2023/mails?to=SAM@Example.org", headers=admin_auth).json
    assert [m["to_email"] for m in only["mails"]] == ["sam@example.org"], "any case"
    assert client.get("/api/v1/mail/editions/2023/mails?status=failed", headers=admin_auth).json["total"] == 0
    assert client.get("/api/v1/mail/editions/2023/mails?submission_id=b",
                      headers=admin_auth).json["total"] == 1
    paged = client.get("/api/v1/mail/editions/2023/mails?limit=2&offset=2", headers=admin_auth).json
    assert (paged["total"], len(paged["mails"])) == (3, 1)

    invalid = client.get("/api/v1/mail/editions/2023/mails?status=lost&kind=spam&limit=0", headers=admin_auth)
    assert invalid.status_code == 422 and invalid.content_type == PROBLEM
    assert set(invalid.json["errors"]) == {"status", "kind", "limit"}, "every field at once"

    summary = client.get("/api/v1/mail/editions/2023/summary", headers=admin_auth).json
    assert summary == {"edition": 2023, "kinds": {"receipt": {"pending": 0, "sent": 3, "failed": 0}}}

    one = client.get(f"/api/v1/mail/mails/{sam['id']}", headers=admin_auth)
    assert one.status_code == 200 and "Hello Sam," in one.json["text_body"]
    assert one.json["message_id"] == sam["message_id"]
    missing = client.get("/api/v1/mail/mails/not-a-mail", headers=admin_auth)
    assert missing.status_code == 404 and missing.content_type == PROBLEM


def test_resending_a_sent_mail_sends_a_new_copy_and_a_waiting_one_is_refused(
    notify: NotifyUnderTest, client: FlaskClient, admin_auth: dict[str, str]
) -> None:
    [first] = notify.deliver(ev.accepted("r"), mails=1)
    wait_until(lambda: notify.count(Mail.status == SENT) == 1, what="the sent mark")
    [original] = notify.mail_rows()

    resent = client.post(f"/api/v1/mail/mails/{original.id}/resend", headers=admin_auth)
    assert resent.status_code == 202
    assert resent.json["resend_of"] == original.id and resent.json["id"] != original.id
    wait_until(lambda: notify.smtp.count() == 2, what="the copy")
    copy = notify.smtp.messages()[-1]
    assert copy["X-Captured-Rcpt-To"] == "coord-r@example.org"
    assert copy["Subject"] == first["Subject"]
    assert copy["Message-ID"] != first["Message-ID"], "a new message, so that the mail client shows it"

    notify.smtp.stop()
    notify.publish(ev.accepted("waiting"))
    wait_until(lambda: notify.count(Mail.status == PENDING) == 1, what="a mail waiting for the server")
    [waiting] = notify.mail_rows(Mail.status == PENDING)
    refused = client.post(f"/api/v1/mail/mails/{waiting.id}/resend", headers=admin_auth)
    assert refused.status_code == 409 and refused.content_type == PROBLEM
    notify.smtp.start()


def test_the_winner_notice_is_withheld_from_the_log_until_the_ceremony(
    notify: NotifyUnderTest, client: FlaskClient, admin_auth: dict[str, str], frozen_clock: None,
    token_signer: TokenSigner,
) -> None:
    notify.publish(ev.edition_updated(2027))  # ceremony on 14 March 2027, after today
    notify.deliver(ev.accepted("win", year=2027), mails=1)
    notify.deliver(ev.winner("win", year=2027), mails=1)
    wait_until(lambda: notify.count(Mail.status == SENT) == 2, what="the sent marks")

    listed = client.get("/api/v1/mail/editions/2027/mails?kind=winner_notice", headers=admin_auth).json
    [notice] = listed["mails"]
    assert notice["confidential"] is True and notice["status"] == "sent"
    withheld = "(confidential until the ceremony)"
    assert (notice["to_email"], notice["to_name"], notice["subject"], notice["submission_id"]) == (
        withheld, withheld, withheld, None)
    detail = client.get(f"/api/v1/mail/mails/{notice['id']}", headers=admin_auth).json
    assert detail["text_body"] == withheld and "Project win" not in str(detail)
    by_address = client.get("/api/v1/mail/editions/2027/mails?to=coord-win@example.org", headers=admin_auth)
    assert [m["kind"] for m in by_address.json["mails"]] == ["receipt"], "a match would name the winner"
    by_submission = client.get("/api/v1/mail/editions/2027/mails?submission_id=win", headers=admin_auth)
    assert [m["kind"] for m in by_submission.json["mails"]] == ["receipt"]

    clock.set(datetime.fromisoformat("2027-03-14T18:00:00+01:00"))  # the ceremony begins
    token = token_signer.sign(Principal("wsis-team", frozenset({"admin"})))  # one of that day
    after = client.get(f"/api/v1/mail/mails/{notice['id']}",
                       headers={"Authorization": f"Bearer {token}"}).json
    assert after["confidential"] is False
    assert after["to_email"] == "coord-win@example.org" and "Project win" in after["text_body"]
