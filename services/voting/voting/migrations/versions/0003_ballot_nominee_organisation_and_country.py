"""ballot entries: the nominee's organisation and country (voters search the ballot by them)

Revision ID: 0003_ballot
Revises: 896c39d6d83c
Create Date: 2026-12-01 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003_ballot'
down_revision: Union[str, Sequence[str], None] = '896c39d6d83c'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Nullable: ballots stored before hold no organisation (the next publication fills it).
    op.add_column('ballot_entries', sa.Column('organisation', sa.Text(), nullable=True))
    op.add_column('ballot_entries', sa.Column('country', sa.String(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column('ballot_entries', 'country')
    op.drop_column('ballot_entries', 'organisation')
