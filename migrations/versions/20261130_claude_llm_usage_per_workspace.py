"""llm usage per workspace: index for the per-workspace monthly budget and usage

Revision ID: claude_llm_usage_ws
Revises: security_clay_secrets
Create Date: 2026-11-30 12:10:00

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = 'claude_llm_usage_ws'
down_revision: Union[str, Sequence[str], None] = 'security_clay_secrets'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('llm_usage', schema=None) as batch_op:
        batch_op.create_index('ix_llm_usage_workspace_created', ['workspace_id', 'created_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('llm_usage', schema=None) as batch_op:
        batch_op.drop_index('ix_llm_usage_workspace_created')
