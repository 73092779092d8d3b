"""The submission service's tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
revocations = TokenRevocations(Base.metadata)


class Edition(Base):
    __tablename__ = "editions"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    phases: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    form: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class EditionChange(Base):
    """The audit trail of editions: who changed what, when, from what to what."""

    __tablename__ = "edition_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(ForeignKey("editions.year"), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(100), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)  # created | updated
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # Why dates that had passed (or would have) were moved: required for those (past_dates.py).
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(ForeignKey("editions.year"), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)  # draft | accepted | withdrawn
    submitter_account_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    submitter_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    submitter_email: Mapped[str] = mapped_column(String(320), nullable=False, default="")
    category: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(String(300))
    entity: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    entity_key: Mapped[str | None] = mapped_column(String(400))
    coordinator: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    project_status: Mapped[str | None] = mapped_column(String(30))
    sdgs: Mapped[list[int]] = mapped_column(JSON, nullable=False, default=list)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    nominated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # Rule 4: one project per entity per category, enforced by the database itself.
        Index(
            "uq_accepted_entity_category",
            "year", "entity_key", "category",
            unique=True,
            postgresql_where=text("status = 'accepted'"),
            sqlite_where=text("status = 'accepted'"),
        ),
        Index("ix_submissions_year_status", "year", "status"),
    )


class Photo(Base):
    __tablename__ = "photos"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"),
                                               primary_key=True)
    content_type: Mapped[str] = mapped_column(String(50), nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)


class Fingerprint(Base):
    """The MinHash signature of an accepted submission's text, or of a past winner's."""

    __tablename__ = "fingerprints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # scope: "edition:<year>" for this year's submissions, "winners" for past winners
    scope: Mapped[str] = mapped_column(String(20), nullable=False)
    submission_id: Mapped[str | None] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    label: Mapped[str] = mapped_column(Text, nullable=False)  # what a refusal names: title, category, entity
    signature: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    # The anchor keys (domain/anchors.py) as little-endian int64s; empty for past winners.
    anchors: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, default=b"",
                                         server_default=text("''"))


class FingerprintBand(Base):
    """LSH bands: a candidate near-duplicate shares at least one (scope, band, hash)."""

    __tablename__ = "fingerprint_bands"

    fingerprint_id: Mapped[int] = mapped_column(ForeignKey("fingerprints.id", ondelete="CASCADE"),
                                                primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), nullable=False)
    hash: Mapped[int] = mapped_column(BigInteger, nullable=False)

    # The band key leads: it is what narrows the look-up, whatever the planner's statistics say.
    __table_args__ = (Index("ix_bands_lookup", "hash", "scope"),)


class FingerprintAnchor(Base):
    """Inverted index of anchors: a candidate paraphrase shares at least one (scope, hash)."""

    __tablename__ = "fingerprint_anchors"

    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    fingerprint_id: Mapped[int] = mapped_column(ForeignKey("fingerprints.id", ondelete="CASCADE"),
                                                primary_key=True, index=True)


class PastWinner(Base):
    """Winners of earlier editions (from winners.announced, or imported by an admin)."""

    __tablename__ = "past_winners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    category: Mapped[str] = mapped_column(String(10), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    title_key: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    entity_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(20), nullable=False)  # event | import
    submission_id: Mapped[str | None] = mapped_column(String(36), unique=True)
