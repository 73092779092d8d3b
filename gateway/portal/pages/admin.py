"""For the WSIS team (the admin role): the console's front page and the accounts (an edition's
own pages are in pages/console/)."""

from __future__ import annotations

from typing import Any

from portal.pages import auth, editions
from portal.pages.blueprint import bp, render


@bp.get("/admin")
@auth.role_required("admin")
def admin_home() -> Any:
    listed = [(e, editions.phase_of(e)) for e in editions.all_editions()]
    return render("admin_home.html", editions=listed)
