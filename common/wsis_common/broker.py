"""RabbitMQ topology: one durable topic exchange for events, and per consuming service a
durable quorum queue that dead-letters into its own dead-letter queue."""

from __future__ import annotations

from collections.abc import Iterable

import pika
from pika.adapters.blocking_connection import BlockingChannel

from wsis_common.config import Settings


def connect(url: str, *, heartbeat: int = 30) -> pika.BlockingConnection:
    params = pika.URLParameters(url)
    params.heartbeat = heartbeat
    params.blocked_connection_timeout = 30
    params.connection_attempts = 1
    params.socket_timeout = 5
    return pika.BlockingConnection(params)


def queue_name(service: str) -> str:
    return f"{service}.events"


def dead_letter_queue_name(service: str) -> str:
    return f"{service}.dead"


def declare_exchange(channel: BlockingChannel, settings: Settings) -> None:
    channel.exchange_declare(settings.exchange, exchange_type="topic", durable=True)


def declare_service_queue(
    channel: BlockingChannel, settings: Settings, routing_keys: Iterable[str]
) -> str:
    """Declare (idempotently) the service's queue, its bindings and its dead-letter queue."""
    declare_exchange(channel, settings)
    channel.exchange_declare(settings.dead_letter_exchange, exchange_type="direct", durable=True)
    dead = dead_letter_queue_name(settings.service)
    channel.queue_declare(dead, durable=True, arguments={"x-queue-type": "quorum"})
    channel.queue_bind(dead, settings.dead_letter_exchange, routing_key=settings.service)
    queue = queue_name(settings.service)
    channel.queue_declare(
        queue,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-dead-letter-exchange": settings.dead_letter_exchange,
            "x-dead-letter-routing-key": settings.service,
        },
    )
    for key in routing_keys:
        channel.queue_bind(queue, settings.exchange, routing_key=key)
    return queue


def ping(url: str) -> None:
    """Open and close an AMQP connection: raises if the broker cannot be reached."""
    connect(url, heartbeat=0).close()
