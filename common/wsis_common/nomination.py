"""Whether a submission may be nominated, from its reviews: every review the edition requires is
in, and no expert found it non-compliant. The review service ranks and nominates by it
(review.domain.ranking) and the chair's console ticks and marks by it (portal.domain.chair), so
the rule is written once.

Plain Python (no Flask, no SQLAlchemy).
"""

from __future__ import annotations


def complete(reviews: int, required: int) -> bool:
    """Every review the edition requires is in."""
    return reviews >= required


def eligible(reviews: int, required: int, *, out: bool) -> bool:
    """Complete, and not `out` (an expert found it non-compliant)."""
    return complete(reviews, required) and not out
