"""edition changes: the reason given for moving dates that have passed

Revision ID: past_phases_0010
Revises: 0009_revoke
Create Date: 2027-01-10 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'past_phases_0010'
down_revision: Union[str, Sequence[str], None] = '0009_revoke'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('edition_changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('edition_changes', schema=None) as batch_op:
        batch_op.drop_column('reason')
