"""What every use case on one stakeholder's submission asks first, in one place for the
questionnaire and the photo alike: is the submission window open, is this submission the
caller's (an admin's: any), and the problems that refuse either with coded reasons."""

from __future__ import annotations

from sqlalchemy.orm import Session

from submission.domain.reasons import Reason, documents, reason, texts
from submission.domain.rules import Errors, check_window
from submission.models import Edition, Submission
from submission.service.editions import schedule_of
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.problems import Problem


def owned(session: Session, submission_id: str, principal: Principal, *, lock: bool = False) -> Submission:
    """The caller's submission (any, for an admin); 404 for another's, as for none at all."""
    sub = session.get(Submission, submission_id, with_for_update=lock)
    if sub is None or (sub.submitter_account_id != principal.account_id and not principal.has("admin")):
        raise refusal(404, reason("submission.not_found"))
    return sub


def open_window(edition: Edition) -> None:
    """403 outside the edition's submission window."""
    errors = check_window(clock.now(), schedule_of(edition).window("submission"))
    if errors:
        raise refusal(403, errors["deadline"][0], title="Submissions are closed")


def refusal(status: int, why: Reason, *, title: str | None = None) -> Problem:
    """A problem whose detail is one reason: `reason` carries its code and params."""
    return Problem(status, why.text, title=title, reason=why.document())


def refused(errors: Errors, detail: str, *, title: str | None = None, status: int = 422) -> Problem:
    """A problem with every reason by field: English `errors` and their codes, `reasons`."""
    return Problem(status, detail, title=title, errors=texts(errors), reasons=documents(errors))
