"""The review service through a database outage (issue 20): an expert's review sent while the
database cannot be reached answers 503 problem+json with Retry-After and stores nothing; the
same review once it is back is stored. The app reaches the real PostgreSQL through a
TcpProxy that the test cuts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from review import create_app
from review.models import Review
from tests.harness.db_outage import DatabaseProxy, assert_unavailable, behind, proxied_database_of
from tests.review.flows import assigned_submission, put_review
from tests.review.support import ADMIN, expert_token
from wsis_common.context import ServiceContext

proxied = proxied_database_of("ctx")


@pytest.fixture
def cut_off(ctx: ServiceContext, proxied: DatabaseProxy) -> Iterator[FlaskClient]:
    """The review app whose database is behind the proxy. It reads the revoked tokens once: the
    review's own path is what meets the outage, not the token check (a 503 anyway)."""
    with behind(proxied, create_app, ctx.settings, revocations_refresh_seconds=3600) as app:
        yield app.test_client()


def reviews(ctx: ServiceContext) -> int:
    with ctx.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Review)) or 0


def test_a_review_sent_during_an_outage_is_a_503_and_stored_once_it_is_back(
        ctx: ServiceContext, client: FlaskClient, cut_off: FlaskClient, proxied: DatabaseProxy) -> None:
    submission_id = assigned_submission(ctx, client, ["exp-a"])
    assert cut_off.get("/api/v1/reviews/queue", headers=expert_token("exp-a")).status_code == 200
    with proxied.outage():
        assert_unavailable(put_review(cut_off, "exp-a", submission_id, 4))
        assert_unavailable(cut_off.get("/api/v1/reviews/editions/2023/assignments", headers=ADMIN))
    assert reviews(ctx) == 0
    again = put_review(cut_off, "exp-a", submission_id, 4)
    assert again.status_code == 200, again.get_json()
    assert reviews(ctx) == 1
