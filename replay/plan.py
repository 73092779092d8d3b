"""What the replay will do, decided before it starts (pure, from REPLAY_SCALE and a seed): how
many stakeholders submit, how many experts review, who votes when and for whom.

The 2023 edition at scale 1: about 1,000 accepted projects in 18 categories, 20 nominees per
category, at least 12,000 voters casting at least 200,000 votes, most of them in the last days.
The vote is cut into the four voting weeks of 2023 (25 December to 22 January) and the last
days before the close (22 to 25 January); each voter casts all their votes in one visit."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from submission.service.reference import category_codes_in_order

CATEGORIES = category_codes_in_order()
# Share of the voters who come in each voting week, then in the last days: most at the end.
SEGMENTS = (0.06, 0.08, 0.11, 0.17, 0.58)
WEEKS = len(SEGMENTS) - 1


@dataclass(frozen=True)
class Voter:
    number: int
    segment: int  # 0..WEEKS-1: a voting week; WEEKS: the last days
    categories: tuple[str, ...]  # where this voter votes
    picks: tuple[float, ...]  # one draw in [0, 1) per category: whom, once the ballot is known


@dataclass(frozen=True)
class Plan:
    scale: float
    seed: int
    projects: int  # accepted submissions planned
    experts: int
    voters: list[Voter] = field(repr=False)

    @property
    def votes(self) -> int:
        return sum(len(v.categories) for v in self.voters)

    @classmethod
    def at(cls, scale: float, seed: int = 2023) -> Plan:
        rng = random.Random(seed)
        projects = max(2 * len(CATEGORIES), math.ceil(1000 * scale))
        voters = max(30, math.ceil(12_000 * scale))
        target = math.ceil(200_000 * scale)
        return cls(scale=scale, seed=seed, projects=projects, experts=max(4, math.ceil(40 * scale)),
                   voters=_voters(rng, voters, min(target, voters * len(CATEGORIES))))


def _voters(rng: random.Random, count: int, target: int) -> list[Voter]:
    """Most voters vote in every category, the others in some; then voters are topped up with
    categories until the votes reach `target`."""
    sizes = [len(CATEGORIES) if rng.random() < 0.7 else rng.randint(8, len(CATEGORIES) - 1)
             for _ in range(count)]
    while sum(sizes) < target:
        n = rng.randrange(count)
        if sizes[n] < len(CATEGORIES):
            sizes[n] += 1
    segments = rng.choices(range(len(SEGMENTS)), weights=SEGMENTS, k=count)
    return [Voter(n, segments[n], tuple(sorted(rng.sample(CATEGORIES, size), key=CATEGORIES.index)),
                  tuple(rng.random() for _ in range(size)))
            for n, size in enumerate(sizes)]


def popularity(nominees: int, segment: int, category: str, seed: int) -> list[float]:
    """Cumulative weights of a category's nominees (ballot order) in one segment: a Zipf-like
    skew (a few projects draw most votes), with campaigns that move them week by week."""
    rng = random.Random(f"{seed}-{category}")
    base = [1.0 / (rank + 1) ** 1.1 for rank in range(nominees)]
    rng.shuffle(base)
    campaign = random.Random(f"{seed}-{category}-{segment}")
    weights = [w * campaign.lognormvariate(0, 0.45) for w in base]
    total, running, cumulative = sum(weights), 0.0, []
    for w in weights:
        running += w / total
        cumulative.append(running)
    return cumulative


def pick(cumulative: list[float], draw: float) -> int:
    for index, bound in enumerate(cumulative):
        if draw < bound:
            return index
    return len(cumulative) - 1


def quality(project: int, seed: int) -> float:
    """A project's merit as the experts will see it, 1.5 to 5 (their scores scatter around it)."""
    return 1.5 + 3.5 * random.Random(f"{seed}-quality-{project}").random()
