"""Issue 19: one poison item of an event never keeps the others' mails from being written,
and a title as long as its contract allows is stored and mailed (never dead-lettered)."""

from __future__ import annotations

from sqlalchemy import select

from notify import events as notify_events
from notify.config import MailSettings
from notify.models import Contact, Mail
from tests.notify import events as ev
from wsis_common import limits
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.metrics import REGISTRY


def _consumer(ctx: ServiceContext) -> Consumer:
    return Consumer(ctx.db, ctx.tables, ctx.settings, notify_events.handlers(ctx, MailSettings()))


def _mails(ctx: ServiceContext, kind: str) -> list[Mail]:
    with ctx.db.sessions() as session:
        return list(session.scalars(select(Mail).where(Mail.kind == kind)))


def _failed_items(routing_key: str) -> float:
    return REGISTRY.get_sample_value("wsis_event_items_failed_total", {"routing_key": routing_key}) or 0.0


def test_a_finalist_notify_never_heard_of_does_not_keep_the_other_finalists_mails(
    notify_ctx: ServiceContext,
) -> None:
    consumer = _consumer(notify_ctx)
    for sid in ("a", "b"):
        consumer.handle(ev.accepted(sid))
    before = _failed_items("voting.closed")
    closed = ev.closed({"C7-HLT": [("a", 90, 1), ("ghost", 80, 2), ("b", 70, 3)]})

    assert consumer.handle(closed) is True  # handled, not retried until dead-lettered
    assert {m.submission_id for m in _mails(notify_ctx, "finalist")} == {"a", "b"}
    assert _failed_items("voting.closed") == before + 1  # the ghost, counted and logged
    assert consumer.handle(closed) is False  # a redelivery writes nobody's mail twice
    assert len(_mails(notify_ctx, "finalist")) == 2


def test_the_announcement_reaches_every_other_finalist_when_one_is_poison(notify_ctx: ServiceContext) -> None:
    consumer = _consumer(notify_ctx)
    for sid in ("w", "c1"):
        consumer.handle(ev.accepted(sid))

    consumer.handle(ev.announced({"C7-HLT": ("w", ["ghost", "c1"])}))

    assert {m.submission_id for m in _mails(notify_ctx, "announcement")} == {"w", "c1"}


def test_a_title_as_long_as_its_contract_allows_is_stored_and_mailed(notify_ctx: ServiceContext) -> None:
    consumer = _consumer(notify_ctx)
    title = "T" * limits.TITLE.max_length

    consumer.handle(ev.accepted("long", title=title))
    consumer.handle(ev.closed({"C7-HLT": [("long", 90, 1)]}))

    with notify_ctx.db.sessions() as session:
        assert session.get(Contact, "long").title == title
    assert len(_mails(notify_ctx, "receipt")) == 1
    assert title in _mails(notify_ctx, "finalist")[0].subject
