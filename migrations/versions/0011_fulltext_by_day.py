"""Full-text matches newest first without reading whole posting lists.

SQLite: quotes_fts becomes a contentless FTS5 table whose rowid is the quote's day key
(models.search.FTS_KEY_SQL): its day counted back from the newest in the high bits (newest
first, undated last), the low 47 bits of quotes.fts_rowid below. FTS5 walks a word's matches
in rowid order, so "newest matches first" reads about a page of each posting list instead of
all of it. The triggers keep it in step with quotes.text and quotes.published; an index on
the same expression finds a match's quote. quotes.fts_rowid itself is unchanged.

PostgreSQL: nothing changes here (its plans: models.queries.quotes.text_condition).

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Kept here as written at this revision (models.search.FTS_KEY_SQL must stay equal to it: a
# test checks): the key of a quote row ({r} is "new.", "old." or nothing: an index expression
# names its columns bare): its slot, 65535 less the day (1970-01-01 and earlier are day 1,
# 2149-06-06 and later 65535), undated 65535, above the low 47 bits of r.fts_rowid.
KEY = ("((CASE WHEN {r}published IS NULL THEN 65535 ELSE 65535 - max(1, min(65535, "
       "CAST(julianday({r}published) AS INTEGER) - 2440586)) END << 47) "
       "| ({r}fts_rowid & 140737488355327))")
# Two quotes of one day whose fts_rowid share their low 47 bits would share a key (odds about
# 1 in 6,000 over 10M quotes at this seed's 4,500 quotes a day): FTS5 would not notice, and
# a match of one would list both, so the write is refused instead (as a unique key would be).
REFUSE_SHARED_KEY = (
    "SELECT RAISE(ABORT, 'quotes_fts key taken by another quote of that day') "
    f"WHERE EXISTS (SELECT 1 FROM quotes WHERE {KEY.format(r='')} = {KEY.format(r='new.')} "
    "AND id != new.id);")
TRIGGERS = ("quotes_fts_after_insert", "quotes_fts_after_delete", "quotes_fts_after_update")
SQLITE_UP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    "DROP TABLE quotes_fts",
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='', tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER quotes_fts_after_insert AFTER INSERT ON quotes BEGIN
        {REFUSE_SHARED_KEY}
        INSERT INTO quotes_fts(rowid, text) VALUES ({KEY.format(r="new.")}, new.text);
    END""",
    f"""CREATE TRIGGER quotes_fts_after_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text)
        VALUES ('delete', {KEY.format(r="old.")}, old.text);
    END""",
    f"""CREATE TRIGGER quotes_fts_after_update AFTER UPDATE OF text, fts_rowid, published
        ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text)
        VALUES ('delete', {KEY.format(r="old.")}, old.text);
        {REFUSE_SHARED_KEY}
        INSERT INTO quotes_fts(rowid, text) VALUES ({KEY.format(r="new.")}, new.text);
    END""",
    f"INSERT INTO quotes_fts(rowid, text) SELECT {KEY.format(r='')}, text FROM quotes",
    f"CREATE INDEX ix_quotes_fts_key ON quotes ({KEY.format(r='')})",
]
# Back to 0002's external-content table keyed by quotes.fts_rowid.
SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
    "DROP INDEX IF EXISTS ix_quotes_fts_key",
    "DROP TABLE quotes_fts",
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


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN})
