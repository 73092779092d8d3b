"""Edition documents as an admin would create them: the 2023 edition's dates, or an edition for
a walk through the phases from now."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from submission.service.reference import shipped_editions

FORM_2023 = next(e["form"] for e in shipped_editions() if e["year"] == 2023)


def edition_2023(year: int = 2023) -> dict[str, Any]:
    shift = year - 2023

    def at(y: int, rest: str) -> str:
        return f"{y + shift}-{rest}"

    return {
        "year": year,
        "ordinal": 12 + shift,
        "phases": {
            "submission_opens": at(2022, "09-07T00:00:00+02:00"),
            "submission_closes": at(2022, "12-07T23:00:00+01:00"),
            "nomination_opens": at(2022, "12-13T00:00:00+01:00"),
            "nomination_closes": at(2022, "12-23T23:00:00+01:00"),
            "nominees_published_at": at(2022, "12-25T00:00:00+01:00"),
            "voting_opens": at(2022, "12-25T00:00:00+01:00"),
            "voting_closes": at(2023, "01-25T23:00:00+01:00"),
            "selection_opens": at(2023, "01-25T23:00:00+01:00"),
            "selection_closes": at(2023, "02-10T23:00:00+01:00"),
            "forum_opens": at(2023, "03-13T00:00:00+01:00"),
            "ceremony_at": at(2023, "03-14T18:00:00+01:00"),
            "forum_closes": at(2023, "03-17T23:00:00+01:00"),
        },
        "parameters": {"nominees_per_category": 20, "finalists_per_category": 5},
        "form": FORM_2023,
    }


def walk_edition(year: int, ordinal: int, t0: datetime, **parameters: int) -> dict[str, Any]:
    """An edition open for submissions since a day before `t0`, each later phase a day or more
    ahead (a walk moves each to now in its turn), with the 2023 form; 3 nominees and 2 finalists
    per category, and `parameters` beside them."""
    day = timedelta(days=1)
    phases = {"submission_opens": t0 - day, "submission_closes": t0 + day, "nomination_opens": t0 + day,
              "nomination_closes": t0 + 2 * day, "nominees_published_at": t0 + 3 * day,
              "voting_opens": t0 + 3 * day, "voting_closes": t0 + 10 * day, "selection_opens": t0 + 10 * day,
              "selection_closes": t0 + 11 * day, "forum_opens": t0 + 12 * day,
              "ceremony_at": t0 + 12 * day + timedelta(hours=17), "forum_closes": t0 + 15 * day}
    return {"year": year, "ordinal": ordinal, "phases": {k: v.isoformat() for k, v in phases.items()},
            "parameters": {"nominees_per_category": 3, "finalists_per_category": 2, **parameters},
            "form": FORM_2023}
