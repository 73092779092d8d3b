"""Deadlines are 23:00 Geneva time (Europe/Zurich), to the second, across DST."""

from datetime import UTC, date, datetime, timedelta

from wsis_common.clock import clock, deadline_of, is_before


def test_a_winter_deadline_is_22_00_utc_and_a_summer_one_21_00_utc() -> None:
    assert deadline_of(date(2023, 1, 25)) == datetime(2023, 1, 25, 22, 0, tzinfo=UTC)
    assert deadline_of(date(2022, 9, 7)) == datetime(2022, 9, 7, 21, 0, tzinfo=UTC)


def test_the_deadline_on_the_days_clocks_change() -> None:
    # 2023-03-26: CET -> CEST at 02:00; 2023-10-29: CEST -> CET at 03:00.
    assert deadline_of(date(2023, 3, 26)) == datetime(2023, 3, 26, 21, 0, tzinfo=UTC)
    assert deadline_of(date(2023, 10, 29)) == datetime(2023, 10, 29, 22, 0, tzinfo=UTC)


def test_22_59_59_counts_and_23_00_00_is_too_late() -> None:
    deadline = deadline_of(date(2023, 1, 25))
    assert is_before(deadline - timedelta(seconds=1), deadline)
    assert not is_before(deadline, deadline)


def test_the_clock_can_be_set_and_released() -> None:
    instant = datetime(2023, 1, 25, 21, 59, 59, tzinfo=UTC)
    clock.set(instant)
    try:
        assert clock.now() == instant
    finally:
        clock.set(None)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
