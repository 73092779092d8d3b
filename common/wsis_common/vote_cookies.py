"""The cookies a vote through the pages rides on, shared by the gateway's portal (which sets
them) and the voting service (which takes the vote form's POST straight from the edge).

- `wsis_vote`: the voter's service token, set by the confirmation page (HttpOnly,
  SameSite=Strict, only on the edition's vote paths). With it, the edge sends the form's POST to
  the voting service itself, which checks it as it checks an API call's bearer token.
- `wsis_choices`: the voter's choices in an edition, for the shared (edge-cached) pages' script
  to mark; display only, never read to decide what anyone may do."""

from __future__ import annotations

import re
from collections.abc import Mapping

VOTE_TOKEN_COOKIE = "wsis_vote"
CHOICES_COOKIE = "wsis_choices"

# Characters a cookie value carries unquoted; category codes and nominee ids use only these.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_MAX_CHOICES = 64  # a ballot has 18 categories: anything longer is not ours


def vote_path(year: int) -> str:
    """Where the vote form posts, and the only path the vote token cookie is sent on."""
    return f"/editions/{year}/vote"


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
