"""The review service's tables: its copy of the accepted submissions, the experts and their
assignments, the reviews, the chair's decisions per category, the finalists, the winners, the
publications made by the worker, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wsis_common.editions import EditionCopies
from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
revocations = TokenRevocations(Base.metadata)
editions = EditionCopies(Base.metadata)


class Submission(Base):
    """An accepted submission as `submission.accepted` described it (withdrawn ones stay, marked)."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    category: Mapped[str] = mapped_column(String(10), nullable=False)
    category_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    short_description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    texts: Mapped[list[dict[str, str]]] = mapped_column(JSON, nullable=False, default=list)
    sdgs: Mapped[list[int]] = mapped_column(JSON, nullable=False, default=list)
    # What the expert judges "relevance to the SDGs" and "impact" on: each claimed SDG's box
    # (SDG number as text -> the stakeholder's words) and the project's status.
    sdg_links: Mapped[dict[str, str]] = mapped_column(JSON, nullable=False, default=dict)
    project_status: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    entity: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    organisation_key: Mapped[str] = mapped_column(Text, nullable=False)
    withdrawn: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (Index("ix_submissions_year_category", "year", "category"),)


class Expert(Base):
    """A member of the expert group. The organisation is what the WSIS team recorded and, once
    the expert has used the API, what their token says: a conflict with either counts."""

    __tablename__ = "experts"

    account_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(320), nullable=False, default="")
    organisation: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    organisation_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    token_organisation_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Assignment(Base):
    """An expert assigned to a whole category, or to one submission."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    expert_id: Mapped[str] = mapped_column(ForeignKey("experts.account_id"), nullable=False)
    category: Mapped[str | None] = mapped_column(String(10))
    submission_id: Mapped[str | None] = mapped_column(ForeignKey("submissions.id"))
    # "category:C4" or "submission:<id>": one row per expert and scope
    scope: Mapped[str] = mapped_column(String(60), nullable=False)
    assigned_by: Mapped[str] = mapped_column(String(64), nullable=False)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (UniqueConstraint("year", "expert_id", "scope", name="uq_assignment_scope"),)


class Review(Base):
    """One expert's review of one submission; replaced whole until the chair closes the category."""

    __tablename__ = "reviews"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    expert_id: Mapped[str] = mapped_column(ForeignKey("experts.account_id"), primary_key=True)
    complies: Mapped[bool] = mapped_column(Boolean, nullable=False)
    compliance_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    scores: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False)
    scale_min: Mapped[int] = mapped_column(Integer, nullable=False)
    scale_max: Mapped[int] = mapped_column(Integer, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class CategoryDecision(Base):
    """The chair's decisions on one category of one edition."""

    __tablename__ = "category_decisions"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(10), primary_key=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(64))
    nominees_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    nominees_confirmed_by: Mapped[str | None] = mapped_column(String(64))


class Nominee(Base):
    __tablename__ = "nominees"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(10), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    score: Mapped[float | None] = mapped_column()  # the aggregate when the chair confirmed


class Finalist(Base):
    """A finalist as `voting.closed` brought it."""

    __tablename__ = "finalists"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(10), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    votes: Mapped[int] = mapped_column(Integer, nullable=False)
    rank: Mapped[int] = mapped_column(Integer, nullable=False)


class Analysis(Base):
    """An expert's in-depth analysis of a finalist (phase 4)."""

    __tablename__ = "analyses"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    expert_id: Mapped[str] = mapped_column(ForeignKey("experts.account_id"), primary_key=True)
    scores: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Winner(Base):
    """CONFIDENTIAL until the ceremony: the chair's pick, one per category."""

    __tablename__ = "winners"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(10), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), nullable=False)
    chosen_by: Mapped[str] = mapped_column(String(64), nullable=False)
    chosen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Publication(Base):
    """What the worker published for an edition ("nominees", "winners"): the row is inserted in
    the same transaction as the outbox events, so a second run finds it and does nothing."""

    __tablename__ = "publications"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class AuditEntry(Base):
    """Every action of the chair and the WSIS team: who, when, what changed."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)  # None: not of one edition (the roster)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(50), nullable=False)
    subject: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
