"""The submission service through a database outage (issue 20): a submission sent while the
database cannot be reached answers 503 problem+json with Retry-After and stores nothing (nor
its event); the same submission once it is back is accepted. The app reaches the real
PostgreSQL through a TcpProxy that the test cuts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from devstack.corpus import project_2023
from submission import create_app
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from tests.submission.test_rules import URL, stored
from wsis_common.context import ServiceContext

proxied = proxied_database_of("ctx")


@pytest.fixture
def cut_off(ctx: ServiceContext, proxied: DatabaseProxy) -> Iterator[FlaskClient]:
    """The submission app whose database is behind the proxy. It reads the revoked tokens once:
    the submission's own path is what meets the outage, not the token check (a 503 anyway)."""
    with behind(proxied, create_app, ctx.settings, revocations_refresh_seconds=3600) as app:
        yield app.test_client()


def test_a_submission_sent_during_an_outage_is_a_503_and_accepted_once_it_is_back(
        ctx: ServiceContext, cut_off: FlaskClient, proxied: DatabaseProxy,
        stakeholder: dict[str, str]) -> None:
    assert cut_off.get(URL, headers=stakeholder).status_code == 200  # the pool holds a connection
    with proxied.outage():
        problem = assert_unavailable(cut_off.post(URL, json=project_2023(1), headers=stakeholder))
        assert "try again" in problem["detail"]
        assert_unavailable(cut_off.get("/api/v1/editions/2023"))
    assert stored(ctx) == (0, 0)
    again = cut_off.post(URL, json=project_2023(1), headers=stakeholder)
    assert again.status_code == 201, again.get_json()
    assert stored(ctx) == (1, 1)
