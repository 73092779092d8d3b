"""Use cases of accounts: register, verify the e-mail, log in, the profile, passwords, roles,
tokens.

Each commits once; registration publishes `stakeholder.registered` (the verification mail)
through the outbox in the same transaction. Nothing a stranger can ask tells whether an
account exists: registering an address that has an account answers as a new registration
does and mails the owner instead; asking for a reset link answers the same for any name."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import cache, wraps
from typing import Any, TypeVar

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import cast, func, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.config import PortalSettings
from portal.domain.accounts import (
    Profile,
    is_email,
    organisation_errors,
    registration_errors,
    user_name_problems,
)
from portal.models import Account
from portal.service import limits, visitors
from portal.service.passwords import hash_password, verify_password
from wsis_common import contracts
from wsis_common.auth import ROLES, Principal, TokenSigner
from wsis_common.clock import as_utc, clock
from wsis_common.context import ServiceContext
from wsis_common.languages import LANGUAGES, known
from wsis_common.messaging import publish
from wsis_common.problems import Problem

PRODUCER = "gateway"
VERIFY_MAX_AGE = 7 * 24 * 3600
WRONG_LOGIN = "Wrong user name, e-mail or password."
NAME_TAKEN = "This user name is taken; choose another."
F = TypeVar("F", bound=Callable[..., Any])
LANGUAGE_ERROR = f"Choose one of: {', '.join(LANGUAGES)}."


@cache
def settings() -> PortalSettings:
    return PortalSettings.from_env()


def _serializer(salt: str = "verify-email") -> URLSafeTimedSerializer:
    if not settings().secret_key:
        raise Problem(503, "The gateway has no SECRET_KEY configured.")
    return URLSafeTimedSerializer(settings().secret_key, salt=salt)


@cache
def _signer() -> TokenSigner:
    s = settings()
    if not s.token_private_key:
        raise Problem(503, "The gateway has no token signing key configured.")
    return TokenSigner(s.token_private_key, issuer="wsis-gateway", audience="wsis-services",
                       lifetime=s.token_lifetime)


def _changes_account(use_case: F) -> F:
    """A use case that returns the account it changed: this process's pages see it at once."""
    @wraps(use_case)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        document = use_case(*args, **kwargs)
        visitors.forget(document["id"])
        return document

    return wrapped  # type: ignore[return-value]


def _profile(account: Account) -> Profile:
    return Profile(account.user_name, account.email, account.email_verified_at is not None,
                   account.organisation_name, account.organisation_type, account.country)


def account_document(account: Account) -> dict[str, Any]:
    return {
        "id": account.id, "user_name": account.user_name, "email": account.email,
        "email_verified": account.email_verified_at is not None,
        "organisation": {"name": account.organisation_name, "type": account.organisation_type,
                         "country": account.country},
        "roles": sorted(account.roles), "profile_complete": _profile(account).complete,
        "language": known(account.language),
        "created_at": account.created_at.isoformat(),
        # Not in the API's schema: the pages compare it with their session's (pages/auth.py).
        "credentials_version": account.credentials_version,
    }


def principal_of(account: Account) -> Principal:
    return Principal(account.id, frozenset(account.roles), _profile(account).complete,
                     {"name": account.organisation_name, "type": account.organisation_type,
                      "country": account.country},
                     email=account.email, name=account.user_name,
                     email_verified=account.email_verified_at is not None,
                     created_at=as_utc(account.created_at))


def _get(session: Session, account_id: str) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise Problem(404, "There is no such account.")
    return account


def _by_identifier(session: Session, identifier: str) -> Account | None:
    """An identifier with an '@' names the e-mail's owner and nobody else; one without, a user name."""
    key = identifier.strip().lower()
    if is_email(key):
        return session.scalars(select(Account).where(func.lower(Account.email) == key)).first()
    return session.scalars(select(Account).where(Account.user_name_key == key)).first()


def _name_taken(session: Session, user_name: str) -> bool:
    """Taken when any account has it as its user name or, case aside, as its e-mail."""
    key = user_name.lower()
    return session.scalar(select(Account.id).where(
        or_(Account.user_name_key == key, func.lower(Account.email) == key)).limit(1)) is not None


