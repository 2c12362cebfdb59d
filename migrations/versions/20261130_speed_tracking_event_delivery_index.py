"""tracking events: index for the machine filter's send and delivery times (issue 14)

Revision ID: speed_event_delivery_ix
Revises: claude_message_batches
Create Date: 2026-11-30 17:40:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = 'speed_event_delivery_ix'
down_revision: Union[str, Sequence[str], None] = 'claude_message_batches'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(
        'ix_tracking_event_delivery',
        'tracking_events',
        ['campaign_id', 'prospect_id', 'type', 'step', 'occurred_at'],
        unique=False,
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_tracking_event_delivery', table_name='tracking_events')
