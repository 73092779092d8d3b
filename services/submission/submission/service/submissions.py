"""Use cases of a stakeholder's submissions: save a draft, submit, see, withdraw.

Only an account with a confirmed e-mail address submits (domain/submitter.py); saving and
changing a draft needs no confirmation, so that a stakeholder may prepare a submission while
the verification mail is on its way.

Submitting runs every rule and answers with every reason at once; a refused submission
stores nothing (a refused draft stays the draft it was). Acceptance is serialised per
edition (a PostgreSQL advisory lock held for the check and the insert), so two racing
requests for the same project can never both be accepted; the unique index on (edition,
entity, category) guards rule 4 on its own as well.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from submission.domain import drafts, eligibility
from submission.domain.form import FormTemplate
from submission.domain.reasons import merge, reason
from submission.domain.rules import Errors, ProjectForm, check_english, check_form
from submission.domain.submitter import submit_refusal
from submission.models import Edition, Photo, Submission
from submission.service import fingerprints
from submission.service.access import open_window, owned, refusal, refused
from submission.service.editions import get_edition
from submission.service.reference import categories, category_codes, sdg_numbers
from submission.service.winners import title_is_past_winner
from wsis_common import contracts
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.messaging import publish
from wsis_common.problems import Problem
from wsis_common.text import entity_key

PRODUCER = "submission"
EDITABLE = ("category", "title", "entity", "coordinator", "project_status", "sdgs", "answers")


def submission_document(sub: Submission, *, has_photo: bool = False) -> dict[str, Any]:
    return {
        "id": sub.id, "edition": sub.year, "status": sub.status, "category": sub.category,
        "title": sub.title, "entity": sub.entity, "coordinator": sub.coordinator,
        "project_status": sub.project_status, "sdgs": sub.sdgs, "answers": sub.answers,
        "has_photo": has_photo, "nominated": sub.nominated,
        "created_at": sub.created_at.isoformat(), "updated_at": sub.updated_at.isoformat(),
        "submitted_at": sub.submitted_at.isoformat() if sub.submitted_at else None,
    }


def _form(sub: Submission, *, has_photo: bool) -> ProjectForm:
    return ProjectForm(category=sub.category, title=sub.title, entity=sub.entity or {},
                       coordinator=sub.coordinator or {}, project_status=sub.project_status,
                       sdgs=list(sub.sdgs or []), answers=dict(sub.answers or {}), has_photo=has_photo)


def _apply(sub: Submission, data: dict[str, Any], edition: Edition, *, submitting: bool = False) -> None:
    """The sent fields onto the submission, once their shape is one a questionnaire has:
    a draft is stored as sent, so a refused shape stores nothing (422, field by field). What
    is submitted at once is checked with every other rule instead (_accept), every reason
    together."""
    errors = {} if submitting else drafts.shape_errors(data, FormTemplate.from_data(edition.form))
    if errors:
        raise refused(errors, "The request is not valid: see `errors` for every field and reason.",
                      title="Invalid request")
    for key in EDITABLE:
        if key in data:
            setattr(sub, key, data[key])
    sub.updated_at = clock.now()


def _has_photo(session: Session, submission_id: str) -> bool:
    return session.get(Photo, submission_id) is not None


def _may_submit(principal: Principal, owner_id: str) -> None:
    """403 with a `code` the pages key on; raised before anything is stored or changed."""
    why = submit_refusal(principal, owner_id=owner_id)
    if why is not None:
        raise Problem(403, why.detail, title=why.title, code=why.code)


# -- use cases --

def create(ctx: ServiceContext, year: int, principal: Principal, data: dict[str, Any]) -> dict[str, Any]:
    """Save a new draft, or (draft=False) submit at once; a refused submission stores nothing."""
    with ctx.db.transaction() as session:
        edition = get_edition(session, year)
        open_window(edition)
        if not data.get("draft", False):
            _may_submit(principal, principal.account_id)
        now = clock.now()
        sub = Submission(id=str(uuid.uuid4()), year=year, status="draft",
                         submitter_account_id=principal.account_id, submitter_name=principal.name,
                         submitter_email=principal.email, entity={}, coordinator={}, sdgs=[], answers={},
                         created_at=now, updated_at=now)
        _apply(sub, data, edition, submitting=not data.get("draft", False))
        session.add(sub)
        session.flush()
        if not data.get("draft", False):
            _accept(session, ctx, edition, sub)
        return submission_document(sub)


def update_draft(ctx: ServiceContext, submission_id: str, principal: Principal,
                 data: dict[str, Any]) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        sub = owned(session, submission_id, principal, lock=True)
        if sub.status != "draft":
            raise refusal(409, reason("draft.already_submitted"))
        edition = get_edition(session, sub.year)
        open_window(edition)
        _apply(sub, data, edition)
        return submission_document(sub, has_photo=_has_photo(session, sub.id))


def submit_draft(ctx: ServiceContext, submission_id: str, principal: Principal) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        sub = owned(session, submission_id, principal, lock=True)
        if sub.status != "draft":
            raise refusal(409, reason("submission.not_draft", status=sub.status))
        edition = get_edition(session, sub.year)
        open_window(edition)
        _may_submit(principal, sub.submitter_account_id)
        _accept(session, ctx, edition, sub)
        return submission_document(sub, has_photo=_has_photo(session, sub.id))


def read(ctx: ServiceContext, submission_id: str, principal: Principal) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        sub = owned(session, submission_id, principal)
        return submission_document(sub, has_photo=_has_photo(session, sub.id))


def list_mine(ctx: ServiceContext, year: int, principal: Principal) -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        subs = session.scalars(
            select(Submission).where(Submission.year == year,
                                     Submission.submitter_account_id == principal.account_id,
                                     Submission.status != "withdrawn")
            .order_by(Submission.created_at)
        ).all()
        with_photo = set(session.scalars(select(Photo.submission_id).where(
            Photo.submission_id.in_([s.id for s in subs]))))
        return [submission_document(s, has_photo=s.id in with_photo) for s in subs]


def withdraw(ctx: ServiceContext, submission_id: str, principal: Principal) -> None:
    """Before the deadline: a draft is deleted, an accepted submission withdrawn."""
    with ctx.db.transaction() as session:
        sub = owned(session, submission_id, principal, lock=True)
        if sub.status == "withdrawn":
            return
        open_window(get_edition(session, sub.year))
        if sub.status == "draft":
            session.delete(sub)
            return
        sub.status, sub.withdrawn_at = "withdrawn", clock.now()
        fingerprints.remove_submission(session, sub.id, fingerprints.edition_scope(sub.year))
        publish(session, ctx.tables, type=contracts.SUBMISSION_WITHDRAWN, producer=PRODUCER,
                payload={"submission_id": sub.id, "category": sub.category}, edition=sub.year)


# -- acceptance: every rule, all reasons at once --

def _accept(session: Session, ctx: ServiceContext, edition: Edition, sub: Submission) -> None:
    template = FormTemplate.from_data(edition.form)
    form = _form(sub, has_photo=_has_photo(session, sub.id))
    errors: Errors = {}
    merge(errors, check_form(form, template, set(category_codes()), set(sdg_numbers())))
    # The answers' shape (the SDGs' numbers are check_form's): a draft saved before these limits
    # may hold any, and what is submitted at once was not checked on the way in.
    merge(errors, drafts.shape_errors({"answers": form.answers}, template))
    merge(errors, check_english(form, template))
    if session.get_bind().dialect.name == "postgresql":
        # One acceptance at a time per edition: the checks below and the insert are atomic.
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": 4_000_000 + edition.year})
    key = entity_key(form.entity.get("name") or "", form.entity.get("country") or "")
    sig = _signals(session, edition.year, sub, key, template)
    merge(errors, _conflicts(session, edition.year, sub, key, sig))
    if errors:
        raise refused(errors, "The submission was not accepted: see `errors` for every reason.",
                      title="Submission refused")
    sub.status, sub.entity_key, sub.submitted_at = "accepted", key, clock.now()
    fingerprints.add(session, scope=fingerprints.edition_scope(edition.year), sig=sig, title=sub.title or "",
                     label=f"{sub.title} ({sub.category}, {sub.entity.get('name')})", submission_id=sub.id)
    try:
        session.flush()
    except IntegrityError as exc:  # the database's own guard of rule 4, should a race get here
        raise refused({"category": [reason("category.taken")]}, "The submission was not accepted.",
                      title="Submission refused") from exc
    publish(session, ctx.tables, type=contracts.SUBMISSION_ACCEPTED, producer=PRODUCER,
            payload=_accepted_payload(sub, template), edition=edition.year)


def _signals(session: Session, year: int, sub: Submission, key: str,
             template: FormTemplate) -> fingerprints.Signals:
    """The text's duplicate signals; what the same entity says in its other accepted
    submissions this year (its "About us" paragraph) is not taken as the project's own."""
    others = session.scalars(select(Submission).where(
        Submission.year == year, Submission.status == "accepted", Submission.entity_key == key,
        Submission.id != sub.id)).all()  # at most one per category (rule 4)
    organisation = (sub.entity or {}).get("name") or ""
    return fingerprints.signals(eligibility.project_text(sub, template), organisation=organisation,
                                same_organisation=[eligibility.project_text(o, template) for o in others])


