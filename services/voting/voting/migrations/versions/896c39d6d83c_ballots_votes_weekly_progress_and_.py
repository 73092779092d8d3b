"""ballots, votes, weekly progress and closings

Revision ID: 896c39d6d83c
Revises: cd3129be73ca
Create Date: 2026-11-26 14:23:19.371735

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '896c39d6d83c'
down_revision: Union[str, Sequence[str], None] = 'cd3129be73ca'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # The vote's rule "one per stakeholder per category" is the primary key of `votes`.
    op.create_table('ballot_entries',
    sa.Column('edition', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('nominee', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('short_description', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('edition', 'category', 'nominee', name='pk_ballot_entries')
    )
    op.create_table('closings',
    sa.Column('edition', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('edition')
    )
    op.create_table('progress_weeks',
    sa.Column('edition', sa.Integer(), nullable=False),
    sa.Column('week', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('edition', 'week', name='pk_progress_weeks')
    )
    op.create_table('votes',
    sa.Column('edition', sa.Integer(), nullable=False),
    sa.Column('voter', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('nominee', sa.String(length=64), nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('org_name', sa.String(length=300), nullable=True),
    sa.Column('org_type', sa.String(length=100), nullable=True),
    sa.Column('org_country', sa.String(length=8), nullable=True),
    sa.Column('email_domain', sa.String(length=255), nullable=True),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('edition', 'voter', 'category', name='pk_votes_one_per_category')
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index('ix_votes_tally', ['edition', 'category', 'nominee', 'cast_at'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index('ix_votes_tally')

    op.drop_table('votes')
    op.drop_table('progress_weeks')
    op.drop_table('closings')
    op.drop_table('ballot_entries')