# -- use cases --

def register(ctx: ServiceContext, *, user_name: str, email: str, password: str, organisation_name: str,
             organisation_type: str, country: str, roles: tuple[str, ...] = ("stakeholder",),
             verified: bool = False, language: str | None = None) -> dict[str, Any]:
    data = {"user_name": user_name.strip(), "email": email.strip().lower(), "password": password,
            "organisation_name": organisation_name.strip(), "organisation_type": organisation_type,
            "country": country.strip().upper()}
    errors = registration_errors(data)
    if language is not None and language not in LANGUAGES:
        errors["language"] = [LANGUAGE_ERROR]
    with ctx.db.transaction() as session:
        if _name_taken(session, data["user_name"]):
            errors.setdefault("user_name", []).append(NAME_TAKEN)
        if errors:
            raise Problem(422, "The registration is not valid: see `errors`.", title="Invalid registration",
                          errors=errors)
        password_hash = hash_password(password)  # either way: the time does not tell
        owner = session.scalars(select(Account).where(Account.email == data["email"])).first()
        now = clock.now()
        account = Account(id=str(uuid.uuid4()), user_name=data["user_name"],
                          user_name_key=data["user_name"].lower(), email=data["email"],
                          password_hash=password_hash, organisation_name=data["organisation_name"],
                          organisation_type=organisation_type, country=data["country"], roles=list(roles),
                          language=language,
                          email_verified_at=now if verified else None, created_at=now, updated_at=now,
                          credentials_version=0)
        if owner is not None:
            if verified:  # an operator's command, not a stranger: say it
                raise Problem(409, "An account with this e-mail exists.")
            _tell_owner(session, ctx, owner)
            return account_document(account)  # as a new one would read; never stored
        session.add(account)
        try:
            session.flush()
        except IntegrityError as exc:  # a racing registration took the name or e-mail
            raise Problem(409, "This user name or e-mail was just taken; choose another.") from exc
        if not verified:
            _send_verification(session, ctx, account)
        return account_document(account)


def _tell_owner(session: Session, ctx: ServiceContext, owner: Account) -> None:
    """Someone registered with the owner's address: mail them (a few times an hour at most)."""
    if not _mail_allowed(session, owner.id):
        return
    payload: contracts.AccountRegistrationAttempted = {
        "account_id": owner.id, "email": owner.email, "user_name": owner.user_name,
        "login_url": f"{settings().base_url}/login",
        "reset_url": f"{settings().base_url}/password-reset",
        "language": known(owner.language),
    }
    publish(session, ctx.tables, type=contracts.ACCOUNT_REGISTRATION_ATTEMPTED, producer=PRODUCER,
            payload=dict(payload))


def _mail_allowed(session: Session, account_id: str) -> bool:
    """Mails a stranger can make us send to an account: limited, so they are no mail bomb."""
    return limits.hit(session, f"mail:{account_id}", _limits().mails_per_account).allowed


def _limits() -> limits.AccountLimits:
    return limits.account_limits(settings())


def _send_verification(session: Session, ctx: ServiceContext, account: Account) -> None:
    token = _serializer().dumps({"id": account.id, "email": account.email})
    payload: contracts.StakeholderRegistered = {
        "account_id": account.id, "email": account.email, "user_name": account.user_name,
        "verification_url": f"{settings().base_url}/verify?token={token}",
        "language": known(account.language),
    }
    publish(session, ctx.tables, type=contracts.STAKEHOLDER_REGISTERED, producer=PRODUCER,
            payload=dict(payload))


def resend_verification(ctx: ServiceContext, account_id: str) -> None:
    """A new verification link; 429 past the mail limit (each is a mail to a real inbox)."""
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        if account.email_verified_at is not None:
            return
        counted = limits.hit(session, f"mail:{account.id}", _limits().mails_per_account)
        if counted.allowed:
            _send_verification(session, ctx, account)
    if not counted.allowed:
        minutes = max(1, round(counted.retry_after_seconds() / 60))
        raise Problem(429, f"Too many mails asked for: try again in {minutes} minutes.",
                      title="Too many mails", retry_after=minutes * 60)


