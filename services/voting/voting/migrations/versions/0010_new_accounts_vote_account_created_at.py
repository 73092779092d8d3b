"""votes: when the voter's account was created (the report's "new accounts" evidence)

Revision ID: new_accounts_0010
Revises: 0009_revoke
Create Date: 2026-12-10 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'new_accounts_0010'
down_revision: Union[str, Sequence[str], None] = '0009_revoke'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Nullable, without a default: PostgreSQL adds it without rewriting the table, and the votes
    # cast before (or with a token that does not say) have an unknown account age.
    op.add_column('votes', sa.Column('account_created_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('votes', 'account_created_at')
