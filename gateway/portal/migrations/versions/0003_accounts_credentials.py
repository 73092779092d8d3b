"""Accounts: a credentials version that ends every session when it changes (log-out,
password change or reset), and the attempt counters of the log-in and mail limits, kept in
the database so that every gateway process and replica counts the same attempts.

Revision ID: 0003_accounts
Revises: 0003_maillang
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003_accounts"
down_revision: Union[str, Sequence[str], None] = "0003_maillang"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("accounts", sa.Column("credentials_version", sa.Integer(), nullable=False,
                                        server_default="0"))
    op.create_table(
        "attempt_counts",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("attempt_counts")
    op.drop_column("accounts", "credentials_version")
