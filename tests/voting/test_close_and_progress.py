"""The worker's transitions on the real PostgreSQL and RabbitMQ: `voting.closed` with the top N
and the tie rule, honouring a moved close; `voting.progress` once per voting week, counted as
of the week's end, even with two workers racing."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pika
import pytest
from sqlalchemy import select

from tests.harness.probe import Running, wait_until
from tests.voting.conftest import deliver, edition_event, nominees_event, record_votes
from voting import models
from voting.service import tallies
from wsis_common.clock import GENEVA, clock
from wsis_common.config import EVENTS_EXCHANGE
from wsis_common.context import ServiceContext
from wsis_common.contracts import VOTING_CLOSED, VOTING_PROGRESS
from wsis_common.relay import OutboxRelay

OPENS = datetime(2017, 12, 31, 0, 0, tzinfo=GENEVA)
CLOSES = datetime(2018, 2, 4, 23, 0, tzinfo=GENEVA)
SETTLE = timedelta(seconds=5)
MINUTE = timedelta(minutes=1)


def outbox(ctx: ServiceContext, routing_key: str) -> list[dict]:
    table = models.messages.outbox
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(table.c.body).where(table.c.routing_key == routing_key)
                                 .order_by(table.c.position)).all()
    return [json.loads(body) for body in bodies]


@pytest.fixture
def edition_2018(ctx, consumer):
    deliver(ctx, edition_event(2018, OPENS, CLOSES, finalists=3))
    deliver(ctx, nominees_event(2018, {"C4": ["a", "b", "c", "d", "e"], "C9": ["m1", "m2", "m3", "m4"]}))
    yield
    clock.set(None)


def test_the_close_publishes_the_top_n_with_the_tie_rule_once(ctx: ServiceContext, edition_2018) -> None:
    start = OPENS + timedelta(days=2)
    votes = [(f"va{i}", "C4", "a", start + i * MINUTE) for i in range(5)]
    votes += [(f"vb{i}", "C4", "b", start + i * MINUTE) for i in range(3)]
    # c, d and e tie with 2 votes at the cut (place 3): d reached 2 first, then e, then c.
    votes += [("vc0", "C4", "c", start), ("vc1", "C4", "c", start + 50 * MINUTE)]
    votes += [("vd0", "C4", "d", start), ("vd1", "C4", "d", start + 10 * MINUTE)]
    votes += [("ve0", "C4", "e", start), ("ve1", "C4", "e", start + 30 * MINUTE)]
    votes += [("late", "C9", "m4", CLOSES + timedelta(seconds=1))]  # written after the deadline: not counted
    record_votes(ctx, votes, 2018)

    clock.set(CLOSES + SETTLE - timedelta(seconds=1))
    assert tallies.publish_close(ctx, settle=SETTLE) == 0, "not before the close has settled"
    clock.set(CLOSES + SETTLE)
    assert tallies.publish_close(ctx, settle=SETTLE) == 1
    assert tallies.publish_close(ctx, settle=SETTLE) == 0, "once"

    [event] = outbox(ctx, VOTING_CLOSED)
    assert event["edition"] == 2018 and event["producer"] == "voting"
    by_category = {c["category"]: c for c in event["payload"]["categories"]}
    health = by_category["C4"]
    assert [(f["submission_id"], f["votes"], f["rank"]) for f in health["finalists"]] == \
        [("a", 5, 1), ("b", 3, 2), ("d", 2, 3)], "N = 3 in 2018; d reached 2 votes first"
    assert health["tie_at_cut"] is True and "3 nominees had 2 votes at place 3" in health["tie_break"]
    media = by_category["C9"]
    assert [f["submission_id"] for f in media["finalists"]] == ["m1", "m2", "m3"], \
        "no votes (the late one does not count): the ballot's order"
    assert media["tie_at_cut"] is True and "ballot's order" in media["tie_break"]


def test_the_close_reaches_the_broker_through_the_outbox(ctx: ServiceContext, edition_2018) -> None:
    record_votes(ctx, [(f"v{i}", "C4", n, OPENS + timedelta(days=1, minutes=i))
                       for i, n in enumerate("aabbbcd")], 2018)
    with pika.BlockingConnection(pika.URLParameters(ctx.settings.broker_url)) as connection:
        channel = connection.channel()
        queue = channel.queue_declare("", exclusive=True).method.queue
        channel.queue_bind(queue, EVENTS_EXCHANGE, routing_key=VOTING_CLOSED)
        clock.set(CLOSES + SETTLE)
        tallies.publish_close(ctx, settle=SETTLE)
        with Running(OutboxRelay(ctx.db, ctx.tables, ctx.settings).run):
            wait_until(lambda: channel.queue_declare(queue, passive=True).method.message_count == 1,
                       what="voting.closed on the broker")
        _method, properties, body = channel.basic_get(queue, auto_ack=True)
    health = next(c for c in json.loads(body)["payload"]["categories"] if c["category"] == "C4")
    assert [(f["submission_id"], f["votes"]) for f in health["finalists"]] == [("b", 3), ("a", 2), ("c", 1)]
    assert health["tie_at_cut"] is True, "c and d both have 1 vote at place 3; c's came first"
    assert properties.delivery_mode == 2


def test_a_moved_close_moves_the_finalists_too(ctx: ServiceContext, edition_2018) -> None:
    extended = CLOSES + timedelta(days=3)
    deliver(ctx, edition_event(2018, OPENS, extended, revision=2, finalists=1))
    record_votes(ctx, [("v1", "C4", "a", CLOSES - MINUTE), ("v2", "C4", "b", CLOSES + MINUTE),
                       ("v3", "C4", "b", CLOSES + 2 * MINUTE)], 2018)
    clock.set(CLOSES + timedelta(hours=1))
    assert tallies.publish_close(ctx, settle=SETTLE) == 0, "the old close no longer applies"
    clock.set(extended + SETTLE)
    assert tallies.publish_close(ctx, settle=SETTLE) == 1
    health = next(c for c in outbox(ctx, VOTING_CLOSED)[0]["payload"]["categories"] if c["category"] == "C4")
    assert [(f["submission_id"], f["votes"]) for f in health["finalists"]] == [("b", 2)], \
        "votes in the extension count, and N changed to 1"


def test_weekly_progress_once_per_week_counted_at_its_end_with_two_racing_workers(
    ctx: ServiceContext, edition_2018
) -> None:
    week1_end = datetime(2018, 1, 7, 0, 0, tzinfo=GENEVA)
    record_votes(ctx, [("v1", "C4", "a", week1_end - MINUTE), ("v2", "C4", "b", week1_end),
                       ("v3", "C4", "b", week1_end + MINUTE)], 2018)
    clock.set(OPENS + timedelta(days=21) + SETTLE)  # three weeks have ended
    start = threading.Barrier(8)
    published: list[int] = []

    def worker() -> None:
        start.wait()
        published.append(tallies.publish_progress(ctx, settle=SETTLE))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(published) == 3
    assert tallies.publish_progress(ctx, settle=SETTLE) == 0
    events = outbox(ctx, VOTING_PROGRESS)
    assert sorted(e["payload"]["week"] for e in events) == [1, 2, 3]
    week1 = next(e["payload"] for e in events if e["payload"]["week"] == 1)
    assert week1["as_of"] == week1_end.isoformat()
    health = next(c for c in week1["categories"] if c["category"] == "C4")
    assert [(n["submission_id"], n["votes"], n["rank"]) for n in health["nominees"]][:3] == \
        [("a", 1, 1), ("b", 0, 2), ("c", 0, 2)], "as of the end of week 1: the 00:00 vote is week 2's"
    week2 = next(e["payload"] for e in events if e["payload"]["week"] == 2)
    assert next(c for c in week2["categories"] if c["category"] == "C4")["nominees"][0] == \
        {"submission_id": "b", "votes": 2, "rank": 1}
