"""`quotewire ingest PATH…`: read articles, extract their quotes, store both, idempotently."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import TYPE_CHECKING

import click

from cli.database import connect
from cli.encoding import encoding_option
from cli.signals import Interrupted, interruptible

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from articles import Skipped
    from ingest.runs import RunCounts


class Progress:
    """Counts, error and skip lines, and a progress bar with a total and an ETA (only when
    stderr is a terminal)."""

    def __init__(self, counts: RunCounts, unit: str = "doc", total=None):
        self.counts = counts
        self.skipped = 0
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=unit, file=sys.stderr, dynamic_ncols=True,
                            total=total() if callable(total) else total)

    def failed(self, source: str | None, reason: str) -> None:
        self.counts.documents_failed += 1
        self.say(f"{source}: {reason}" if source else reason)
        self.advance()

    def skip(self, item: Skipped) -> None:
        self.skipped += 1
        self.say(str(item))

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_recorded(engine: Engine, command: str, work, report=None, total=None,
                 nothing_read: str | None = None) -> None:
    """Run `work(progress, guard) -> RunCounts` as a recorded extraction run: progress (a bar
    of `total` items: a number or a function giving it), SIGTERM and SIGINT as a clean stop,
    the run row (finished or interrupted, with the counts of what was committed), the `report`
    line (default: ingest's summary), and exit status 1 when anything failed, or when no
    document at all was read and `nothing_read` says so (128 + the signal's number when
    interrupted)."""
    from ingest.runs import RunCounts, finish_run, start_run

    report = report or summary
    started = time.monotonic()
    run_id = start_run(engine, command + " " + " ".join(sys.argv[2:]))
    progress = Progress(RunCounts(), total=total)
    interrupted: Interrupted | None = None
    try:
        with interruptible() as guard:
            work(progress, guard)
    except Interrupted as exc:
        interrupted = exc
    finally:
        progress.close()
    counts = progress.counts
    finish_run(engine, run_id, counts, "interrupted" if interrupted else "finished")
    engine.dispose()
    line = report(counts, time.monotonic() - started)
    if progress.skipped:
        line += f"; files skipped: {progress.skipped}"
    if interrupted:
        click.echo(f"interrupted by {interrupted}; {line}")
        sys.exit(128 + interrupted.signum)
    click.echo(line)
    if nothing_read and not _documents_read(counts):
        click.echo(nothing_read, err=True)
        sys.exit(1)
    if counts.documents_failed:
        sys.exit(1)


def _documents_read(counts: RunCounts) -> int:
    return counts.documents_new + counts.documents_unchanged + counts.documents_failed


def duration(seconds: float) -> str:
    """A run's time as people read it: milliseconds below a second ("0.0 s" says nothing)."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def summary(counts: RunCounts, seconds: float) -> str:
    """The one-line report printed at the end of an ingest."""
    rate = (counts.documents_new + counts.documents_unchanged) / seconds if seconds else 0.0
    return (f"documents: {counts.documents_new} new, {counts.documents_unchanged} unchanged, "
            f"{counts.documents_failed} failed; publications: {counts.publications_new} new, "
            f"{counts.publications_updated} updated; quotes stored: {counts.quotes_added}; "
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
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Documents stored per transaction (each document is stored whole or not).")
@click.option("--max-file-bytes", type=click.IntRange(min=1),
              help="Skip larger files (a .jsonl file: larger lines) "
                   "[default: QUOTEWIRE_MAX_FILE_BYTES, 10 MiB].")
@encoding_option
def ingest(paths: tuple[str, ...], outlet: str | None, published, workers: int,
           batch_size: int, max_file_bytes: int | None, encoding: str | None) -> None:
    """Store articles (.txt, .json, .jsonl, .html; folders recursively) and their quotes.

    Files of other types in a folder are reported as skipped; FIFOs, devices and sockets
    are refused. Ctrl-C or SIGTERM stops at the next batch, records the run as interrupted
    with what was stored, and prints the summary."""
    from articles import read_articles
    from articles.readers import SUFFIXES, count_documents
    from config import Config
    from ingest.articles import ingest_articles

    config = Config.from_env()
    engine = connect(tune_for_bulk_writes=True)
    published_date: date | None = published.date() if published else None
    max_bytes = max_file_bytes or config.max_file_bytes
    items = read_articles(paths, outlet=outlet, published=published_date,
                          max_bytes=max_bytes, encoding=encoding)

    run_recorded(engine, "ingest",
                 lambda progress, guard: ingest_articles(engine, items, progress, workers,
                                                         batch_size, guard),
                 total=lambda: count_documents(paths),
                 nothing_read=f"nothing to ingest: no {', '.join(SUFFIXES)} file was read "
                              f"under {' '.join(paths)}")
