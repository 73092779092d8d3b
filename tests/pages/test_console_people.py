"""The WSIS team's console for people, in-process, calling the real review and notify services
(served on local ports, on their own PostgreSQL databases): accounts found by name, role and
verification a page at a time and their roles changed; the expert roster with conflicts of
interest, assignments by hand and spread evenly; the mail log with filters, a mail's page and
resending it. Every action is refused to the roles that do not own it, and changes nothing."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from notify.models import Mail
from portal.pages.console import admin_people
from portal.service import accounts as service
from tests.pages.conftest import closed_port, csrf_of, log_in_as
from tests.review.support import accept

YEAR = 2023
PASSWORD = "long enough secret"
ISO = re.compile(r">[^<]*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # an ISO instant in the visible text


def person(ctx, name: str, organisation: str = "University of Geneva",
           roles: tuple[str, ...] = ("stakeholder",), verified: bool = True) -> dict:
    return service.register(ctx, user_name=name, email=f"{name}@example.org", password=PASSWORD,
                            organisation_name=organisation, organisation_type="academia", country="CH",
                            roles=roles, verified=verified)


def log_in(client, account: dict) -> None:
    log_in_as(client, account)


@pytest.fixture
def admin(pclient, pctx) -> dict:
    account = person(pctx, "amina-team", roles=("stakeholder", "admin"))
    log_in(pclient, account)
    return account


def text_of(response) -> str:
    return response.get_data(as_text=True)


def post(client, path: str, form_page: str, **data) -> object:
    return client.post(path, data={**data, "csrf_token": csrf_of(client, form_page)})


# -- accounts and roles --

def test_the_team_finds_accounts_by_name_role_and_verification_a_page_at_a_time(pclient, pctx, admin,
                                                                                  monkeypatch) -> None:
    person(pctx, "kofi", organisation="Code for Africa", roles=("stakeholder", "expert"))
    person(pctx, "lena", organisation="Code for Africa", verified=False)
    person(pctx, "marc", organisation="Mairie de Lyon")

    experts = text_of(pclient.get("/admin/accounts?role=expert"))
    assert "kofi@example.org" in experts and "lena@example.org" not in experts
    unverified = text_of(pclient.get("/admin/accounts?verified=no"))
    assert "lena@example.org" in unverified and "kofi@example.org" not in unverified
    assert "Not verified yet" in unverified
    by_organisation = text_of(pclient.get("/admin/accounts?q=code+for"))
    assert "kofi@" in by_organisation and "lena@" in by_organisation and "marc@" not in by_organisation

    monkeypatch.setattr(admin_people, "PAGE_SIZE", 2)
    first, second = text_of(pclient.get("/admin/accounts")), text_of(pclient.get("/admin/accounts?page=2"))
    assert "Page 1 of 2" in first and "amina-team@" in first and "kofi@" in first and "lena@" not in first
    assert "lena@" in second and "marc@" in second and "kofi@" not in second


def test_the_team_gives_and_takes_away_roles_but_never_its_own_team_role(pclient, pctx, admin) -> None:
    kofi = person(pctx, "kofi")
    made = post(pclient, f"/admin/accounts/{kofi['id']}/roles", "/admin/accounts", role="expert", grant="1",
                back_q="kofi", back_role="stakeholder")
    assert made.status_code == 303
    assert made.headers["Location"].endswith("/admin/accounts?q=kofi&role=stakeholder&page=1")
    post(pclient, f"/admin/accounts/{kofi['id']}/roles", "/admin/accounts", role="admin", grant="1")
    assert service.get_account(pctx, kofi["id"])["roles"] == ["admin", "expert", "stakeholder"]
    assert "kofi now has the role WSIS team." in text_of(pclient.get("/admin/accounts"))

    post(pclient, f"/admin/accounts/{kofi['id']}/roles", "/admin/accounts", role="expert", grant="0")
    assert service.get_account(pctx, kofi["id"])["roles"] == ["admin", "stakeholder"]
    own = post(pclient, f"/admin/accounts/{admin['id']}/roles", "/admin/accounts", role="admin", grant="0")
    assert own.status_code == 303
    assert "You cannot take your own WSIS team role away" in text_of(pclient.get("/admin/accounts"))
    assert "admin" in service.get_account(pctx, admin["id"])["roles"]


# -- the expert roster and the assignments --

def overview(review_api) -> dict:
    from review.service.assignments import overview as review_overview

    return review_overview(review_api, YEAR)


@pytest.fixture
def group(pctx, review_api) -> dict:
    """Two expert accounts (one of Code for Africa), and three submissions in C4, one of them by
    Code for Africa."""
    return {
        "kofi": person(pctx, "kofi", organisation="Code for Africa", roles=("stakeholder", "expert")),
        "ines": person(pctx, "ines", organisation="University of Geneva", roles=("stakeholder", "expert")),
        "own": accept(review_api, category="C4", title="Open Data Kenya", entity="CODE FOR AFRICA"),
        "other": accept(review_api, category="C4", title="Rural Schools Online", entity="Teachers Network"),
        "third": accept(review_api, category="C4", title="Coding Clubs", entity="Code Club Kenya"),
    }


def record(client, account: dict, organisation: str):
    return post(client, f"/admin/editions/{YEAR}/experts/{account['id']}/record",
                f"/admin/editions/{YEAR}/experts", organisation=organisation)


def test_the_roster_records_experts_with_their_organisation_and_shows_conflicts(pclient, admin, group,
                                                                               review_api) -> None:
    page = text_of(pclient.get(f"/admin/editions/{YEAR}/experts"))
    assert "Not recorded yet" in page and 'id="f-expert_id"' not in page
    empty = record(pclient, group["kofi"], "")
    assert empty.status_code == 422 and "Enter the name of the expert&#39;s organisation." in text_of(empty)
    assert record(pclient, group["kofi"], "Code for Africa").status_code == 303
    record(pclient, group["ines"], "University of Geneva")

    assigned = post(pclient, f"/admin/editions/{YEAR}/assignments", f"/admin/editions/{YEAR}/experts",
                    expert_id=group["kofi"]["id"], target="category:C4")
    assert assigned.status_code == 303
    page = text_of(pclient.get(f"/admin/editions/{YEAR}/experts"))
    assert "kofi is assigned to Capacity building." in page
    assert ("Left out for a conflict of interest (their own organisation&#39;s projects): Open Data Kenya."
            in page)
    assert "Open Data Kenya (by CODE FOR AFRICA, their own organisation)" in page
    reviewers = {s["title"]: s["reviewers"] for s in overview(review_api)["submissions"]}
    assert reviewers == {"Open Data Kenya": [], "Rural Schools Online": [group["kofi"]["id"]],
                         "Coding Clubs": [group["kofi"]["id"]]}

    refused = post(pclient, f"/admin/editions/{YEAR}/assignments", f"/admin/editions/{YEAR}/experts",
                   expert_id=group["kofi"]["id"], target=f"submission:{group['own']['submission_id']}")
    assert refused.status_code == 303
    assert ("Conflict of interest: kofi belongs to CODE FOR AFRICA, which submitted this project."
            in text_of(pclient.get(f"/admin/editions/{YEAR}/experts")))
    assert len(overview(review_api)["assignments"]) == 1


def test_spreading_evenly_gives_each_submission_its_reviewers_and_an_assignment_can_be_removed(
        pclient, admin, group, review_api) -> None:
    record(pclient, group["kofi"], "Code for Africa")
    record(pclient, group["ines"], "University of Geneva")
    spread = post(pclient, f"/admin/editions/{YEAR}/assignments/spread", f"/admin/editions/{YEAR}/experts",
                  expert_ids=[group["kofi"]["id"], group["ines"]["id"]], categories=["C4"])
    assert spread.status_code == 303
    state = overview(review_api)
    assert {s["title"]: len(s["reviewers"]) for s in state["submissions"]} == {
        "Open Data Kenya": 1, "Rural Schools Online": 2, "Coding Clubs": 2}  # kofi never his own
    page = text_of(pclient.get(f"/admin/editions/{YEAR}/experts"))
    assert "5 assignments made, up to 2 reviewers per submission." in page
    assert "1 submissions still lack reviewers" in page

    first = state["assignments"][0]["id"]
    removed = post(pclient, f"/admin/editions/{YEAR}/assignments/{first}/remove",
                   f"/admin/editions/{YEAR}/experts")
    assert removed.status_code == 303
    assert first not in {a["id"] for a in overview(review_api)["assignments"]}


# -- the mail log --

def a_mail(ctx, *, kind: str = "receipt", status: str = "sent", to: str = "coordinator@example.org",
           error: str | None = None, created: datetime = datetime(2022, 10, 3, 8, 30, tzinfo=UTC)) -> str:
    mail_id = str(uuid.uuid4())
    with ctx.db.transaction() as session:
        session.add(Mail(id=mail_id, message_id=f"<{mail_id}@wsis.example>", edition=YEAR, kind=kind,
                         event_id=None, submission_id="sub-1", to_email=to, to_name="Coordinator One",
                         subject=f"Your {kind}", text_body=f"Dear coordinator, the {kind} text.",
                         html_body="<p>text</p>", headers={}, status=status, attempts=3 if error else 1,
                         next_attempt_at=created, last_error=error, created_at=created,
                         sent_at=created + timedelta(minutes=1) if status == "sent" else None))
    return mail_id


def test_the_mail_log_filters_and_says_kinds_states_and_times_in_words(pclient, admin, notify_api) -> None:
    a_mail(notify_api)
    a_mail(notify_api, kind="progress", status="failed", to="lost@example.org",
           error="550 mailbox unavailable")
    a_mail(notify_api, kind="winner_notice", to="winner@example.org")

    page = text_of(pclient.get(f"/admin/editions/{YEAR}/mail"))
    assert "Mails found: 3" in page and "Receipt of a submission" in page
    assert "October 3, 2022, 10:30 (Geneva time)" in page and not ISO.search(page)
    assert "Confidential until the ceremony" in page and "winner@example.org" not in page
    failed = text_of(pclient.get(f"/admin/editions/{YEAR}/mail?status=failed"))
    assert "Mails found: 1" in failed and "lost@example.org" in failed and "550 mailbox unavailable" in failed
    assert "coordinator@example.org" not in failed
    by_address = text_of(pclient.get(f"/admin/editions/{YEAR}/mail?to=LOST@example.org&kind=progress"))
    assert "Mails found: 1" in by_address and "Weekly progress of the vote" in by_address
    assert "lost@example.org" in text_of(pclient.get("/admin/mail/failed"))


def test_a_mail_is_read_and_resent_after_a_confirmation(pclient, admin, notify_api) -> None:
    failed = a_mail(notify_api, status="failed", error="550 mailbox unavailable")
    page = text_of(pclient.get(f"/admin/mail/{failed}"))
    assert "Dear coordinator, the receipt text." in page and "Send again…" in page
    confirm = text_of(pclient.get(f"/admin/mail/{failed}/resend"))
    assert "Send this mail again?" in confirm and "goes back to the queue as it was" in confirm

    sent = post(pclient, f"/admin/mail/{failed}/resend", f"/admin/mail/{failed}/resend")
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"/admin/mail/{failed}")
    with notify_api.db.sessions() as session:
        assert session.get(Mail, failed).status == "pending"
    again = post(pclient, f"/admin/mail/{failed}/resend", f"/admin/mail/{failed}")
    assert again.status_code == 303
    assert "already waiting to be sent" in text_of(pclient.get(f"/admin/mail/{failed}"))


# -- every action refused to the roles that do not own it --

PAGES = ["/admin/accounts", f"/admin/editions/{YEAR}/experts", f"/admin/editions/{YEAR}/mail",
         "/admin/mail/failed"]


@pytest.mark.parametrize("roles", [("stakeholder",), ("stakeholder", "expert")])
def test_every_people_page_and_action_is_refused_to_stakeholders_and_experts(
        pclient, pctx, group, notify_api, roles, monkeypatch) -> None:
    mail = a_mail(notify_api, status="failed", error="550")
    # The services unreachable: a page that forgot its own check would call them and fail with
    # a 503, not refuse with a 403 (the services' own checks are not what this test is about).
    monkeypatch.setenv("API_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    someone = person(pctx, "outsider", roles=roles)
    log_in(pclient, someone)
    token = csrf_of(pclient, "/profile")
    for path in [*PAGES, f"/admin/mail/{mail}", f"/admin/mail/{mail}/resend"]:
        assert pclient.get(path).status_code == 403, path
    actions = {
        f"/admin/accounts/{someone['id']}/roles": {"role": "admin", "grant": "1"},
        f"/admin/editions/{YEAR}/experts/{someone['id']}/record": {"organisation": "Anything"},
        f"/admin/editions/{YEAR}/assignments": {"expert_id": group["kofi"]["id"], "target": "category:C4"},
        f"/admin/editions/{YEAR}/assignments/spread": {"expert_ids": group["kofi"]["id"]},
        f"/admin/editions/{YEAR}/assignments/1/remove": {},
        f"/admin/mail/{mail}/resend": {},
    }
    for path, data in actions.items():
        assert pclient.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    assert service.get_account(pctx, someone["id"])["roles"] == sorted(roles)
    with notify_api.db.sessions() as session:
        assert session.get(Mail, mail).status == "failed"
    with pclient.session_transaction() as session:
        session.clear()
    for path in PAGES:
        response = pclient.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_the_review_service_saw_no_assignment_from_a_refused_role(pclient, pctx, group, review_api) -> None:
    log_in(pclient, person(pctx, "outsider", roles=("stakeholder", "expert")))
    token = csrf_of(pclient, "/profile")
    pclient.post(f"/admin/editions/{YEAR}/assignments", data={
        "expert_id": group["kofi"]["id"], "target": "category:C4", "csrf_token": token})
    assert overview(review_api)["assignments"] == []
    with review_api.db.sessions() as session:
        from review.models import Expert
        assert session.scalars(select(Expert)).all() == []
