"""A vote through the pages while the voting service is saturated: the service sheds it (503 with
Retry-After) and the confirmation page tells the voter, in their language, to try again in a
moment; nothing is recorded, and trying again once it has room counts the vote.

The voting service is served here with room for one vote in flight, and that one vote is kept
waiting by a lock on its table: the saturation is real, not simulated."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest
import requests

from tests.harness.plugin import ServiceSettings
from tests.pages.conftest import PRIVATE, voting_served
from tests.pages.test_ballot import YEAR, confirm, page, published, voter, votes_of  # noqa: F401
from wsis_common.auth import Principal, TokenSigner
from wsis_common.context import ServiceContext

# What the voter reads on the confirmation page, per language of the page.
TOO_BUSY = {
    "en": "So many people are voting right now that your vote could not be recorded. Please try again "
          "in a moment.",
    "fr": "Tant de personnes votent en ce moment que votre vote n'a pas pu être enregistré.",
    "es": "En este momento vota tanta gente que no se ha podido registrar su voto.",
    "ar": "يصوّت عدد كبير جدًا من الأشخاص الآن، ولذلك تعذّر تسجيل صوتك.",
    "zh": "目前投票人数过多，您的投票未能记录。请稍后再试。",  # noqa: RUF001 (Chinese punctuation)
    "ru": "Сейчас голосует так много людей, что ваш голос не удалось записать.",
}


@pytest.fixture(scope="module")
def voting_server(service_settings: ServiceSettings, vhost_url: str) -> Iterator[tuple[str, ServiceContext]]:
    """conftest's voting service, with room for one vote in flight."""
    with voting_served(service_settings, vhost_url, "voting_pages_busy", VOTING_CACHE_SECONDS="0",
                       VOTING_MAX_IN_FLIGHT="1", VOTING_WRITE_TIMEOUT_SECONDS="60") as server:
        yield server


def test_a_vote_the_saturated_voting_service_sheds_asks_the_voter_to_try_again_in_their_language(
        voter, published: ServiceContext, voting_server: tuple[str, ServiceContext]) -> None:  # noqa: F811
    base, ctx = voting_server
    organisation = {"name": "Org", "type": "NGO", "country": "CH"}
    token = TokenSigner(PRIVATE, issuer="wsis-gateway", audience="wsis-services").sign(
        Principal("someone-else", frozenset({"stakeholder"}), True, organisation))
    held: list[int] = []
    with psycopg.connect(ctx.db.engine.url.render_as_string(hide_password=False)
                         .replace("postgresql+psycopg://", "postgresql://")) as lock:
        lock.execute("LOCK TABLE votes IN EXCLUSIVE MODE")  # INSERTs wait; reads go on
        holder = threading.Thread(target=lambda: held.append(requests.post(
            f"{base}/api/v1/editions/{YEAR}/votes", json={"category": "C4", "nominee": "cap-1"},
            headers={"Authorization": f"Bearer {token}"}, timeout=60).status_code))
        holder.start()
        _wait_for_lock_wait(lock)

        for language, message in TOO_BUSY.items():
            refused = confirm(voter, "C7-HLT", "hlt-1", language)
            assert refused.status_code == 303, (language, refused.status_code)
            assert refused.headers["Location"] == f"/editions/{YEAR}/vote/C7-HLT/hlt-1/confirm", \
                "back to the confirmation, whose button tries again"
            assert message in page(voter, refused.headers["Location"], language), language
        lock.rollback()
    holder.join(30)

    assert held == [201]
    assert votes_of(published) == [("C4", "cap-1")], "no shed vote was recorded"
    again = confirm(voter, "C7-HLT", "hlt-1")
    assert again.status_code == 303
    assert again.headers["Location"] == f"/editions/{YEAR}/vote/C7-HLT?voted=hlt-1", "counted this time"
    assert votes_of(published) == [("C4", "cap-1"), ("C7-HLT", "hlt-1")]


def _wait_for_lock_wait(lock: psycopg.Connection) -> None:
    """Until the held vote's INSERT waits for the lock (so that it holds the one slot)."""
    import time

    deadline = time.monotonic() + 10
    with psycopg.connect(lock.info.dsn, password=lock.info.password, autocommit=True) as probe:
        while time.monotonic() < deadline:
            waiting = probe.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                    "AND query LIKE 'INSERT INTO votes%'").fetchone()[0]
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the held vote never reached the database")
