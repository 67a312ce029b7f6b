"""Copy a corpus made by bench/api_seed.py (SQLite) into a fresh PostgreSQL database.

    createdb -h 127.0.0.1 -U postgres quotewire_bench
    .venv/bin/python bench/api_seed_postgres.py var/bench/api.db \
        postgresql://postgres@127.0.0.1:5432/quotewire_bench

The database is migrated first (the service's own indexes, generated tsvector and GIN index),
then every table is copied with COPY, in foreign-key order, and analysed. Use it to run the
API benchmarks on PostgreSQL with the same rows as on SQLite.
"""

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.migrate import upgrade

TABLES = {
    "outlets": ("id", "name", "normalized_name", "created_at"),
    "speakers": ("id", "name", "normalized_name", "surname", "type", "role", "created_at",
                 "quote_count"),
    "speaker_aliases": ("id", "speaker_id", "alias", "normalized_alias"),
    "speaker_words": ("word", "speaker_id"),
    "documents": ("id", "sha256", "external_id", "title", "url", "author", "outlet_id",
                  "published", "text", "source", "extractor_version", "ingested_at"),
    "quotes": ("id", "fts_rowid", "document_id", "speaker_id", "start", "end", "text", "kind",
               "status", "reason", "speaker_name", "mention", "mention_start", "mention_end",
               "speaker_type", "role", "cue", "cue_start", "cue_end", "rule", "confidence",
               "extractor_version", "published", "outlet_id", "statement_id"),
    "publications": ("id", "document_id", "identity", "outlet_id", "url", "title", "author",
                     "published", "ingested_at", "updated_at"),
    "statements": ("id", "quote_count", "first_quote_id", "first_published"),
}
SEQUENCES = ("outlets", "speakers", "speaker_aliases", "publications")


def copy_table(source: sqlite3.Connection, target: psycopg.Connection, table: str) -> int:
    columns = TABLES[table]
    quoted = ", ".join(f'"{column}"' for column in columns)
    rows = 0
    with target.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {quoted} FROM {table}"):
            copy.write_row(row)
            rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sqlite_path", type=Path)
    parser.add_argument("postgres_url")
    args = parser.parse_args()
    upgrade(args.postgres_url)
    source = sqlite3.connect(args.sqlite_path)
    with psycopg.connect(args.postgres_url.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=False) as target:
        for table in TABLES:
            started = time.perf_counter()
            rows = copy_table(source, target, table)
            print(f"{table}: {rows:,} rows ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
        for table in SEQUENCES:
            target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 1) FROM {table}))")
        target.commit()
        target.autocommit = True
        target.execute("ANALYZE")
    source.close()


if __name__ == "__main__":
    main()
