"""Fill a fresh PostgreSQL database with bench/api_seed.py's corpus: copied, or generated.

    createdb -h 127.0.0.1 -U postgres quotewire_bench
    .venv/bin/python bench/api_seed_postgres.py var/bench/api.db \
        postgresql://postgres@127.0.0.1:5432/quotewire_bench
    .venv/bin/python bench/api_seed_postgres.py --quotes 10000000 - \
        postgresql://postgres@127.0.0.1:5432/quotewire_bench       # generated, no SQLite

The database is migrated first (the service's own indexes, generated tsvector and GIN index),
then every table is copied with COPY, in foreign-key order, and analysed. Use it to run the
API benchmarks on PostgreSQL with the same rows as on SQLite. With `--quotes N` the rows are
generated as api_seed.py makes them (same seed, same rows) and COPYed straight in, with the
secondary indexes dropped during the load and built after it (10M quotes: see
bench/results/api_postgresql.md for how long it took).
"""

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import api_seed

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


LOADED_TABLES = ("documents", "quotes", "publications", "statements")


def generate(target: psycopg.Connection, quotes: int, seed: int) -> None:
    """api_seed.py's rows for `quotes` quotes, COPYed in with the secondary indexes dropped
    (building each once at the end is far cheaper than keeping it through 10M inserts)."""
    indexes = target.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname "
        "NOT IN (SELECT conname FROM pg_constraint)", (list(LOADED_TABLES),)).fetchall()
    for name, _ in indexes:
        target.execute(f"DROP INDEX {name}")
    rng = random.Random(seed)
    speakers, aliases, words = api_seed.speaker_rows(SPEAKERS)
    copy_rows(target, "outlets", ("id", "name", "normalized_name", "created_at"),
              [(*row, CREATED) for row in api_seed.outlet_rows(OUTLETS)])
    copy_rows(target, "speakers", ("id", "name", "normalized_name", "surname", "type",
                                   "created_at"), [(*row, CREATED) for row in speakers])
    copy_rows(target, "speaker_aliases", ("speaker_id", "alias", "normalized_alias"), aliases)
    copy_rows(target, "speaker_words", ("word", "speaker_id"), words)
    started, done = time.perf_counter(), 0
    for doc_rows, quote_rows, publication_rows in api_seed.batches(rng, quotes, OUTLETS,
                                                                   SPEAKERS):
        copy_rows(target, "documents", ("id", "sha256", "title", "outlet_id", "published",
                                        "text", "source", "extractor_version", "ingested_at"),
                  [(*row, "bench", CREATED) for row in doc_rows])
        copy_rows(target, "quotes", [c.strip('"') for c in api_seed.QUOTE_COLUMNS], quote_rows)
        copy_rows(target, "publications", ("document_id", "identity", "outlet_id", "url",
                                           "title", "published", "ingested_at"),
                  [(*row, CREATED) for row in publication_rows])
        done += len(quote_rows)
        if done % 200_000 == 0:
            target.commit()
            print(f"{done:,} quotes ({time.perf_counter() - started:.0f} s)", file=sys.stderr,
                  flush=True)
    target.execute("INSERT INTO statements (id, quote_count, first_quote_id, first_published) "
                   "SELECT statement_id, 1, id, published FROM quotes")
    target.execute("UPDATE speakers SET quote_count = counted.n FROM (SELECT speaker_id, "
                   "count(*) AS n FROM quotes GROUP BY speaker_id) AS counted "
                   "WHERE counted.speaker_id = speakers.id")
    target.commit()
    print(f"loaded ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    for name, definition in indexes:
        target.execute("SET maintenance_work_mem = '1GB'")
        target.execute(definition)
        target.commit()
        print(f"{name} built ({time.perf_counter() - started:.0f} s)", file=sys.stderr,
              flush=True)


# api_seed.py's defaults
OUTLETS, SPEAKERS = 40, 20_000
CREATED = "2026-01-01 00:00:00+00"


def copy_rows(target: psycopg.Connection, table: str, columns, rows) -> None:
    quoted = ", ".join(f'"{column}"' for column in columns)
    with target.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def set_sequences(target: psycopg.Connection) -> None:
    """Next ids after the rows copied with theirs."""
    for table in SEQUENCES:
        target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT coalesce(max(id), 1) FROM {table}))")
    target.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sqlite_path", help="api_seed.py's database to copy; - with --quotes")
    parser.add_argument("postgres_url")
    parser.add_argument("--quotes", type=int, help="generate this many quotes instead")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    upgrade(args.postgres_url)
    if args.quotes:
        with psycopg.connect(args.postgres_url.replace("postgresql+psycopg://",
                                                       "postgresql://")) as target:
            generate(target, args.quotes, args.seed)
            set_sequences(target)
            target.autocommit = True
            target.execute("VACUUM ANALYZE")
        return
    source = sqlite3.connect(Path(args.sqlite_path))
    with psycopg.connect(args.postgres_url.replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=False) as target:
        for table in TABLES:
            started = time.perf_counter()
            rows = copy_table(source, target, table)
            print(f"{table}: {rows:,} rows ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
        set_sequences(target)
        target.autocommit = True
        target.execute("ANALYZE")
    source.close()


if __name__ == "__main__":
    main()
