"""Use cases of a voter: cast a vote (the hot path) and see one's own choices.

Casting reads nothing from the database (the ballot is cached per process) and writes one
row, batched with the other votes of the moment (models.group_commit, models.writer). The
primary key of `votes` refuses a second vote in a category, whichever process or replica the
two requests reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from voting import models
from voting.domain.ballot import PROFILE_INCOMPLETE, Ballot, ballot_errors
from voting.models.choices import choices_of
from voting.models.group_commit import GroupCommitter, WriterUnavailable
from voting.models.writer import Recorded, Vote, VoteWriter
from voting.service.ballot import BallotCache, no_such_edition
from wsis_common.auth import Principal
from wsis_common.clock import clock
from wsis_common.db import Database
from wsis_common.inflight import InFlightLimiter
from wsis_common.problems import Problem

# What a shed vote is told (a 503 with Retry-After): nothing was recorded, so voting again is safe.
BUSY = "Too many votes are arriving just now; yours was not recorded. Please vote again in a moment."
# What a vote whose batch was not confirmed is told (a 503 with Retry-After): whether it was stored
# is unknown (a timeout, a connection lost after the commit), so voting again is safe, and says
# for whom if it was.
UNCONFIRMED = ("Your vote could not be confirmed just now; please vote again: if it was recorded "
               "meanwhile, the answer says for whom.")


@dataclass
class Voting:
    """What the web process keeps for the hot path: the ballot cache, the batch writer, and the
    bound on votes in flight beyond which a vote is shed at once (before Flask: create_app)."""

    db: Database
    ballots: BallotCache
    writer: GroupCommitter[Vote, Recorded]
    admission: InFlightLimiter

    @classmethod
    def build(cls, db: Database, *, cache_seconds: float, writers: int, max_batch: int,
              idle_wait: float, max_in_flight: int = 0, write_timeout: float = 10.0) -> Voting:
        writer = GroupCommitter(lambda: VoteWriter(db), writers=writers, max_batch=max_batch,
                                idle_wait=idle_wait, timeout=write_timeout)
        admission = InFlightLimiter(max_in_flight, service="voting", endpoint="vote", detail=BUSY)
        return cls(db, BallotCache(cache_seconds), writer, admission)

    def ballot(self, year: int) -> Ballot:
        """The edition's ballot, from this process's cache; a 404 problem when there is none."""
        ballot = self.ballots.get(self.db.sessions, year)
        if ballot is None:
            raise no_such_edition(year)
        return ballot


def vote(voting: Voting, year: int, *, voter: Callable[[], Principal],
         choice: Callable[[], tuple[str, str]], address: str | None) -> dict[str, Any]:
    """A vote as a request brings it, through the API or the page form alike, once admitted
    (a vote beyond `voting.admission`'s bound was refused before Flask: wsis_common.inflight,
    voting.api.admission_routes). Who votes (`voter`: the route's token check) and for whom
    (`choice`: the route's reading of its body, as (category, nominee)), then the vote cast; a
    batch not confirmed is a 503 problem. The chosen entry, in ChoiceSchema's shape."""
    principal = voter()
    category, nominee = choice()
    try:
        return cast_vote(voting, principal, year, category, nominee, address=address)
    except (WriterUnavailable, TimeoutError) as exc:
        raise Problem(503, UNCONFIRMED, retry_after=voting.admission.retry_after) from exc


def cast_vote(voting: Voting, principal: Principal, year: int, category: str, nominee: str,
              *, address: str | None) -> dict[str, Any]:
    ballot = voting.ballot(year)
    now = clock.now()
    refusal = ballot.window.refusal(now)
    if refusal:
        raise Problem(403, refusal, title="The vote is not open")
    if not principal.profile_complete:
        raise Problem(403, PROFILE_INCOMPLETE, title="Profile incomplete")
    errors = ballot_errors(ballot.categories, category, nominee)
    if errors:
        raise Problem(422, "This is not a choice on the ballot: see `errors`.",
                      title="Not a nominee", errors=errors)
    org = principal.organisation
    recorded = voting.writer.submit(Vote(
        edition=year, voter=principal.account_id, category=category, nominee=nominee,
        cast_at=now, org_name=_fit(org.get("name"), "org_name"), org_type=_fit(org.get("type"), "org_type"),
        org_country=_fit(org.get("country"), "org_country"),
        email_domain=_fit(_email_domain(principal), "email_domain"), address=address,
        account_created_at=principal.created_at))
    entry = ballot.entry(category, recorded.nominee)
    choice = {"category": category, "nominee": recorded.nominee,
              "title": entry.title if entry else None, "cast_at": _iso(recorded.cast_at)}
    if not recorded.created:
        raise Problem(409, f"You have already voted in category {category}, for "
                           f"{choice['title'] or recorded.nominee!r} ({recorded.nominee}); "
                           "a vote cannot be changed.", title="Already voted", chosen=choice)
    return choice


def _iso(instant: datetime) -> str:
    # SQLite hands timestamps back naive; they were written in UTC.
    return (instant if instant.tzinfo else instant.replace(tzinfo=UTC)).isoformat()


# What a vote keeps of where it came from is a record, not an identity: it is cut to its
# column rather than allowed to fail the whole batch it is written with.
_LENGTHS = {name: models.votes.c[name].type.length
            for name in ("org_name", "org_type", "org_country", "email_domain")}


def _fit(value: object, column: str) -> str | None:
    if not value:
        return None
    return str(value).replace("\x00", "")[: _LENGTHS[column]] or None


def _email_domain(principal: Principal) -> str | None:
    email = principal.email or ""
    return email.rpartition("@")[2].lower() or None


def my_votes(voting: Voting, principal: Principal, year: int) -> dict[str, Any]:
    ballot = voting.ballot(year)
    with voting.db.sessions() as session:
        rows = choices_of(session, year, principal.account_id)
    choices = []
    for row in rows:
        entry = ballot.entry(row.category, row.nominee)
        choices.append({"category": row.category, "nominee": row.nominee,
                        "title": entry.title if entry else None, "cast_at": _iso(row.cast_at)})
    return {"year": year, "votes": choices,
            "categories_left": [c for c in ballot.categories if c not in {r.category for r in rows}]}
