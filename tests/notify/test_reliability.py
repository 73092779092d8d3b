"""Never lost, never twice: a redelivered event (of every kind) sends no second mail; an SMTP
outage delays mail but loses none, and is not charged to the mails; a mail the server keeps
refusing ends as failed, visible to the WSIS team, and goes out when resent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from flask.testing import FlaskClient

from notify import create_app
from notify.models import FAILED, PENDING, SENT, Mail
from tests.harness.probe import wait_until
from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest
from wsis_common.envelope import Envelope

AS_OF = datetime.fromisoformat("2023-01-01T23:00:00+01:00")

# Each event notify mails about, with what must be there first, and how many mails it makes.
SCENARIOS: dict[str, tuple[Callable[[], list[Envelope]], Callable[[], Envelope], int]] = {
    "stakeholder.registered": (list, lambda: ev.registered("r@example.org", "R", "http://v/1"), 1),
    "submission.accepted": (list, lambda: ev.accepted("s1", submitter=ev.person("S", "s@example.org")), 2),
    "review.outcome": (lambda: [ev.accepted("s1")], lambda: ev.outcome("s1", nominated=True), 1),
    "voting.progress": (lambda: [ev.accepted("s1"), ev.accepted("s2")],
                        lambda: ev.progress(1, {"C7-HLT": [("s1", 5, 1), ("s2", 3, 2)]}, as_of=AS_OF), 2),
    "voting.closed": (lambda: [ev.accepted("s1")], lambda: ev.closed({"C7-HLT": [("s1", 5, 1)]}), 1),
    "winner.selected": (lambda: [ev.accepted("s1")], lambda: ev.winner("s1"), 1),
    "winners.announced": (lambda: [ev.accepted("s1"), ev.accepted("s2")],
                          lambda: ev.announced({"C7-HLT": ("s1", ["s2"])}), 2),
}


def _prepare(notify: NotifyUnderTest, before: list[Envelope]) -> None:
    notify.publish(ev.edition_updated(2023))
    if before:
        notify.deliver(*before, mails=len(before))
    notify.smtp.clear()


@pytest.mark.parametrize("routing_key", list(SCENARIOS))
def test_a_redelivered_event_sends_no_second_mail(notify: NotifyUnderTest, routing_key: str) -> None:
    before, build, mails = SCENARIOS[routing_key]
    _prepare(notify, before())
    event = build()
    first = notify.deliver(event, mails=mails)
    rows = notify.count()

    # The same envelope again, as a relay that crashed between the broker's confirm and its
    # commit sends it, or as the broker redelivers an event whose ack was lost.
    duplicates = notify.handled(event, "duplicate")
    notify.publish(event, event)
    wait_until(lambda: notify.handled(event, "duplicate") == duplicates + 2,
               what="both redeliveries to be recognised by the inbox")
    notify.settle()
    assert notify.smtp.count() == mails == len(first)
    assert notify.count() == rows, "no second mail even written"
    assert len({m["Message-ID"] for m in notify.smtp.messages()}) == mails


def test_the_same_voting_week_sent_again_as_a_new_event_mails_nobody_twice(notify: NotifyUnderTest) -> None:
    _prepare(notify, [ev.accepted("s1"), ev.accepted("s2")])
    week = {"C7-HLT": [("s1", 5, 1), ("s2", 3, 2)]}
    notify.deliver(ev.progress(1, week, as_of=AS_OF), mails=2)
    again = ev.progress(1, week, as_of=AS_OF)  # a new event id: the inbox cannot see it
    handled = notify.handled(again)
    notify.publish(again)
    wait_until(lambda: notify.handled(again) == handled + 1, what="the second week-1 event to be handled")
    notify.settle()
    assert notify.smtp.count() == 2, "week 1 was reported already"


def test_an_smtp_outage_delays_mail_but_loses_none(notify: NotifyUnderTest) -> None:
    _prepare(notify, [])
    notify.smtp.stop()
    accepted = [ev.accepted(f"o{i}") for i in range(20)]
    notify.publish(*accepted)
    # Sending is off the consumer's path: every event is handled while no mail can go.
    wait_until(lambda: notify.count() == 20, what="all 20 events handled and their mails written")
    notify.settle(1.5)
    pending = notify.mail_rows()
    assert {m.status for m in pending} == {PENDING}
    assert {m.attempts for m in pending} == {0}, "an outage is nobody's fault: no attempt spent"

    notify.smtp.start()  # the same server comes back on its port
    wait_until(lambda: notify.count(Mail.status == SENT) == 20, timeout=30,
               what="every delayed mail to go once the server is back")
    notify.settle()
    received = notify.smtp.messages()
    assert len(received) == 20
    assert sorted(str(m["X-Captured-Rcpt-To"]) for m in received) == sorted(
        f"coord-o{i}@example.org" for i in range(20))
    assert {m["Message-ID"] for m in received} == {m.message_id for m in notify.mail_rows()}


def test_a_mail_that_keeps_failing_is_marked_failed_shown_to_the_team_and_resent(
    notify: NotifyUnderTest, admin_auth: dict[str, str]
) -> None:
    _prepare(notify, [])
    notify.smtp.reject.add("coord-busy@example.org")
    notify.deliver(ev.accepted("busy"), ev.accepted("fine"), mails=1)
    wait_until(lambda: notify.count(Mail.status == FAILED) == 1, timeout=20,
               what="the refused mail to use its attempts")
    [failed] = notify.mail_rows(Mail.status == FAILED)
    assert failed.attempts == notify.mail.max_attempts == 3
    assert "450" in failed.last_error
    assert notify.smtp.count() == 1, "only the other mail went"

    client = _client(notify)
    listed = client.get("/api/v1/mail/failed", headers=admin_auth)
    assert listed.status_code == 200
    assert listed.json["total"] == 1
    [shown] = listed.json["mails"]
    assert (shown["id"], shown["to_email"], shown["status"], shown["attempts"]) == (
        failed.id, "coord-busy@example.org", "failed", 3)
    assert "450" in shown["last_error"] and shown["kind"] == "receipt"

    notify.smtp.reject.clear()
    resent = client.post(f"/api/v1/mail/mails/{failed.id}/resend", headers=admin_auth)
    assert resent.status_code == 202 and resent.json["status"] == "pending"
    wait_until(lambda: notify.smtp.count() == 2, what="the resent mail")
    delivered = notify.smtp.messages()[-1]
    assert delivered["X-Captured-Rcpt-To"] == "coord-busy@example.org"
    assert delivered["Message-ID"] == failed.message_id, "the same message, finally delivered"
    assert client.get("/api/v1/mail/failed", headers=admin_auth).json["total"] == 0


def test_a_permanently_refused_address_fails_at_once(notify: NotifyUnderTest) -> None:
    _prepare(notify, [])
    notify.publish(ev.registered("not an address", "Nobody", "http://v/2"))
    wait_until(lambda: notify.count(Mail.status == FAILED) == 1, what="the unusable address to fail")
    [failed] = notify.mail_rows()
    assert failed.attempts == 1 and "not a usable address" in failed.last_error


def _client(notify: NotifyUnderTest) -> FlaskClient:
    return create_app(notify.ctx.settings, notify.mail).test_client()
