"""clay webhook secrets per workspace (issue 13)

Revision ID: security_clay_secrets
Revises: t7_jobs
Create Date: 2026-11-30 11:45:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import models  # noqa: F401  (custom column types)


revision: str = 'security_clay_secrets'
down_revision: Union[str, Sequence[str], None] = 't7_jobs'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('clay_webhook_secrets',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('workspace_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('ciphertext', sa.LargeBinary(), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('last4', sa.String(length=4), nullable=False),
    sa.Column('created_at', models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('clay_webhook_secrets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clay_webhook_secrets_workspace_id'), ['workspace_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('clay_webhook_secrets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clay_webhook_secrets_workspace_id'))
    op.drop_table('clay_webhook_secrets')
