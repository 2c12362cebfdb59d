"""campaign_stats_versions: a counter per campaign raised with every rollup write (issue 14)

Revision ID: speed_stats_versions
Revises: speed_event_delivery_ix
Create Date: 2026-12-02 05:30:00

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "speed_stats_versions"
down_revision: Union[str, Sequence[str], None] = "speed_event_delivery_ix"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "campaign_stats_versions",
        sa.Column("campaign_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("campaign_id"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("campaign_stats_versions")
