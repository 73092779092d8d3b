"""Routes of the questionnaire: drafts, submission, my submissions, withdrawal, the photo."""

from __future__ import annotations

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from submission.domain.reasons import reason
from submission.schemas.submissions import (
    MineQuerySchema,
    PhotoSchema,
    SubmissionCreateSchema,
    SubmissionInSchema,
    SubmissionSchema,
)
from submission.service import photos, submissions
from submission.service.access import refused
from wsis_common.apidoc import file_answer
from wsis_common.web import authenticate, context

blp = Blueprint("submissions", __name__, url_prefix="/api/v1",
                description="Submissions of projects (phase 1)")
# Submitting (not saving a draft) needs a confirmed e-mail address: the token's email_verified.
NOT_VERIFIED = ("The caller's e-mail address is not confirmed (`code`: `email_not_verified`; nothing "
                "is stored or changed), or submissions are closed")


@blp.route("/editions/<int:year>/submissions")
class EditionSubmissions(MethodView):
    @blp.arguments(SubmissionCreateSchema)
    @blp.response(201, SubmissionSchema)
    @blp.alt_response(403, description=NOT_VERIFIED + ", or the caller is no stakeholder; "
                                                 "a draft needs no confirmed address")
    def post(self, data, year: int):
        """Submit a project (every rule is checked), or save a draft with `draft: true`."""
        return submissions.create(context(), year, authenticate(role="stakeholder"), data)

    @blp.arguments(MineQuerySchema, location="query")
    @blp.response(200, SubmissionSchema(many=True))
    def get(self, _query, year: int):
        """The caller's own drafts and submissions of the edition."""
        return submissions.list_mine(context(), year, authenticate())


@blp.route("/submissions/<submission_id>")
class OneSubmission(MethodView):
    @blp.response(200, SubmissionSchema)
    def get(self, submission_id: str):
        return submissions.read(context(), submission_id, authenticate())

    @blp.arguments(SubmissionInSchema)
    @blp.response(200, SubmissionSchema)
    def patch(self, data, submission_id: str):
        """Change a draft."""
        return submissions.update_draft(context(), submission_id, authenticate(), data)

    @blp.response(204)
    def delete(self, submission_id: str):
        """Withdraw a submission (or delete a draft) before the deadline."""
        submissions.withdraw(context(), submission_id, authenticate())


@blp.route("/submissions/<submission_id>/submit")
class SubmitDraft(MethodView):
    @blp.response(200, SubmissionSchema)
    @blp.alt_response(403, description=NOT_VERIFIED + "; the draft stays a draft")
    def post(self, submission_id: str):
        """Submit a draft: every rule is checked, every reason reported at once."""
        return submissions.submit_draft(context(), submission_id, authenticate())


@blp.route("/submissions/<submission_id>/photo")
class SubmissionPhoto(MethodView):
    @blp.response(200, PhotoSchema)
    def put(self, submission_id: str):
        """Upload the project photo: the image file as the body, or as form field `photo`."""
        upload = request.files.get("photo")
        data = upload.read() if upload else request.get_data()
        if not data:
            raise refused({"photo": [reason("photo.missing")]}, "Send the image.")
        return photos.attach(context(), submission_id, authenticate(), data)

    @blp.doc(**file_answer("image/jpeg", "image/png", "image/webp", description="The project photo"))
    def get(self, submission_id: str):
        data, content_type = photos.read(context(), submission_id, authenticate())
        return Response(data, mimetype=content_type)
