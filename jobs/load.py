"""`quotewire load`: the Spark job's Parquet output into the store, through the write path.

Each article goes through the same steps as in `quotewire ingest`, less the extraction the
job did: the "already stored?" triage (ingest.store.triage), then batch writes
(ingest.batches.write_batch of ingest.store.store_extracted_batch: documents, speakers,
quotes by COPY on PostgreSQL, publications, statements). Articles are stored in the order
ingest reads them (the job's `ordinal`), one output part after another, so document ids,
quote ids, speakers and their counts come out as ingest's. Like ingest it is idempotent and
safe to re-run after a crash: each batch commits whole, and stored articles are skipped.
Reads local paths (pyarrow); copy an output from a cluster's store first.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy.engine import Engine

from ingest.articles import NoGuard, count_results
from ingest.batches import write_batch
from ingest.pipeline import chunked
from ingest.store import ABSENT, UNCHANGED, Extracted, store_extracted_batch, triage
from ingest.store_cache import StoreCache
from jobs.records import article_from_row, quote_from_row

PART_RE = re.compile(r"^part-(\d+)-")
LOOKUP_CHUNK = 64


class NotAnOutput(Exception):
    """The folder is not a finished output of the Spark job; the message says why."""


def read_manifest(output: Path) -> dict:
    """The job's manifest: written last, so a folder without one is not a finished output."""
    files = sorted((output / "manifest").glob("part-*.json"))
    if not files:
        raise NotAnOutput(f"{output}: no manifest/ (not an output of `quotewire "
                          f"spark-extract`, or the job did not finish: run it again with "
                          f"--overwrite)")
    return json.loads(files[0].read_text(encoding="utf-8").splitlines()[0])


def parts(folder: Path) -> dict[int, list[Path]]:
    """The dataset's files by the task (part number) that wrote them, across months."""
    found: dict[int, list[Path]] = {}
    for path in sorted(folder.glob("month=*/part-*.parquet")):
        number = int(PART_RE.match(path.name)[1])
        found.setdefault(number, []).append(path)
    return found


def _rows_by_ordinal(files: list[Path]) -> list[dict]:
    tables = [pq.read_table(path) for path in files]
    rows = [row for table in tables for row in table.to_pylist()]
    return sorted(rows, key=lambda row: (row["ordinal"], row.get("quote_index", 0)))


def extracted_articles(output: Path) -> Iterator[Extracted]:
    """Every document of the output with its quotes, in ordinal order (quotes None: the
    triage decides later whether they are needed)."""
    documents, quotes = parts(output / "documents"), parts(output / "quotes")
    for number in sorted(documents):
        by_ordinal: dict[int, list] = {}
        for row in _rows_by_ordinal(quotes.get(number, [])):
            by_ordinal.setdefault(row["ordinal"], []).append(quote_from_row(row))
        for row in _rows_by_ordinal(documents[number]):
            yield Extracted(article_from_row(row), row["sha256"],
                            by_ordinal.get(row["ordinal"], []))


def error_count(output: Path) -> int:
    files = sorted((output / "errors").glob("part-*.parquet"))
    return sum(pq.read_metadata(path).num_rows for path in files)


def to_write(engine: Engine, items: Iterator[Extracted], progress) -> Iterator[Extracted]:
    """The articles with something to write, as ingest.articles.articles_to_write decides:
    a new text with its quotes, a stored text with its publication only."""
    for chunk in chunked(items, LOOKUP_CHUNK):
        with engine.connect() as connection:
            states = triage(connection, [(item.article, item.sha256) for item in chunk])
        for item, state in zip(chunk, states, strict=True):
            if state == UNCHANGED:
                progress.counts.documents_unchanged += 1
                progress.advance()
            else:
                yield item if state == ABSENT else Extracted(item.article, item.sha256, None)


def load_output(engine: Engine, output: Path, progress, batch_size: int = 200,
                guard=None) -> None:
    """Store every document of a finished job output (see the module's docstring)."""
    manifest = read_manifest(output)
    cache = StoreCache()
    version = manifest["extractor_version"]  # the version that extracted them, not ours

    def store(connection, batch: list[Extracted]):
        return store_extracted_batch(connection, batch, version, cache)

    guard = guard or NoGuard()
    for batch in chunked(to_write(engine, extracted_articles(output), progress), batch_size):
        with guard.deferred():
            count_results(batch, write_batch(engine, batch, store, cache), progress)
    failed = error_count(output)
    if failed:
        progress.counts.documents_failed += failed
        progress.say(f"{output / 'errors'}: {failed} articles the job could not read or "
                     f"extract (source and reason in that dataset)")


__all__ = ["NotAnOutput", "load_output"]
