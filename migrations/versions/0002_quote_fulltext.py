"""Full-text search over quote text: SQLite FTS5 kept by triggers, PostgreSQL tsvector + GIN.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# External-content FTS5 over quotes.text, keyed by quotes.fts_rowid (a stable integer derived
# from the quote id: SQLite's implicit rowid may change on VACUUM). Porter stemming, like
# PostgreSQL's 'english' configuration; accents folded.
SQLITE_UP = [
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes', content_rowid='fts_rowid',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER quotes_fts_after_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.fts_rowid, new.text);
    END""",
    """CREATE TRIGGER quotes_fts_after_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.fts_rowid, old.text);
    END""",
    """CREATE TRIGGER quotes_fts_after_update AFTER UPDATE OF text, fts_rowid ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.fts_rowid, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.fts_rowid, new.text);
    END""",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS quotes_fts_after_update",
    "DROP TRIGGER IF EXISTS quotes_fts_after_delete",
    "DROP TRIGGER IF EXISTS quotes_fts_after_insert",
    "DROP TABLE IF EXISTS quotes_fts",
]
POSTGRESQL_UP = [
    """ALTER TABLE quotes ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', text)) STORED""",
    "CREATE INDEX ix_quotes_search_vector ON quotes USING gin (search_vector)",
]
POSTGRESQL_DOWN = [
    "DROP INDEX IF EXISTS ix_quotes_search_vector",
    "ALTER TABLE quotes DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN})
