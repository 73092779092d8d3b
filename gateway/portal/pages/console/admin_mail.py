"""The WSIS team's mail log (the notify service's): what was sent to whom and when in an
edition, filtered as a form; the failed mails of every edition; one mail with its text; and
resending one after a confirmation. A winner notice stays withheld until the ceremony (the
notify service withholds it; the page says so in words)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.domain.people import MailFilter, Paging, page_number
from portal.pages import auth, editions
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, call, get_json

KINDS = {
    "verification": _l("E-mail address verification"),
    "receipt": _l("Receipt of a submission"),
    "review_outcome": _l("Outcome of the review"),
    "progress": _l("Weekly progress of the vote"),
    "finalist": _l("Finalist notice"),
    "winner_notice": _l("Winner notice"),
    "announcement": _l("Announcement"),
    "password_reset": _l("Password reset"),
    "registration_attempt": _l("Registration attempt with an address already registered"),
}
STATUSES = {"pending": _l("Waiting to be sent"), "sent": _l("Sent"), "failed": _l("Failed")}


def _page_of(path: str, wanted: MailFilter) -> tuple[dict[str, Any], Paging]:
    page = page_number(request.args.get("page"))
    answer = get_json(path, token=auth.service_token(), params=wanted.api_params(Paging(page, 0)))
    return answer, Paging(page, int(answer.get("total", 0)))


@bp.get("/admin/editions/<int:year>/mail")
@auth.role_required("admin")
def admin_mail(year: int) -> Any:
    edition = editions.edition(year)  # an unknown edition: this page does not exist
    wanted = MailFilter.of(request.args)
    answer, paging = _page_of(f"/api/v1/mail/editions/{year}/mails", wanted)
    token = auth.service_token()
    summary = get_json(f"/api/v1/mail/editions/{year}/summary", token=token).get("kinds", {})
    unsubscribed = get_json(f"/api/v1/mail/editions/{year}/unsubscribes", token=token)
    return render("console/admin_mail.html", edition=edition, year=year, wanted=wanted,
                  mails=answer.get("mails", []), paging=paging, summary=summary,
                  unsubscribed=unsubscribed, kinds=KINDS, statuses=STATUSES)


@bp.get("/admin/mail/failed")
@auth.role_required("admin")
def admin_failed_mail() -> Any:
    answer, paging = _page_of("/api/v1/mail/failed", MailFilter())
    return render("console/admin_failed_mail.html", mails=answer.get("mails", []), paging=paging,
                  kinds=KINDS, statuses=STATUSES)


@bp.get("/admin/mail/<mail_id>")
@auth.role_required("admin")
def admin_one_mail(mail_id: str) -> Any:
    mail = get_json(f"/api/v1/mail/mails/{mail_id}", token=auth.service_token())
    return render("console/admin_one_mail.html", mail=mail, kinds=KINDS, statuses=STATUSES)


@bp.route("/admin/mail/<mail_id>/resend", methods=["GET", "POST"])
@auth.role_required("admin")
def resend_mail(mail_id: str) -> Any:
    """GET asks to confirm; POST resends: a failed mail as it was, a sent one as a new copy."""
    token = auth.service_token()
    if request.method == "GET":
        mail = get_json(f"/api/v1/mail/mails/{mail_id}", token=token)
        return render("console/admin_resend_mail.html", mail=mail, kinds=KINDS, statuses=STATUSES)
    try:
        queued = call("POST", f"/api/v1/mail/mails/{mail_id}/resend", token=token).json()
    except ApiError as error:
        if error.status != 409:
            raise
        flash(gettext("This mail is already waiting to be sent: it was not sent again."), "error")
        return redirect(url_for("pages.admin_one_mail", mail_id=mail_id), 303)
    flash(gettext("The mail is queued and will be sent within a minute.") if queued["id"] == mail_id
          else gettext("A new copy of the mail is queued and will be sent within a minute."))
    return redirect(url_for("pages.admin_one_mail", mail_id=queued["id"]), 303)
