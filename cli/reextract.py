"""`quotewire reextract`: run the current extractor over documents an older version produced."""

from collections.abc import Iterator

import click
from sqlalchemy.engine import Engine

from cli.database import announced_database_url, require_schema
from cli.ingest import Progress, duration, run_recorded
from cli.signals import InterruptGuard
from ingest.batches import Failure, write_batch
from ingest.pipeline import chunked, extracted_in_order
from ingest.reextract import (
    ReextractResult,
    count_stale_documents,
    reextract_document,
    stale_document_ids,
)
from ingest.runs import RunCounts
from ingest.store_cache import StoreCache
from models.dialect import tune_for_bulk_writes
from models.engine import make_engine

PAGE_SIZE = 200


def stale_documents(engine: Engine, include_current: bool) -> Iterator[tuple[str, str]]:
    """(id, text) of every document to re-extract, a page at a time in id order."""
    after = None
    while True:
        with engine.connect() as connection:
            page = stale_document_ids(connection, after, PAGE_SIZE, include_current)
        if not page:
            return
        yield from page
        after = page[-1][0]


def reextract_all(engine: Engine, progress: Progress, workers: int = 1,
                  batch_size: int = 50, include_current: bool = False,
                  guard: InterruptGuard | None = None) -> RunCounts:
    """Re-extract stale documents (every document with `include_current`); returns counts."""
    cache = StoreCache()

    def store(connection, items: list) -> list[ReextractResult]:
        return [reextract_document(connection, document_id, quotes, include_current, cache=cache)
                for document_id, quotes in items]

    def extracted() -> Iterator[tuple[str, list]]:
        jobs = stale_documents(engine, include_current)
        for document_id, result in extracted_in_order(jobs, workers):
            if isinstance(result, str):
                progress.failed(f"document {document_id}", result)
            else:
                yield document_id, result

    guard = guard or InterruptGuard()
    for batch in chunked(extracted(), batch_size):
        with guard.deferred():
            _count(batch, write_batch(engine, batch, store, cache), progress)
    return progress.counts


def _count(batch: list, results: list, progress: Progress) -> None:
    counts = progress.counts
    for (document_id, _), result in zip(batch, results, strict=True):
        if isinstance(result, Failure):
            progress.failed(f"document {document_id}", result.reason)
            continue
        if not result.skipped:
            counts.documents_reextracted += 1
            counts.quotes_added += result.added
            counts.quotes_removed += result.removed
            counts.quotes_changed += result.changed
            counts.speakers_new += result.speakers_new
        progress.advance()


def summary(counts: RunCounts, seconds: float) -> str:
    """The one-line report printed at the end of a reextract."""
    return (f"documents: {counts.documents_reextracted} re-extracted, "
            f"{counts.documents_failed} failed; quotes: {counts.quotes_added} added, "
            f"{counts.quotes_removed} removed, {counts.quotes_changed} changed; "
            f"speakers new: {counts.speakers_new}; time: {duration(seconds)}")


@click.command("reextract")
@click.option("--all", "include_current", is_flag=True,
              help="Also re-extract documents already at the current extractor version.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes running the extractor in parallel.")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents updated per transaction.")
def reextract(include_current: bool, workers: int, batch_size: int) -> None:
    """Re-run the current extractor over stored documents from older extractor versions."""
    engine = tune_for_bulk_writes(make_engine(announced_database_url()))
    require_schema(engine)
    run_recorded(engine, "reextract", lambda progress, guard: reextract_all(
        engine, progress, workers, batch_size, include_current, guard), report=summary,
        total=lambda: count_stale_documents(engine, include_current))
