"""Dates that have passed (issue 20): moving one, from the past or into it, needs a reason that
the history keeps with who and when; a move that would rewrite what happened is refused even
with one; and a refusal changes nothing (no revision, no event, no history entry).
The clock is set as in every submission test (wsis_common.clock); the 2023 edition's dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask.testing import FlaskClient

from devstack.corpus import project_2023
from submission.domain import past_dates
from tests.submission.conftest import geneva
from tests.submission.test_editions import outbox
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.phases import Schedule

EDITION = "/api/v1/editions/2023"
URL = f"{EDITION}/submissions"
WHY = "The WSIS team closed the call early, as announced on the site on 30 October."


def move(client: FlaskClient, admin: dict[str, str], reason: str | None = None, **local: str) -> Any:
    body: dict[str, Any] = {"phases": {key: geneva(value).isoformat() for key, value in local.items()}}
    if reason is not None:
        body["reason"] = reason
    return client.patch(EDITION, headers=admin, json=body)


def changes_sent(ctx: ServiceContext) -> list[dict[str, Any]]:
    """The `edition.updated` events of a change (the seed's creation aside)."""
    return [e for e in outbox(ctx, "edition.updated") if e["payload"]["edition"]["revision"] > 1]


def history(client: FlaskClient, admin: dict[str, str]) -> list[dict[str, Any]]:
    return client.get(f"{EDITION}/history", headers=admin).get_json()


def assert_refused_and_nothing_changed(client: FlaskClient, ctx: ServiceContext, admin: dict[str, str],
                                       response: Any, fields: set[str]) -> dict[str, Any]:
    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert set(problem["errors"]) == fields, problem["errors"]
    assert set(problem["reasons"]) == fields, "every reason also as a code and params"
    assert client.get(EDITION).get_json()["revision"] == 1
    assert [h["action"] for h in history(client, admin)] == ["created"]
    assert changes_sent(ctx) == []
    return problem


def codes(problem: dict[str, Any], field: str) -> list[str]:
    return [r["code"] for r in problem["reasons"][field]]


def test_closing_the_submissions_early_needs_a_reason_which_the_history_keeps(client, ctx, admin) -> None:
    # 1 November 2022: the submission phase runs until 7 December.
    refused = move(client, admin, submission_closes="2022-10-31T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, refused, {"reason"})
    assert "submission_closes" in problem["errors"]["reason"][0]
    assert problem["reasons"]["reason"] == [{"code": "change.reason_required",
                                             "params": {"dates": ["submission_closes"]}}]
    blank = move(client, admin, reason="   \n ", submission_closes="2022-10-31T23:00")
    assert_refused_and_nothing_changed(client, ctx, admin, blank, {"reason"})

    saved = move(client, admin, reason=WHY, submission_closes="2022-10-31T23:00")
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["phases"]["submission_closes"] == "2022-10-31T23:00:00+01:00"
    last = history(client, admin)[-1]
    assert (last["actor"], last["reason"]) == ("admin-1", WHY)
    assert datetime.fromisoformat(last["at"]) == clock.now()
    assert last["after"]["phases"]["submission_closes"] == "2022-10-31T23:00:00+01:00"
    assert len(changes_sent(ctx)) == 1


def test_a_reason_longer_than_its_limit_is_refused_beside_it(client, ctx, admin) -> None:
    too_long = move(client, admin, reason="x" * (past_dates.REASON_MAX_LENGTH + 1),
                    submission_closes="2022-10-31T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, too_long, {"reason"})
    assert codes(problem, "reason") == ["field.too_long"]


def test_dates_still_to_come_move_without_a_reason_and_a_running_deadline_is_extended(
    client, admin
) -> None:
    extended = move(client, admin, submission_closes="2022-12-10T23:00")
    assert extended.status_code == 200, extended.get_json()
    assert history(client, admin)[-1]["reason"] is None
    clock.set(geneva("2023-01-10T12:00"))  # mid-vote: its end moves to another date to come
    shortened = move(client, admin, voting_closes="2023-01-20T23:00")
    assert shortened.status_code == 200, shortened.get_json()


def test_opening_the_vote_a_week_in_the_past_mid_vote_is_refused_even_with_a_reason(
    client, ctx, admin
) -> None:
    clock.set(geneva("2023-01-10T12:00"))  # the vote is open since 25 December
    without = move(client, admin, voting_opens="2022-12-18T00:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, without,
                                                 {"reason", "phases.voting_opens"})
    # Before the nominee lists, too: the order of the phases says so at the same time.
    assert sorted(codes(problem, "phases.voting_opens")) == ["phase.order", "phase.started"]
    started = next(r for r in problem["reasons"]["phases.voting_opens"] if r["code"] == "phase.started")
    assert started["params"] == {"date": "voting_opens", "at": "2022-12-25T00:00:00+01:00"}
    with_reason = move(client, admin, reason=WHY, voting_opens="2022-12-18T00:00",
                       nominees_published_at="2022-12-18T00:00", nomination_closes="2022-12-17T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, with_reason, {
        "phases.voting_opens", "phases.nominees_published_at", "phases.nomination_closes"})
    assert codes(problem, "phases.voting_opens") == ["phase.started"]
    assert codes(problem, "phases.nominees_published_at") == ["nominees.published"]
    assert codes(problem, "phases.nomination_closes") == ["phase.shortened"]


def test_a_running_vote_is_not_closed_in_the_past_even_with_a_reason(client, ctx, admin) -> None:
    clock.set(geneva("2023-01-10T12:00"))
    refused = move(client, admin, reason=WHY, voting_closes="2023-01-05T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, refused, {"phases.voting_closes"})
    assert codes(problem, "phases.voting_closes") == ["vote.running"]
    assert "close the vote at a date still to come" in problem["errors"]["phases.voting_closes"][0]


def test_the_deadline_does_not_move_before_a_submission_already_accepted(
    client, ctx, admin, stakeholder
) -> None:
    assert client.post(URL, json=project_2023(1), headers=stakeholder).status_code == 201  # 1 Nov, 12:00
    clock.set(geneva("2022-11-03T12:00"))
    refused = move(client, admin, reason=WHY, submission_closes="2022-11-01T11:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, refused, {"phases.submission_closes"})
    [found] = problem["reasons"]["phases.submission_closes"]
    assert found["code"] == "deadline.before_submissions"
    assert datetime.fromisoformat(found["params"]["latest"]) == geneva("2022-11-01T12:00")
    after_it = move(client, admin, reason=WHY, submission_closes="2022-11-02T23:00")
    assert after_it.status_code == 200, after_it.get_json()


def test_a_closed_phase_is_neither_reopened_nor_shortened_but_its_end_may_be_corrected_in_the_past(
    client, ctx, admin
) -> None:
    clock.set(geneva("2022-12-10T12:00"))  # the submissions closed on 7 December
    reopened = move(client, admin, reason=WHY, submission_closes="2022-12-12T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, reopened, {"phases.submission_closes"})
    assert codes(problem, "phases.submission_closes") == ["phase.reopened"]
    shortened = move(client, admin, reason=WHY, submission_closes="2022-12-05T23:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, shortened, {"phases.submission_closes"})
    assert codes(problem, "phases.submission_closes") == ["phase.shortened"]
    assert move(client, admin, submission_closes="2022-12-08T23:00").status_code == 422, "no reason"
    corrected = move(client, admin, reason=WHY, submission_closes="2022-12-08T23:00")
    assert corrected.status_code == 200, corrected.get_json()
    assert history(client, admin)[-1]["reason"] == WHY


def test_the_nominees_publication_moves_into_the_past_with_a_reason_only_before_it_happened(
    client, ctx, admin
) -> None:
    clock.set(geneva("2022-12-24T12:00"))  # the nominee lists are due on 25 December
    earlier = move(client, admin, reason=WHY, nominees_published_at="2022-12-24T00:00")
    assert earlier.status_code == 200, earlier.get_json()
    clock.set(geneva("2022-12-27T12:00"))
    again = move(client, admin, reason=WHY, nominees_published_at="2022-12-26T00:00",
                 voting_opens="2022-12-26T00:00")
    assert again.status_code == 422
    problem = again.get_json()
    assert codes(problem, "phases.nominees_published_at") == ["nominees.published"]
    assert codes(problem, "phases.voting_opens") == ["phase.started"]
    assert client.get(EDITION).get_json()["revision"] == 2


def test_the_winners_announcement_keeps_its_date_once_the_winners_are_known(client, ctx, admin) -> None:
    # The winners were announced (winners.announced received) although the ceremony's date is still
    # ahead: the date is part of what happened.
    from submission.models import PastWinner

    with ctx.db.transaction() as session:
        session.add(PastWinner(year=2023, category="C4", title="Coding clubs", title_key="coding clubs",
                               source="event"))
    clock.set(geneva("2023-03-14T12:00"))
    later = move(client, admin, reason=WHY, ceremony_at="2023-03-15T18:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, later, {"phases.ceremony_at"})
    assert codes(problem, "phases.ceremony_at") == ["winners.published"]


def test_every_refusal_comes_at_once_with_the_order_of_the_phases(client, ctx, admin) -> None:
    clock.set(geneva("2023-01-10T12:00"))
    refused = move(client, admin, voting_opens="2023-01-30T00:00")
    problem = assert_refused_and_nothing_changed(client, ctx, admin, refused,
                                                 {"reason", "phases.voting_opens", "phases.voting_closes"})
    assert codes(problem, "phases.voting_opens") == ["phase.started"]
    assert codes(problem, "phases.voting_closes") == ["phase.order"]


def test_the_same_instant_written_in_another_offset_is_no_move() -> None:
    before = Schedule.of({"voting_opens": "2022-12-25T00:00:00+01:00"})
    after = Schedule.of({"voting_opens": "2022-12-24T23:00:00+00:00"})
    assert past_dates.moved(before, after) == []
    assert past_dates.refusals(before, after, geneva("2023-01-10T12:00"), past_dates.Facts(), None) == {}
