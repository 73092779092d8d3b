"""Instants shown to people: once, in Geneva time, in the visitor's language ("7 December 2022,
23:00 (Geneva time)"). The machine-readable instant sits in <time datetime>, never in the
visible text; a small script adds the visitor's own time beside it only where that differs
(static/js/portal.js): the server cannot know the visitor's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from babel.dates import format_date, format_time
from flask_babel import get_locale, gettext

from wsis_common.clock import GENEVA
from wsis_common.phases import parse_instant


@dataclass(frozen=True)
class Shown:
    iso_utc: str  # for <time datetime> and the script only
    geneva: str  # what people read


def show(value: datetime | str | None) -> Shown | None:
    if value is None or value == "":
        return None
    instant = parse_instant(value)
    geneva = instant.astimezone(GENEVA)
    locale = get_locale()
    return Shown(
        iso_utc=instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        geneva=gettext("%(date)s, %(time)s (Geneva time)",
                       date=format_date(geneva, "long", locale=locale),
                       time=format_time(geneva, "HH:mm", locale=locale)),
    )
