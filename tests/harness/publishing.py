"""Publishing an event the way a service's outbox relay does (wsis_common/relay.py): to the
events exchange named in wsis_common.config (declared first, as the relay declares it),
persistent, confirmed by the broker before this returns, `message_id` the event's id. The tests'
one publisher: an event a test sends looks to the consumers like one a service sent."""

from __future__ import annotations

from collections.abc import Iterable

import pika

from wsis_common import broker
from wsis_common.config import EVENTS_EXCHANGE
from wsis_common.envelope import Envelope

# (routing key, body, message id) of one message
Message = tuple[str, bytes, str | None]


def publish(broker_url: str, *envelopes: Envelope) -> None:
    """The envelopes, in order, as the relay sends them."""
    _send(broker_url, EVENTS_EXCHANGE, [(e.type, e.to_json().encode(), e.id) for e in envelopes])


def publish_body(broker_url: str, routing_key: str, body: bytes, *, exchange: str = EVENTS_EXCHANGE) -> None:
    """Any body (a broken one, or one with no envelope's id) under `routing_key`, as a relay
    would send it; `exchange` another than the events' (the dead letters') for what no relay sends."""
    _send(broker_url, exchange, [(routing_key, body, None)])


def _send(broker_url: str, exchange: str, messages: Iterable[Message]) -> None:
    with broker.connect(broker_url) as connection:
        channel = connection.channel()
        channel.confirm_delivery()
        channel.exchange_declare(EVENTS_EXCHANGE, exchange_type="topic", durable=True)
        for routing_key, body, message_id in messages:
            channel.basic_publish(exchange, routing_key, body, pika.BasicProperties(
                content_type="application/json", delivery_mode=pika.DeliveryMode.Persistent,
                message_id=message_id))