def _conflicts(session: Session, year: int, sub: Submission, key: str, sig: fingerprints.Signals) -> Errors:
    """The look-ups of rule 4, the same project and rule 11; domain/eligibility.py judges them."""
    taken = session.scalar(select(Submission.title).where(
        Submission.year == year, Submission.status == "accepted", Submission.entity_key == key,
        Submission.category == sub.category, Submission.id != sub.id)) if sub.category else None
    same = fingerprints.find_similar(session, scopes=[fingerprints.edition_scope(year)], sig=sig)
    duplicate = next((match for match in same if match.submission_id != sub.id), None)
    earlier = session.get(Submission, duplicate.submission_id) if duplicate is not None else None
    winner = next(iter(fingerprints.find_similar(session, scopes=[fingerprints.WINNERS], sig=sig)), None)
    return eligibility.conflicts(eligibility.Found(
        category=sub.category, entity_key=key, taken=taken, duplicate=duplicate is not None,
        earlier=earlier, winner_project=winner.label if winner is not None else None,
        winner_title=title_is_past_winner(session, sub.title or "")))


def _accepted_payload(sub: Submission, template: FormTemplate) -> contracts.SubmissionAccepted:
    return {
        "submission_id": sub.id,
        "category": sub.category or "",
        "title": sub.title or "",
        "short_description": str((sub.answers or {}).get(template.voter_text, "")),
        "entity": {k: str(sub.entity.get(k, "")) for k in ("name", "type", "country")},
        "coordinator": {"name": sub.coordinator.get("name", ""), "email": sub.coordinator.get("email", "")},
        "submitter": {"name": sub.submitter_name, "email": sub.submitter_email},
        "submitter_account_id": sub.submitter_account_id,
        "category_name": next((c["name"] for c in categories() if c["code"] == sub.category), ""),
        "texts": [{"name": box.name, "label": box.label, "text": str((sub.answers or {}).get(box.name, ""))}
                  for box in template.boxes],
        "sdgs": [int(n) for n in sub.sdgs or []],
        "sdg_links": _sdg_links(sub),
        "project_status": sub.project_status or "",
    }


def _sdg_links(sub: Submission) -> dict[str, str]:
    """The text of each claimed SDG's box, in the SDGs' order (a box of an unclaimed SDG is
    not sent: the form's rules refuse it anyway)."""
    links = (sub.answers or {}).get("sdg_links")
    links = links if isinstance(links, dict) else {}
    return {str(n): str(links[str(n)]) for n in sub.sdgs or [] if str(n) in links}
