"""Deadlines are 23:00 Geneva time (Europe/Zurich), to the second, across DST; the clock can be
set, and (test-only) moved forward for several processes at once through an offset file."""

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from devstack.shared_clock import advance
from wsis_common.clock import (
    OFFSET_FILE_VARIABLE,
    OFFSET_REREAD_SECONDS,
    Clock,
    clock,
    deadline_of,
    is_before,
    read_offset,
)


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


# -- the test-only shared offset (WSIS_CLOCK_OFFSET_FILE), as `make replay` moves every process's time

DAY = 86_400.0


def _ahead(c: Clock) -> float:
    return (c.now() - datetime.now(UTC)).total_seconds()


def _after_reread() -> None:
    time.sleep(OFFSET_REREAD_SECONDS + 0.1)


def test_the_clock_adds_the_offset_its_file_holds_and_reads_a_change(tmp_path: Path) -> None:
    offset = tmp_path / "offset"
    advance(offset, DAY)
    c = Clock(str(offset))
    assert abs(_ahead(c) - DAY) < 5
    advance(offset, 7 * DAY)
    _after_reread()
    assert abs(_ahead(c) - 8 * DAY) < 5
    assert read_offset(offset) == 8 * DAY


def test_a_missing_or_empty_offset_file_is_no_offset(tmp_path: Path) -> None:
    offset = tmp_path / "offset"
    c = Clock(str(offset))
    assert abs(_ahead(c)) < 5
    offset.write_text("")
    _after_reread()
    assert abs(_ahead(c)) < 5


def test_a_garbled_offset_file_keeps_the_last_good_offset(tmp_path: Path) -> None:
    offset = tmp_path / "offset"
    offset.write_text(f"{DAY}\n")
    c = Clock(str(offset))
    assert abs(_ahead(c) - DAY) < 5
    for garbled in ("a week", "nan", "\xff"):
        offset.write_bytes(garbled.encode("latin-1"))
        _after_reread()
        assert abs(_ahead(c) - DAY) < 5, garbled


def test_a_set_clock_wins_over_the_offset_file(tmp_path: Path) -> None:
    offset = tmp_path / "offset"
    advance(offset, 30 * DAY)
    c = Clock(str(offset))
    instant = datetime(2023, 1, 25, 21, 59, 59, tzinfo=UTC)
    c.set(instant)
    assert c.now() == instant
    c.set(None)
    assert abs(_ahead(c) - 30 * DAY) < 5


def _ahead_in_a_process(env: dict[str, str]) -> float:
    show = "from wsis_common.clock import clock; print(clock.now().isoformat())"
    shown = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True)
    return (datetime.fromisoformat(shown.stdout.strip()) - datetime.now(UTC)).total_seconds()


def test_a_process_follows_the_file_its_environment_names(tmp_path: Path) -> None:
    offset = tmp_path / "offset"
    advance(offset, 7 * DAY)
    env = {**os.environ, OFFSET_FILE_VARIABLE: str(offset)}
    assert abs(_ahead_in_a_process(env) - 7 * DAY) < 30
    env.pop(OFFSET_FILE_VARIABLE)
    assert abs(_ahead_in_a_process(env)) < 30
