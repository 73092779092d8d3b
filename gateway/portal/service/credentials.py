"""Use cases of credentials: a forgotten password reset by a mailed link, a password changed
with the current one, and log-out. Each raises the account's `credentials_version`, which
ends every page session made before it (pages/auth.py compares it on each request, within
the 5 s account cache of visitors.py), and, in the same transaction, publishes
`account.credentials_changed`: every service then refuses the account's API tokens issued
before that second (wsis_common.revocations; README "Accounts, tokens and the edge"). A
log-out publishes it too: it already ends every session of the account ("log out
everywhere"), and a person who fears a token was taken has that button first.

A reset link is signed (SECRET_KEY), expires after PASSWORD_RESET_MINUTES and is bound to a
fingerprint of the password hash it was made for: once a new password is set, the link (and
every other link asked before) no longer matches: single use without a table of used links."""

from __future__ import annotations

import hashlib
from typing import Any

from itsdangerous import BadSignature, SignatureExpired
from sqlalchemy.orm import Session

from portal.domain.passwords import password_problems
from portal.models import Account, revocations
from portal.service import limits, visitors
from portal.service.accounts import (
    PRODUCER,
    _by_identifier,
    _get,
    _limits,
    _mail_allowed,
    _serializer,
    account_document,
    settings,
)
from portal.service.passwords import hash_password, verify_password
from wsis_common import contracts
from wsis_common.clock import clock
from wsis_common.context import ServiceContext
from wsis_common.languages import known
from wsis_common.messaging import publish
from wsis_common.problems import Problem

RESET_SALT = "password-reset"
INVALID_LINK = "This link to choose a new password is not valid any more; ask for a new one."


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:24]


def request_password_reset(ctx: ServiceContext, identifier: str) -> None:
    """Mail a reset link to the account named (user name or e-mail); silent when there is none,
    or when the account has had its few mails this hour (the answer is the same)."""
    with ctx.db.transaction() as session:
        account = _by_identifier(session, identifier)
        if account is None or not _mail_allowed(session, account.id):
            return
        token = _serializer(RESET_SALT).dumps({"id": account.id, "p": _fingerprint(account.password_hash)})
        lifetime = settings().password_reset_lifetime
        payload: contracts.PasswordResetRequested = {
            "account_id": account.id, "email": account.email, "user_name": account.user_name,
            "reset_url": f"{settings().base_url}/password-reset/confirm?token={token}",
            "expires_minutes": int(lifetime.total_seconds() // 60),
            "language": known(account.language),
        }
        publish(session, ctx.tables, type=contracts.PASSWORD_RESET_REQUESTED, producer=PRODUCER,
                payload=dict(payload))


def reset_password(ctx: ServiceContext, token: str, new_password: str) -> dict[str, Any]:
    max_age = int(settings().password_reset_lifetime.total_seconds())
    try:
        data = _serializer(RESET_SALT).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise Problem(410, "This link to choose a new password has expired; ask for a new one.") from exc
    except BadSignature as exc:
        raise Problem(400, INVALID_LINK) from exc
    with ctx.db.transaction() as session:
        account = session.get(Account, data.get("id"))
        if account is None or _fingerprint(account.password_hash) != data.get("p"):
            raise Problem(400, INVALID_LINK)
        _set_password(session, ctx, account, new_password, field="password")
        # The link came from the account's inbox: the address is confirmed.
        account.email_verified_at = account.email_verified_at or clock.now()
        document = account_document(account)
    _forget(ctx, document["id"])
    return document


def change_password(ctx: ServiceContext, account_id: str, current_password: str,
                    new_password: str) -> dict[str, Any]:
    """A new password, given the current one (counted as a log-in attempt of the account)."""
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        counted = limits.hit(session, f"login-account:{account.id}", _limits().failed_logins_per_account)
    if not counted.allowed:
        raise Problem(429, "Too many wrong passwords: try again later.", title="Too many attempts",
                      retry_after=counted.retry_after_seconds())
    if not verify_password(account.password_hash, current_password):
        raise Problem(422, "The password was not changed: see `errors`.",
                      errors={"current_password": ["This is not your current password."]})
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        limits.clear(session, f"login-account:{account.id}")
        _set_password(session, ctx, account, new_password, field="new_password")
        document = account_document(account)
    _forget(ctx, account_id)
    return document


def end_sessions(ctx: ServiceContext, account_id: str) -> None:
    """Log-out: every page session of the account ends, a copied cookie included."""
    with ctx.db.transaction() as session:
        account = session.get(Account, account_id)
        if account is not None:
            _end_credentials(session, ctx, account)
    _forget(ctx, account_id)


def _forget(ctx: ServiceContext, account_id: str) -> None:
    """After the commit: this process's pages and API see the change at once."""
    visitors.forget(account_id)
    if ctx.revocations is not None:
        ctx.revocations.expire()


def _set_password(session: Session, ctx: ServiceContext, account: Account, password: str, *,
                  field: str) -> None:
    problems = password_problems(password, user_name=account.user_name, email=account.email)
    if problems:
        raise Problem(422, "The new password is not valid: see `errors`.", errors={field: problems})
    account.password_hash = hash_password(password)
    _end_credentials(session, ctx, account)
    account.updated_at = clock.now()


def _end_credentials(session: Session, ctx: ServiceContext, account: Account) -> None:
    """Every page session and API token of the account made before now stops working: at the
    gateway's own API at once (its table written here), at every other service once it has
    handled the event."""
    account.credentials_version += 1
    not_before = int(clock.now().timestamp())
    revocations.record(session, account.id, not_before)
    payload: contracts.AccountCredentialsChanged = {"account_id": account.id, "not_before": not_before}
    publish(session, ctx.tables, type=contracts.ACCOUNT_CREDENTIALS_CHANGED, producer=PRODUCER,
            payload=dict(payload))
