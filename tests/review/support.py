"""Builders for the review tests: edition documents as `edition.updated` carries them, accepted
submissions with believable texts, tokens, and feeding events through the service's own
consumer (its inbox included)."""

from __future__ import annotations

import itertools
import random
import uuid
import zlib
from datetime import datetime, timedelta
from typing import Any

from review.definition import definition
from submission.service.reference import category_codes_in_order
from wsis_common import contracts
from wsis_common.auth import Principal, TokenSigner, generate_keypair
from wsis_common.clock import GENEVA
from wsis_common.consumer import Consumer
from wsis_common.context import ServiceContext
from wsis_common.envelope import Envelope

PRIVATE, PUBLIC = generate_keypair()
SIGNER = TokenSigner(PRIVATE, issuer="wsis-gateway", audience="wsis-services", lifetime=timedelta(days=3650))
CATEGORIES = list(category_codes_in_order())
CATEGORY_NAMES = {"C4": "Capacity building", "C7-HLT": "ICT applications: E-health",
                  "C7-AGR": "ICT applications: E-agriculture",
                  "C10": "Ethical dimensions of the Information Society",
                  "C2": "Information and communication infrastructure"}
_ids = itertools.count(1)


def geneva(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=GENEVA)


PHASES_2023 = {
    "submission_opens": "2022-09-07T00:00", "submission_closes": "2022-12-07T23:00",
    "nomination_opens": "2022-12-13T00:00", "nomination_closes": "2022-12-23T23:00",
    "nominees_published_at": "2022-12-25T00:00", "voting_opens": "2022-12-25T00:00",
    "voting_closes": "2023-01-25T23:00", "selection_opens": "2023-01-25T23:00",
    "selection_closes": "2023-02-10T23:00", "forum_opens": "2023-03-13T00:00",
    "ceremony_at": "2023-03-13T17:00", "forum_closes": "2023-03-17T23:00",
}
# Moments of the 2023 edition the tests stand at.
DURING_NOMINATION = geneva("2022-12-15T10:00")
PUBLICATION = geneva(PHASES_2023["nominees_published_at"])
DURING_SELECTION = geneva("2023-02-01T10:00")
CEREMONY = geneva(PHASES_2023["ceremony_at"])


def edition_document(year: int = 2023, *, revision: int = 1, phases: dict[str, str] | None = None,
                     **parameters: Any) -> dict[str, Any]:
    """The 2023 edition (dates shifted to `year`), as the submission service sends it."""
    shift = year - 2023
    local = {k: f"{int(v[:4]) + shift}{v[4:]}" for k, v in {**PHASES_2023, **(phases or {})}.items()}
    return {
        "year": year, "ordinal": 12 + shift, "revision": revision,
        "phases": {k: geneva(v).isoformat() for k, v in local.items()},
        "parameters": {"nominees_per_category": 20, "finalists_per_category": 5, "winners_per_category": 1,
                       "reviewers_per_submission": 2, **parameters},
        "form": {"voter_text": "short_description"}, "categories": CATEGORIES,
        "updated_at": "2022-09-01T00:00:00+00:00",
    }


def feed(ctx: ServiceContext, type_: str, payload: dict[str, Any], edition: int | None,
         *, producer: str = "test") -> Envelope:
    """Hand an event to the review service's consumer, as the broker would."""
    envelope = Envelope(type=type_, producer=producer, payload=payload, edition=edition)
    Consumer(ctx.db, ctx.tables, ctx.settings, definition.handlers(ctx)).handle(envelope)
    return envelope


def send_edition(ctx: ServiceContext, document: dict[str, Any]) -> Envelope:
    return feed(ctx, contracts.EDITION_UPDATED, {"edition": document}, document["year"],
                producer="submission")


# -- believable texts (the publication is read by people) --

_OPENINGS = ["The project connects", "Our programme equips", "This initiative brings together",
             "The platform gives", "Since its launch, the service has helped"]
