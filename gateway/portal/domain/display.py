"""What a shared (edge-cached) vote page may know of its visitor: two small display cookies,
never secrets and never trusted for anything but display.

A category page is the same for every visitor of a language and a *variant*: anonymous, logged
in with a profile complete for voting, or logged in with a profile that lacks something. The
portal keeps the variant in `wsis_voter` so that nginx can key its cache on it; the voter's own
choices ride in `wsis_choices` for the page's script to mark. The confirmation page and the
vote itself still read the session and the voting service: a forged or stale cookie shows a
wrong button at worst, and never casts a vote. No Flask here."""

from __future__ import annotations

from collections.abc import Iterable

# The choices cookie's format is shared with the voting service (it sets it after a form vote).
from wsis_common.vote_cookies import CHOICES_COOKIE as CHOICES_COOKIE
from wsis_common.vote_cookies import decode_choices as decode_choices
from wsis_common.vote_cookies import encode_choices as encode_choices

VOTER_COOKIE = "wsis_voter"
CAN_VOTE, INCOMPLETE, ANONYMOUS = "can_vote", "incomplete", ""
VARIANTS = (CAN_VOTE, INCOMPLETE)


def variant_of(logged_in: bool, missing: Iterable[str]) -> str:
    """The variant of the shared pages this visitor sees."""
    if not logged_in:
        return ANONYMOUS
    return INCOMPLETE if any(True for _ in missing) else CAN_VOTE


def read_variant(cookie: str | None) -> str:
    """The variant a request's cookie names; anything unknown is the anonymous page."""
    return cookie if cookie in VARIANTS else ANONYMOUS
