"""The edition's dates, as the WSIS team moves them through the admin API, and the time.

The replay runs the 2023 schedule (CONTEST_RULES.md) with its dates placed around the present:
created so that the call for submissions is open, then each phase is reached by moving the dates
that end the one before to now, as the team does when it closes a phase early. A date moved
that had passed, or would have, goes with a reason, when the API takes one (the rule of the
branch past_phases: the edition's PATCH documents a `reason` once it has it).

A voting week is 7 real days and a phase that has begun keeps its start, so the end of a week
is reached by moving the time, not the dates: the clock of every process the replay started,
its own included, follows one offset file (devstack/shared_clock.py), which jumps forward."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from devstack import shared_clock
from replay.client import Gateway, Refused
from submission.service.reference import shipped_editions
from voting.domain.tallies import week_end
from wsis_common.clock import clock

DAY = timedelta(days=1)


def now() -> datetime:
    """The replay's time: the stack's, once __main__ has pointed the clock at its offset file."""
    return clock.now()


def whole_second(instant: datetime) -> datetime:
    """Up to the next whole second: the date inputs and the tie rule work to the second."""
    return instant.replace(microsecond=0) + (timedelta(seconds=1) if instant.microsecond else timedelta(0))


def sleep_until(instant: datetime) -> None:
    time.sleep(max(0.0, (instant - now()).total_seconds()))


def edition_2023(year: int, submission_day: int = 1) -> dict[str, Any]:
    """The 2023 edition (dates, parameters, form) moved so that today is day `submission_day` of
    its call for submissions."""
    shipped = next(e for e in shipped_editions() if e["year"] == 2023)
    utc = {key: at.astimezone(UTC) for key, at in shipped["phases"].items()}  # UTC: no DST in the sums
    offset = now().replace(microsecond=0) - (utc["submission_opens"] + submission_day * DAY)
    return {"year": year, "ordinal": shipped["ordinal"], "form": shipped["form"],
            "parameters": dict(shipped["parameters"]),
            "phases": {key: (at + offset).isoformat() for key, at in utc.items()}}


class Calendar:
    def __init__(self, gateway: Gateway, year: int, clock_file: Path) -> None:
        self.gateway = gateway
        self.admin = ""  # the admin's token, set by the walk each time the admin logs in
        self.year = year
        self.clock_file = clock_file
        document = gateway.call("GET", "/openapi/submission.json")
        schemas = document.get("components", {}).get("schemas", {})
        self.takes_reason = any("reason" in s.get("properties", {}) for name, s in schemas.items()
                                if name.startswith("EditionPatch"))

    def phases(self) -> dict[str, datetime]:
        edition = self.gateway.call("GET", f"/api/v1/editions/{self.year}")
        return {key: datetime.fromisoformat(value) for key, value in edition["phases"].items()}

    def move(self, reason: str, **dates: datetime) -> int:
        """PATCH the dates; the edition's new revision. Raises Refused as the API answers."""
        body: dict[str, Any] = {"phases": {key: at.isoformat() for key, at in dates.items()}}
        if self.takes_reason and any(at <= now() for at in dates.values()):
            body["reason"] = reason
        return self.gateway.call("PATCH", f"/api/v1/editions/{self.year}", self.admin, json=body)["revision"]

    def week_ends_now(self, week: int) -> tuple[datetime, float]:
        """Voting week `week` ends now: the time of every process jumps to a second after the
        week's end as the voting service counts it (from the vote's opening, in Geneva time),
        and the dates stay. Returns the week's end and the jump in seconds, once every
        process has seen it."""
        end = week_end(self.phases()["voting_opens"], week)
        jump = max(0.0, (end + timedelta(seconds=1) - now()).total_seconds())
        if jump:
            shared_clock.advance(self.clock_file, jump)
        time.sleep(shared_clock.SEEN_AFTER_SECONDS)
        return end, jump


__all__ = ["Calendar", "Refused", "edition_2023", "now", "sleep_until", "whole_second"]
