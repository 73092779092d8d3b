"""An edition document as an admin would create it (the 2023 edition's dates)."""

from __future__ import annotations

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
