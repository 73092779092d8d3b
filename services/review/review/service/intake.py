"""Accepted submissions enter the review queue from `submission.accepted`; a withdrawn one
leaves it (`submission.withdrawn`). Both run inside the consumer's transaction, with the inbox."""

from __future__ import annotations

from sqlalchemy.orm import Session

from review.models import Submission
from wsis_common.clock import clock
from wsis_common.contracts import SubmissionAccepted
from wsis_common.envelope import Envelope
from wsis_common.text import organisation_key


def on_submission_accepted(session: Session, envelope: Envelope) -> None:
    p: SubmissionAccepted = envelope.payload  # type: ignore[assignment]
    entity = {k: str(p["entity"].get(k, "")) for k in ("name", "type", "country")}
    values = dict(
        year=int(envelope.edition or 0), category=p["category"], title=p["title"],
        category_name=p.get("category_name", ""), short_description=p.get("short_description", ""),
        texts=list(p.get("texts") or []), sdgs=list(p.get("sdgs") or []), entity=entity,
        sdg_links={str(k): str(v) for k, v in (p.get("sdg_links") or {}).items()},
        project_status=str(p.get("project_status") or ""),
        organisation_key=organisation_key(entity["name"]),
    )
    sub = session.get(Submission, p["submission_id"])
    if sub is None:
        session.add(Submission(id=p["submission_id"], withdrawn=False, received_at=clock.now(), **values))
    else:  # sent again, or its withdrawal came first: refresh the texts, never un-withdraw
        for key, value in values.items():
            setattr(sub, key, value)


def on_submission_withdrawn(session: Session, envelope: Envelope) -> None:
    sid = envelope.payload["submission_id"]
    sub = session.get(Submission, sid)
    if sub is None:
        # Overtaken its acceptance (a redelivery can reorder): keep a tombstone that the late
        # `submission.accepted` fills in without reviving it.
        session.add(Submission(id=sid, year=int(envelope.edition or 0),
                               category=envelope.payload.get("category") or "", title="", entity={},
                               organisation_key="", withdrawn=True, received_at=clock.now()))
        return
    sub.withdrawn = True