_WHO = ["rural health workers", "smallholder farmers", "young women in secondary school", "municipal clerks",
        "community radio stations", "teachers in remote districts", "people living with disabilities"]
_WHAT = ["with mobile tools that work offline", "through a shared open-data portal",
         "with low-cost broadband delivered by local cooperatives",
         "through blended learning in local languages",
         "with secure digital identities", "through SMS alerts and voice messages"]
_RESULTS = ["Waiting times fell by a third in the first year.",
            "More than 40,000 people use it every month.",
            "Local partners now run the service without outside funding.",
            "The model has been adopted by two neighbouring countries.",
            "An independent evaluation found a clear rise in income for participating households.",
            "Every component is open source, so that others can reuse it."]


def sentences(seed: int, count: int) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        out.append(f"{rng.choice(_OPENINGS)} {rng.choice(_WHO)} {rng.choice(_WHAT)}. {rng.choice(_RESULTS)}")
    return " ".join(out)


def accepted_payload(*, year: int = 2023, category: str = "C7-HLT", title: str | None = None,
                     entity: str | None = None, country: str = "KE",
                     submission_id: str | None = None) -> dict[str, Any]:
    number = next(_ids)
    sid = submission_id or str(uuid.uuid4())
    seed = zlib.crc32(sid.encode())
    short = sentences(seed, 6)
    texts = [
        {"name": "short_description", "label": "Short description", "text": short},
        {"name": "impact", "label": "Economic, social, cultural and environmental impact",
         "text": sentences(seed + 1, 4) + "\n\n" + sentences(seed + 2, 3)},
        {"name": "partnerships", "label": "Partnerships", "text": sentences(seed + 3, 3)},
        {"name": "challenges_and_prospects", "label": "Main challenges and future prospects",
         "text": sentences(seed + 4, 3)},
    ]
    return {
        "submission_id": sid, "category": category, "category_name": CATEGORY_NAMES.get(category, ""),
        "title": title or f"Project {number}", "short_description": short,
        "entity": {"name": entity or f"Organisation {number}", "type": "Civil society", "country": country},
        "coordinator": {"name": f"Coordinator {number}", "email": f"coordinator{number}@example.org"},
        "submitter": {"name": f"Submitter {number}", "email": f"submitter{number}@example.org"},
        "submitter_account_id": f"acct-{number}", "texts": texts, "sdgs": [3, 5, 10],
        "sdg_links": {str(n): sentences(seed + 4 + n, 2) for n in (3, 5, 10)},
        "project_status": "key_phase_concluded",
    }


def accept(ctx: ServiceContext, **kwargs: Any) -> dict[str, Any]:
    payload = accepted_payload(**kwargs)
    feed(ctx, contracts.SUBMISSION_ACCEPTED, payload, kwargs.get("year", 2023), producer="submission")
    return payload


# -- tokens --

def bearer(principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {SIGNER.sign(principal)}"}


def expert_token(account_id: str, organisation: str = "", name: str = "") -> dict[str, str]:
    org = {"name": organisation, "type": "Academia", "country": "CH"} if organisation else {}
    return bearer(Principal(account_id, frozenset({"expert"}), True, org, email=f"{account_id}@experts.org",
                            name=name or account_id.title()))


ADMIN = bearer(Principal("chair-1", frozenset({"admin"}), name="Chair Person"))
STAKEHOLDER = bearer(Principal("voter-1", frozenset({"stakeholder"}), True,
                               {"name": "Somewhere", "type": "Private sector", "country": "FR"}))


def full_scores(value: int = 4, **overrides: int) -> dict[str, int]:
    from review.domain.criteria import SCORED_CRITERIA

    return {name: overrides.get(name, value) for name in SCORED_CRITERIA}


def review_body(value: int = 4, *, complies: bool = True, note: str = "", **overrides: int) -> dict[str, Any]:
    return {"complies": complies, "compliance_note": note, "scores": full_scores(value, **overrides),
            "comment": "Clear results, well documented."}
