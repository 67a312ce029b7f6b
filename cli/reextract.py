"""`quotewire reextract`: run the current extractor over documents an older version produced."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cli.database import connect
from cli.ingest import duration, run_recorded

if TYPE_CHECKING:
    from ingest.runs import RunCounts


def summary(counts: RunCounts, seconds: float) -> str:
    """The one-line report printed at the end of a reextract."""
    return (f"documents: {counts.documents_reextracted} re-extracted, "
            f"{counts.documents_failed} failed; quotes: {counts.quotes_added} added, "
            f"{counts.quotes_removed} removed, {counts.quotes_changed} changed; "
            f"speakers new: {counts.speakers_new}; corrections orphaned: "
            f"{counts.corrections_orphaned}; time: {duration(seconds)}")


@click.command("reextract")
@click.option("--all", "include_current", is_flag=True,
              help="Also re-extract documents already at the current extractor version.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes running the extractor in parallel.")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Documents updated per transaction.")
def reextract(include_current: bool, workers: int, batch_size: int) -> None:
    """Re-run the current extractor over stored documents from older extractor versions."""
    from ingest.reextract import count_stale_documents, reextract_stale

    engine = connect(tune_for_bulk_writes=True)
    run_recorded(engine, "reextract", lambda progress, guard: reextract_stale(
        engine, progress, workers, batch_size, include_current, guard), report=summary,
        total=lambda: count_stale_documents(engine, include_current))
