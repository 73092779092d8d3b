"""Who reviews what: conflicts of interest, and spreading submissions evenly over experts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


class Known(Protocol):
    """An expert's organisation as the WSIS team recorded it and as their token says (keys in
    the normal form of wsis_common.text.organisation_key; "" when not known)."""

    @property
    def organisation_key(self) -> str: ...

    @property
    def token_organisation_key(self) -> str: ...


def keys_of(expert: Known) -> frozenset[str]:
    """Every organisation key known for the expert: a conflict with either counts."""
    return frozenset(k for k in (expert.organisation_key, expert.token_organisation_key) if k)


def conflicted(expert_keys: Iterable[str], organisation_key: str) -> bool:
    """An expert never reviews a submission of their own organisation. Names are compared in
    their normal form (wsis_common.text.organisation_key), without the country: the same name in
    another country is most likely a branch of the same organisation."""
    return bool(organisation_key) and organisation_key in {k for k in expert_keys if k}


class Submitted(Protocol):
    """A submission as the assignment rules see it."""

    @property
    def id(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def organisation_key(self) -> str: ...


class Scope(Protocol):
    """An assignment: an expert to a whole category, or to one submission."""

    @property
    def expert_id(self) -> str: ...

    @property
    def category(self) -> str | None: ...

    @property
    def submission_id(self) -> str | None: ...


def reviewers_by_submission(submissions: Iterable[Submitted], scopes: Iterable[Scope],
                            keys: Mapping[str, frozenset[str]]) -> dict[str, set[str]]:
    """Who reviews each submission: the experts assigned to it or to its whole category, less
    those in conflict of interest with it (`keys`: expert id -> their organisation keys)."""
    by_category: dict[str, set[str]] = defaultdict(set)
    by_submission: dict[str, set[str]] = defaultdict(set)
    for scope in scopes:
        if scope.category:
            by_category[scope.category].add(scope.expert_id)
        elif scope.submission_id:
            by_submission[scope.submission_id].add(scope.expert_id)
    return {sub.id: {e for e in by_submission[sub.id] | by_category[sub.category]
                     if not conflicted(keys[e], sub.organisation_key)}
            for sub in submissions}


@dataclass(frozen=True)
class Reviewer:
    expert_id: str
    keys: frozenset[str]  # the organisation keys known for the expert
    load: int  # submissions they already review in this edition


@dataclass(frozen=True)
class Need:
    submission_id: str
    organisation_key: str
    covered_by: frozenset[str]  # experts who already review it


@dataclass(frozen=True)
class Spread:
    pairs: list[tuple[str, str]]  # (submission_id, expert_id) to assign
    short: Mapping[str, int]  # submission_id -> reviewers still missing (too few free experts)


def spread(needs: Sequence[Need], reviewers: Sequence[Reviewer], per_submission: int) -> Spread:
    """Top every submission up to `per_submission` reviewers, each time taking the least loaded
    expert without a conflict (ties by id, so the result does not depend on input order)."""
    load = {r.expert_id: r.load for r in reviewers}
    keys = {r.expert_id: r.keys for r in reviewers}
    pairs: list[tuple[str, str]] = []
    short: dict[str, int] = {}
    for need in sorted(needs, key=lambda n: n.submission_id):
        missing = per_submission - len(need.covered_by)
        free = [e for e in sorted(load) if e not in need.covered_by
                and not conflicted(keys[e], need.organisation_key)]
        for _ in range(max(missing, 0)):
            if not free:
                break
            chosen = min(free, key=lambda e: (load[e], e))
            free.remove(chosen)
            load[chosen] += 1
            pairs.append((need.submission_id, chosen))
            missing -= 1
        if missing > 0:
            short[need.submission_id] = missing
    return Spread(pairs, short)