@_changes_account
def verify_email(ctx: ServiceContext, token: str) -> dict[str, Any]:
    try:
        data = _serializer().loads(token, max_age=VERIFY_MAX_AGE)
    except SignatureExpired as exc:
        raise Problem(410, "This verification link has expired; ask for a new one.") from exc
    except BadSignature as exc:
        raise Problem(400, "This verification link is not valid.") from exc
    with ctx.db.transaction() as session:
        account = session.get(Account, data["id"])
        if account is None or account.email != data["email"]:
            raise Problem(400, "This verification link is not valid any more.")
        if account.email_verified_at is None:
            account.email_verified_at = account.updated_at = clock.now()
        return account_document(account)


def login(ctx: ServiceContext, *, identifier: str, password: str,
          remote_addr: str) -> tuple[dict[str, Any], str]:
    """The account and a signed access token; 401 or 429 never tell whether an account exists.

    The attempt is counted (per account, whatever names it, and per address) and committed
    before the password is checked, so no more than the limit are ever checked."""
    key = identifier.strip().lower()
    with ctx.db.transaction() as session:  # committed before any password is checked
        account = _by_identifier(session, key)
        account_key = f"login-account:{account.id if account else 'name:' + key}"
        rules = _limits()
        hits = [limits.hit(session, account_key, rules.failed_logins_per_account),
                limits.hit(session, f"login-address:{remote_addr}", rules.failed_logins_per_address)]
    _refuse_over_limit(hits)
    if not verify_password(account.password_hash if account else None, password):
        raise Problem(401, WRONG_LOGIN, title="Log-in failed")
    assert account is not None
    with ctx.db.transaction() as session:
        limits.clear(session, account_key)
        limits.refund(session, f"login-address:{remote_addr}")  # a success is no failed attempt
    return account_document(account), _signer().sign(principal_of(account))


def _refuse_over_limit(hits: list[limits.Hit]) -> None:
    refused = [h for h in hits if not h.allowed]
    if refused:
        minutes = max(1, round(max(h.retry_after_seconds() for h in refused) / 60))
        raise Problem(429, f"Too many failed log-ins: try again in {minutes} minutes.",
                      title="Too many attempts", retry_after=minutes * 60)


def access_token(ctx: ServiceContext, account_id: str) -> str:
    with ctx.db.sessions() as session:
        return _signer().sign(principal_of(_get(session, account_id)))


def get_account(ctx: ServiceContext, account_id: str) -> dict[str, Any]:
    with ctx.db.sessions() as session:
        return account_document(_get(session, account_id))


def visitor(ctx: ServiceContext, account_id: str) -> dict[str, Any]:
    """The account of a page's visitor: read at most every few seconds per process (service/visitors.py)."""
    return visitors.accounts.load(account_id, lambda: get_account(ctx, account_id))


def visitor_token(document: dict[str, Any]) -> str:
    """A service token for the visitor's account as `visitor` read it, signed once and reused
    while less than half its lifetime has passed and the account reads the same."""
    key = visitors.token_key(document)
    half = settings().token_lifetime / 2
    # Reuse is judged by the platform's clock, which the token's expiry follows, not only by
    # the cache's own monotonic time: a clock set forward must not reuse an expired token.
    cached = visitors.tokens.get(key)
    if cached is not None and clock.now() < cached[1] + half:
        return cached[0]
    token = _signer().sign(_principal_of_document(document))
    visitors.tokens.put(key, (token, clock.now()), half.total_seconds())
    return token


def _principal_of_document(document: dict[str, Any]) -> Principal:
    organisation = document.get("organisation") or {}
    return Principal(document["id"], frozenset(document.get("roles", [])),
                     bool(document.get("profile_complete")),
                     {"name": organisation.get("name"), "type": organisation.get("type"),
                      "country": organisation.get("country")},
                     email=document.get("email"), name=document.get("user_name"),
                     email_verified=bool(document.get("email_verified")),
                     created_at=as_utc(datetime.fromisoformat(document["created_at"])))


