"""The walking skeleton through the real stack: nginx, gunicorn, workers, PostgreSQL, RabbitMQ."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from devstack.stack import APPS, Stack
from tests.e2e.editions import edition_2023
from tests.harness.probe import wait_until
from wsis_common.auth import Principal, TokenSigner, generate_keypair

PROBLEM = "application/problem+json"


def test_every_process_of_the_platform_is_ready(stack: Stack) -> None:
    for name, url in stack.readiness_urls().items():
        assert requests.get(url, timeout=5).status_code == 200, name


def test_an_edition_created_through_the_gateway_reaches_every_service(
    stack: Stack, admin_headers: dict[str, str]
) -> None:
    request_id = f"e2e-{uuid.uuid4().hex}"
    created = requests.post(f"{stack.gateway_url}/api/v1/editions", json=edition_2023(2031),
                            headers={**admin_headers, "X-Request-ID": request_id}, timeout=10)
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == request_id
    assert created.json()["revision"] == 1

    ballot_url = f"{stack.gateway_url}/api/v1/editions/2031/ballot"
    # Each voting process keeps its ballot up to a second: wait until every one has the edition.
    wait_until(lambda: all(requests.get(ballot_url, timeout=5).json().get("voting_closes")
                           == "2031-01-25T23:00:00+01:00" for _ in range(8)),
               what="the voting service's copy of the edition")
    nominees = requests.get(f"{stack.gateway_url}/api/v1/editions/2031/nominees", timeout=5)
    assert nominees.status_code == 404 and nominees.headers["Content-Type"] == PROBLEM
    assert "published on 2030-12-25" in nominees.json()["detail"]
    wait_until(lambda: "WSIS Prizes 2031" in requests.get(stack.gateway_url, timeout=5).text,
               what="the gateway's copy of the edition")
    wait_until(lambda: _edition_revision(stack, "notify", 2031) == 1, what="notify's copy")

    # The request id went with the event: the consumers' log lines carry it.
    for log in ("submission-web", "voting-worker", "review-worker", "notify-worker", "gateway-worker"):
        wait_until(lambda log=log: request_id in (stack.run_dir / "logs" / f"{log}.log").read_text(),
                   timeout=10, what=f"the request id in {log}.log")


def test_an_admin_moves_a_date_and_every_service_honours_it_without_a_restart(
    stack: Stack, admin_headers: dict[str, str]
) -> None:
    base = f"{stack.gateway_url}/api/v1/editions"
    assert requests.post(base, json=edition_2023(2032), headers=admin_headers, timeout=10).status_code == 201
    extended = {"voting_closes": "2032-01-31T23:00:00+01:00", "selection_opens": "2032-01-31T23:00:00+01:00"}
    moved = requests.patch(f"{base}/2032", json={"phases": extended}, headers=admin_headers, timeout=10)
    assert moved.status_code == 200, moved.text
    assert moved.json()["revision"] == 2
    ballot_url = f"{stack.gateway_url}/api/v1/editions/2032/ballot"
    wait_until(lambda: requests.get(ballot_url, timeout=5).json().get("voting_closes")
               == "2032-01-31T23:00:00+01:00", what="the moved date at the voting service")
    wait_until(lambda: _edition_revision(stack, "review", 2032) == 2, what="review's copy")


def test_a_schedule_that_makes_no_sense_is_refused_and_changes_nothing(
    stack: Stack, admin_headers: dict[str, str]
) -> None:
    base = f"{stack.gateway_url}/api/v1/editions"
    assert requests.post(base, json=edition_2023(2033), headers=admin_headers, timeout=10).status_code == 201
    refused = requests.patch(f"{base}/2033", json={"phases": {"voting_closes": "2032-12-01T23:00:00+01:00"}},
                             headers=admin_headers, timeout=10)
    assert refused.status_code == 422
    assert refused.headers["Content-Type"] == PROBLEM
    assert "phases.voting_closes" in refused.json()["errors"]
    assert requests.get(f"{base}/2033", timeout=5).json()["revision"] == 1


def test_invalid_input_gets_every_field_and_reason_at_once(
    stack: Stack, admin_headers: dict[str, str]
) -> None:
    body = {"year": "next", "phases": {"voting_opens": "soon"}, "parameters": {"finalists_per_category": 0}}
    response = requests.post(f"{stack.gateway_url}/api/v1/editions", json=body, headers=admin_headers,
                             timeout=10)
    assert response.status_code == 422
    assert response.headers["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422 and problem["title"] and problem["detail"]
    errors = problem["errors"]
    for field in ("year", "ordinal", "phases.voting_opens", "phases.voting_closes",
                  "parameters.finalists_per_category"):
        assert field in errors, field


def test_the_api_refuses_missing_expired_forged_foreign_and_underprivileged_tokens(
    stack: Stack, signer: TokenSigner
) -> None:
    url = f"{stack.gateway_url}/api/v1/editions"
    admin = Principal("someone", frozenset({"admin"}))
    other_private, _ = generate_keypair()
    header, payload, signature = signer.sign(admin).split(".")
    tokens = {
        "missing": None,
        "expired": signer.sign(admin, lifetime=__import__("datetime").timedelta(seconds=-30)),
        "tampered": f"{header}.{payload[:-4]}AAAA.{signature}",
        "wrong audience": TokenSigner(Path(stack.private_key).read_text(), issuer="wsis-gateway",
                                      audience="elsewhere").sign(admin),
        "wrong key": TokenSigner(other_private, issuer="wsis-gateway",
                                 audience="wsis-services").sign(admin),
    }
    for case, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = requests.post(url, json=edition_2023(2040), headers=headers, timeout=10)
        assert response.status_code == 401, case
        assert response.headers["Content-Type"] == PROBLEM, case
    stakeholder = signer.sign(Principal("voter", frozenset({"stakeholder"}), True))
    response = requests.post(url, json=edition_2023(2040), timeout=10,
                             headers={"Authorization": f"Bearer {stakeholder}"})
    assert response.status_code == 403
    assert requests.get(f"{url}/2040", timeout=5).status_code == 404, "nothing was created"


def test_each_service_publishes_its_generated_openapi_document(stack: Stack) -> None:
    for app in APPS:
        direct = requests.get(f"{stack.web_url(app.name)}/api/v1/openapi.json", timeout=5)
        assert direct.status_code == 200, app.name
        assert direct.json()["openapi"].startswith("3.")
        via_gateway = requests.get(f"{stack.gateway_url}/openapi/{app.name}.json", timeout=5)
        assert via_gateway.json() == direct.json(), app.name
    paths = requests.get(f"{stack.gateway_url}/openapi/submission.json", timeout=5).json()["paths"]
    assert "/api/v1/editions" in paths and "/api/v1/editions/{year}" in paths
    assert "/api/v1/editions/{year}/ballot" in requests.get(
        f"{stack.gateway_url}/openapi/voting.json", timeout=5).json()["paths"]


def test_metrics_show_requests_latency_backlog_and_the_consumers(stack: Stack) -> None:
    requests.get(f"{stack.gateway_url}/api/v1/editions", timeout=5)
    web = requests.get(f"{stack.web_url('submission')}/metrics", timeout=5).text
    assert ('wsis_http_requests_total{endpoint="/api/v1/editions",method="GET",'
            'service="submission",status="200"}') in web
    assert "wsis_http_request_seconds_bucket" in web
    assert 'wsis_outbox_backlog{service="submission"}' in web
    # An event of an earlier test may still be on its way: the backlog drains to 0.
    wait_until(lambda: 'wsis_outbox_backlog{service="submission"} 0.0' in requests.get(
        f"{stack.web_url('submission')}/metrics", timeout=5).text, what="the outbox drained")
    worker = requests.get(f"{stack.worker_url('voting')}/metrics", timeout=5).text
    assert 'wsis_events_dead_lettered_total{service="voting"} 0.0' in worker
    assert "wsis_consumer_queue_messages" in worker
    assert 'wsis_events_relayed_total{service="submission"}' in requests.get(
        f"{stack.worker_url('submission')}/metrics", timeout=5).text


def test_an_unknown_api_path_is_a_problem_not_a_page(stack: Stack) -> None:
    response = requests.get(f"{stack.gateway_url}/api/v1/nothing-here", timeout=5)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM
    assert response.headers["X-Request-ID"]


def test_a_service_that_is_down_answers_503_problem_quickly(stack: Stack) -> None:
    review = next(app for app in APPS if app.name == "review")
    stack.stop_process("review-web")
    try:
        started = time.monotonic()
        response = requests.get(f"{stack.gateway_url}/api/v1/editions/2031/nominees", timeout=10)
        assert response.status_code == 503
        assert time.monotonic() - started < 3, "a down service must not make the caller hang"
        assert response.headers["Content-Type"] == PROBLEM
        assert response.json()["status"] == 503 and response.headers["X-Request-ID"]
        assert requests.get(f"{stack.gateway_url}/api/v1/editions", timeout=5).status_code == 200
    finally:
        stack.start_web(review)
        stack.wait_ready(60)


def _edition_revision(stack: Stack, service: str, year: int) -> int | None:
    engine = create_engine(stack.database_urls[service])
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT revision FROM edition_copies WHERE year = :y"),
                                {"y": year}).scalar()
    finally:
        engine.dispose()


def test_the_edge_limits_log_ins_per_address_with_a_429_problem(stack: Stack) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def attempt(number: int) -> requests.Response:  # other identifiers: the per-account limit stays out
        return requests.post(f"{stack.gateway_url}/api/v1/tokens", timeout=30,
                             json={"identifier": f"nobody{number}", "password": "wrong password"})

    with ThreadPoolExecutor(30) as pool:  # at once, well past the burst of 10 at 2 per second
        responses = list(pool.map(attempt, range(30)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) == {401, 429}, statuses
    limited = next(r for r in responses if r.status_code == 429)
    assert limited.headers["Content-Type"] == "application/problem+json"
    assert limited.json()["status"] == 429 and "from your address" in limited.json()["detail"]


def test_a_page_over_its_limit_is_a_page_in_the_visitors_language(stack: Stack) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def visit(_number: int) -> requests.Response:
        return requests.get(f"{stack.gateway_url}/register", headers={"Accept-Language": "fr"}, timeout=30)

    with ThreadPoolExecutor(30) as pool:  # well past the burst of 10 at 1 per second
        responses = list(pool.map(visit, range(30)))
    assert {r.status_code for r in responses} == {200, 429}
    limited = next(r for r in responses if r.status_code == 429)
    assert limited.headers["Content-Type"].startswith("text/html")
    assert "Trop de tentatives" in limited.text and 'lang="fr"' in limited.text
    assert limited.headers["Retry-After"] == "1" and limited.headers["X-Request-ID"]
    assert requests.get(f"{stack.gateway_url}/too-many-requests", timeout=5).status_code == 404, \
        "the page is nginx's error page only"
