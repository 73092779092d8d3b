"""What a shared (edge-cached) vote page may know of its visitor: two small display cookies,
never secrets and never trusted for anything but display.

A category page is the same for every visitor of a language and a *variant*: anonymous, logged
in with a profile complete for voting, or logged in with a profile that lacks something. The
portal keeps the variant in `wsis_voter` so that nginx can key its cache on it; the voter's own
choices ride in `wsis_choices` for the page's script to mark. The confirmation page and the
vote itself still read the session and the voting service: a forged or stale cookie shows a
wrong button at worst, and never casts a vote. No Flask here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

VOTER_COOKIE = "wsis_voter"
CHOICES_COOKIE = "wsis_choices"
CAN_VOTE, INCOMPLETE, ANONYMOUS = "can_vote", "incomplete", ""
VARIANTS = (CAN_VOTE, INCOMPLETE)

# Characters a cookie value carries unquoted; category codes and nominee ids use only these.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_MAX_CHOICES = 64  # a ballot has 18 categories: anything longer is not ours


def variant_of(logged_in: bool, missing: Iterable[str]) -> str:
    """The variant of the shared pages this visitor sees."""
    if not logged_in:
        return ANONYMOUS
    return INCOMPLETE if any(True for _ in missing) else CAN_VOTE


def read_variant(cookie: str | None) -> str:
    """The variant a request's cookie names; anything unknown is the anonymous page."""
    return cookie if cookie in VARIANTS else ANONYMOUS


def encode_choices(year: int, chosen: Mapping[str, str]) -> str:
    """`year~category.nominee~...`: the voter's choices in one edition (category -> nominee)."""
    pairs = [f"{category}.{nominee}" for category, nominee in sorted(chosen.items())
             if _TOKEN.match(category) and _TOKEN.match(nominee)]
    return "~".join([str(year), *pairs[:_MAX_CHOICES]])


def decode_choices(cookie: str | None, year: int) -> dict[str, str]:
    """The choices a cookie holds for `year`; {} for another edition or a malformed value."""
    parts = (cookie or "").split("~")
    if parts[0] != str(year):
        return {}
    chosen = {}
    for pair in parts[1:_MAX_CHOICES + 1]:
        category, _, nominee = pair.partition(".")
        if _TOKEN.match(category) and _TOKEN.match(nominee):
            chosen[category] = nominee
    return chosen
