"""How many valid submissions per second the submission service accepts with duplicate
detection on (both signals: MinHash bands and anchors), with 500, 5,000 and then 15,000
submissions already stored (the size of the WSIS Stocktaking database), and how the duplicate
check's own time grows between them (it must stay flat: both are index look-ups).

The stored texts are filled in bulk (fingerprints written straight to the database, a
transaction per thousand), each with a few anchors drawn from small pools of places, donors
and figures, so that some anchors are as common as "Kenya" is and hit the postings cap.

    python services/submission/bench/bench_submissions.py   (or: make bench-submit)

Loopback only: a fresh database on the local PostgreSQL (BENCH_DATABASE_URL, an admin URL),
dropped at the end; bounded by the counts below. Requests go through the real Flask app
(in-process test client: routing, schemas, token check, rules, SQL), without the HTTP hop.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from devstack.corpus import project_2023  # noqa: E402
from submission import create_app  # noqa: E402
from submission.definition import definition  # noqa: E402
from submission.service import fingerprints  # noqa: E402
from submission.service.reference import category_codes_in_order  # noqa: E402
from submission.service.seed import seed  # noqa: E402
from wsis_common import migrations  # noqa: E402
from wsis_common.auth import Principal, TokenSigner, generate_keypair  # noqa: E402
from wsis_common.clock import GENEVA, clock  # noqa: E402
from wsis_common.config import Settings  # noqa: E402
from wsis_common.context import ServiceContext  # noqa: E402

ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
MEASURED = int(os.environ.get("BENCH_MEASURED", "200"))
CATEGORIES = list(category_codes_in_order())


PLACES = [f"Town{n}" for n in range(120)]
DONORS = [f"Donor{n}" for n in range(30)]


def with_anchors(body: dict, i: int) -> dict:
    """The filler text with a sentence of names and figures, as real descriptions have."""
    rng = random.Random(i)
    body["answers"]["partnerships"] += (
        f" It runs in {rng.choice(PLACES)} and {rng.choice(PLACES)} with {rng.choice(DONORS)}, reaching "
        f"{rng.randrange(10, 99_999)} users and {rng.randrange(10, 999)} schools "
        f"since {rng.randrange(2005, 2023)}.")
    return body


def project_text(body: dict) -> str:
    answers = body["answers"]
    return "\n".join([body["title"], *(answers[k] for k in ("short_description", "impact", "partnerships",
                                                              "challenges_and_prospects"))])


def bulk_fill(ctx: ServiceContext, start: int, count: int) -> None:
    """`count` stored fingerprints, written straight to the database a thousand at a time."""
    for first in range(start, start + count, 1000):
        with ctx.db.transaction() as session:
            for i in range(first, min(first + 1000, start + count)):
                body = with_anchors(project_2023(i, entity=f"Organisation {i}"), i)
                sig = fingerprints.signals(project_text(body), organisation=body["entity"]["name"])
                fingerprints.add(session, scope=fingerprints.edition_scope(2023), sig=sig,
                                 title=body["title"], label=body["title"][:200])


def main() -> None:
    from datetime import datetime, timedelta

    name = f"wsis_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"
    try:
        migrations.upgrade(definition.migrations_dir, url)
        private, public = generate_keypair()
        signer = TokenSigner(private, issuer="wsis-gateway", audience="wsis-services",
                             lifetime=timedelta(days=1))
        settings = replace(Settings.from_env("submission"), database_url=url, token_public_key=public,
                           access_log=False, log_level="WARNING")
        app = create_app(settings)
        ctx = app.extensions["wsis"]
        seed(ctx)
        clock.set(datetime(2022, 11, 1, 12, 0, tzinfo=GENEVA))
        client = app.test_client()
        headers = {"Authorization": "Bearer " + signer.sign(
            Principal("bench", frozenset({"stakeholder"}), True, {}, email="b@example.org", name="Bench",
                      email_verified=True))}
        seq = iter(range(1, 1_000_000))

        def submit() -> float:
            i = next(seq)
            body = project_2023(i, category=CATEGORIES[i % 18], entity=f"Organisation {i}")
            body = with_anchors(body, i)
            started = time.perf_counter()
            response = client.post("/api/v1/editions/2023/submissions", json=body, headers=headers)
            elapsed = time.perf_counter() - started
            assert response.status_code == 201, response.get_json()
            return elapsed

        def check_time(samples: int = 50) -> float:
            """The duplicate look-up alone (median seconds) for texts not stored."""
            times = []
            with ctx.db.sessions() as session:
                for j in range(samples):
                    body = with_anchors(project_2023(900_000 + j), 900_000 + j)
                    sig = fingerprints.signals(project_text(body), organisation=body["entity"]["name"])
                    started = time.perf_counter()
                    fingerprints.find_similar(session, scopes=[fingerprints.edition_scope(2023)], sig=sig)
                    times.append(time.perf_counter() - started)
            return statistics.median(times)

        results = {}
        stored = 0
        for target in (500, 5000, 15000):
            fill_started = time.perf_counter()
            bulk_fill(ctx, 100_000 + stored, target - stored)
            stored = target
            fill = time.perf_counter() - fill_started
            latencies = [submit() for _ in range(MEASURED)]
            stored += MEASURED
            results[target] = (MEASURED / sum(latencies), statistics.median(latencies),
                               check_time(), fill)
            rate, p50, check, fill = results[target]
            print(f"stored={target:5d} accepted_per_s={rate:6.1f} p50_ms={p50 * 1000:6.1f} "
                  f"dup_check_ms={check * 1000:5.2f} (filled in {fill:.0f}s)", flush=True)
        (r500, _, c500, _), (r15k, _, c15k, _) = results[500], results[15000]
        print(f"submissions_per_s_at_15000={r15k:.1f} ratio_rate_15000_vs_500={r15k / r500:.2f} "
              f"dup_check_ms_500={c500 * 1000:.2f} dup_check_ms_15000={c15k * 1000:.2f} "
              f"ratio_check_15000_vs_500={c15k / c500:.2f}")
    finally:
        clock.set(None)
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
