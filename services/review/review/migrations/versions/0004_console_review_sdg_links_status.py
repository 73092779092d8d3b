"""console_review: the SDG boxes and the project's status of each submission, for the
expert's review sheet (submission.accepted now carries them)

Revision ID: cr0004sdglinks
Revises: c0a7f1e20003
Create Date: 2027-02-01 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'cr0004sdglinks'
down_revision: Union[str, Sequence[str], None] = 'c0a7f1e20003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sdg_links", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("project_status", sa.String(length=30), nullable=False,
                                      server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("project_status")
        batch_op.drop_column("sdg_links")
