"""The review service's HTTP API, one blueprint per feature. Everything but the public
nominees and results lives under /api/v1/reviews, which the gateway routes here."""

from __future__ import annotations

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    from review.api import assignments, chair, experts, public, reviews, stories

    return [reviews.blp, experts.blp, assignments.blp, chair.blp, public.blp, stories.blp]
