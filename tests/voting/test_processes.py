"""The voting service as it runs: gunicorn with several workers of its own class (gevent) and real worker
processes, on the real PostgreSQL and RabbitMQ. Racing requests of one stakeholder in one
category never count twice; the deadline moved by an event is enforced to the second by every
process; two workers publish each week's progress once; a web worker killed amid the votes
loses none that was answered 201."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pika
import pytest
import requests
from sqlalchemy import create_engine, func, select

from devstack.stack import APPS, Stack
from tests.harness.infra import Infrastructure
from tests.harness.probe import wait_until
from tests.harness.publishing import publish
from tests.voting.conftest import edition_event, nominees_event
from voting import models
from wsis_common.auth import Principal, TokenSigner
from wsis_common.clock import GENEVA
from wsis_common.config import EVENTS_EXCHANGE
from wsis_common.contracts import VOTING_PROGRESS

VOTING = next(app for app in APPS if app.name == "voting")
YEAR = 2041
NOMINEES = {"C7-HLT": [f"h{i}" for i in range(10)], "C4": ["c1", "c2"]}
CACHE_SECONDS = 1.0


def start_voting(run_dir: Path, database_url: str, broker_url: str, *, web: bool, workers: int = 4) -> Stack:
    stack = Stack(run_dir=run_dir, database_urls={"voting": database_url}, broker_url=broker_url,
                  web_concurrency=workers,
                  extra_env={"VOTING_CACHE_SECONDS": str(CACHE_SECONDS), "VOTING_SETTLE_SECONDS": "0.5",
                             "WORKER_TICK_SECONDS": "0.2", "ACCESS_LOG": "0"})
    stack.migrate(VOTING)
    stack.start_worker(VOTING)
    urls = [f"{stack.worker_url('voting')}/readyz"]
    if web:
        stack.start_web(VOTING)
        urls.append(f"{stack.web_url('voting')}/readyz")
    try:
        for url in urls:
            wait_until(lambda url=url: _status(url) == 200, timeout=60, what=url)
    except AssertionError:
        stack.stop()
        raise
    return stack


def _status(url: str) -> int:
    try:
        return requests.get(url, timeout=2).status_code
    except requests.RequestException:
        return 0


@pytest.fixture(scope="module")
def service(infra: Infrastructure, voting_vhost_url: str, tmp_path_factory) -> Iterator[Stack]:
    running = start_voting(tmp_path_factory.mktemp("voting"), infra.create_database("voting_procs"),
                           voting_vhost_url, web=True)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def signer(service: Stack) -> TokenSigner:
    return TokenSigner(Path(service.private_key).read_text(), issuer="wsis-gateway", audience="wsis-services")


def ballot(service: Stack, year: int) -> dict:
    response = requests.get(f"{service.web_url('voting')}/api/v1/editions/{year}/ballot", timeout=5)
    return response.json() if response.status_code == 200 else {}


def open_edition(service: Stack, year: int, opens: datetime, closes: datetime, revision: int = 1) -> None:
    """Send the edition (and its nominees) as events and wait until every process sees them."""
    publish(service.broker_url, edition_event(year, opens, closes, revision=revision))
    if revision == 1:
        publish(service.broker_url, nominees_event(year, NOMINEES))
    def seen() -> bool:
        found = ballot(service, year)
        window = (found.get("voting_opens"), found.get("voting_closes"))
        return window == (opens.isoformat(), closes.isoformat()) and bool(found.get("categories"))

    # Each GET is a new connection, taken by any of the gunicorn processes: ten in a row that
    # see it mean every process has read it (a process still holding the ballot it read before
    # the events would refuse the first votes; a fixed sleep was not enough on a loaded machine).
    wait_until(lambda: all(seen() for _ in range(10)), what="the edition at every voting process")


def votes_url(service: Stack, year: int) -> str:
    return f"{service.web_url('voting')}/api/v1/editions/{year}/votes"


def auth(signer: TokenSigner, account: str) -> dict[str, str]:
    org = {"name": "Org", "type": "NGO", "country": "CH"}
    token = signer.sign(Principal(account, frozenset({"stakeholder"}), True, org))
    return {"Authorization": f"Bearer {token}"}


def test_racing_votes_of_one_stakeholder_in_one_category_count_once(
    service: Stack, signer: TokenSigner
) -> None:
    now = datetime.now(UTC)
    open_edition(service, YEAR, now - timedelta(days=1), now + timedelta(days=1))
    url, voters, racers = votes_url(service, YEAR), 12, 24
    outcomes: dict[str, list[tuple[int, str]]] = {}

    def race(voter: str) -> None:
        headers, start, results = auth(signer, voter), threading.Barrier(racers), []
        lock = threading.Lock()

        def one(i: int) -> None:
            session = requests.Session()
            start.wait()
            response = session.post(url, json={"category": "C7-HLT", "nominee": f"h{i % 10}"},
                                    headers=headers, timeout=30)
            body = response.json()
            chosen = body.get("nominee") or body.get("chosen", {}).get("nominee")
            with lock:
                results.append((response.status_code, chosen))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(racers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        outcomes[voter] = results

    for v in range(voters):
        race(f"racer-{v}")

    engine = create_engine(service.database_urls["voting"])
    with engine.connect() as conn:
        stored = dict(conn.execute(select(models.votes.c.voter, models.votes.c.nominee)
                                   .where(models.votes.c.edition == YEAR)).all())
    engine.dispose()
    for voter, results in outcomes.items():
        statuses = Counter(status for status, _ in results)
        assert statuses == {201: 1, 409: racers - 1}, (voter, statuses)
        assert {nominee for _, nominee in results} == {stored[voter]}, \
            "every 409 names the one choice that was stored"
    assert len(stored) == voters


def test_a_close_moved_by_an_event_is_enforced_to_the_second_by_every_process(
    service: Stack, signer: TokenSigner
) -> None:
    year = YEAR + 1
    now = datetime.now(UTC).replace(microsecond=0)
    open_edition(service, year, now - timedelta(days=3), now + timedelta(days=3))
    closes = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=5)
    open_edition(service, year, now - timedelta(days=3), closes, revision=2)
    url = votes_url(service, year)
    assert datetime.now(UTC) < closes - timedelta(seconds=1), "the test machine is too slow for this test"
    before = [requests.post(url, json={"category": "C4", "nominee": "c1"}, headers=auth(signer, f"early-{i}"),
                            timeout=5) for i in range(8)]  # several, so that several processes answer
    assert [r.status_code for r in before] == [201] * 8
    time.sleep(max(0.0, (closes - datetime.now(UTC)).total_seconds()) + 0.05)
    after = [requests.post(url, json={"category": "C4", "nominee": "c1"}, headers=auth(signer, f"late-{i}"),
                           timeout=5) for i in range(8)]
    assert [r.status_code for r in after] == [403] * 8
    assert "closed on" in after[0].json()["detail"]

    later = closes + timedelta(days=1)
    open_edition(service, year, now - timedelta(days=3), later, revision=3)
    assert requests.post(url, json={"category": "C4", "nominee": "c1"}, headers=auth(signer, "late-0"),
                         timeout=5).status_code == 201, "reopened by the admin, without a restart"
    not_yet = datetime.now(UTC) + timedelta(hours=1)
    open_edition(service, year, not_yet, later, revision=4)
    refused = requests.post(url, json={"category": "C4", "nominee": "c2"}, headers=auth(signer, "x"),
                            timeout=5)
    assert refused.status_code == 403 and "not open yet" in refused.json()["detail"]


def test_two_worker_processes_publish_each_weeks_progress_once(
    service: Stack, infra: Infrastructure, voting_vhost_url: str, tmp_path_factory
) -> None:
    year = YEAR + 2
    with pika.BlockingConnection(pika.URLParameters(voting_vhost_url)) as connection:
        channel = connection.channel()
        queue = channel.queue_declare("", exclusive=True).method.queue
        channel.queue_bind(queue, EVENTS_EXCHANGE, routing_key=VOTING_PROGRESS)
        second = start_voting(tmp_path_factory.mktemp("second"), service.database_urls["voting"],
                              voting_vhost_url, web=False)
        try:
            opens = datetime.now(GENEVA) - timedelta(days=15)  # weeks 1 and 2 have ended
            open_edition(service, year, opens, opens + timedelta(days=30))

            events: list[dict] = []

            def receive() -> int:
                while (message := channel.basic_get(queue, auto_ack=True))[0] is not None:
                    event = json.loads(message[2])
                    if event["edition"] == year:
                        events.append(event)
                return len(events)

            wait_until(lambda: receive() >= 2, what="the progress of weeks 1 and 2")
            second.stop_process("voting-worker")  # a restart: it must not publish them again
            second.start_worker(VOTING)
            wait_until(lambda: _status(f"{second.worker_url('voting')}/readyz") == 200, what="the restart")
            time.sleep(2.0)  # ten ticks of each worker
            receive()
        finally:
            second.stop()
    assert sorted(e["payload"]["week"] for e in events) == [1, 2]
    engine = create_engine(service.database_urls["voting"])
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(models.progress_weeks)
                            .where(models.progress_weeks.c.edition == year)).scalar()
    engine.dispose()
    assert rows == 2


def _web_workers(service: Stack) -> list[int]:
    master = service.processes["voting-web"].pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_web_worker_killed_amid_the_votes_loses_no_acknowledged_vote(
    service: Stack, signer: TokenSigner
) -> None:
    """SIGKILL to one gunicorn worker while stakeholders vote: every vote answered 201 is
    stored, the other workers go on taking votes, and gunicorn replaces the dead one."""
    year, now = YEAR + 3, datetime.now(UTC)
    open_edition(service, year, now - timedelta(days=1), now + timedelta(days=1))
    url, stop, lock = votes_url(service, year), threading.Event(), threading.Lock()
    acknowledged: list[tuple[str, float]] = []

    def vote_on(lane: int) -> None:
        session, number = requests.Session(), 0
        while not stop.is_set():
            voter, number = f"crash-{lane}-{number}", number + 1
            try:
                response = session.post(url, json={"category": "C4", "nominee": "c1"},
                                        headers=auth(signer, voter), timeout=10)
            except requests.RequestException:  # in flight on the killed worker: no answer
                session = requests.Session()
                continue
            if response.status_code == 201:
                with lock:
                    acknowledged.append((voter, time.monotonic()))

    lanes = [threading.Thread(target=vote_on, args=(lane,)) for lane in range(8)]
    for lane in lanes:
        lane.start()
    try:
        wait_until(lambda: len(acknowledged) >= 50, what="votes flowing")
        before = _web_workers(service)
        os.kill(before[0], signal.SIGKILL)
        killed_at = time.monotonic()
        wait_until(lambda: sum(1 for _, at in acknowledged if at > killed_at + 0.5) >= 50,
                   what="votes taken after the kill")
    finally:
        stop.set()
        for lane in lanes:
            lane.join(30)
    wait_until(lambda: len(_web_workers(service)) == len(before) and before[0] not in _web_workers(service),
               what="gunicorn to replace the killed worker")
    engine = create_engine(service.database_urls["voting"])
    with engine.connect() as conn:
        stored = set(conn.scalars(select(models.votes.c.voter).where(models.votes.c.edition == year)))
    engine.dispose()
    lost = [voter for voter, _ in acknowledged if voter not in stored]
    assert not lost, f"{len(lost)} votes answered 201 are not stored: {lost[:5]}"
