"""Replaying a service's dead-lettered events: `python -m <service> replay-dead-letters`.

Each event envelope in `<service>.dead` is published again, straight to `<service>.events`
(the default exchange, routed by queue name), so only the service whose handler failed sees it
again: the other consumers of its routing key handled it long ago. A message is acked in the
dead-letter queue only after the broker confirmed its copy, so a crash in between leaves it in
both queues at worst; the consumer's inbox recognises the second copy and changes nothing.
What is not an envelope can never be handled: it stays in the dead-letter queue, named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import ChannelClosedByBroker
from pika.spec import BasicProperties

from wsis_common import broker
from wsis_common.config import Settings
from wsis_common.envelope import Envelope, MalformedEnvelope

# Headers the broker writes about the earlier life of a message. A copy that kept
# x-delivery-count would start its new life with the attempts already spent (the consumer
# counts from it), and x-death would read as deaths of the copy.
_BROKER_HEADERS = ("x-delivery-count", "x-death", "x-first-death-", "x-last-death-")


class QueueMissing(Exception):
    """The service's queues were never declared on this broker (its worker never ran here)."""


@dataclass
class Replay:
    dry_run: bool
    replayed: list[Envelope] = field(default_factory=list)  # would be, with dry_run
    kept: list[str] = field(default_factory=list)  # why each message that stays, stays

    def summary(self, service: str) -> str:
        verb = "would move" if self.dry_run else "moved"
        return (f"{verb} {len(self.replayed)} event(s) from {broker.dead_letter_queue_name(service)} "
                f"to {broker.queue_name(service)}; {len(self.kept)} message(s) left (not events)")


def _fresh_properties(properties: BasicProperties) -> BasicProperties:
    headers = {key: value for key, value in (properties.headers or {}).items()
               if not key.startswith(_BROKER_HEADERS)}
    return pika.BasicProperties(
        content_type=properties.content_type or "application/json",
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=properties.message_id,
        headers=headers or None,
    )


def _passive_depth(channel: BlockingChannel, queue: str) -> int:
    try:
        return channel.queue_declare(queue, passive=True).method.message_count
    except ChannelClosedByBroker as exc:
        raise QueueMissing(f"no queue {queue} on this broker: has the service's worker ever run "
                           "against it (BROKER_URL, vhost)?") from exc


def replay(settings: Settings, *, limit: int | None = None, dry_run: bool = False,
           say: Callable[[str], None] = print) -> Replay:
    """Move at most `limit` events (all, when None) from the service's dead-letter queue back
    to its queue; with `dry_run`, only list them. Every message looked at and not moved is
    returned to the dead-letter queue when the channel closes, so each is looked at once."""
    dead = broker.dead_letter_queue_name(settings.service)
    target = broker.queue_name(settings.service)
    result = Replay(dry_run=dry_run)
    with broker.connect(settings.broker_url) as connection:
        channel = connection.channel()
        _passive_depth(channel, target)
        waiting = _passive_depth(channel, dead)
        channel.confirm_delivery()
        # Never more than were there at the start: a copy dead-lettered again meanwhile waits.
        budget = waiting if limit is None else min(limit, waiting)
        while len(result.replayed) + len(result.kept) < budget:
            method, properties, body = channel.basic_get(dead, auto_ack=False)
            if method is None:
                break
            try:
                envelope = Envelope.from_json(body)
            except MalformedEnvelope as exc:
                result.kept.append(f"not an event envelope ({exc}): {body[:80]!r}")
                say(f"kept: {result.kept[-1]}")
                continue  # left unacked: back in the dead-letter queue when the channel closes
            result.replayed.append(envelope)
            say(f"{'would replay' if dry_run else 'replayed'}: {envelope.type} {envelope.id} "
                f"(occurred {envelope.occurred_at}, from {envelope.producer})")
            if dry_run:
                continue
            # Raises unless the broker confirmed the copy: the original is acked only after.
            channel.basic_publish("", target, body, _fresh_properties(properties), mandatory=True)
            channel.basic_ack(method.delivery_tag)
        channel.close()
    say(result.summary(settings.service))
    return result
