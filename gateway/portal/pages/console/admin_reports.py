"""The WSIS team's reading of an edition (role admin): its audit trails as tables (the submission
service's edition history, the review service's trail of nominee lists, closes and winners), and
its publications: the Stocktaking report (in the site's layout, or as CSV) and the Success
Stories (PDF or web page; public after the ceremony, a confidential preview before)."""

from __future__ import annotations

from typing import Any

from flask import Response, redirect, request, url_for
from flask_babel import gettext

from portal.domain import editions_console as rules
from portal.pages import auth, editions, labels
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, ServiceDown, call, get_json
from portal.service import accounts
from wsis_common.problems import Problem
from wsis_common.web import context

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
KINDS = ("edition", "nominees", "winners", "experts")


def _document(year: int) -> dict[str, Any]:
    return get_json(f"/api/v1/editions/{year}", token=auth.service_token())


@bp.get("/admin/editions/<int:year>/audit")
@auth.role_required("admin")
def admin_edition_audit(year: int) -> Any:
    document = _document(year)
    kind = request.args.get("kind", "")
    kind = kind if kind in KINDS else ""
    history = [] if kind not in ("", "edition") else _history(year)
    trail = _review_trail(year)
    return render("console/edition_audit.html", edition=document, year=year, kind=kind, kinds=KINDS,
                  history=history, people=_names({e["actor"] for e in history}),
                  trail=None if trail is None else rules.audit_entries(trail, kind))


def _names(account_ids: set[str]) -> dict[str, str]:
    """Each account's user name (an account deleted since is shown by its id)."""
    names = {}
    for account_id in account_ids:
        try:
            names[account_id] = accounts.get_account(context(), account_id)["user_name"]
        except Problem:
            continue
    return names


def _history(year: int) -> list[dict[str, Any]]:
    """The submission service's history, newest first, each entry with its changes in rows."""
    entries = get_json(f"/api/v1/editions/{year}/history", token=auth.service_token())
    return [{**e, "changes": rules.edition_changes(e.get("before"), e.get("after") or {},
                                                       tuple(labels.PHASE_DATES))}
            for e in reversed(entries)]


def _review_trail(year: int) -> list[dict[str, Any]] | None:
    """The review service's trail; None when the service cannot be reached (the page says so)."""
    try:
        return get_json(f"/api/v1/reviews/editions/{year}/audit", token=auth.service_token())
    except ServiceDown:
        return None


@bp.get("/admin/editions/<int:year>/reports")
@auth.role_required("admin")
def admin_edition_reports(year: int) -> Any:
    document = _document(year)
    return render("console/edition_reports.html", edition=document, document=document, year=year,
                  published=editions.has_passed(document, "ceremony_at"))


@bp.get("/admin/editions/<int:year>/stocktaking-report.<fmt>")
@auth.role_required("admin")
def stocktaking_report(year: int, fmt: str) -> Any:
    if fmt not in ("csv", "html"):
        return redirect(url_for("pages.admin_edition_reports", year=year))
    if fmt == "html":  # in the site's layout, from the report's data
        report = get_json(f"/api/v1/editions/{year}/stocktaking-report", token=auth.service_token())
        return render("console/stocktaking.html", edition=_document(year), year=year, report=report)
    upstream = call("GET", f"/api/v1/editions/{year}/stocktaking-report", token=auth.service_token(),
                    params={"format": "csv"})
    response = Response(upstream.content, mimetype=upstream.headers.get("Content-Type", "text/csv"))
    response.headers["Content-Disposition"] = f'attachment; filename="wsis-stocktaking-{year}.csv"'
    return response


@bp.get("/admin/editions/<int:year>/success-stories.<fmt>")
@auth.role_required("admin")
def success_stories(year: int, fmt: str) -> Any:
    if fmt not in ("pdf", "html"):
        return redirect(url_for("pages.admin_edition_reports", year=year))
    try:
        upstream = call("GET", f"/api/v1/reviews/editions/{year}/success-stories", token=auth.service_token(),
                        params={"format": fmt})
    except ApiError as error:
        if error.status != 404:
            raise
        return render("message.html", 404, edition=_document(year),
                      title=gettext("The Success Stories are not ready"),
                      message=gettext("The review service has no finalists of this edition yet. The "
                                      "publication is built once the winners are picked."))
    response = Response(upstream.content, mimetype=upstream.headers.get("Content-Type", "text/plain"))
    if fmt == "pdf":
        response.headers["Content-Disposition"] = f'attachment; filename="wsis-success-stories-{year}.pdf"'
    else:  # the service's own page, with its own inline styles and nothing else
        response.headers["Content-Security-Policy"] = REPORT_POLICY
    return response

