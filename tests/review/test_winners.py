"""Phase 4 and 5: finalists from `voting.closed`, the experts' in-depth analyses, exactly one
winner per category picked by the chair (final; `winner.selected` at once), the results that
call every finalist a champion until the ceremony, `winners.announced` at the ceremony, once,
and the audit trail of every chair and WSIS-team action."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from review.service.publishing import announce_winners, publish_nominees
from tests.review.flows import BASE, close, confirm, finalists_arrive, record_expert, reviewed_category
from tests.review.support import (
    ADMIN,
    CEREMONY,
    DURING_SELECTION,
    PUBLICATION,
    STAKEHOLDER,
    edition_document,
    expert_token,
    feed,
    send_edition,
)
from wsis_common import contracts
from wsis_common.clock import clock

ANALYSIS = {"scores": {"scale": 4, "wsis_impact": 5, "sustainable_development": 4},
            "note": "Scaled to three regions; strong link to action line C7."}


def _events(ctx, routing_key: str) -> list[dict]:
    outbox = ctx.tables.outbox
    with ctx.db.sessions() as session:
        return [json.loads(b) for b in session.scalars(
            select(outbox.c.body).where(outbox.c.routing_key == routing_key).order_by(outbox.c.position))]


def _through_the_vote(ctx, client, category: str = "C7-HLT", count: int = 4) -> list[str]:
    """A category reviewed, its list published, and its top three by votes back as finalists."""
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=count))
    subs = reviewed_category(ctx, client, list(range(5, 5 - count, -1)), category=category)
    close(client, category)
    confirm(client, category)
    clock.set(PUBLICATION)
    publish_nominees(ctx)
    clock.set(DURING_SELECTION)
    ids = [s["submission_id"] for s in subs]
    finalists_arrive(ctx, category, [ids[2], ids[0], ids[1]])  # ordered by votes
    return [ids[2], ids[0], ids[1]]


def test_finalists_arrive_and_experts_analyse_them(ctx, client):
    finalists = _through_the_vote(ctx, client)
    view = client.get(f"{BASE}/categories/C7-HLT/finalists", headers=expert_token("exp-a")).json
    assert [f["submission_id"] for f in view["finalists"]] == finalists
    assert [f["votes"] for f in view["finalists"]] == [100, 99, 98]
    assert set(view["criteria"]) == {"scale", "wsis_impact", "sustainable_development"}
    assert "chosen" not in view

    analysis_url = f"/api/v1/reviews/{finalists[0]}/analysis"
    done = client.put(analysis_url, headers=expert_token("exp-a"), json=ANALYSIS)
    assert done.status_code == 200, done.json
    bad = client.put(analysis_url, headers=expert_token("exp-b"), json={"scores": {"scale": 9}, "note": ""})
    assert bad.status_code == 422
    assert {"scores.scale", "scores.wsis_impact", "note"} <= set(bad.json["errors"])
    chair = client.get(f"{BASE}/categories/C7-HLT/finalists", headers=ADMIN).json
    assert chair["finalists"][0]["criteria_means"] == {"scale": 4.0, "wsis_impact": 5.0,
                                                       "sustainable_development": 4.0}
    assert chair["chosen"] is None


def test_an_expert_does_not_analyse_a_finalist_of_their_own_organisation(ctx, client):
    finalists = _through_the_vote(ctx, client)
    view = client.get(f"{BASE}/categories/C7-HLT/finalists", headers=ADMIN).json
    organisation = view["finalists"][0]["entity"]["name"]
    record_expert(client, "exp-own", organisation=organisation)
    refused = client.put(f"/api/v1/reviews/{finalists[0]}/analysis", headers=expert_token("exp-own"),
                         json=ANALYSIS)
    assert refused.status_code == 403


def test_the_chair_picks_exactly_one_winner_among_the_finalists_and_notify_learns_it_at_once(ctx, client):
    finalists = _through_the_vote(ctx, client)
    url = f"{BASE}/categories/C7-HLT/winner"
    as_expert = client.put(url, headers=expert_token("exp-a"), json={"submission_id": finalists[1]})
    assert as_expert.status_code == 403
    outsider = client.put(url, headers=ADMIN, json={"submission_id": "not-a-finalist"})
    assert outsider.status_code == 422 and "submission_id" in outsider.json["errors"]

    picked = client.put(url, headers=ADMIN, json={"submission_id": finalists[1]})
    assert picked.status_code == 200 and picked.json["chosen_by"] == "chair-1"
    [selected] = _events(ctx, contracts.WINNER_SELECTED)
    assert selected["payload"]["submission_id"] == finalists[1]
    assert selected["payload"]["category"] == "C7-HLT"

    assert client.put(url, headers=ADMIN, json={"submission_id": finalists[1]}).status_code == 200
    second = client.put(url, headers=ADMIN, json={"submission_id": finalists[0]})
    assert second.status_code == 409 and second.json["title"] == "Already decided"
    assert len(_events(ctx, contracts.WINNER_SELECTED)) == 1
    late = client.put(f"/api/v1/reviews/{finalists[0]}/analysis", headers=expert_token("exp-a"),
                      json=ANALYSIS)
    assert late.status_code == 409


def test_every_finalist_is_a_champion_until_the_ceremony_then_the_winner_shows(ctx, client):
    finalists = _through_the_vote(ctx, client)
    before_pick = client.get("/api/v1/editions/2023/results").json
    client.put(f"{BASE}/categories/C7-HLT/winner", headers=ADMIN, json={"submission_id": finalists[2]})

    for headers in ({}, STAKEHOLDER):
        after_pick = client.get("/api/v1/editions/2023/results", headers=headers)
        assert after_pick.json == before_pick, "picking the winner changed nothing public"
    entries = before_pick["categories"][0]["finalists"]
    assert {e["distinction"] for e in entries} == {"champion"} and before_pick["announced"] is False
    assert len({frozenset(e) for e in entries}) == 1, "every entry has the same fields"
    assert [e["title"] for e in entries] == sorted(e["title"] for e in entries)
    assert "winner" not in json.dumps(before_pick).lower()

    clock.set(CEREMONY - timedelta(seconds=1))
    assert announce_winners(ctx) == 0 and _events(ctx, contracts.WINNERS_ANNOUNCED) == []
    clock.set(CEREMONY)
    assert announce_winners(ctx) == 1
    assert announce_winners(ctx) == 0, "announced once"
    [announced] = _events(ctx, contracts.WINNERS_ANNOUNCED)
    [result] = announced["payload"]["categories"]
    assert result["winner"]["submission_id"] == finalists[2]
    assert sorted(c["submission_id"] for c in result["champions"]) == sorted(finalists[:2])

    after = client.get("/api/v1/editions/2023/results").json
    assert after["announced"] is True
    [category] = after["categories"]
    first, *others = category["finalists"]
    assert (first["submission_id"], first["distinction"]) == (finalists[2], "winner")
    assert {o["distinction"] for o in others} == {"champion"}
    assert category["winner"] == first and category["champions"] == others


def test_the_announcement_waits_for_every_categorys_winner(ctx, client):
    finalists = _through_the_vote(ctx, client)
    clock.set(CEREMONY + timedelta(minutes=5))
    assert announce_winners(ctx) == 0
    status = client.get(f"{BASE}/status", headers=ADMIN).json
    assert status["announcement_waits_for"] == ["C7-HLT: no winner picked"]
    late = client.put(f"{BASE}/categories/C7-HLT/winner", headers=ADMIN, json={"submission_id": finalists[0]})
    assert late.status_code == 409, "after the ceremony the decision is no longer open"


def test_the_audit_trail_has_every_chair_and_team_action_for_admins_only(ctx, client):
    finalists = _through_the_vote(ctx, client)
    client.put(f"{BASE}/categories/C7-HLT/winner", headers=ADMIN, json={"submission_id": finalists[0]})
    clock.set(CEREMONY)
    announce_winners(ctx)

    trail = client.get(f"{BASE}/audit", headers=ADMIN).json
    actions = [e["action"] for e in trail]
    for action in ("edition.received", "edition.changed", "expert.recorded", "expert.assigned",
                   "category.closed", "nominees.confirmed", "nominees.published", "finalists.received",
                   "winner.picked", "winners.announced"):
        assert action in actions, action
    picked = next(e for e in trail if e["action"] == "winner.picked")
    assert picked["actor"] == "Chair Person (chair-1)" and picked["subject"] == "C7-HLT"
    assert picked["details"]["submission_id"] == finalists[0] and picked["at"]
    assert all(e["at"] and e["actor"] for e in trail)
    for headers in ({}, STAKEHOLDER, expert_token("exp-a")):
        assert client.get(f"{BASE}/audit", headers=headers).status_code in (401, 403)


def test_one_category_that_cannot_be_stored_does_not_keep_the_others_finalists(ctx, client):
    """One poison item never blocks the others of its event (issue 19): a category whose
    figures no column holds is skipped, logged and counted; the other category's finalists
    are stored, and the event is not retried into the dead-letter queue."""
    good = _through_the_vote(ctx, client, "C7-HLT")
    feed(ctx, contracts.VOTING_CLOSED, {"categories": [
        {"category": "C3", "tie_at_cut": False, "tie_break": None,
         "finalists": [{"submission_id": good[0], "votes": "many", "rank": 1}]},
        {"category": "C7-HLT", "tie_at_cut": False, "tie_break": None,
         "finalists": [{"submission_id": sid, "votes": 10 - i, "rank": i + 1} for i, sid in enumerate(good)]},
    ]}, 2023, producer="voting")
    view = client.get(f"{BASE}/categories/C7-HLT/finalists", headers=ADMIN).json
    assert [f["votes"] for f in view["finalists"]] == [10, 9, 8]
