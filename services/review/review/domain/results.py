"""What the public sees of the finalists. Until the winners are announced at the ceremony
every finalist is a "champion", listed in title order, in entries of the same shape: nothing
tells the winner apart. After the announcement the winner comes first, marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

CHAMPION = "champion"
WINNER = "winner"


def public_finalists(entries: Sequence[Mapping[str, Any]], winner_id: str | None, *,
                     announced: bool) -> list[dict[str, Any]]:
    """`entries` carry `submission_id` and what may be shown; `winner_id` is used only once
    `announced` (before, it must not even change the order)."""
    ordered = sorted(entries, key=lambda e: (str(e["title"]).casefold(), e["submission_id"]))
    if not announced:
        return [{**e, "distinction": CHAMPION} for e in ordered]
    marked = [{**e, "distinction": WINNER if e["submission_id"] == winner_id else CHAMPION}
              for e in ordered]
    return sorted(marked, key=lambda e: e["distinction"] != WINNER)