@_changes_account
def update_profile(ctx: ServiceContext, account_id: str, changes: dict[str, str]) -> dict[str, Any]:
    changes = {k: v.strip() for k, v in changes.items() if v is not None}
    if "country" in changes:
        changes["country"] = changes["country"].upper()
    errors = organisation_errors(changes, required=False)
    if "language" in changes and changes["language"] not in LANGUAGES:
        errors["language"] = [LANGUAGE_ERROR]
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        if "user_name" in changes and changes["user_name"].lower() != account.user_name_key:
            problems = user_name_problems(changes["user_name"])
            if not problems and _name_taken(session, changes["user_name"]):
                problems = [NAME_TAKEN]
            if problems:
                errors["user_name"] = problems
        if errors:
            raise Problem(422, "The profile is not valid: see `errors`.", errors=errors)
        for key in ("organisation_name", "organisation_type", "country"):
            if key in changes:
                setattr(account, key, changes[key])
        if "user_name" in changes:
            account.user_name, account.user_name_key = changes["user_name"], changes["user_name"].lower()
        if "language" in changes and changes["language"] != known(account.language):
            account.language = changes["language"]
            _announce_update(session, ctx, account)
        account.updated_at = clock.now()
        return account_document(account)


def _announce_update(session: Session, ctx: ServiceContext, account: Account) -> None:
    """Notify writes to each address in its language: tell it the new one (same transaction)."""
    payload: contracts.AccountUpdated = {"account_id": account.id, "email": account.email,
                                         "language": known(account.language)}
    publish(session, ctx.tables, type=contracts.ACCOUNT_UPDATED, producer=PRODUCER, payload=dict(payload))


@_changes_account
def grant_role(ctx: ServiceContext, admin_id: str, account_id: str, role: str) -> dict[str, Any]:
    if role not in ROLES:
        raise Problem(422, "Unknown role.", errors={"role": [f"Choose one of: {', '.join(ROLES)}."]})
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        if role not in account.roles:
            account.roles = sorted({*account.roles, role})
            account.updated_at = clock.now()
        return account_document(account)


@_changes_account
def revoke_role(ctx: ServiceContext, admin_id: str, account_id: str, role: str) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        account = _get(session, account_id)
        if role == "admin" and account_id == admin_id:
            raise Problem(409, "An admin cannot remove their own admin role.")
        account.roles = sorted(set(account.roles) - {role})
        account.updated_at = clock.now()
        return account_document(account)


def list_accounts(ctx: ServiceContext, query: str = "") -> list[dict[str, Any]]:
    with ctx.db.sessions() as session:
        statement = select(Account).order_by(Account.user_name_key).limit(200)
        if query:
            like = f"%{query.lower()}%"
            statement = statement.where(or_(Account.user_name_key.like(like), Account.email.like(like),
                                            func.lower(Account.organisation_name).like(like)))
        return [account_document(a) for a in session.scalars(statement)]


def find_accounts(ctx: ServiceContext, *, query: str = "", role: str = "", verified: str = "",
                  limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """The WSIS team's search: part of a user name, e-mail or organisation, a role, whether the
    e-mail is verified; how many match, and one page of them by user name."""
    conditions = []
    if query:
        like = f"%{query.lower()}%"
        conditions.append(or_(Account.user_name_key.like(like), func.lower(Account.email).like(like),
                              func.lower(Account.organisation_name).like(like)))
    if role:
        conditions.append(cast(Account.roles, JSONB).contains([role]))
    if verified:
        conditions.append(Account.email_verified_at.is_not(None) if verified == "yes"
                          else Account.email_verified_at.is_(None))
    with ctx.db.sessions() as session:
        total = session.scalar(select(func.count()).select_from(Account).where(*conditions)) or 0
        rows = session.scalars(select(Account).where(*conditions).order_by(Account.user_name_key)
                               .limit(limit).offset(offset))
        return total, [account_document(a) for a in rows]
