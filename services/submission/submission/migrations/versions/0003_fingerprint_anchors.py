"""fingerprint anchors: the second duplicate signal (names, places, figures) and its index

Revision ID: 5b7e2d41c9a0
Revises: 9356c76a2bcd
Create Date: 2026-12-01 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '5b7e2d41c9a0'
down_revision: Union[str, Sequence[str], None] = '9356c76a2bcd'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Fingerprints stored before have no anchors: they stay comparable by their wording only.
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anchors', sa.LargeBinary(), nullable=False,
                                      server_default=sa.text("''")))
    op.create_table('fingerprint_anchors',
    sa.Column('hash', sa.BigInteger(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('fingerprint_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['fingerprint_id'], ['fingerprints.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hash', 'scope', 'fingerprint_id')
    )
    with op.batch_alter_table('fingerprint_anchors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fingerprint_anchors_fingerprint_id'), ['fingerprint_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fingerprint_anchors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fingerprint_anchors_fingerprint_id'))
    op.drop_table('fingerprint_anchors')
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.drop_column('anchors')
