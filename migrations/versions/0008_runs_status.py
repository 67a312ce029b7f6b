"""extraction_runs.status: started, finished, or interrupted (by SIGTERM or SIGINT).

A run killed outright (SIGKILL, power loss) stays "started" with no finish time; earlier
rows are backfilled from their finish time.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BACKFILL = """UPDATE extraction_runs SET status =
    CASE WHEN finished_at IS NULL THEN 'started' ELSE 'finished' END"""


def upgrade() -> None:
    with op.batch_alter_table("extraction_runs") as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(16), nullable=False,
                                      server_default="started"))
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("extraction_runs") as batch_op:
        batch_op.drop_column("status")
