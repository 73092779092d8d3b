"""Issue 19 at the edge: security headers on every kind of answer nginx gives (pages, the API
documents, error pages, the 429 page, problem documents, the services' answers), the
operators' /metrics and /readyz kept off the public server, and a per-account log-in limit
that holds exactly with two gateway workers."""

from __future__ import annotations

import requests

from devstack.stack import Stack

HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def assert_secured(response: requests.Response, what: str) -> str:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (what, name, response.headers)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy, (what, policy)
    assert "," not in response.headers.get("X-Frame-Options", ""), "one copy, not the app's and the edge's"
    return policy


def test_every_kind_of_answer_carries_the_security_headers(stack: Stack) -> None:
    base = stack.gateway_url
    answers = {
        "page": requests.get(f"{base}/login", timeout=10),
        "error page": requests.get(f"{base}/no-such-page", timeout=10),
        "api docs": requests.get(f"{base}/api/docs", timeout=10),
        "api docs script": requests.get(f"{base}/api/docs/init.js", timeout=10),
        "no api here": requests.get(f"{base}/api/nothing-here", timeout=10),
        "a service's answer (photos' path)": requests.get(
            f"{base}/api/v1/submissions/00000000-0000-0000-0000-000000000000/photo", timeout=10),
        "vote page": requests.get(f"{base}/editions/2023/vote", timeout=10),
    }
    for what, response in answers.items():
        policy = assert_secured(response, what)
        assert ("'unsafe-inline'" in policy) == what.startswith("api docs"), (what, policy)
    assert "<script>" not in answers["api docs"].text, "no inline script for the policy to refuse"
    too_many = [requests.post(f"{base}/api/v1/tokens", json={"identifier": "x", "password": "y"}, timeout=10)
                for _ in range(14)]
    refused = [r for r in too_many if r.status_code == 429]
    assert refused, "the edge's per-address log-in limit answered"
    assert_secured(refused[-1], "429 problem")


def test_metrics_and_readiness_are_for_operators_not_the_public(stack: Stack) -> None:
    for path in ("/metrics", "/readyz", "//metrics", "/readyz?checks=database", "/metrics/"):
        assert requests.get(f"{stack.gateway_url}{path}", timeout=10).status_code == 404, path
    # The operators' path: each service's own port (web and worker).
    assert "wsis_outbox_backlog" in requests.get(f"{stack.web_url('gateway')}/metrics", timeout=10).text
    assert requests.get(f"{stack.web_url('gateway')}/readyz", timeout=10).status_code == 200
