"""Every request's ops traces (wsis_common.observe): its X-Request-ID, taken from the caller or
made, is what its log lines carry and what the response (errors too) returns; it is counted
per endpoint rule (as ServiceFlask matched it) and status; the ops paths are not counted."""

from __future__ import annotations

import re

from flask import Flask
from prometheus_client import REGISTRY

from wsis_common.logs import current_request_id
from wsis_common.observe import RequestObservation
from wsis_common.web import ServiceFlask

SERVICE = "observe-test"


def _app() -> Flask:
    app = ServiceFlask(__name__)

    @app.get("/things/<int:number>")
    def thing(number: int):
        return {"number": number, "request_id": current_request_id()}

    @app.get("/broken")
    def broken():
        raise RuntimeError("boom")

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    app.wsgi_app = RequestObservation(app.wsgi_app, service=SERVICE, access_log=False)  # type: ignore[method-assign]
    return app


def _count(endpoint: str, status: str) -> float:
    return REGISTRY.get_sample_value("wsis_http_requests_total", {
        "service": SERVICE, "method": "GET", "endpoint": endpoint, "status": status}) or 0.0


def test_the_callers_request_id_is_used_in_the_request_and_returned() -> None:
    client = _app().test_client()
    response = client.get("/things/7", headers={"X-Request-ID": "from-the-gateway-1"})
    assert response.headers["X-Request-ID"] == "from-the-gateway-1"
    assert response.get_json()["request_id"] == "from-the-gateway-1"
    assert current_request_id() is None, "nothing leaks past the request"


def test_a_request_without_one_gets_a_new_id_errors_included() -> None:
    client = _app().test_client()
    first, second = client.get("/things/1"), client.get("/things/2")
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-ID"])
    assert first.get_json()["request_id"] == first.headers["X-Request-ID"]
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert client.get("/broken").headers.get("X-Request-ID")


def test_requests_are_counted_per_rule_and_status_but_not_the_ops_paths() -> None:
    client = _app().test_client()
    before = (_count("/things/<int:number>", "200"), _count("unmatched", "404"), _count("/broken", "500"))
    client.get("/things/1")
    client.get("/things/2")
    client.get("/nowhere")
    client.get("/broken")
    client.get("/healthz")
    after = (_count("/things/<int:number>", "200"), _count("unmatched", "404"), _count("/broken", "500"))
    assert [b - a for a, b in zip(before, after, strict=True)] == [2, 1, 1]
    assert _count("/healthz", "200") == 0
