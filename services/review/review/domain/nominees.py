"""The nominee list of a category: N from the edition, fewer only where fewer are eligible;
with N not fixed (as in 2018) the chair chooses how many. Only eligible submissions (fully
reviewed, compliant) can be nominated."""

from __future__ import annotations

from collections.abc import Sequence

from review.domain.ranking import Standing


class NomineeListError(ValueError):
    """The chair's list cannot be confirmed; `reasons` says why, all at once."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def required_size(n: int | None, eligible: int) -> int | None:
    """How many nominees the list must have (None: the chair decides)."""
    return None if n is None else min(n, eligible)


def choose(standings: Sequence[Standing], n: int | None, chosen: Sequence[str] | None) -> list[str]:
    """The list to confirm: the chair's `chosen` ids checked, or (None) the top of the ranking."""
    eligible = [s for s in standings if s.eligible]
    size = required_size(n, len(eligible))
    if chosen is None:
        return _top(eligible, size)
    return _checked(standings, eligible, size, list(chosen))


def _top(eligible: list[Standing], size: int | None) -> list[str]:
    if size is None:
        raise NomineeListError(["This edition fixes no number of nominees: list the submissions to "
                                "nominate in `submission_ids`."])
    top = eligible[:size]
    if top and size < len(eligible) and eligible[size].rank == top[-1].rank:
        tied = [s.title for s in eligible if s.rank == top[-1].rank]
        raise NomineeListError([f"Tie at the cut (rank {top[-1].rank}): {', '.join(tied)}. Choose the "
                                "list yourself in `submission_ids`."])
    return [s.submission_id for s in top]


def _checked(standings: Sequence[Standing], eligible: list[Standing], size: int | None,
             chosen: list[str]) -> list[str]:
    reasons: list[str] = []
    known = {s.submission_id: s for s in standings}
    if len(set(chosen)) != len(chosen):
        reasons.append("A submission is listed twice.")
    for sid in dict.fromkeys(chosen):
        standing = known.get(sid)
        if standing is None:
            reasons.append(f"{sid} is not a submission of this category.")
        elif standing.out:
            reasons.append(f"{standing.title!r} failed compliance: it cannot be nominated.")
        elif not standing.complete:
            reasons.append(f"{standing.title!r} has {standing.reviews} of {standing.required} reviews.")
    if size is not None and len(set(chosen)) != size:
        reasons.append(f"The list must have exactly {size} nominees ({len(eligible)} eligible); it has "
                       f"{len(set(chosen))}.")
    if size is None and eligible and not chosen:
        reasons.append("Nominate at least one submission.")
    if reasons:
        raise NomineeListError(reasons)
    return list(dict.fromkeys(chosen))
