"""The Geneva clock: all deadlines are 23:00 in Europe/Zurich (there is no Europe/Geneva).

Time is read through `clock.now()` so that tests can set it (the edge of the world);
nothing else in the code calls datetime.now().
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

GENEVA = ZoneInfo("Europe/Zurich")
DEADLINE_TIME = time(23, 0)


class Clock:
    def __init__(self) -> None:
        self._fixed: datetime | None = None
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        if self._fixed is not None:
            return self._fixed
        return datetime.now(UTC) + self._offset

    def set(self, instant: datetime | None) -> None:
        """Freeze the clock at an aware instant (None: real time again)."""
        if instant is not None and instant.tzinfo is None:
            raise ValueError("the clock takes aware datetimes only")
        self._fixed = instant.astimezone(UTC) if instant else None


clock = Clock()


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
