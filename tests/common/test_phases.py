"""The one phase-window type every service and the pages use: inside or not, time left, the
23:00:00 deadline, DST, and dates not set yet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wsis_common.clock import GENEVA
from wsis_common.phases import Schedule, Window, parse_geneva_wall_time

EDITION_2023 = {"phases": {
    "submission_opens": "2022-09-07T00:00:00+02:00",
    "submission_closes": "2022-12-07T23:00:00+01:00",
    "voting_opens": "2022-12-25T00:00:00+01:00",
    "voting_closes": "2023-01-25T23:00:00+01:00",
    "ceremony_at": "2023-03-14T18:00:00+01:00",
    "forum_closes": "2023-03-17T23:00:00+01:00",
    "nominees_published_at": "",
}}


def geneva(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=GENEVA)


def test_a_vote_at_22_59_59_counts_and_at_23_00_00_is_too_late() -> None:
    vote = Schedule.of_edition(EDITION_2023).window("voting")
    assert vote.contains(geneva("2023-01-25T22:59:59"))
    assert not vote.contains(geneva("2023-01-25T23:00:00"))
    assert vote.is_over(geneva("2023-01-25T23:00:00")) and not vote.not_yet(geneva("2023-01-25T23:00"))
    assert vote.left(geneva("2023-01-25T22:59:59")) == timedelta(seconds=1)
    assert vote.left(geneva("2023-01-25T23:00:00")) is None


def test_the_window_opens_at_its_first_instant_and_not_before() -> None:
    vote = Schedule.of_edition(EDITION_2023).window("voting")
    assert vote.not_yet(geneva("2022-12-24T23:59:59")) and vote.left(geneva("2022-12-24T23:59:59")) is None
    assert vote.contains(geneva("2022-12-25T00:00:00"))
    assert vote.left(geneva("2022-12-25T00:00:00")) == timedelta(days=31, hours=23)


def test_time_left_across_a_change_of_clocks_is_real_time_not_wall_time() -> None:
    # 2023-03-26 02:00 CET -> 03:00 CEST: from 00:00 to the 23:00 deadline is 22 hours, not 23.
    window = Window(geneva("2023-03-20T00:00"), parse_geneva_wall_time("2023-03-26T23:00"))
    assert window.closes == datetime(2023, 3, 26, 21, 0, tzinfo=UTC)
    assert window.left(geneva("2023-03-26T00:00")) == timedelta(hours=22)
    autumn = Window(geneva("2023-10-20T00:00"), geneva("2023-10-29T23:00"))
    assert autumn.left(geneva("2023-10-29T00:00")) == timedelta(hours=24)
    assert autumn.contains(datetime(2023, 10, 29, 21, 59, 59, tzinfo=UTC))
    assert not autumn.contains(datetime(2023, 10, 29, 22, 0, tzinfo=UTC))


def test_dates_not_set_yet_are_missing_and_a_window_without_them_is_never_open() -> None:
    schedule = Schedule.of_edition(EDITION_2023)
    assert schedule.at("nominees_published_at") is None and schedule.at("selection_opens") is None
    assert not schedule.has_passed("nominees_published_at", geneva("2030-01-01T00:00"))
    selection = schedule.window("selection")
    february = geneva("2023-02-10T00:00")
    assert not selection.contains(february) and selection.not_yet(february)
    no_end = Window(geneva("2023-01-01T00:00"), None)
    assert no_end.contains(geneva("2040-01-01T00:00")) and no_end.left(geneva("2040-01-01T00:00")) is None


@pytest.mark.parametrize(("at", "key", "number"), [
    ("2022-09-06T23:59:59", "announced", None),
    ("2022-09-07T00:00:00", "submission", 1),
    ("2022-12-07T23:00:00", "nomination", 2),
    ("2023-01-25T22:59:59", "voting", 3),
    ("2023-01-25T23:00:00", "selection", 4),
    ("2023-03-14T18:00:00", "ceremony", 5),
    ("2023-03-17T23:00:00", "over", None),
])
def test_the_phase_at_an_instant_has_its_key_number_start_and_end(at: str, key: str,
                                                                  number: int | None) -> None:
    phase = Schedule.of_edition(EDITION_2023).phase_at(geneva(at))
    assert (phase.key, phase.number) == (key, number)
    if key == "voting":
        assert phase.starts == geneva("2022-12-25T00:00") and phase.ends == geneva("2023-01-25T23:00")


def test_a_schedule_is_read_only() -> None:
    schedule = Schedule.of_edition(EDITION_2023)
    with pytest.raises(TypeError):
        schedule.instants["voting_closes"] = geneva("2030-01-01T00:00")  # type: ignore[index]
