"""message batches: llm_batches and llm_batch_results

Revision ID: claude_message_batches
Revises: claude_llm_usage_ws
Create Date: 2026-11-30 14:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import models  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision: str = 'claude_message_batches'
down_revision: Union[str, Sequence[str], None] = 'claude_llm_usage_ws'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('llm_batches',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('job_id', sa.Uuid(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('batch_id', sa.String(length=100), nullable=True),
    sa.Column('requests', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('created_at', models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('job_id', 'round', name='uq_llm_batch_round')
    )
    with op.batch_alter_table('llm_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_llm_batches_job_id'), ['job_id'], unique=False)

    op.create_table('llm_batch_results',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('job_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('batch_row_id', sa.Uuid(), nullable=False),
    sa.Column('custom_id', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=60), nullable=False),
    sa.Column('result_type', sa.String(length=16), nullable=False),
    sa.Column('message', sa.JSON(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=True),
    sa.Column('created_at', models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_row_id'], ['llm_batches.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['job_items.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('job_id', 'custom_id', name='uq_llm_batch_result_custom_id')
    )
    with op.batch_alter_table('llm_batch_results', schema=None) as batch_op:
        batch_op.create_index('ix_llm_batch_result_item', ['item_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('llm_batch_results', schema=None) as batch_op:
        batch_op.drop_index('ix_llm_batch_result_item')
    op.drop_table('llm_batch_results')
    with op.batch_alter_table('llm_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_llm_batches_job_id'))
    op.drop_table('llm_batches')
