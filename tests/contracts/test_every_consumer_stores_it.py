"""Issue 19's property: whatever the submission API accepts, every consumer stores, and
nothing is dead-lettered. Hypothesis pushes extreme but valid values (every field at its
limit, every Unicode plane, combining marks, ligatures, RTL marks, emoji) through the real
API, then hands the `submission.accepted` it wrote to its outbox to review and notify, and
the `nominees.published` review would send of it to voting, and the `voting.closed` that
makes it a finalist back to notify (whose mail subject names the title)."""

from __future__ import annotations

import itertools
import json
import unicodedata

from flask import Flask
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from devstack.corpus import project_2023
from notify.models import Contact, Mail
from review.models import Submission as Reviewed
from tests.contracts.conftest import Consumers
from tests.submission.conftest import new_stakeholder
from voting import models as voting_models
from wsis_common import limits
from wsis_common.contracts import NOMINEES_PUBLISHED, VOTING_CLOSED
from wsis_common.envelope import Envelope
from wsis_common.metrics import REGISTRY

URL = "/api/v1/editions/2023/submissions"
_seeds = itertools.count(700)
# What breaks naive storage: a ligature that NFKC triples, a combining accent, RTL and
# direction override marks, a zero-width joiner sequence, astral letters and emoji, a tag
# character, a private-use character of plane 16, and a letter NFKC maps to ASCII.
AWKWARD = ["\ufb03", "e\u0301", "\u200f", "\u202e", "\u0627\u0644\u0633\u0644\u0627\u0645",
           "\U0001F469\u200d\U0001F4BB", "\U0001F600", "\U00020BB7", "\U0001D518", "\U000E0041",
           "\U0010FFFD", "\u1100\u1161", "\uff21"]
VALID_CHARS = st.characters(blacklist_categories=("Cc", "Cs"))


def extreme(limit: limits.TextLimit, *, at_least: int = 1) -> st.SearchStrategy[str]:
    """A single-line value within `limit` once normal: half the time filled up to it."""
    pieces = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(VALID_CHARS, min_size=1, max_size=8)),
                      min_size=1, max_size=12)

    def within(parts: list[str], fill: bool) -> str:
        text = unicodedata.normalize("NFKC", "".join(parts))
        if fill:  # repeated up to the limit, cut there (once normal, as the producer measures)
            text = unicodedata.normalize("NFKC", text * (limit.max_length // max(len(text), 1) + 1))
        return unicodedata.normalize("NFKC", text[: limit.max_length])[: limit.max_length]

    return st.builds(within, pieces, st.booleans()).filter(
        lambda t: len(t.strip()) >= at_least and limits.fits(t, limit))


def _accepted(app: Flask) -> dict:
    ctx = app.extensions["wsis"]
    outbox = ctx.tables.outbox
    with ctx.db.engine.connect() as conn:
        body = conn.execute(select(outbox.c.body).where(outbox.c.routing_key == "submission.accepted")
                            .order_by(outbox.c.position.desc()).limit(1)).scalar_one()
    return json.loads(body)


def _failed_items() -> float:
    return sum(sample.value for metric in REGISTRY.collect() if metric.name == "wsis_event_items_failed"
               for sample in metric.samples if sample.name.endswith("_total"))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=extreme(limits.TITLE, at_least=3), entity=extreme(limits.ENTITY_NAME, at_least=3),
       entity_type=extreme(limits.ENTITY_TYPE), coordinator=extreme(limits.PERSON_NAME),
       tail=st.lists(st.sampled_from(AWKWARD), max_size=12).map("".join))
def test_every_consumer_stores_what_the_submission_api_accepts(
    producer: Flask, consumers: Consumers, title: str, entity: str, entity_type: str, coordinator: str,
    tail: str,
) -> None:
    seed = next(_seeds)
    project = project_2023(seed, title=title, entity=entity)
    project["entity"]["type"] = entity_type
    project["coordinator"]["name"] = coordinator
    # Long texts stay English (a rule of the contest), with the awkward characters at their end.
    project["answers"]["short_description"] += " " + tail
    response = producer.test_client().post(URL, json=project, headers=new_stakeholder())
    assert response.status_code in (201, 422), response.get_data(as_text=True)
    event(f"HTTP {response.status_code}")
    if response.status_code == 422:  # a contest rule (a duplicate, the language), never a limit
        reasons = [r["code"] for found in response.get_json()["reasons"].values() for r in found]
        assert not {"field.too_long", "text.control_character", "text.unpaired_surrogate"} & set(reasons)
        return
    accepted = Envelope.from_json(json.dumps(_accepted(producer)).encode())
    p = accepted.payload
    failed_before = _failed_items()

    assert consumers.review.handle(accepted) and consumers.notify.handle(accepted)  # raising = dead-lettered

    with consumers.review.db.sessions() as session:
        stored = session.get(Reviewed, p["submission_id"])
        assert (stored.title, stored.entity["name"], stored.short_description) == (
            p["title"], p["entity"]["name"], p["short_description"])
    with consumers.notify.db.sessions() as session:
        contact = session.get(Contact, p["submission_id"])
        assert (contact.title, contact.entity_name, contact.coordinator_name) == (
            p["title"], p["entity"]["name"], p["coordinator"]["name"])
        assert session.scalar(select(Mail.subject).where(
            Mail.submission_id == p["submission_id"], Mail.kind == "finalist")) is None
    nominees = Envelope(type=NOMINEES_PUBLISHED, producer="review", edition=2023, payload={"categories": [
        {"category": p["category"], "nominees": [{"submission_id": p["submission_id"], "title": stored.title,
                                                  "short_description": stored.short_description,
                                                  "entity": stored.entity}]}]})
    assert consumers.voting.handle(nominees)
    finalist = Envelope(type=VOTING_CLOSED, producer="voting", edition=2023, payload={"categories": [
        {"category": p["category"], "tie_at_cut": False, "tie_break": None,
         "finalists": [{"submission_id": p["submission_id"], "votes": 1, "rank": 1}]}]})
    assert consumers.notify.handle(finalist)  # its mail's subject names the title
    entries = voting_models.ballot_entries
    with consumers.voting.db.sessions() as session:
        assert session.execute(select(entries.c.title).where(
            entries.c.nominee == p["submission_id"])).scalar_one() == p["title"]
    with consumers.notify.db.sessions() as session:
        assert p["title"] in session.scalar(select(Mail.subject).where(
            Mail.submission_id == p["submission_id"], Mail.kind == "finalist"))
    assert _failed_items() == failed_before  # no item was skipped either
