"""Re-running the extractor over stored documents: quotes added, removed and changed.

Quote ids come from the document hash and the span, so a quote the new extractor finds at the
same span keeps its id (and its row); people's corrections are set on the new rows before they
are compared (ingest.quote_corrections); only what differs is written, logged as a change, and
the statements of the quotes that left, arrived or changed are counted afresh.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine

from extractors import EXTRACTOR_VERSION, Quote
from ingest import change_log
from ingest.articles import NoGuard
from ingest.batches import Failure, write_batch
from ingest.pipeline import chunked, extracted_in_order
from ingest.quote_corrections import apply_corrections, counted_speaker
from ingest.runs import RunCounts
from ingest.speakers import add_quote_counts, resolve_speakers
from ingest.statements import recount_statements
from ingest.store import DocumentKey, quote_rows
from ingest.store_cache import StoreCache
from models.tables import Document
from models.tables import Quote as QuoteRow

# Columns whose difference makes a quote "changed" (not its id, key or extractor version).
IGNORED = frozenset({"id", "fts_rowid", "extractor_version"})


@dataclass(frozen=True)
class ReextractResult:
    """What re-extracting one document changed."""

    document_id: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    speakers_new: int = 0
    skipped: bool = False  # already at this extractor version, or deleted meanwhile
    orphaned: int = 0  # its corrections whose quote the extractor no longer finds


def stale_document_ids(connection: Connection, after: str | None, limit: int,
                       include_current: bool = False,
                       extractor_version: str = EXTRACTOR_VERSION) -> list[tuple[str, str]]:
    """(id, text) of the next documents by id after `after` that an older extractor produced."""
    statement = select(Document.id, Document.text).order_by(Document.id).limit(limit)
    if after is not None:
        statement = statement.where(Document.id > after)
    if not include_current:
        statement = statement.where(Document.extractor_version != extractor_version)
    return [(row.id, row.text) for row in connection.execute(statement)]


def count_stale_documents(engine: Engine, include_current: bool = False,
                          extractor_version: str = EXTRACTOR_VERSION) -> int:
    """How many documents `stale_document_ids` will go through (a progress bar's total)."""
    statement = select(func.count()).select_from(Document)
    if not include_current:
        statement = statement.where(Document.extractor_version != extractor_version)
    with engine.connect() as connection:
        return connection.execute(statement).scalar_one()


def reextract_document(connection: Connection, document_id: str, quotes: list[Quote],
                       include_current: bool = False,
                       extractor_version: str = EXTRACTOR_VERSION,
                       cache: StoreCache | None = None) -> ReextractResult:
    """Replace one document's quotes by `quotes`, writing only the differences."""
    document = connection.execute(
        select(Document.sha256, Document.published, Document.outlet_id,
               Document.extractor_version).where(Document.id == document_id)
        .with_for_update()).first()
    if document is None or (document.extractor_version == extractor_version
                            and not include_current):
        return ReextractResult(document_id, skipped=True)
    key = DocumentKey(document_id, document.sha256, document.published, document.outlet_id)
    matches = resolve_speakers(connection, [q.speaker for q in quotes if q.speaker], cache)
    new = {row["id"]: row for row in quote_rows(key, quotes, matches, extractor_version)}
    orphaned = apply_corrections(connection, list(new.values()), [document_id])
    table = QuoteRow.__table__
    old = {row["id"]: row for row in connection.execute(
        select(table).where(table.c.document_id == document_id)).mappings()}
    removed = sorted(old.keys() - new.keys())
    added = [new[i] for i in sorted(new.keys() - old.keys())]
    changed = [new[i] for i in sorted(new.keys() & old.keys()) if _differs(old[i], new[i])]
    if removed:
        connection.execute(delete(table).where(table.c.id.in_(removed)))
    if added:
        connection.execute(table.insert(), added)
    for row in changed:
        connection.execute(update(table).where(table.c.id == row["id"]).values(row))
    recount_statements(connection, [old[i]["statement_id"] for i in removed]
                       + [old[row["id"]]["statement_id"] for row in changed]
                       + [row["statement_id"] for row in added + changed])
    counts = Counter(counted_speaker(row) for row in new.values())
    counts.subtract(counted_speaker(row) for row in old.values())
    add_quote_counts(connection, counts)
    # A quote found again unchanged still moves to this extractor version: a change too, for
    # a mirror that keeps extractor_version (logged after the others: created stays created).
    bumped = connection.execute(update(table).where(
        table.c.document_id == document_id, table.c.extractor_version != extractor_version)
        .values(extractor_version=extractor_version).returning(table.c.id)).scalars().all()
    connection.execute(update(Document).where(Document.id == document_id)
                       .values(extractor_version=extractor_version))
    for change, rows in ((change_log.CREATED, added), (change_log.UPDATED, changed),
                         (change_log.DELETED, [old[i] for i in removed])):
        change_log.record(connection, change, "reextract",
                          [(row["id"], document_id) for row in rows])
    change_log.record(connection, change_log.UPDATED, "reextract",
                      [(quote_id, document_id) for quote_id in bumped])
    return ReextractResult(document_id, len(added), len(removed), len(changed),
                           sum(match.created for match in matches.values()), orphaned=orphaned)


def _differs(old: dict, new: dict) -> bool:
    return any(old[name] != value for name, value in new.items() if name not in IGNORED)


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


def reextract_stale(engine: Engine, progress, workers: int = 1, batch_size: int = 50,
                    include_current: bool = False, guard=None) -> RunCounts:
    """Re-extract stale documents (every document with `include_current`); returns counts.
    `progress` and `guard` as in ingest.articles."""
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

    guard = guard or NoGuard()
    for batch in chunked(extracted(), batch_size):
        with guard.deferred():
            _count_results(batch, write_batch(engine, batch, store, cache), progress)
    return progress.counts


def _count_results(batch: list, results: list, progress) -> None:
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
            counts.corrections_orphaned += result.orphaned
        progress.advance()
