"""The review worker on the real broker: events in (edition.updated, submission.accepted,
voting.closed) through its own queue and inbox; events out (nominees.published, review.outcome,
winner.selected, winners.announced) through its outbox and relay, each at its moment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from review.definition import definition
from review.models import Finalist, Submission
from tests.harness.probe import wait_until
from tests.harness.publishing import publish
from tests.review.flows import BASE, assign, close, confirm, put_review, record_expert
from tests.review.support import (
    ADMIN,
    CEREMONY,
    DURING_SELECTION,
    PUBLICATION,
    accepted_payload,
    edition_document,
)
from wsis_common import broker, contracts
from wsis_common.clock import clock
from wsis_common.config import Settings
from wsis_common.envelope import Envelope
from wsis_common.worker import Worker

OUT = (contracts.NOMINEES_PUBLISHED, contracts.REVIEW_OUTCOME, contracts.WINNER_SELECTED,
       contracts.WINNERS_ANNOUNCED)


class Listener:
    """A queue of the test's own, bound to what the review service publishes."""

    def __init__(self, url: str, settings: Settings) -> None:
        self.connection = broker.connect(url)
        self.channel = self.connection.channel()
        broker.declare_exchange(self.channel, settings)
        self.queue = self.channel.queue_declare("", exclusive=True).method.queue
        for key in OUT:
            self.channel.queue_bind(self.queue, settings.exchange, routing_key=key)
        self.received: list[dict] = []

    def drain(self) -> list[dict]:
        while True:
            method, _props, body = self.channel.basic_get(self.queue, auto_ack=True)
            if method is None:
                return self.received
            self.received.append(json.loads(body))

    def of(self, routing_key: str) -> list[dict]:
        return [e for e in self.drain() if e["type"] == routing_key]


def _count(ctx, model) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def worker(ctx, review_vhost_url: str) -> Iterator[Worker]:
    settings = replace(ctx.settings, broker_url=review_vhost_url)
    running = Worker(definition.context(settings), definition.handlers(ctx), definition.jobs(ctx))
    running.start()
    wait_until(lambda: running.relay.connected.is_set() and running.consumer.connected.is_set(),
               what="the review worker's connections")
    yield running
    running.join()
    running.ctx.db.dispose()


def test_one_category_travels_through_the_broker_from_acceptance_to_the_announcement(
        ctx, client, worker, review_vhost_url):
    settings = worker.ctx.settings
    listener = Listener(review_vhost_url, settings)

    def send(type_: str, payload: dict, producer: str) -> None:
        publish(review_vhost_url, Envelope(type=type_, producer=producer, payload=payload, edition=2023))

    send(contracts.EDITION_UPDATED, {"edition": edition_document(2023, revision=5, nominees_per_category=2)},
         "submission")
    subs = [accepted_payload(category="C7-HLT", title=f"Broker project {i}") for i in range(3)]
    for payload in subs:
        send(contracts.SUBMISSION_ACCEPTED, payload, "submission")
    wait_until(lambda: _count(ctx, Submission) == 3, what="the three acceptances")
    ids = [s["submission_id"] for s in subs]

    for expert in ("exp-a", "exp-b"):
        record_expert(client, expert)
        assign(client, expert, category="C7-HLT")
        for value, sid in zip((5, 4, 2), ids, strict=True):
            assert put_review(client, expert, sid, value).status_code == 200
    close(client, "C7-HLT")
    assert confirm(client, "C7-HLT").json["nominees"] == ids[:2]

    clock.set(PUBLICATION)
    wait_until(lambda: len(listener.of(contracts.REVIEW_OUTCOME)) == 3,
               what="three review.outcome events on the broker")
    [published] = listener.of(contracts.NOMINEES_PUBLISHED)
    assert [n["submission_id"] for n in published["payload"]["categories"][0]["nominees"]] == sorted(
        ids[:2], key=lambda sid: next(s["title"] for s in subs if s["submission_id"] == sid))

    clock.set(DURING_SELECTION)
    finalists = [{"submission_id": ids[1], "votes": 40, "rank": 1},
                 {"submission_id": ids[0], "votes": 31, "rank": 2}]
    send(contracts.VOTING_CLOSED, {"categories": [
        {"category": "C7-HLT", "tie_at_cut": False, "tie_break": None, "finalists": finalists}]}, "voting")
    wait_until(lambda: _count(ctx, Finalist) == 2, what="the finalists from voting.closed")
    picked = client.put(f"{BASE}/categories/C7-HLT/winner", headers=ADMIN, json={"submission_id": ids[0]})
    assert picked.status_code == 200
    wait_until(lambda: listener.of(contracts.WINNER_SELECTED), what="winner.selected on the broker")
    assert not listener.of(contracts.WINNERS_ANNOUNCED), "not before the ceremony"

    clock.set(CEREMONY)
    wait_until(lambda: listener.of(contracts.WINNERS_ANNOUNCED), what="winners.announced on the broker")
    [announced] = listener.of(contracts.WINNERS_ANNOUNCED)
    assert announced["payload"]["categories"][0]["winner"]["submission_id"] == ids[0]
    assert len(listener.of(contracts.NOMINEES_PUBLISHED)) == 1
    listener.connection.close()
