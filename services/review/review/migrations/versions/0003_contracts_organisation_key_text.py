"""contracts: organisation keys as text: it is derived from the entity name,
and a key may be longer than the name it comes from ('ﬃ' folds to 'ffi')

Revision ID: c0a7f1e20003
Revises: b714893a9e3e
Create Date: 2027-01-10 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'c0a7f1e20003'
down_revision: Union[str, Sequence[str], None] = 'b714893a9e3e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


_KEYS = (("submissions", "organisation_key"), ("experts", "organisation_key"),
         ("experts", "token_organisation_key"))


def upgrade() -> None:
    for table, column in _KEYS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.String(length=300), type_=sa.Text(),
                                  existing_nullable=False)


def downgrade() -> None:
    for table, column in _KEYS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=300),
                                  existing_nullable=False)
