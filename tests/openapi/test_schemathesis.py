"""Every service's OpenAPI document and its answers agree: schemathesis sends generated
requests (valid and invalid, with made-up and with real ids) to every operation of the five
apps, as an admin and as a stakeholder, and every answer must be no server error, of a
documented status code and content type, and match its documented schema (issue 19)."""

from __future__ import annotations

import pytest

from tests.openapi.conftest import CALLERS, Seeded, bearer
from tests.openapi.sweep import sweep
from wsis_common.clock import clock

APPS = ["submission_app", "voting_app", "review_app", "notify_app", "gateway_app"]


@pytest.mark.parametrize("caller", sorted(CALLERS))
@pytest.mark.parametrize("app_fixture", APPS)
def test_every_answer_matches_the_document(app_fixture: str, caller: str,
                                           request: pytest.FixtureRequest) -> None:
    seeded: Seeded = request.getfixturevalue(app_fixture)
    clock.set(seeded.now)
    try:
        outcome = sweep(seeded.app, bearer(CALLERS[caller]), seeded.real)
    finally:
        clock.set(None)
    print(f"{app_fixture} as {caller}: {outcome.report().splitlines()[0]}")
    assert not outcome.failures, outcome.report()
