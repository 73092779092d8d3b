"""Who may submit: only an account whose e-mail address is confirmed. The verification mail
says an account is never activated without the confirmation, so an unconfirmed one must not
enter the contest. Drafts are another matter: a stakeholder may prepare a submission while
the mail is on its way, and submit it once the address is confirmed."""

from __future__ import annotations

from dataclasses import dataclass

from wsis_common.auth import Principal

EMAIL_NOT_VERIFIED = "email_not_verified"  # the problem's `code`, which the pages key on


@dataclass(frozen=True)
class Refusal:
    code: str
    title: str
    detail: str


UNVERIFIED = Refusal(
    EMAIL_NOT_VERIFIED,
    "E-mail address not confirmed",
    "Confirm your e-mail address before you submit: open the link in the mail we sent you, "
    "or ask for a new one on your profile page.",
)


def submit_refusal(principal: Principal, *, owner_id: str) -> Refusal | None:
    """Why `principal` may not submit the project of account `owner_id`, or None.

    An admin acting on someone else's submission is not the one entering the contest: their
    own address is not asked for (as before this rule)."""
    if principal.account_id != owner_id and principal.has("admin"):
        return None
    return None if principal.email_verified else UNVERIFIED
