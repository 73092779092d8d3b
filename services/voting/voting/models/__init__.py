"""The voting service's tables; its persistence is this package, one module per concern:
ballot (stored from `nominees.published`, read back), writer and group_commit (the votes,
batched), choices (a voter's own), tallies (counts, and the rows that make each publication
happen once), suspicious and timeline (what the WSIS team's reports read). No module there is
named after a table: a submodule would hide the table of the same name on this package.

`votes` is the hot table: one row per vote and nothing else written per vote (no counter row
that every vote would contend on); counts are aggregated from it. Its primary key is the rule
"one vote per stakeholder per category", so the database itself refuses a second vote."""

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase

from wsis_common.editions import EditionCopies
from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
revocations = TokenRevocations(Base.metadata)
editions = EditionCopies(Base.metadata)

# The nominees of each category, as `nominees.published` lists them (position = that order).
ballot_entries = Table(
    "ballot_entries",
    Base.metadata,
    Column("edition", Integer, nullable=False),
    Column("category", String(20), nullable=False),
    Column("nominee", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("short_description", Text, nullable=False),
    # Who carries the project, when the event says (voters search by them); None otherwise.
    Column("organisation", Text),
    Column("country", String(8)),  # ISO 3166-1 alpha-2
    PrimaryKeyConstraint("edition", "category", "nominee", name="pk_ballot_entries"),
)

votes = Table(
    "votes",
    Base.metadata,
    Column("edition", Integer, nullable=False),
    Column("voter", String(64), nullable=False),  # the stakeholder's account id
    Column("category", String(20), nullable=False),
    Column("nominee", String(64), nullable=False),
    Column("cast_at", DateTime(timezone=True), nullable=False),
    # Where the vote came from (rule 8), as the token and the gateway said at the time.
    Column("org_name", String(300)),
    Column("org_type", String(100)),
    Column("org_country", String(8)),
    Column("email_domain", String(255)),
    Column("address", String(64)),  # the client address nginx saw (X-Forwarded-For)
    # When the voter's account was created, from the token; None when the token did not say.
    Column("account_created_at", DateTime(timezone=True)),
    PrimaryKeyConstraint("edition", "voter", "category", name="pk_votes_one_per_category"),
    # Counts per nominee, and when each reached its count (the tie rule), from the index.
    Index("ix_votes_tally", "edition", "category", "nominee", "cast_at"),
)

# One row per published `voting.progress`: its key makes "once per week" a database fact.
progress_weeks = Table(
    "progress_weeks",
    Base.metadata,
    Column("edition", Integer, nullable=False),
    Column("week", Integer, nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("edition", "week", name="pk_progress_weeks"),
)

# One row per published `voting.closed`.
closings = Table(
    "closings",
    Base.metadata,
    Column("edition", Integer, primary_key=True, autoincrement=False),
    Column("closes_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
)
