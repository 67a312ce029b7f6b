"""speakers.quote_count: each speaker's number of quotes, kept by the writers; backfilled here.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BACKFILL = """UPDATE speakers SET quote_count =
    (SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id)"""


def upgrade() -> None:
    op.add_column("speakers", sa.Column("quote_count", sa.Integer(), nullable=False,
                                        server_default="0"))
    op.execute(BACKFILL)
    # For the speaker list's "ORDER BY quote_count DESC, id" (read in index order, no sort).
    op.create_index("ix_speakers_quote_count_desc_id", "speakers",
                    [sa.text("quote_count DESC"), "id"])


def downgrade() -> None:
    op.drop_index("ix_speakers_quote_count_desc_id", table_name="speakers")
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of speakers would break
    # the foreign keys quotes and aliases hold on it.
    op.drop_column("speakers", "quote_count")
