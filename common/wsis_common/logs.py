"""Structured JSON logs, each line carrying the service and the current X-Request-ID."""

from __future__ import annotations

import logging
import os
import sys
from contextvars import ContextVar, Token

from pythonjsonlogger.json import JsonFormatter

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_service = "wsis"


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(value: str | None) -> Token[str | None]:
    """The request id of the request now running (its log lines carry it) until unbound."""
    return _request_id.set(value)


def unbind_request_id(token: Token[str | None]) -> None:
    _request_id.reset(token)


def new_request_id() -> str:
    return os.urandom(16).hex()  # a uuid4's 32 hex digits, without building a UUID


class _ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.service = _service
        record.request_id = _request_id.get()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """JSON lines on stderr; idempotent, so app and worker may both call it."""
    global _service
    _service = service
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # pika logs each failed connection attempt as a handful of errors with tracebacks, and
    # raises it to us as well: our own lines say once what matters (wsis_common.outages).
    logging.getLogger("pika").setLevel(logging.CRITICAL)
