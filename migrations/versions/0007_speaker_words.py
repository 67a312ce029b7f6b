"""speaker_words: every word of each speaker's names and aliases, to find a speaker by any
part of a name (`?speaker=varga` finds "Ilse Varga"); backfilled here.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Ordered by speaker, so each speaker's names arrive together and its words are counted once.
NAMES = """SELECT id, normalized_name FROM speakers
           UNION SELECT speaker_id, normalized_alias FROM speaker_aliases ORDER BY 1"""
BATCH = 5000


def upgrade() -> None:
    words = op.create_table(
        "speaker_words",
        sa.Column("word", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE",
                                name=op.f("fk_speaker_words_speaker_id_speakers")),
        sa.PrimaryKeyConstraint("word", "speaker_id", name=op.f("pk_speaker_words")),
    )
    op.create_index(op.f("ix_speaker_words_speaker_id"), "speaker_words", ["speaker_id"])
    _backfill(words)


def _backfill(words: sa.Table) -> None:
    batch: list[dict] = []
    current, seen = None, set()
    for speaker_id, name in op.get_bind().execute(sa.text(NAMES)).all():
        if speaker_id != current:
            current, seen = speaker_id, set()
        for word in _search_words(name) - seen:
            seen.add(word)
            batch.append({"word": word, "speaker_id": speaker_id})
        if len(batch) >= BATCH:
            op.bulk_insert(words, batch)
            batch = []
    if batch:
        op.bulk_insert(words, batch)


def _search_words(normalized: str) -> set[str]:
    # models.names.search_words as of this revision (a migration must not change with the code)
    return set(normalized.split())


def downgrade() -> None:
    op.drop_index(op.f("ix_speaker_words_speaker_id"), table_name="speaker_words")
    op.drop_table("speaker_words")
