"""The WSIS team's report of suspicious voting: bursts of votes for one nominee, within a short
window, that share a client address, an e-mail domain, an organisation or a country; and the
votes from new accounts (created shortly before they voted) per nominee, with the nominees whose
share of them is far above the rest of their category's flagged (domain.suspicious.NewAccountRule).

The address is the one nginx saw (the last X-Forwarded-For hop it appended); the other traits
come from the voter's signed token. A burst is a lead for the team, not a verdict: a country
voting for its own project is normal, so each trait gets the threshold the caller sets."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from voting.domain.ballot import Ballot
from voting.domain.suspicious import Burst, NewAccountCategory, NewAccountRule, bursts, new_account_counts
from voting.models.suspicious import account_ages, sharing
from voting.service.ballot import ballot_of
from wsis_common.context import ServiceContext


def report(ctx: ServiceContext, year: int, *, window: timedelta, threshold: int,
           traits: list[str], since: datetime | None = None,
           new_accounts: NewAccountRule | None = None) -> dict[str, Any]:
    rule = new_accounts or NewAccountRule()
    found: list[Burst] = []
    with ctx.db.sessions() as session:
        ballot = ballot_of(session, year)
        newcomers = new_account_counts(account_ages(session, year, since), rule)
        for trait in traits:
            found += bursts(sharing(session, year, trait, since), trait=trait,
                            window=window, threshold=threshold)
    found.sort(key=lambda b: (-b.votes, b.first))
    return {
        "year": year,
        "window_seconds": int(window.total_seconds()),
        "threshold": threshold,
        "traits": traits,
        "bursts": [{
            "category": b.category, "nominee": b.nominee,
            "title": (entry.title if (entry := ballot.entry(b.category, b.nominee)) else None),
            "trait": b.trait, "value": b.value, "votes": b.votes,
            "first": b.first.isoformat(), "last": b.last.isoformat(),
        } for b in found],
        "new_accounts": _new_accounts(newcomers, rule, ballot),
    }


def _new_accounts(categories: list[NewAccountCategory], rule: NewAccountRule,
                  ballot: Ballot) -> dict[str, Any]:
    return {
        "window_hours": rule.window // timedelta(hours=1),
        "ratio": rule.ratio,
        "least_votes": rule.least_votes,
        "categories": [{
            "category": c.category, "votes": c.votes, "known": c.known, "new": c.new,
            "share": _rounded(c.share),
            "nominees": [{
                "nominee": n.nominee,
                "title": (entry.title if (entry := ballot.entry(c.category, n.nominee)) else None),
                "votes": n.votes, "known": n.known, "new": n.new,
                "share": _rounded(n.share), "rest_share": _rounded(n.rest_share), "flagged": n.flagged,
            } for n in c.nominees],
        } for c in categories],
    }


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)
