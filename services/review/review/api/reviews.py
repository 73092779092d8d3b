"""Routes of an expert's work: the queue, a review, an analysis of a finalist."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from review.schemas.reviews import (
    AnalysisInSchema,
    AnalysisSchema,
    QueueQuerySchema,
    QueueSchema,
    ReviewInSchema,
    ReviewSchema,
    SubmissionReviewsSchema,
)
from review.service import reviews, selection
from wsis_common.web import authenticate, context

blp = Blueprint("reviews", __name__, url_prefix="/api/v1/reviews",
                description="The expert group's reviews (phase 2) and analyses (phase 4)")


@blp.route("/queue")
class Queue(MethodView):
    @blp.arguments(QueueQuerySchema, location="query")
    @blp.response(200, QueueSchema)
    def get(self, query):
        """Expert: the submissions assigned to me (none of my own organisation's), with my reviews."""
        return reviews.queue(context(), authenticate(role="expert"), query.get("edition"),
                             query.get("submission_id"))


@blp.route("/<submission_id>")
class OneReview(MethodView):
    @blp.response(200, SubmissionReviewsSchema)
    def get(self, submission_id: str):
        """Expert: my review of the submission; admin: every review of it."""
        principal = authenticate()
        if not principal.has("admin"):
            principal = authenticate(role="expert")
        return reviews.read_reviews(context(), principal, submission_id)

    @blp.arguments(ReviewInSchema)
    @blp.response(200, ReviewSchema)
    def put(self, data, submission_id: str):
        """Expert: score each criterion, comment, and say whether it complies (changeable until
        the chair closes the category)."""
        return reviews.put_review(context(), authenticate(role="expert"), submission_id, data)


@blp.route("/<submission_id>/analysis")
class Analysis(MethodView):
    @blp.arguments(AnalysisInSchema)
    @blp.response(200, AnalysisSchema)
    def put(self, data, submission_id: str):
        """Expert: my in-depth analysis of a finalist (phase 4)."""
        return selection.put_analysis(context(), authenticate(role="expert"), submission_id, data)
