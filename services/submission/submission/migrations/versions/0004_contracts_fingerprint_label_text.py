"""contracts: a fingerprint's label (title, category, entity name) as text: the title and
the name may each be as long as their contracts allow (wsis_common.limits)

Revision ID: c0a7f1e20004
Revises: 5b7e2d41c9a0
Create Date: 2027-01-10 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'c0a7f1e20004'
down_revision: Union[str, Sequence[str], None] = '5b7e2d41c9a0'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.alter_column('label', existing_type=sa.String(length=300), type_=sa.Text(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.alter_column('label', existing_type=sa.Text(), type_=sa.String(length=300),
                              existing_nullable=False)
