"""the newest password change per account: tokens issued before it are refused

Revision ID: 0009_revoke
Revises: cr0004sdglinks
Create Date: 2026-12-01 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0009_revoke'
down_revision: Union[str, Sequence[str], None] = 'cr0004sdglinks'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('token_revocations',
    sa.Column('account_id', sa.String(length=64), nullable=False),
    sa.Column('not_before', sa.BigInteger(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('account_id')
    )
    with op.batch_alter_table('token_revocations', schema=None) as batch_op:
        batch_op.create_index('ix_token_revocations_not_before', ['not_before'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('token_revocations', schema=None) as batch_op:
        batch_op.drop_index('ix_token_revocations_not_before')
    op.drop_table('token_revocations')
