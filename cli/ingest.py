"""`quotewire ingest PATH…`: read articles, extract their quotes, store both, idempotently."""

import signal
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import click
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from articles import Article, ReadError, read_articles
from cli.pipeline import chunked, extracted_in_order
from config import Config
from models.batches import Failure, write_batch
from models.dialect import tune_for_bulk_writes
from models.engine import make_engine
from models.ingest import Extracted, StoreResult, document_sha256, store_extracted_batch
from models.runs import RunCounts, finish_run, start_run
from models.store_cache import StoreCache
from models.tables import Document

LOOKUP_CHUNK = 64


class Progress:
    """Counts, error lines and a progress bar (only when stderr is a terminal)."""

    def __init__(self, counts: RunCounts, unit: str = "doc"):
        self.counts = counts
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=unit, file=sys.stderr, dynamic_ncols=True)

    def failed(self, source: str | None, reason: str) -> None:
        self.counts.documents_failed += 1
        message = f"{source}: {reason}" if source else reason
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)
        self.advance()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextmanager
def sigterm_as_exit():
    """In the block SIGTERM raises SystemExit: the transaction rolls back, workers stop."""
    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def require_schema(engine: Engine) -> None:
    """Stop with a clear message when the database has not been migrated."""
    if not inspect(engine).has_table("documents"):
        raise click.ClickException("the database has no quotewire tables: "
                                   "run `quotewire migrate` first")


def unseen_articles(engine: Engine, items: Iterable[Article | ReadError],
                    progress: Progress) -> Iterator[tuple[Article, str]]:
    """(article, sha256) for articles not stored yet; reports errors and counts the rest."""
    for chunk in chunked(items, LOOKUP_CHUNK):
        articles = []
        for item in chunk:
            if isinstance(item, ReadError):
                progress.failed(item.source, item.reason)
            else:
                articles.append((item, document_sha256(item.text)))
        with engine.connect() as connection:
            stored = set(connection.execute(select(Document.sha256).where(
                Document.sha256.in_([sha for _, sha in articles]))).scalars())
        for article, sha256 in articles:
            if sha256 in stored:
                progress.counts.documents_unchanged += 1
                progress.advance()
            else:
                yield article, sha256


def ingest_items(engine: Engine, items: Iterable[Article | ReadError], progress: Progress,
                 workers: int = 1, batch_size: int = 200) -> RunCounts:
    """Extract and store every new article; the counts say what happened."""
    jobs = ((pair, pair[0].text) for pair in unseen_articles(engine, items, progress))
    cache = StoreCache()

    def store(connection, items: list[Extracted]) -> list[StoreResult]:
        return store_extracted_batch(connection, items, cache=cache)

    def extracted() -> Iterator[Extracted]:
        for (article, sha256), result in extracted_in_order(jobs, workers):
            if isinstance(result, str):
                progress.failed(article.source, result)
            else:
                yield Extracted(article, sha256, result)

    for batch in chunked(extracted(), batch_size):
        _count(batch, write_batch(engine, batch, store, cache), progress)
    return progress.counts


def _count(batch: list, results: list, progress: Progress) -> None:
    counts = progress.counts
    for item, result in zip(batch, results, strict=True):
        if isinstance(result, Failure):
            progress.failed(item.article.source, result.reason)
            continue
        if result.status == "new":
            counts.documents_new += 1
            counts.quotes_added += result.quotes_stored
            counts.speakers_new += result.speakers_new
        else:
            counts.documents_unchanged += 1
        progress.advance()


def run_recorded(engine: Engine, command: str, work, report=None) -> None:
    """Run `work(progress) -> RunCounts` as a recorded extraction run: progress, SIGTERM as a
    clean exit, the run row, the `report` line (default: ingest's summary), and exit status 1
    when anything failed."""
    report = report or summary
    started = time.monotonic()
    run_id = start_run(engine, command + " " + " ".join(sys.argv[2:]))
    progress = Progress(RunCounts())
    try:
        with sigterm_as_exit():
            counts = work(progress)
    finally:
        progress.close()
    finish_run(engine, run_id, counts)
    engine.dispose()
    click.echo(report(counts, time.monotonic() - started))
    if counts.documents_failed:
        sys.exit(1)


def duration(seconds: float) -> str:
    """A run's time as people read it: milliseconds below a second ("0.0 s" says nothing)."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def summary(counts: RunCounts, seconds: float) -> str:
    """The one-line report printed at the end of an ingest."""
    rate = (counts.documents_new + counts.documents_unchanged) / seconds if seconds else 0.0
    return (f"documents: {counts.documents_new} new, {counts.documents_unchanged} unchanged, "
            f"{counts.documents_failed} failed; quotes stored: {counts.quotes_added}; "
            f"speakers new: {counts.speakers_new}; "
            f"time: {duration(seconds)} ({rate:.0f} documents/s)")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--outlet", help="Outlet for articles whose file does not name one.")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for articles whose file gives none; "
                   "otherwise a dateline date is used when found.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes running the extractor in parallel.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents stored per transaction (each document is stored whole or not).")
@click.option("--max-file-bytes", type=click.IntRange(min=1),
              help="Skip larger files (a .jsonl file: larger lines) "
                   "[default: QUOTEWIRE_MAX_FILE_BYTES, 10 MiB].")
def ingest(paths: tuple[str, ...], outlet: str | None, published, workers: int,
           batch_size: int, max_file_bytes: int | None) -> None:
    """Store articles (.txt, .json, .jsonl, .html; folders recursively) and their quotes."""
    config = Config.from_env()
    engine = tune_for_bulk_writes(make_engine(config.database_url))
    require_schema(engine)
    published_date: date | None = published.date() if published else None
    items = read_articles(paths, outlet=outlet, published=published_date,
                          max_bytes=max_file_bytes or config.max_file_bytes)
    run_recorded(engine, "ingest",
                 lambda progress: ingest_items(engine, items, progress, workers, batch_size))
