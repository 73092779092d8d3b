"""The Stocktaking report (JSON, CSV, HTML, nominees marked), and real races on PostgreSQL."""

from __future__ import annotations

import csv
import io
import threading

from devstack.corpus import project_2023
from submission.definition import definition
from tests.submission.conftest import new_stakeholder
from wsis_common.consumer import Consumer
from wsis_common.envelope import Envelope

URL = "/api/v1/editions/2023/submissions"


def test_the_report_lists_accepted_submissions_by_category_and_marks_nominees(
    client, ctx, stakeholder, admin
) -> None:
    a = client.post(URL, json=project_2023(40), headers=stakeholder).get_json()
    b = client.post(URL, json=project_2023(41, category="C4"), headers=stakeholder).get_json()
    client.post(URL, json={"draft": True, "title": "a draft is not in the report"}, headers=stakeholder)
    Consumer(ctx.db, ctx.tables, ctx.settings, definition.handlers(ctx)).handle(Envelope(
        type="nominees.published", producer="review", edition=2023,
        payload={"categories": [{"category": "C7-HLT", "nominees": [
            {"submission_id": a["id"], "title": a["title"], "short_description": ""}]}]}))

    data = client.get("/api/v1/editions/2023/stocktaking-report", headers=admin).get_json()
    assert data["total"] == 2 and data["nominated"] == 1
    by_code = {c["code"]: c["submissions"] for c in data["categories"]}
    assert len(by_code) == 18
    assert [(s["id"], s["nominated"]) for s in by_code["C7-HLT"]] == [(a["id"], True)]
    assert [(s["id"], s["nominated"]) for s in by_code["C4"]] == [(b["id"], False)]

    exported = client.get("/api/v1/editions/2023/stocktaking-report?format=csv", headers=admin)
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert {(r["id"], r["nominated"]) for r in rows} == {(a["id"], "yes"), (b["id"], "no")}
    html = client.get("/api/v1/editions/2023/stocktaking-report?format=html", headers=admin)
    assert html.content_type.startswith("text/html")
    assert a["title"] in html.get_data(as_text=True) and "Nominated" in html.get_data(as_text=True)
    assert client.get("/api/v1/editions/2023/stocktaking-report", headers=stakeholder).status_code == 403


def _race(app, bodies_and_headers) -> list[int]:
    barrier = threading.Barrier(len(bodies_and_headers))
    statuses: list[int] = []

    def submit(body, headers) -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post(URL, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=submit, args=pair) for pair in bodies_and_headers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(statuses)


def test_racing_submissions_of_the_same_project_never_both_succeed(app, client, admin) -> None:
    racers = [(project_2023(50, entity=f"Org {i}", category=c), new_stakeholder(f"Org {i}"))
              for i, c in enumerate(["C1", "C2", "C3", "C4", "C5", "C6"])]
    assert _race(app, racers) == [201, 422, 422, 422, 422, 422]
    report = client.get("/api/v1/editions/2023/stocktaking-report", headers=admin).get_json()
    assert report["total"] == 1


def test_racing_submissions_of_one_entity_in_one_category_never_both_succeed(app, client, admin) -> None:
    racers = [(project_2023(60 + i, entity="Same Org"), new_stakeholder("Same Org")) for i in range(6)]
    assert _race(app, racers) == [201, 422, 422, 422, 422, 422]
    assert client.get("/api/v1/editions/2023/stocktaking-report", headers=admin).get_json()["total"] == 1
