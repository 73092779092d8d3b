"""the language each address chose for its mails

Revision ID: 0004_maillang
Revises: c0a7f1e20104
Create Date: 2026-11-27 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004_maillang'
down_revision: Union[str, Sequence[str], None] = 'c0a7f1e20104'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('recipient_languages',
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('account_id', sa.String(length=36), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('email')
    )
    with op.batch_alter_table('recipient_languages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recipient_languages_account_id'), ['account_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recipient_languages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recipient_languages_account_id'))
    op.drop_table('recipient_languages')
