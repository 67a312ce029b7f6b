"""extraction_runs.documents_reextracted: documents a reextract command ran over.

Revision ID: 0004
Revises: 0003_api_keys
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_api_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("extraction_runs") as batch_op:
        batch_op.add_column(sa.Column("documents_reextracted", sa.Integer(), nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("extraction_runs") as batch_op:
        batch_op.drop_column("documents_reextracted")
