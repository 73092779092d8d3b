"""What every request of every service carries for ops, as WSGI middleware around the Flask
app: its X-Request-ID (the caller's, or a new one; in every log line while it runs, and on the
response), its count and latency per endpoint and status (Prometheus), and an access-log line
when ACCESS_LOG is on.

Middleware rather than Flask before/after hooks: one place, around everything the app does
(its own error handling included), reading the WSGI environ rather than Flask's proxies."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from wsis_common.logs import bind_request_id, new_request_id, unbind_request_id
from wsis_common.metrics import HTTP_LATENCY, HTTP_REQUESTS

log = logging.getLogger("wsis_common.web")

OPS_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# Where the app leaves the rule a request matched (wsis_common.web.ServiceFlask): one metric
# label per endpoint, not per path.
ENDPOINT_KEY = "wsis.endpoint"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class RequestObservation:
    def __init__(self, app: WSGIApp, *, service: str, access_log: bool) -> None:
        self.app = app
        self.service = service
        self.access_log = access_log
        self._metrics: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        request_id = environ.get("HTTP_X_REQUEST_ID") or new_request_id()
        token = bind_request_id(request_id)
        seen: list[str] = []

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers.append(("X-Request-ID", request_id))
            seen.append(status)
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, start)
        finally:
            path = environ.get("PATH_INFO", "")
            if path not in OPS_PATHS:
                status = int(seen[-1][:3]) if seen else 500
                self._observe(environ, path, status, time.perf_counter() - started)
            unbind_request_id(token)

    def _observe(self, environ: dict[str, Any], path: str, status: int, elapsed: float) -> None:
        method = environ.get("REQUEST_METHOD", "GET")
        endpoint = environ.get(ENDPOINT_KEY, "unmatched")
        key = (method, endpoint, status)
        children = self._metrics.get(key)
        if children is None:
            children = self._metrics[key] = (
                HTTP_REQUESTS.labels(self.service, method, endpoint, str(status)),
                HTTP_LATENCY.labels(self.service, method, endpoint))
        children[0].inc()
        children[1].observe(elapsed)
        if self.access_log:
            log.info("%s %s %s", method, path, status,
                     extra={"status": status, "ms": round(elapsed * 1000, 2)})
