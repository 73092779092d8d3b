"""The edition's Stocktaking report: every accepted submission, by category, with nominated
projects marked once the nominee lists are published. JSON, CSV or a readable HTML page.
The CSV's cells never start a formula (domain/spreadsheet.py): stakeholders wrote them."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from submission.domain.form import FormTemplate
from submission.domain.spreadsheet import inert_cell
from submission.models import Submission
from submission.service.editions import get_edition
from submission.service.reference import categories
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

CSV_COLUMNS = ("category", "title", "entity", "entity_type", "country", "coordinator",
               "coordinator_email", "sdgs", "nominated", "submitted_at", "short_description", "id")


def report(ctx: ServiceContext, year: int) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        edition = get_edition(session, year)
        voter_text = FormTemplate.from_data(edition.form).voter_text
        accepted = session.scalars(
            select(Submission).where(Submission.year == year, Submission.status == "accepted")
            .order_by(Submission.category, Submission.title)
        ).all()
    by_category: dict[str, list[dict[str, Any]]] = {c["code"]: [] for c in categories()}
    for sub in accepted:
        by_category.setdefault(sub.category or "", []).append({
            "id": sub.id, "title": sub.title, "entity": sub.entity, "coordinator": sub.coordinator,
            "sdgs": sub.sdgs, "nominated": sub.nominated,
            "submitted_at": sub.submitted_at.isoformat() if sub.submitted_at else None,
            "short_description": (sub.answers or {}).get(voter_text, ""),
        })
    names = {c["code"]: c["name"] for c in categories()}
    return {
        "edition": year,
        "total": len(accepted),
        "nominated": sum(1 for s in accepted if s.nominated),
        "categories": [{"code": code, "name": names.get(code, code), "submissions": subs}
                       for code, subs in by_category.items()],
    }


def as_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for category in data["categories"]:
        for s in category["submissions"]:
            writer.writerow([inert_cell(cell) for cell in (
                category["code"], s["title"], s["entity"].get("name"), s["entity"].get("type"),
                s["entity"].get("country"), s["coordinator"].get("name"), s["coordinator"].get("email"),
                " ".join(str(n) for n in s["sdgs"]), "yes" if s["nominated"] else "no",
                s["submitted_at"], s["short_description"], s["id"],
            )])
    return out.getvalue()


def on_nominees_published(session: Session, envelope: Envelope) -> None:
    """Handler of `nominees.published`: mark the nominated submissions in the report."""
    ids = [n["submission_id"] for c in envelope.payload.get("categories", []) for n in c["nominees"]]
    if ids:
        for sub in session.scalars(select(Submission).where(Submission.id.in_(ids))):
            sub.nominated = True
