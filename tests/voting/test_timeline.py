"""Votes over time (the WSIS team's live page): counted per Geneva hour or day and per
category, for admins only, on the real PostgreSQL; and what the query costs on 200,000 votes."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from tests.voting.conftest import record_votes, stakeholder
from tests.voting.test_votes_api import BALLOT, OPENS, YEAR, edition  # noqa: F401  (the fixture)
from voting import models
from wsis_common.clock import GENEVA

pytestmark = pytest.mark.usefixtures("edition")  # the 2023 ballot, the clock in the vote
TIMELINE = f"/api/v1/editions/{YEAR}/votes/timeline"


def admin(signer) -> dict[str, str]:
    return stakeholder(signer, "boss", roles=frozenset({"admin"}))


def test_votes_over_time_are_counted_per_geneva_hour_and_category(ctx, client, token_signer) -> None:
    two_pm = datetime(2023, 1, 10, 14, 0, tzinfo=GENEVA)
    record_votes(ctx, [(f"a{i}", "C7-HLT", "hlt-1", two_pm + timedelta(minutes=i)) for i in range(3)]
                 + [("b1", "C4", "cap-1", two_pm + timedelta(minutes=59, seconds=59)),
                    ("c1", "C7-HLT", "hlt-2", two_pm + timedelta(hours=2, minutes=5))], YEAR)
    found = client.get(TIMELINE, headers=admin(token_signer)).get_json()
    assert found["categories"] == ["C4", "C7-HLT"] and found["time_zone"] == "Europe/Zurich"
    assert found["buckets"] == [
        {"start": "2023-01-10T14:00:00+01:00", "counts": {"C4": 1, "C7-HLT": 3}},
        {"start": "2023-01-10T16:00:00+01:00", "counts": {"C4": 0, "C7-HLT": 1}},
    ], "an hour with no vote is left out; a category with none in an hour counts 0"


def test_a_day_starts_at_midnight_in_geneva(ctx, client, token_signer) -> None:
    late = datetime(2023, 1, 10, 23, 30, tzinfo=GENEVA)  # 22:30 UTC: still the 10th in Geneva
    record_votes(ctx, [("a", "C4", "cap-1", late), ("b", "C4", "cap-2", late + timedelta(hours=1))], YEAR)
    found = client.get(f"{TIMELINE}?bucket=day", headers=admin(token_signer)).get_json()
    assert [(b["start"], b["counts"]["C4"]) for b in found["buckets"]] == [
        ("2023-01-10T00:00:00+01:00", 1), ("2023-01-11T00:00:00+01:00", 1)]


def test_the_timeline_is_for_admins_only_and_checks_its_bucket(ctx, client, token_signer) -> None:
    assert client.get(TIMELINE).status_code == 401
    assert client.get(TIMELINE, headers=stakeholder(token_signer, "v1")).status_code == 403
    wrong = client.get(f"{TIMELINE}?bucket=minute", headers=admin(token_signer))
    assert wrong.status_code == 422 and "bucket" in wrong.get_json()["errors"]
    assert client.get("/api/v1/editions/1999/votes/timeline", headers=admin(token_signer)).status_code == 404
    document = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/editions/{year}/votes/timeline" in document["paths"]


def test_the_timeline_of_200000_votes_takes_one_pass_well_under_a_second(
        ctx, client, token_signer) -> None:
    categories = [(c, n) for c, nominees in BALLOT.items() for n in nominees]
    with ctx.db.engine.begin() as conn:  # 200,000 votes over the vote's month, written at once
        conn.execute(models.votes.insert(), [
            {"edition": YEAR, "voter": f"v{i}", "category": categories[i % 5][0],
             "nominee": categories[i % 5][1], "cast_at": OPENS + timedelta(seconds=13 * i)}
            for i in range(200_000)])
    with ctx.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE votes")  # what autovacuum does after a surge
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(
            "EXPLAIN ANALYZE SELECT category, date_trunc('hour', cast_at, 'Europe/Zurich'), count(*) "
            f"FROM votes WHERE edition = {YEAR} GROUP BY 1, 2"))
    assert "Sort" not in plan.split("->", 1)[0], "one pass and a hash aggregate, no sort of the votes"
    began = time.perf_counter()
    found = client.get(TIMELINE, headers=admin(token_signer)).get_json()
    took = time.perf_counter() - began
    assert sum(sum(b["counts"].values()) for b in found["buckets"]) == 200_000
    assert took < 2.0, f"{took:.2f}s"
    print(f"\n{plan}\ntimeline of 200,000 votes over HTTP: {took * 1000:.0f} ms, "
          f"{len(found['buckets'])} buckets")
