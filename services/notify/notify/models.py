"""The notify service's tables: who to write to, every mail it writes, last weeks' figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wsis_common.editions import EditionCopies
from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
revocations = TokenRevocations(Base.metadata)
editions = EditionCopies(Base.metadata)

PENDING, SENT, FAILED = "pending", "sent", "failed"


class Contact(Base):
    """The people of one accepted submission, from `submission.accepted`: later events
    (review outcome, progress, finalists, winner) name only the submission."""

    __tablename__ = "submission_contacts"

    submission_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    edition: Mapped[int | None] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(20))
    category_name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(500))
    entity_name: Mapped[str] = mapped_column(String(300))
    coordinator_name: Mapped[str] = mapped_column(String(200))
    coordinator_email: Mapped[str] = mapped_column(String(320))
    submitter_name: Mapped[str] = mapped_column(String(200))
    submitter_email: Mapped[str] = mapped_column(String(320))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RecipientLanguage(Base):
    """The language each address chose for its mails, from `stakeholder.registered` and
    `account.updated` (the gateway's accounts): an address with no row gets English."""

    __tablename__ = "recipient_languages"

    email: Mapped[str] = mapped_column(String(320), primary_key=True)  # lower-cased
    account_id: Mapped[str | None] = mapped_column(String(36), index=True)
    language: Mapped[str] = mapped_column(String(5))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Mail(Base):
    """One outgoing mail, written in the transaction of the event that caused it and sent
    later by the sender loop. Its Message-ID stays the same on every attempt."""

    __tablename__ = "mails"
    __table_args__ = (
        Index("ix_mails_due", "next_attempt_at",
              postgresql_where=text("status = 'pending'"), sqlite_where=text("status = 'pending'")),
        Index("ix_mails_edition_created", "edition", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    edition: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[str | None] = mapped_column(String(36))
    submission_id: Mapped[str | None] = mapped_column(String(64))
    to_email: Mapped[str] = mapped_column(String(320))
    to_name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)  # names the title: as long as its contract allows
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resend_of: Mapped[str | None] = mapped_column(String(36))


class ProgressFigure(Base):
    """A nominee's standing at the end of one voting week: next week's mail shows the change."""

    __tablename__ = "progress_figures"

    edition: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    submission_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    week: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(20))
    votes: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Unsubscribe(Base):
    """A coordinator's address that asked for no more progress mails in an edition."""

    __tablename__ = "progress_unsubscribes"

    edition: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    email: Mapped[str] = mapped_column(String(320), primary_key=True)  # lower-cased
    unsubscribed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LinkKey(Base):
    """The key that signs unsubscribe links when MAIL_LINK_SECRET is not set: made once,
    shared by the web and worker processes through the database."""

    __tablename__ = "link_keys"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    secret: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
