"""What the public sees of the nominees and the finalists, and what the announcement of the
winners waits for. Nominees are listed in title order. Until the winners are announced at the
ceremony every finalist is a "champion", listed in title order, in entries of the same shape:
nothing tells the winner apart. After the announcement the winner comes first, marked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

Entry = TypeVar("Entry", bound=Mapping[str, Any])
CHAMPION = "champion"
WINNER = "winner"


def in_title_order(entries: Iterable[Entry]) -> list[Entry]:
    """The public order of a category's entries: by title, whatever its case, then by id."""
    return sorted(entries, key=lambda e: (str(e["title"]).casefold(), e["submission_id"]))


def public_finalists(entries: Sequence[Mapping[str, Any]], winner_id: str | None, *,
                     announced: bool) -> list[dict[str, Any]]:
    """`entries` carry `submission_id` and what may be shown; `winner_id` is used only once
    `announced` (before, it must not even change the order)."""
    ordered = in_title_order(entries)
    if not announced:
        return [{**e, "distinction": CHAMPION} for e in ordered]
    marked = [{**e, "distinction": WINNER if e["submission_id"] == winner_id else CHAMPION}
              for e in ordered]
    return sorted(marked, key=lambda e: e["distinction"] != WINNER)


def winners_missing(finalists: Iterable[str], winners: Mapping[str, str]) -> list[str]:
    """What the announcement waits for: every category with finalists needs its winner."""
    return [f"{category}: no winner picked" for category in sorted(finalists) if category not in winners]
