"""The Geneva clock: all deadlines are 23:00 in Europe/Zurich (there is no Europe/Geneva).

Time is read through `clock.now()` so that tests can set it (the edge of the world);
nothing else in the code calls datetime.now().

A test-only seam moves the time of several processes at once: when `WSIS_CLOCK_OFFSET_FILE`
names a file, `clock.now()` is the real time plus the seconds that file holds (a float, as
text), so that `make replay` can end a voting week (7 real days) in seconds without moving any
date (a phase that has begun keeps its start). Production never sets the variable, and then
the file is never looked at.
"""

from __future__ import annotations

import math
import os
import time as _time
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

GENEVA = ZoneInfo("Europe/Zurich")
DEADLINE_TIME = time(23, 0)
OFFSET_FILE_VARIABLE = "WSIS_CLOCK_OFFSET_FILE"
# The offset file is read again at most this often: the vote's hot path reads the clock.
OFFSET_REREAD_SECONDS = 0.5


def read_offset(path: str | Path) -> float | None:
    """The seconds an offset file holds: 0 when it is missing or empty, None when it cannot be
    read or holds no finite number."""
    try:
        text = Path(path).read_text().strip()
    except FileNotFoundError:
        return 0.0
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return 0.0
    try:
        seconds = float(text)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) else None


class Clock:
    def __init__(self, offset_file: str | None = None) -> None:
        self._fixed: datetime | None = None
        self._offset = timedelta(0)
        self.follow(offset_file)

    def follow(self, offset_file: str | Path | None) -> None:
        """Add the offset `offset_file` holds to the real time from now on (None: no offset).
        Test-only, as WSIS_CLOCK_OFFSET_FILE, which a process's clock follows from the start."""
        self._offset_file = str(offset_file) if offset_file else None
        self._offset = timedelta(0)
        self._read_at = -math.inf

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        if self._fixed is not None:
            return self._fixed
        if self._offset_file is not None:
            self._reread_offset()
        return datetime.now(UTC) + self._offset

    def _reread_offset(self) -> None:
        at = _time.monotonic()
        if at - self._read_at < OFFSET_REREAD_SECONDS:
            return
        self._read_at = at
        seconds = read_offset(self._offset_file) if self._offset_file else None
        if seconds is not None:  # a garbled file keeps the last good offset
            self._offset = timedelta(seconds=seconds)

    def set(self, instant: datetime | None) -> None:
        """Freeze the clock at an aware instant (None: real time again)."""
        if instant is not None and instant.tzinfo is None:
            raise ValueError("the clock takes aware datetimes only")
        self._fixed = instant.astimezone(UTC) if instant else None


clock = Clock(os.environ.get(OFFSET_FILE_VARIABLE))


def deadline_of(day: date) -> datetime:
    """The deadline of a day: 23:00:00 Geneva time, as an aware UTC instant."""
    return datetime.combine(day, DEADLINE_TIME, tzinfo=GENEVA).astimezone(UTC)


def is_before(instant: datetime, deadline: datetime) -> bool:
    """True while `instant` still counts: 22:59:59 does, 23:00:00 itself is too late."""
    return instant < deadline


def as_utc(instant: datetime) -> datetime:
    """An instant as aware UTC. A naive one is taken as UTC: SQLite hands timestamps back
    naive, and everything here writes them in UTC."""
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


def in_geneva(instant: datetime) -> datetime:
    return instant.astimezone(GENEVA)
