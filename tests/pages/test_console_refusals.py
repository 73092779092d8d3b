"""Every console address, read from the app's own URL map (so a page added later is checked
too), refused to every role that does not own it: the WSIS team's and the chair's (role admin)
to stakeholders, experts and visitors; the expert's to stakeholders, visitors and an admin who is
not an expert. The services are unreachable here: a page that forgot its own role check would
call them and answer 503, not 403. A refused role change leaves the account's roles as they were."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from portal.service import accounts as service
from tests.pages.conftest import csrf_of
from tests.pages.test_console_people import PASSWORD, person

OWNERS = {"/admin": "admin", "/chair": "admin", "/expert": "expert", "/reviews": "expert"}
VALUES = {"year": "2023", "category": "C7-HLT", "submission_id": "sub-1", "account_id": "acc-1",
          "mail_id": "mail-1", "assignment_id": "1", "fmt": "csv", "action": "close"}


def console_routes(app: Flask) -> Iterator[tuple[str, str, str]]:
    """(method, path with its values filled in, owning role) of every console route."""
    for rule in app.url_map.iter_rules():
        owner = next((role for prefix, role in OWNERS.items()
                      if rule.rule == prefix or rule.rule.startswith(prefix + "/")), None)
        if owner is None:
            continue
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<{name}>", VALUES[name])
            for converter in ("int", "any(close, reopen)", "path"):
                path = path.replace(f"<{converter}:{name}>", VALUES[name])
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            yield method, path, owner


def test_the_url_map_has_every_console(pages_app: Flask) -> None:
    routes = list(console_routes(pages_app))
    assert len(routes) >= 40
    assert {owner for _m, _p, owner in routes} == {"admin", "expert"}
    assert all("<" not in path for _m, path, _o in routes), "every value filled in"


@pytest.mark.parametrize("roles", [(), ("stakeholder",), ("stakeholder", "expert"), ("stakeholder", "admin")])
def test_every_console_page_and_action_is_refused_to_a_role_that_does_not_own_it(
        pages_app: Flask, pclient, pctx, roles: tuple[str, ...]) -> None:
    someone = person(pctx, "outsider", roles=roles) if roles else None
    if someone is not None:  # logged in through the log-in page, as a person is
        sent = pclient.post("/login", data={"identifier": "outsider", "password": PASSWORD,
                                            "csrf_token": csrf_of(pclient, "/login")})
        assert sent.status_code == 303
    token = csrf_of(pclient, "/profile" if roles else "/login")  # past the CSRF check: the role refuses
    wrong: list[str] = []
    checked = 0
    for method, path, owner in console_routes(pages_app):
        if owner in roles:
            continue
        path = path.replace("acc-1", someone["id"]) if someone else path
        data = {"csrf_token": token, "role": "admin", "grant": "1", "confirmed": "yes",
                "submission_id": "sub-1", "submission_ids": "sub-1"}
        response = pclient.get(path) if method == "GET" else pclient.post(path, data=data)
        checked += 1
        expected = 403 if roles else 302
        if response.status_code != expected or (
                not roles and "/login" not in response.headers.get("Location", "")):
            wrong.append(f"{method} {path}: {response.status_code}")
    assert checked >= 8
    assert not wrong, "not refused:\n" + "\n".join(wrong)
    if someone is not None:
        assert service.get_account(pctx, someone["id"])["roles"] == sorted(roles), "no role given"
