"""Instants shown to people: in Geneva time with its UTC offset, and in UTC; a small script
adds the visitor's own time (static/js/portal.js). Formats follow the visitor's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_date, format_time
from flask_babel import get_locale, gettext

from wsis_common.clock import GENEVA


@dataclass(frozen=True)
class Shown:
    iso_utc: str  # for <time datetime> and the script
    geneva: str
    utc: str


def _offset(instant: datetime) -> str:
    delta = instant.utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def show(value: datetime | str | None) -> Shown | None:
    if value is None or value == "":
        return None
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    geneva = instant.astimezone(GENEVA)
    utc = instant.astimezone(UTC)
    locale = get_locale()
    return Shown(
        iso_utc=utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        geneva=gettext("%(date)s, %(time)s Geneva time (UTC%(offset)s)",
                       date=format_date(geneva, "long", locale=locale),
                       time=format_time(geneva, "HH:mm", locale=locale),
                       offset=_offset(geneva)),
        utc=gettext("%(date)s, %(time)s UTC", date=format_date(utc, "long", locale=locale),
                    time=format_time(utc, "HH:mm", locale=locale)),
    )
