"""contracts: a mail's subject as text: it names the project, whose title may be as long as
its contract allows (wsis_common.limits), plus the edition's words around it

Revision ID: c0a7f1e20104
Revises: a841777189d6
Create Date: 2027-01-10 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'c0a7f1e20104'
down_revision: Union[str, Sequence[str], None] = 'a841777189d6'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('mails', schema=None) as batch_op:
        batch_op.alter_column('subject', existing_type=sa.String(length=300), type_=sa.Text(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('mails', schema=None) as batch_op:
        batch_op.alter_column('subject', existing_type=sa.Text(), type_=sa.String(length=300),
                              existing_nullable=False)
