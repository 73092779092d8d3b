"""Load shedding: at most N requests of one kind in flight in this process; the next one is
refused at once (a 503 problem with `Retry-After`, or what the route says instead), before it
costs any work of the app's.

A saturated process that queues without a bound answers everyone late (each queued request
waits for all before it) and, past the proxy's timeout, answers no one. Refusing the excess
keeps the accepted requests fast and tells the refused ones, at once, when to come back.

The refusal is WSGI middleware (`Admission`), not a check inside the view: under gevent a
saturated process serves each connection once per turn of its event loop, and a refused request
that went through Flask cost as much CPU as a vote (570 against 644 us, measured), so a flood of
clients that come straight back held the admitted votes to one step per long turn. Before Flask
a refusal costs a third of that (services/voting/bench/README.md, "Under a flood").

The slots are a non-blocking semaphore: `threading`'s, which under gunicorn's gevent worker is
gevent's own (patched before the app is loaded), and an OS-thread semaphore under gthread."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from prometheus_client import Counter

from wsis_common.observe import ENDPOINT_KEY, StartResponse, WSGIApp
from wsis_common.problems import Problem

REQUESTS_SHED = Counter(
    "wsis_requests_shed_total", "Requests refused at once (503) because too many were in flight",
    ["service", "endpoint"],
)


class Overloaded(Problem):
    """A 503 problem with `Retry-After`: too many requests of this kind are in flight here."""

    def __init__(self, retry_after: int, detail: str) -> None:
        super().__init__(503, detail, title="Too busy", retry_after=retry_after)


class InFlightLimiter:
    """At most `limit` admitted requests at once in this process (0: no bound); `admit()` takes
    a slot if one is free and never waits for one."""

    def __init__(self, limit: int, *, service: str, endpoint: str, retry_after: int = 1,
                 detail: str = "Too many requests are in flight just now; try again in a moment.") -> None:
        if limit < 0:
            raise ValueError(f"an in-flight limit is 0 (none) or more, not {limit}")
        self.limit = limit
        self.retry_after = retry_after
        self.detail = detail
        self._slots = threading.BoundedSemaphore(limit) if limit else None
        self._shed = REQUESTS_SHED.labels(service, endpoint)

    @property
    def problem(self) -> Overloaded:
        """What a refused request is told, unless its route says otherwise."""
        return Overloaded(self.retry_after, self.detail)

    def admit(self) -> bool:
        """A slot taken (release it with `release()`), or False, counted as shed."""
        if self._slots is None or self._slots.acquire(blocking=False):
            return True
        self._shed.inc()
        return False

    def release(self) -> None:
        if self._slots is not None:
            self._slots.release()


def fixed_answer(status: str, headers: Sequence[tuple[str, str]], body: bytes) -> WSGIApp:
    """A WSGI app that gives the same answer every time, made once (a werkzeug Response called
    as one rebuilds its headers on every call)."""
    headers = [*headers, ("Content-Length", str(len(body)))]

    def answer(_environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        start_response(status, list(headers))
        return [body]

    return answer


class Route(NamedTuple):
    """Requests that take a slot: `method` and a path matching `path` in full; `rule` is the
    endpoint label a refused one is counted under (as Flask's rule for an admitted one);
    `refusal` the WSGI app that answers a refused one, from its path's match."""

    method: str
    path: re.Pattern[str]
    rule: str
    refusal: Callable[[re.Match[str]], WSGIApp]


class Admission:
    """WSGI middleware: a request on one of `routes` holds a slot of `limiter` until its answer
    is sent (the server closes the body); when none is free it gets its route's refusal at once.
    Meant inside the app's RequestObservation, so that a refusal is counted, logged and carries
    its X-Request-ID like any answer."""

    def __init__(self, app: WSGIApp, limiter: InFlightLimiter, routes: Sequence[Route]) -> None:
        self.app, self.limiter, self.routes = app, limiter, tuple(routes)

    @classmethod
    def around(cls, app: WSGIApp, limiter: InFlightLimiter, routes: Sequence[Route]) -> WSGIApp:
        """`app` itself when there is no bound: the off switch costs nothing per request."""
        return app if limiter.limit == 0 else cls(app, limiter, routes)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        for route in self.routes:
            match = route.path.fullmatch(path) if method == route.method else None
            if match is None:
                continue
            if not self.limiter.admit():
                environ[ENDPOINT_KEY] = route.rule
                return route.refusal(match)(environ, start_response)
            try:
                return _Releasing(self.app(environ, start_response), self.limiter.release)
            except BaseException:
                self.limiter.release()
                raise
        return self.app(environ, start_response)


class _Releasing:
    """A response body that gives its slot back when the server closes it (PEP 3333 says every
    server does, once the body is sent or the client is gone)."""

    __slots__ = ("_body", "_release")

    def __init__(self, body: Iterable[bytes], release: Callable[[], None]) -> None:
        self._body, self._release = body, release

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._release()
