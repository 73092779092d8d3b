"""A database outage for one service in a test, without stopping the shared PostgreSQL: the
service is given a URL through a TcpProxy (devstack/tcp_proxy.py), which the test cuts (open
connections dropped, new ones refused, as when PostgreSQL stops) and restores. A test module
takes the `proxied` fixture of its service's context (`proxied = proxied_database_of("ctx")`)
and builds the app under test on it with `behind`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask

from devstack.tcp_proxy import TcpProxy, through_proxy
from wsis_common.config import Settings
from wsis_common.context import ServiceContext


@dataclass
class DatabaseProxy:
    proxy: TcpProxy
    url: str  # the database's URL through the proxy

    @contextmanager
    def outage(self) -> Iterator[None]:
        """The database unreachable inside the block, back after it."""
        self.proxy.cut()
        try:
            yield
        finally:
            self.proxy.restore()


@contextmanager
def proxied_database(url: str) -> Iterator[DatabaseProxy]:
    """`url`'s database behind a proxy of its own for the length of the block."""
    parts = urlsplit(url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    try:
        yield DatabaseProxy(proxy, through_proxy(url, proxy.port))
    finally:
        proxy.cut()


def proxied_database_of(ctx_fixture: str) -> Callable[..., Iterator[DatabaseProxy]]:
    """A `proxied` fixture: the database of the service context that the fixture named
    `ctx_fixture` gives, behind a proxy of its own for the length of the test."""

    @pytest.fixture
    def proxied(request: pytest.FixtureRequest) -> Iterator[DatabaseProxy]:
        ctx: ServiceContext = request.getfixturevalue(ctx_fixture)
        with proxied_database(ctx.settings.database_url) as found:
            yield found

    return proxied


@contextmanager
def behind(proxy: DatabaseProxy, create_app: Callable[..., Flask], settings: Settings, *args: Any,
           **changes: Any) -> Iterator[Flask]:
    """`create_app(settings, *args)` reaching its database through `proxy` (and with `changes` to
    its settings) for the length of the block; its connections closed after."""
    app = create_app(replace(settings, database_url=proxy.url, **changes), *args)
    try:
        yield app
    finally:
        app.extensions["wsis"].db.dispose()


def assert_unavailable(response: Any) -> dict[str, Any]:
    """What a client sees while the database is out: a 503 problem that says when to retry."""
    assert response.status_code == 503, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    assert int(response.headers["Retry-After"]) > 0
    problem = response.get_json()
    assert problem["status"] == 503 and problem["title"] and problem["detail"]
    return problem
