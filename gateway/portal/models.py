"""The gateway app's tables: accounts with their roles, attempt counters, its copy of the
editions, outbox, inbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wsis_common.editions import EditionCopies
from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
revocations = TokenRevocations(Base.metadata)
editions = EditionCopies(Base.metadata)


class AttemptCount(Base):
    """A fixed-window counter of attempts (log-ins, mails asked for) per key; one atomic
    upsert per attempt, shared by every process and replica (service/limits.py)."""

    __tablename__ = "attempt_counts"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(60), nullable=False)
    # Lower-cased copies: unique regardless of how a person capitalises them.
    user_name_key: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    email: Mapped[str] = mapped_column(String(320), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    organisation_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    organisation_type: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="")
    # The language of the mails the person gets (one of wsis_common.languages); NULL: English.
    language: Mapped[str | None] = mapped_column(String(5))
    roles: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    # Raised by a log-out, a password change or reset: every session and reset link made
    # under an older version stops working (pages/auth.py, service/accounts.py).
    credentials_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
