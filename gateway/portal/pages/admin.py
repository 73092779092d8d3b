"""For the WSIS team (the admin role): the console's front page and the accounts (an edition's
own pages are in pages/console/)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.accounts import service as accounts
from portal.pages import auth, editions, labels
from portal.pages.blueprint import bp, render
from wsis_common.problems import Problem
from wsis_common.web import context


@bp.get("/admin")
@auth.role_required("admin")
def admin_home() -> Any:
    listed = [(e, editions.phase_of(e)) for e in editions.all_editions()]
    return render("admin_home.html", editions=listed)


# -- accounts: the WSIS team appoints the expert group --

@bp.get("/admin/accounts")
@auth.role_required("admin")
def admin_accounts() -> Any:
    query = request.args.get("q", "").strip()
    found = accounts.list_accounts(context(), query)
    return render("admin_accounts.html", query=query, found=found)


@bp.post("/admin/accounts/<account_id>/roles")
@auth.role_required("admin")
def change_role(account_id: str) -> Any:
    admin = auth.current_account()
    assert admin is not None
    role, grant = request.form.get("role", ""), request.form.get("grant") == "1"
    try:
        if grant:
            changed = accounts.grant_role(context(), admin["id"], account_id, role)
        else:
            changed = accounts.revoke_role(context(), admin["id"], account_id, role)
    except Problem as problem:
        if problem.status not in (404, 409, 422):
            raise
        flash(gettext("This role cannot be changed."), "error")
    else:
        names = {"name": changed["user_name"], "role": str(labels.ROLES.get(role, role))}
        flash(gettext("%(name)s now has the role %(role)s.", **names) if grant
              else gettext("%(name)s no longer has the role %(role)s.", **names))
    return redirect(url_for("pages.admin_accounts", q=request.form.get("q", "")), 303)
