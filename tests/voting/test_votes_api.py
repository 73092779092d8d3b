"""The vote's rules through the API, on the real PostgreSQL, with the edition and the ballot
delivered as events through the real RabbitMQ to the service's consumer. The app runs in this
process so that the clock can be set to the second."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from devstack.stack import free_port
from tests.voting.conftest import deliver, edition_event, nominees_event, stakeholder
from voting import create_app, models
from voting.api.votes import Votes
from wsis_common.auth import TokenSigner
from wsis_common.clock import GENEVA, clock

YEAR = 2023
OPENS = datetime(2022, 12, 25, 0, 0, tzinfo=GENEVA)
CLOSES = datetime(2023, 1, 25, 23, 0, tzinfo=GENEVA)
DURING = datetime(2023, 1, 10, 12, 0, tzinfo=GENEVA)
SECOND = timedelta(seconds=1)
BALLOT = {"C7-HLT": ["hlt-1", "hlt-2", "hlt-3"], "C4": ["cap-1", "cap-2"]}
VOTES = f"/api/v1/editions/{YEAR}/votes"
PROBLEM = "application/problem+json"


@pytest.fixture
def edition(ctx, consumer):
    deliver(ctx, edition_event(YEAR, OPENS, CLOSES))
    deliver(ctx, nominees_event(YEAR, BALLOT))
    clock.set(DURING)
    yield
    clock.set(None)


def vote(client, headers, category="C7-HLT", nominee="hlt-1", **extra):
    return client.post(VOTES, json={"category": category, "nominee": nominee}, headers={**headers, **extra})


def test_the_ballot_comes_from_nominees_published_with_the_window(client, edition) -> None:
    ballot = client.get(f"/api/v1/editions/{YEAR}/ballot").get_json()
    assert ballot["voting_opens"] == OPENS.isoformat() and ballot["voting_closes"] == CLOSES.isoformat()
    assert ballot["is_open"] is True
    assert [c["category"] for c in ballot["categories"]] == ["C4", "C7-HLT"]
    health = next(c for c in ballot["categories"] if c["category"] == "C7-HLT")
    assert [n["nominee"] for n in health["nominees"]] == ["hlt-1", "hlt-2", "hlt-3"]
    assert health["nominees"][0] == {"nominee": "hlt-1", "title": "Project hlt-1",
                                     "short_description": "What hlt-1 did, in 150 to 200 words.",
                                     "organisation": None, "country": None}
    assert client.get("/api/v1/editions/1999/ballot").status_code == 404


def test_the_ballot_names_each_nominees_organisation_and_country_when_review_sends_them(
        ctx, client, edition) -> None:
    deliver(ctx, nominees_event(YEAR, {"C4": ["cap-1", "cap-2"]}, entities={
        "cap-1": {"name": "  Rural Schools Network ", "type": "Civil society", "country": "ke"}}))
    (capacity,) = client.get(f"/api/v1/editions/{YEAR}/ballot").get_json()["categories"]
    first, second = capacity["nominees"]
    assert (first["organisation"], first["country"]) == ("Rural Schools Network", "KE")
    assert (second["organisation"], second["country"]) == (None, None), "an event without entity"


def test_a_redelivered_or_republished_ballot_changes_nothing(ctx, client, edition) -> None:
    event = nominees_event(YEAR, {"C4": ["cap-9"]})
    deliver(ctx, event)
    deliver(ctx, event)  # the same event again: the inbox recognises it
    with ctx.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(models.ballot_entries)) == 1
        assert session.scalar(select(func.count()).select_from(models.messages.inbox)
                              .where(models.messages.inbox.c.event_id == event.id)) == 1
    categories = client.get(f"/api/v1/editions/{YEAR}/ballot").get_json()["categories"]
    assert categories == [{"category": "C4", "nominees": [
        {"nominee": "cap-9", "title": "Project cap-9",
         "short_description": "What cap-9 did, in 150 to 200 words.",
         "organisation": None, "country": None}]}]


def test_one_vote_per_category_a_second_is_409_naming_the_first_choice(
    client, edition, token_signer: TokenSigner
) -> None:
    alice = stakeholder(token_signer, "alice")
    first = vote(client, alice, nominee="hlt-2")
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["nominee"] == "hlt-2" and first.get_json()["title"] == "Project hlt-2"
    again = vote(client, alice, nominee="hlt-3")
    assert again.status_code == 409 and again.content_type == PROBLEM
    problem = again.get_json()
    assert problem["chosen"]["nominee"] == "hlt-2"
    assert "already voted in category C7-HLT" in problem["detail"] and "hlt-2" in problem["detail"]
    assert vote(client, alice, nominee="hlt-2").status_code == 409, "the same choice twice is no second vote"
    assert vote(client, alice, "C4", "cap-1").status_code == 201, "other categories are allowed"
    assert vote(client, stakeholder(token_signer, "bob"), nominee="hlt-2").status_code == 201

    mine = client.get(f"{VOTES}/mine", headers=alice).get_json()
    assert {(v["category"], v["nominee"]) for v in mine["votes"]} == {("C7-HLT", "hlt-2"), ("C4", "cap-1")}
    assert mine["categories_left"] == []
    bob = client.get(f"{VOTES}/mine", headers=stakeholder(token_signer, "bob")).get_json()
    assert bob["categories_left"] == ["C4"], "voting in every category is not required"


def _votes_on_metrics_page(client, category: str) -> float:
    """What Prometheus scrapes: the votes recorded in one category (0 before the first)."""
    line = f'wsis_votes_total{{category="{category}",service="voting"}} '
    found = [row for row in client.get("/metrics").get_data(as_text=True).splitlines()
             if row.startswith(line)]
    return float(found[0].rsplit(" ", 1)[1]) if found else 0.0


def test_the_metrics_count_the_votes_recorded_per_category_and_no_refused_one(
    client, edition, token_signer: TokenSigner
) -> None:
    before = {category: _votes_on_metrics_page(client, category) for category in BALLOT}
    for voter in ("carol", "dave", "erin"):
        assert vote(client, stakeholder(token_signer, voter), nominee="hlt-3").status_code == 201
    assert vote(client, stakeholder(token_signer, "carol"), nominee="hlt-1").status_code == 409
    assert vote(client, stakeholder(token_signer, "carol"), "C4", "cap-2").status_code == 201
    assert vote(client, stakeholder(token_signer, "frank"), "C4", "nobody").status_code == 422
    after = {category: _votes_on_metrics_page(client, category) for category in BALLOT}
    assert {c: after[c] - before[c] for c in BALLOT} == {"C7-HLT": 3, "C4": 1}


def test_a_choice_that_is_not_a_nominee_of_that_category_is_422_by_field(
    client, edition, token_signer: TokenSigner
) -> None:
    alice = stakeholder(token_signer, "alice")
    wrong = vote(client, alice, "C7-HLT", "cap-1")
    assert wrong.status_code == 422 and wrong.content_type == PROBLEM
    assert "not a nominee of category C7-HLT" in wrong.get_json()["errors"]["nominee"][0]
    unknown = vote(client, alice, "C99", "hlt-1")
    assert unknown.status_code == 422 and "category" in unknown.get_json()["errors"]
    empty = client.post(VOTES, json={"colour": "red"}, headers=alice)
    assert empty.status_code == 422 and empty.content_type == PROBLEM
    assert empty.get_json()["errors"] == {"category": ["Missing data for required field."],
                                          "nominee": ["Missing data for required field."],
                                          "colour": ["Unknown field."]}
    odd = client.post(VOTES, json={"category": 7, "nominee": "x" * 65}, headers=alice).get_json()["errors"]
    assert odd == {"category": ["Not a valid string."], "nominee": ["Length must be between 1 and 64."]}
    assert client.post(VOTES, data="not json", headers=alice).status_code == 422
    broken = client.post(VOTES, data='{"category": "C4", ', headers=alice, content_type="application/json")
    assert broken.status_code == 422 and "JSON object" in broken.get_json()["detail"]
    huge = client.post(VOTES, json={"category": "C4", "nominee": "cap-1", "note": "x" * 5000}, headers=alice)
    assert huge.status_code == 413 and huge.content_type == PROBLEM
    body = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/editions/{year}/votes"]["post"]
    assert "CastVote" in str(body["requestBody"]), "the request body is documented from CastVoteSchema"
    assert {"201", "403", "409", "413", "422", "503"} <= set(body["responses"]), "every answer is documented"
    assert not hasattr(Votes.post, "__wrapped__"), "documented, not wrapped: no extra call per vote"
    assert "Choice" in str(body["responses"]["201"]) and "chosen" in body["responses"]["409"]["description"]
    assert client.get(f"{VOTES}/mine", headers=alice).get_json()["votes"] == []


def test_only_a_complete_profile_votes_and_only_with_a_valid_token(
    client, edition, token_signer: TokenSigner
) -> None:
    incomplete = vote(client, stakeholder(token_signer, "carol", complete=False))
    assert incomplete.status_code == 403 and incomplete.content_type == PROBLEM
    assert "profile is complete" in incomplete.get_json()["detail"]
    assert vote(client, {}).status_code == 401
    assert vote(client, {"Authorization": "Bearer not-a-token"}).status_code == 401
    expert = stakeholder(token_signer, "eve", roles=frozenset({"expert"}))
    assert vote(client, expert).status_code == 403
    assert client.get(f"{VOTES}/mine").status_code == 401


@pytest.mark.parametrize(("instant", "status"), [
    (OPENS - SECOND, 403), (OPENS, 201), (CLOSES - SECOND, 201), (CLOSES, 403), (CLOSES + SECOND, 403),
])
def test_the_window_to_the_second(client, edition, token_signer: TokenSigner, instant, status) -> None:
    clock.set(instant)
    response = vote(client, stakeholder(token_signer, "dave"))
    assert response.status_code == status, response.get_json()
    if status == 403:
        assert "not open yet" in response.get_json()["detail"] or "closed on" in response.get_json()["detail"]


def test_a_moved_close_is_honoured_without_a_restart(ctx, client, edition, token_signer) -> None:
    clock.set(CLOSES + timedelta(hours=1))
    assert vote(client, stakeholder(token_signer, "frank")).status_code == 403
    assert client.get(f"/api/v1/editions/{YEAR}/ballot").get_json()["is_open"] is False
    extended = CLOSES + timedelta(days=2)
    deliver(ctx, edition_event(YEAR, OPENS, extended, revision=2))
    assert client.get(f"/api/v1/editions/{YEAR}/ballot").get_json()["voting_closes"] == extended.isoformat()
    assert vote(client, stakeholder(token_signer, "frank")).status_code == 201
    deliver(ctx, edition_event(YEAR, OPENS, CLOSES, revision=1))  # an older revision, late: ignored
    assert vote(client, stakeholder(token_signer, "grace")).status_code == 201
    clock.set(extended)
    assert vote(client, stakeholder(token_signer, "heidi")).status_code == 403


def test_each_vote_keeps_where_it_came_from(ctx, client, edition, token_signer) -> None:
    headers = stakeholder(token_signer, "ivan", name="Digital Kenya", type="NGO", country="KE",
                          email="ivan@Example.org")
    assert vote(client, headers, **{"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}).status_code == 201
    other = stakeholder(token_signer, "judy")
    assert vote(client, other, **{"X-Forwarded-For": "6.6.6.6, 203.0.113.7", "X-Real-IP": "203.0.113.8"}
                ).status_code == 201
    with ctx.db.sessions() as session:
        row = session.execute(select(models.votes).where(models.votes.c.voter == "ivan")).one()
        judy = session.execute(select(models.votes).where(models.votes.c.voter == "judy")).one()
    assert judy.address == "203.0.113.8", "X-Real-IP, set by the gateway, comes first"
    assert (row.org_name, row.org_type, row.org_country) == ("Digital Kenya", "NGO", "KE")
    assert row.email_domain == "example.org"
    assert row.address == "203.0.113.7", "the hop nginx appended, not what the client claimed"
    assert row.cast_at == DURING.astimezone(UTC)


def test_an_odd_organisation_in_a_token_is_cut_to_fit_and_fails_no_vote(ctx, client, edition,
                                                                       token_signer) -> None:
    odd = stakeholder(token_signer, "kim", name="N" * 400 + "\x00", type="T" * 150, country="KEN-EXTRA-LONG",
                      email="kim@" + "d" * 300 + ".org")
    assert vote(client, odd).status_code == 201
    with ctx.db.sessions() as session:
        row = session.execute(select(models.votes).where(models.votes.c.voter == "kim")).one()
    assert (len(row.org_name), len(row.org_type), row.org_country) == (300, 100, "KEN-EXTR")
    assert row.email_domain == "d" * 255


def test_a_broker_outage_leaves_the_web_process_ready_to_take_votes(ctx, edition, token_signer) -> None:
    """The vote needs no broker (events leave through the outbox): the readiness Kubernetes
    asks of a web pod (`checks=database`) holds while the broker cannot be reached."""
    app = create_app(replace(ctx.settings, broker_url=f"amqp://guest:guest@127.0.0.1:{free_port()}/"))
    client = app.test_client()
    full = client.get("/readyz")
    assert full.status_code == 503 and full.get_json()["checks"]["broker"].startswith("unreachable")
    serving = client.get("/readyz?checks=database")
    assert serving.status_code == 200 and serving.get_json()["checks"] == {"database": "ok"}
    assert client.get("/readyz?checks=nothing").status_code == 400
    assert vote(client, stakeholder(token_signer, "lena")).status_code == 201


def test_live_counts_are_for_admins_only(client, edition, token_signer) -> None:
    for voter, nominee in [("v1", "hlt-2"), ("v2", "hlt-2"), ("v3", "hlt-1")]:
        assert vote(client, stakeholder(token_signer, voter), nominee=nominee).status_code == 201
    url = f"{VOTES}/counts"
    assert client.get(url, headers=stakeholder(token_signer, "v1")).status_code == 403
    counts = client.get(url, headers=stakeholder(token_signer, "boss", roles=frozenset({"admin"}))).get_json()
    assert counts["votes"] == 3
    health = next(c for c in counts["categories"] if c["category"] == "C7-HLT")
    assert [(n["nominee"], n["votes"], n["rank"]) for n in health["nominees"]] == \
        [("hlt-2", 2, 1), ("hlt-1", 1, 2), ("hlt-3", 0, 3)]


def test_the_suspicious_voting_report_shows_bursts_for_one_nominee(client, edition, token_signer) -> None:
    for i in range(6):  # six accounts of one organisation, one address, within six minutes
        clock.set(DURING + timedelta(minutes=i))
        headers = stakeholder(token_signer, f"sock-{i}", name="Sock Puppets Ltd",
                              email=f"s{i}@puppets.example")
        sent = vote(client, headers, nominee="hlt-3", **{"X-Forwarded-For": "198.51.100.4"})
        assert sent.status_code == 201
    for i in range(6):  # six ordinary voters, hours apart
        clock.set(DURING + timedelta(hours=i + 1))
        assert vote(client, stakeholder(token_signer, f"fair-{i}", name=f"Org {i}", email=f"x@o{i}.example"),
                    nominee="hlt-1", **{"X-Forwarded-For": f"192.0.2.{i}"}).status_code == 201
    admin = stakeholder(token_signer, "boss", roles=frozenset({"admin"}))
    url = (f"{VOTES}/suspicious?window_minutes=10&threshold=5"
           "&traits=address&traits=email_domain&traits=organisation")
    assert client.get(url, headers=stakeholder(token_signer, "sock-1")).status_code == 403
    report = client.get(url, headers=admin).get_json()
    found = {(b["trait"], b["value"], b["nominee"], b["votes"]) for b in report["bursts"]}
    assert found == {("address", "198.51.100.4", "hlt-3", 6), ("email_domain", "puppets.example", "hlt-3", 6),
                     ("organisation", "sock puppets ltd", "hlt-3", 6)}
    invalid = client.get(f"{VOTES}/suspicious?threshold=1&traits=shoe_size", headers=admin)
    assert invalid.status_code == 422 and {"threshold", "traits.0"} <= set(invalid.get_json()["errors"])


def test_the_report_counts_votes_from_new_accounts_and_flags_a_nominee_far_above_its_category(
        ctx, client, edition, token_signer) -> None:
    """hlt-3 gets 6 of its 8 votes from accounts made an hour before; the rest of C7-HLT gets 1
    of 8 (an account 47 hours old; one 49 hours old is not new): 75 % against 12.5 %, flagged.
    cap-1's 3 new accounts (100 % against 0 %) are too few to flag. A token that does not say
    when its account was made leaves that vote's age unknown, out of every share."""
    def votes_from(prefix: str, count: int, nominee: str, age: timedelta | None, category="C7-HLT"):
        for i in range(count):
            created = None if age is None else DURING - age
            sent = vote(client, stakeholder(token_signer, f"{prefix}-{i}", created_at=created),
                        category=category, nominee=nominee)
            assert sent.status_code == 201, sent.get_json()

    votes_from("fresh", 6, "hlt-3", timedelta(hours=1))
    votes_from("settled", 2, "hlt-3", timedelta(days=200))
    votes_from("day2", 1, "hlt-1", timedelta(hours=47))
    votes_from("day3", 1, "hlt-1", timedelta(hours=49))
    votes_from("veteran", 6, "hlt-1", timedelta(days=400))
    votes_from("older-token", 1, "hlt-2", None)
    votes_from("newcomer", 3, "cap-1", timedelta(minutes=5), category="C4")
    votes_from("regular", 3, "cap-2", timedelta(days=30), category="C4")
    with ctx.db.sessions() as session:
        stored = dict(session.execute(select(models.votes.c.voter, models.votes.c.account_created_at)).all())
    assert stored["fresh-0"] == DURING - timedelta(hours=1) and stored["older-token-0"] is None

    admin = stakeholder(token_signer, "boss", roles=frozenset({"admin"}))
    report = client.get(f"{VOTES}/suspicious", headers=admin).get_json()["new_accounts"]
    assert (report["window_hours"], report["ratio"], report["least_votes"]) == (48, 2.0, 5)
    capacity, health = report["categories"]
    assert (health["category"], health["votes"], health["known"], health["new"], health["share"]) == (
        "C7-HLT", 17, 16, 7, 0.4375)
    assert [(n["nominee"], n["title"], n["votes"], n["known"], n["new"], n["share"], n["rest_share"],
             n["flagged"]) for n in health["nominees"]] == [
        ("hlt-3", "Project hlt-3", 8, 8, 6, 0.75, 0.125, True),
        ("hlt-1", "Project hlt-1", 8, 8, 1, 0.125, 0.75, False),
        ("hlt-2", "Project hlt-2", 1, 0, 0, None, 0.4375, False)]
    assert [(n["nominee"], n["new"], n["share"], n["rest_share"], n["flagged"])
            for n in capacity["nominees"]] == [("cap-1", 3, 1.0, 0.0, False), ("cap-2", 0, 0.0, 1.0, False)]

    wider = client.get(f"{VOTES}/suspicious?new_account_hours=50", headers=admin).get_json()["new_accounts"]
    assert wider["window_hours"] == 50
    assert [n["new"] for n in wider["categories"][1]["nominees"] if n["nominee"] == "hlt-1"] == [2]
    for wrong in ("0", "721", "soon"):
        refused = client.get(f"{VOTES}/suspicious?new_account_hours={wrong}", headers=admin)
        assert refused.status_code == 422 and refused.content_type == PROBLEM
        assert set(refused.get_json()["errors"]) == {"new_account_hours"}
