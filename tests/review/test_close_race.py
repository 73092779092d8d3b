"""Six chairs close one category at the same instant, the first time it is closed: one close,
the others the same answer (closing is idempotent), never a duplicate-key 500."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from review.models import CategoryDecision
from tests.review.flows import BASE, reviewed_category
from tests.review.support import ADMIN


def test_six_concurrent_first_closes_of_a_category_close_it_once(app: Flask, ctx, client) -> None:
    reviewed_category(ctx, client, [5, 4], category="C4")
    barrier = threading.Barrier(6)
    answers: list[Any] = []

    def close() -> None:
        with app.test_client() as own:  # one client (and one connection) per thread
            barrier.wait()
            answer = own.post(f"{BASE}/categories/C4/close", headers=ADMIN)
            answers.append((answer.status_code, answer.get_json()))

    threads = [threading.Thread(target=close) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _ in answers) == [200] * 6, answers
    assert len({body["closed_at"] for _, body in answers}) == 1  # one close, the same instant
    with ctx.db.sessions() as session:
        rows = session.scalar(select(func.count()).select_from(CategoryDecision)
                              .where(CategoryDecision.category == "C4"))
    assert rows == 1
