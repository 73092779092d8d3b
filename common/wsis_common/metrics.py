"""Prometheus metrics: per-endpoint requests and latency, outbox backlog, consumer lag,
dead-lettered messages, database connections. Works under gunicorn's several processes when
PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf sets it before any worker starts)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

HTTP_REQUESTS = Counter(
    "wsis_http_requests_total", "HTTP requests", ["service", "method", "endpoint", "status"]
)
HTTP_LATENCY = Histogram(
    "wsis_http_request_seconds",
    "HTTP request latency",
    ["service", "method", "endpoint"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
EVENTS_PUBLISHED = Counter(
    "wsis_events_relayed_total", "Events relayed from the outbox and confirmed", ["service"]
)
EVENTS_HANDLED = Counter(
    "wsis_events_handled_total", "Events consumed", ["service", "routing_key", "outcome"]
)
EVENTS_DEAD_LETTERED = Counter(
    "wsis_events_dead_lettered_total", "Messages sent to the dead-letter queue", ["service"]
)
EVENT_ITEMS_FAILED = Counter(
    "wsis_event_items_failed_total",
    "Items of an event (one mail, one row) that failed and were skipped, the others applied",
    ["routing_key"],
)
CONSUMER_LAG = Gauge(
    "wsis_consumer_lag_seconds",
    "Seconds between an event's occurrence and its handling (last handled)",
    ["service"],
    multiprocess_mode="max",
)
CONSUMER_QUEUE_DEPTH = Gauge(
    "wsis_consumer_queue_messages",
    "Messages waiting in the service's queue (last look)",
    ["service"],
    multiprocess_mode="max",
)
DEAD_LETTER_QUEUE_DEPTH = Gauge(
    "wsis_dead_letter_queue_messages",
    "Messages kept in the service's dead-letter queue (last look): each needs a person",
    ["service"],
    multiprocess_mode="max",
)
DB_CONNECTIONS = Gauge(
    "wsis_db_connections",
    "Database connections of the process's pool: open, and in use (checked out)",
    ["service", "state"],
    multiprocess_mode="livesum",
)


class CallbackGauge(Collector):
    """A gauge read at scrape time, e.g. the outbox backlog counted in the database."""

    def __init__(self, name: str, doc: str, service: str, read: Callable[[], float]) -> None:
        self.name, self.doc, self.service, self.read = name, doc, service, read

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(self.name, self.doc, labels=["service"])
        try:
            family.add_metric([self.service], float(self.read()))
        except Exception:
            family.add_metric([self.service], float("nan"))
        yield family


def render(extra: Iterable[Collector] = ()) -> tuple[bytes, str]:
    """The body and content type of a /metrics response for this process (or all of gunicorn's)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    extra = list(extra)
    if extra:
        own = CollectorRegistry()
        for collector in extra:
            own.register(collector)
        body += generate_latest(own)
    return body, CONTENT_TYPE_LATEST
