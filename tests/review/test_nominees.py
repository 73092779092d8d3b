"""The chair closes a category once it is fully reviewed and confirms its nominee list: N from
the edition, fewer only where fewer are eligible, the chair's choice where N is not fixed. The
worker publishes the lists and every outcome at the edition's publication date, never before,
exactly once."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

from sqlalchemy import select

from review.models import Publication
from review.service.publishing import publish_nominees
from tests.review.flows import BASE, assign, close, confirm, put_review, record_expert, reviewed_category
from tests.review.support import ADMIN, PUBLICATION, accept, edition_document, send_edition
from wsis_common import contracts
from wsis_common.clock import clock


def _events(ctx, routing_key: str) -> list[dict]:
    outbox = ctx.tables.outbox
    with ctx.db.sessions() as session:
        bodies = session.scalars(select(outbox.c.body).where(outbox.c.routing_key == routing_key)
                                 .order_by(outbox.c.position))
        return [json.loads(b) for b in bodies]


def test_a_category_closes_only_when_every_submission_has_its_reviews(ctx, client):
    record_expert(client, "exp-a")
    assign(client, "exp-a", category="C4")
    sid = accept(ctx, category="C4", title="Half reviewed")["submission_id"]
    put_review(client, "exp-a", sid)
    refused = close(client, "C4")
    assert refused.status_code == 409
    assert refused.json["incomplete"] == [{"submission_id": sid, "title": "Half reviewed", "reviews": 1,
                                           "required": 2}]
    assert confirm(client, "C4").status_code == 409  # not closed: no list on scores still moving


def test_the_list_has_the_editions_n_taken_from_the_top_of_the_ranking_or_chosen_by_the_chair(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=2))
    subs = reviewed_category(ctx, client, [5, 4, 3, 2], category="C4")
    ids = [s["submission_id"] for s in subs]
    assert close(client, "C4").status_code == 200

    top = confirm(client, "C4")
    assert top.status_code == 200 and top.json["nominees"] == ids[:2]
    wrong_size = confirm(client, "C4", ids[:3])
    assert wrong_size.status_code == 422
    assert "exactly 2 nominees" in wrong_size.json["errors"]["submission_ids"][0]
    chosen = confirm(client, "C4", [ids[0], ids[3]])  # the chair may depart from the ranking
    assert chosen.status_code == 200 and chosen.json["nominees"] == [ids[0], ids[3]]
    audit = client.get(f"{BASE}/audit", headers=ADMIN).json
    trail = [e for e in audit if e["action"] == "nominees.confirmed"]
    assert trail[-1]["details"]["before"] == ids[:2] and trail[-1]["details"]["after"] == [ids[0], ids[3]]
    assert trail[-1]["details"]["outside_the_ranking_top"] == [ids[3]]
    assert trail[-1]["actor"] == "Chair Person (chair-1)"


def test_fewer_nominees_only_where_fewer_are_eligible(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=3))
    subs = reviewed_category(ctx, client, [5, 4, 3], category="C4")
    put_review(client, "exp-a", subs[2]["submission_id"], 3, complies=False, note="Not in English.")
    close(client, "C4")
    ids = [s["submission_id"] for s in subs]
    assert confirm(client, "C4").json["nominees"] == ids[:2]
    out = confirm(client, "C4", ids)
    assert out.status_code == 422
    assert any("failed compliance" in r for r in out.json["errors"]["submission_ids"])


def test_where_n_is_not_fixed_the_chair_chooses_how_many(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=None))
    subs = reviewed_category(ctx, client, [5, 4, 3], category="C4")
    close(client, "C4")
    assert confirm(client, "C4").status_code == 422  # nothing to take a top N of
    assert confirm(client, "C4", []).status_code == 422
    three = confirm(client, "C4", [s["submission_id"] for s in subs])
    assert three.status_code == 200 and len(three.json["nominees"]) == 3


def test_a_tie_at_the_cut_is_for_the_chair_to_decide(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=1))
    subs = reviewed_category(ctx, client, [4, 4], category="C4")
    close(client, "C4")
    tied = confirm(client, "C4")
    assert tied.status_code == 422 and "Tie at the cut" in tied.json["errors"]["submission_ids"][0]
    assert confirm(client, "C4", [subs[1]["submission_id"]]).status_code == 200


def test_reopening_a_category_withdraws_its_confirmed_list(ctx, client):
    reviewed_category(ctx, client, [5, 4], category="C4")
    close(client, "C4")
    confirm(client, "C4")
    assert client.post(f"{BASE}/categories/C4/reopen", headers=ADMIN).status_code == 200
    ranking = client.get(f"{BASE}/categories/C4/ranking", headers=ADMIN).json
    assert ranking["closed"] is False and ranking["nominees"] == [] and ranking["nominees_confirmed"] is False


def test_nothing_is_published_before_the_date_whatever_was_confirmed(ctx, client):
    reviewed_category(ctx, client, [5, 4], category="C4")
    close(client, "C4")
    confirm(client, "C4")
    clock.set(PUBLICATION - timedelta(seconds=1))
    assert publish_nominees(ctx) == 0
    assert _events(ctx, contracts.NOMINEES_PUBLISHED) == []
    hidden = client.get("/api/v1/editions/2023/nominees")
    assert hidden.status_code == 404 and "2022-12-25" in hidden.json["detail"]


def test_at_the_date_the_worker_publishes_the_lists_and_every_outcome_once(ctx, client):
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=1))
    c4 = reviewed_category(ctx, client, [5, 4], category="C4")
    hlt = reviewed_category(ctx, client, [3, 5], category="C7-HLT")
    for category in ("C4", "C7-HLT"):
        close(client, category)
        confirm(client, category)
    clock.set(PUBLICATION)

    assert publish_nominees(ctx) == 1
    assert publish_nominees(ctx) == 0, "a second run publishes nothing new"
    [published] = _events(ctx, contracts.NOMINEES_PUBLISHED)
    assert published["edition"] == 2023 and published["producer"] == "review"
    lists = {c["category"]: [n["submission_id"] for n in c["nominees"]]
             for c in published["payload"]["categories"]}
    assert lists == {"C4": [c4[0]["submission_id"]], "C7-HLT": [hlt[1]["submission_id"]]}
    nominee = published["payload"]["categories"][0]["nominees"][0]
    assert set(nominee) == {"submission_id", "title", "short_description", "entity"}
    outcomes = {e["payload"]["submission_id"]: e["payload"]["nominated"]
                for e in _events(ctx, contracts.REVIEW_OUTCOME)}
    assert outcomes == {c4[0]["submission_id"]: True, c4[1]["submission_id"]: False,
                        hlt[0]["submission_id"]: False, hlt[1]["submission_id"]: True}

    public = client.get("/api/v1/editions/2023/nominees")
    assert public.status_code == 200
    assert [c["category"] for c in public.json["categories"]] == ["C4", "C7-HLT"]
    assert confirm(client, "C4").status_code == 409, "published lists are final"


def test_publication_waits_for_every_list_and_happens_once_confirmed(ctx, client):
    reviewed_category(ctx, client, [5], category="C4")
    reviewed_category(ctx, client, [4], category="C2")
    close(client, "C4")
    confirm(client, "C4")
    clock.set(PUBLICATION + timedelta(hours=1))
    assert publish_nominees(ctx) == 0
    status = client.get(f"{BASE}/status", headers=ADMIN).json
    assert status["nominee_publication_waits_for"] == ["C2: the nominee list is not confirmed"]
    close(client, "C2")
    confirm(client, "C2")
    assert publish_nominees(ctx) == 1
    assert client.get(f"{BASE}/status", headers=ADMIN).json["published"].keys() == {"nominees"}


def test_two_workers_at_the_same_moment_publish_once(ctx, client):
    reviewed_category(ctx, client, [5, 4], category="C4")
    close(client, "C4")
    confirm(client, "C4")
    clock.set(PUBLICATION)
    barrier = threading.Barrier(2)
    results: list[int] = []

    def worker() -> None:
        barrier.wait()
        results.append(publish_nominees(ctx))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [0, 1]
    assert len(_events(ctx, contracts.NOMINEES_PUBLISHED)) == 1
    with ctx.db.sessions() as session:
        assert len(session.scalars(select(Publication)).all()) == 1
