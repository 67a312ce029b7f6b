"""Ingesting a stream of articles: the one "already stored?" check, extraction in a pool for
the texts not stored yet, and batch writes, counted as a run.

`progress` is the caller's (the CLI's bar and counts): it has `counts` (ingest.runs.RunCounts)
and `failed(source, reason)`, `skip(item)`, `advance()`. `guard.deferred()` holds back an
interruption while a batch commits.
"""

from collections.abc import Iterable, Iterator
from contextlib import nullcontext

from sqlalchemy.engine import Engine

from articles import Article, ReadError, Skipped
from ingest.batches import Failure, write_batch
from ingest.pipeline import chunked, extracted_in_order
from ingest.runs import RunCounts
from ingest.store import (
    ABSENT,
    TAKEN_DOWN,
    UNCHANGED,
    Extracted,
    StoreResult,
    document_id_for,
    document_sha256,
    store_extracted_batch,
    triage,
)
from ingest.store_cache import StoreCache

LOOKUP_CHUNK = 64
TAKEN_DOWN_LINE = ("taken down, not stored (`quotewire documents restore {}` brings it "
                   "back)")


class NoGuard:
    def deferred(self):
        return nullcontext()


def articles_to_write(engine: Engine, items: Iterable[Article | ReadError | Skipped],
                      progress) -> Iterator[tuple[tuple[Article, str], str | None]]:
    """((article, sha256), text to extract or None) for every article with something to
    write; reports read errors and skips, and counts the articles already stored as they are."""
    for chunk in chunked(items, LOOKUP_CHUNK):
        articles = []
        for item in chunk:
            if isinstance(item, ReadError):
                progress.failed(item.source, item.reason)
            elif isinstance(item, Skipped):
                progress.skip(item)
            else:
                articles.append((item, document_sha256(item.text)))
        if not articles:
            continue
        with engine.connect() as connection:
            states = triage(connection, articles)
        for pair, state in zip(articles, states, strict=True):
            if state == UNCHANGED:
                progress.counts.documents_unchanged += 1
                progress.advance()
            elif state == TAKEN_DOWN:
                progress.skip(Skipped(pair[0].source or document_id_for(pair[1]), TAKEN_DOWN_LINE
                                      .format(document_id_for(pair[1]))))
                progress.advance()
            else:  # a stored text needs no extraction: only its publication is written
                yield pair, pair[0].text if state == ABSENT else None


def ingest_articles(engine: Engine, items: Iterable[Article | ReadError | Skipped], progress,
                    workers: int = 1, batch_size: int = 200, guard=None) -> RunCounts:
    """Extract and store every new article, and record every new or changed publication."""
    cache = StoreCache()

    def store(connection, batch: list[Extracted]) -> list[StoreResult]:
        return store_extracted_batch(connection, batch, cache=cache)

    def extracted() -> Iterator[Extracted]:
        jobs = articles_to_write(engine, items, progress)
        for (article, sha256), result in extracted_in_order(jobs, workers, batch_size):
            if isinstance(result, str):
                progress.failed(article.source, result)
            else:
                yield Extracted(article, sha256, result)

    guard = guard or NoGuard()
    for batch in chunked(extracted(), batch_size):
        with guard.deferred():
            count_results(batch, write_batch(engine, batch, store, cache), progress)
    return progress.counts


def count_results(batch: list[Extracted], results: list, progress) -> None:
    """Add what each article's write did to the run's counts."""
    counts = progress.counts
    for item, result in zip(batch, results, strict=True):
        if isinstance(result, Failure):
            progress.failed(item.article.source, result.reason)
            continue
        if result.status == TAKEN_DOWN:
            progress.skip(Skipped(item.article.source or result.document_id,
                                  TAKEN_DOWN_LINE.format(result.document_id)))
        elif result.status == "new":
            counts.documents_new += 1
            counts.publications_new += 1
            counts.quotes_added += result.quotes_stored
            counts.speakers_new += result.speakers_new
        else:
            counts.documents_unchanged += 1
            counts.publications_new += result.status == "new_publication"
            counts.publications_updated += result.status == "updated"
        progress.advance()
