"""The WSIS team's accounts page: find people by name, e-mail, organisation, role or whether
their e-mail is verified, a page at a time, and give or take away the expert and WSIS team
roles (the expert group is appointed here)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain.people import PAGE_SIZE, AccountFilter, Paging, page_number
from portal.pages import auth, labels
from portal.pages.blueprint import bp, render
from portal.service import accounts
from wsis_common.problems import Problem
from wsis_common.web import context

CHANGEABLE_ROLES = ("expert", "admin")  # every account is a stakeholder; these are given


@bp.get("/admin/accounts")
@auth.role_required("admin")
def admin_accounts() -> Any:
    wanted = AccountFilter.of(request.args)
    page = page_number(request.args.get("page"))
    total, found = accounts.find_accounts(context(), query=wanted.query, role=wanted.role,
                                          verified=wanted.verified, limit=PAGE_SIZE,
                                          offset=(page - 1) * PAGE_SIZE)
    return render("console/admin_accounts.html", wanted=wanted, found=found,
                  paging=Paging(page, total, PAGE_SIZE), roles=CHANGEABLE_ROLES)


@bp.post("/admin/accounts/<account_id>/roles")
@auth.role_required("admin")
def change_role(account_id: str) -> Any:
    admin = auth.current_account()
    assert admin is not None
    role, grant = request.form.get("role", ""), request.form.get("grant") == "1"
    # The search to come back to, kept apart from the action's own fields ("role" is both).
    kept = {key.removeprefix("back_"): value for key, value in request.form.items()
            if key.startswith("back_")}
    back = {**AccountFilter.of(kept).as_args(), "page": page_number(kept.get("page"))}
    if role not in CHANGEABLE_ROLES:
        flash(gettext("This role cannot be changed."), "error")
        return redirect(url_for("pages.admin_accounts", **back), 303)
    try:
        if grant:
            changed = accounts.grant_role(context(), admin["id"], account_id, role)
        else:
            changed = accounts.revoke_role(context(), admin["id"], account_id, role)
    except Problem as problem:
        if problem.status not in (404, 409, 422):
            raise
        flash(gettext("You cannot take your own WSIS team role away: another member of the team must.")
              if problem.status == 409 else gettext("This role cannot be changed."), "error")
    else:
        names = {"name": changed["user_name"], "role": str(labels.ROLES.get(role, role))}
        flash(gettext("%(name)s now has the role %(role)s.", **names) if grant
              else gettext("%(name)s no longer has the role %(role)s.", **names))
    return redirect(url_for("pages.admin_accounts", **back), 303)
