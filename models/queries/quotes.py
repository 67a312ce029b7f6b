"""Quote collections and one quote's provenance, with the statement it belongs to."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Select, exists, false, func, literal_column, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from extractors import sentence_span
from models.corrections import Change
from models.queries.paging import (
    STREAM_BATCH,
    DatedKey,
    Page,
    dated_page,
    dated_phases,
    fits_row_id,
)
from models.queries.publications import first_in_scope
from models.queries.speakers import speaker_condition
from models.search import (
    FTS_KEY,
    FTS_KEY_SQL,
    NEWEST_SLOT,
    OLDEST_SLOT,
    UNDATED_SLOT,
    first_matches,
    fts5_query,
    fts_slot,
    key_slot,
    keys_in_slots,
    match_key,
    ordered_walk_condition,
)
from models.tables import (
    Document,
    Outlet,
    Publication,
    Quote,
    Speaker,
    Statement,
)


@dataclass(frozen=True)
class QuoteFilters:
    """Filters on quotes; every one given must hold (they compose with AND)."""

    speaker: str | None = None
    speaker_id: int | None = None
    outlet: str | None = None
    outlet_id: int | None = None
    document_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    kind: str | None = None
    status: str | None = None
    min_confidence: float | None = None
    statement_id: str | None = None
    distinct_statement: bool = False  # only each statement's first reported quote
    speaker_type: str | None = None
    # Values the quote must lack: "speaker" (no linked speaker), "speaker_type", and of the
    # publications, "outlet" and "published" (so every group a count makes can be listed).
    without: frozenset[str] = frozenset()
    updated_since: datetime | None = None  # created or changed at or after (the change log)

    @property
    def scoped(self) -> bool:
        """True when outlet or date filters pick publications (see first_in_scope)."""
        return any(value is not None for value in (
            self.outlet, self.outlet_id, self.date_from, self.date_to)) or bool(
            self.without & PUBLICATION_VALUES)


PUBLICATION_VALUES = frozenset({"outlet", "published"})


@dataclass(frozen=True)
class QuoteProvenance:
    """A quote row with its document, outlet, linked speaker and surrounding sentence."""

    quote: Row  # the columns quote_rows() selects
    document: Document
    outlet_name: str | None
    speaker: Speaker | None
    sentence_start: int
    sentence_end: int
    sentence: str
    first_reported: Row | None  # REPORT_COLUMNS of the statement's first quote
    also_reported: list  # REPORT_COLUMNS of other quotes of the statement, first first
    also_reported_count: int  # how many there are in all


# The columns a quote listing shows. Plain columns, not ORM entities: building 50 Quote objects
# per page cost more than the query itself.
QUOTE_LISTING_COLUMNS = (
    Quote.id, Quote.text, Quote.kind, Quote.status, Quote.reason, Quote.speaker_id,
    Quote.speaker_name, Quote.mention, Quote.mention_start, Quote.mention_end,
    Quote.speaker_type, Quote.role, Quote.cue, Quote.cue_start, Quote.cue_end,
    Quote.document_id, Quote.start, Quote.end, Quote.rule, Quote.confidence,
    Quote.extractor_version, Quote.statement_id, Quote.corrected,
)
# A quote people rejected (not a quotation) is left out of every list and count unless asked
# for by `status=rejected`.
NOT_REJECTED = Quote.status != "rejected"
PUBLICATION_COUNT = (select(func.count()).where(Publication.document_id == Quote.document_id)
                     .correlate(Quote).scalar_subquery().label("publication_count"))


# Built once: a Select is immutable (each .where() makes a new one), and building this one
# took about 7% of a computed page's CPU. Quotes carry their document's earliest publication.
_QUOTE_ROWS = (select(*QUOTE_LISTING_COLUMNS, Quote.outlet_id, Quote.published,
                      Outlet.name.label("outlet_name"), PUBLICATION_COUNT, Document.title,
                      Document.url)
               .join(Document, Document.id == Quote.document_id)
               .outerjoin(Outlet, Outlet.id == Quote.outlet_id))
# The same, carrying one publication each instead (joined by the caller: scoped_quote_rows).
_SCOPED_QUOTE_ROWS = (select(*QUOTE_LISTING_COLUMNS, Publication.outlet_id,
                             Publication.published, Outlet.name.label("outlet_name"),
                             PUBLICATION_COUNT, Publication.title, Publication.url)
                      .select_from(Publication)
                      .join(Quote, Quote.document_id == Publication.document_id)
                      .outerjoin(Outlet, Outlet.id == Publication.outlet_id))


def quote_rows() -> Select:
    """Quotes with their outlet's name, the shape every quote collection returns."""
    return _QUOTE_ROWS


def filtered_quotes(session: Session, filters: QuoteFilters) -> Select:
    """The quote rows matching `filters` (unordered); with outlet or date filters, each
    carries its earliest publication among those they pick, otherwise its document's
    earliest."""
    if not filters_can_match(filters):
        return quote_rows().where(false())
    if filters.scoped:
        stmt = _SCOPED_QUOTE_ROWS.where(*first_in_scope(session, filters))
    else:
        stmt = quote_rows()
    return stmt.where(*quote_conditions(session, filters))


def filters_can_match(filters: QuoteFilters) -> bool:
    """False when an id given is beyond any row's (it matches nothing, and PostgreSQL would
    refuse to compare it)."""
    return fits_row_id(filters.speaker_id) and fits_row_id(filters.outlet_id)


def quote_conditions(session: Session, filters: QuoteFilters) -> list:
    """The filters on the quote itself (all but outlet and dates, which pick publications)."""
    conditions = []
    if filters.speaker is not None:
        conditions.append(speaker_condition(session, filters.speaker))
    if filters.speaker_id is not None:
        conditions.append(Quote.speaker_id == filters.speaker_id)
    if filters.document_id is not None:
        conditions.append(Quote.document_id == filters.document_id)
    if filters.statement_id is not None:
        conditions.append(Quote.statement_id == filters.statement_id)
    if filters.distinct_statement:
        conditions.append(exists().where(Statement.first_quote_id == Quote.id))
    if filters.kind is not None:
        conditions.append(Quote.kind == filters.kind)
    if filters.status is not None:
        conditions.append(Quote.status == filters.status)
    else:
        conditions.append(NOT_REJECTED)
    if filters.updated_since is not None:
        conditions.append(Quote.id.in_(select(Change.quote_id).where(
            Change.changed_at >= filters.updated_since)))
    if filters.min_confidence is not None:
        conditions.append(Quote.confidence >= filters.min_confidence)
    if filters.speaker_type is not None:
        conditions.append(Quote.speaker_type == filters.speaker_type)
    if "speaker" in filters.without:
        conditions.append(Quote.speaker_id.is_(None))
    if "speaker_type" in filters.without:
        conditions.append(Quote.speaker_type.is_(None))
    if filters.text is not None:
        conditions.append(text_condition(session, filters.text))
    return conditions


# Up to this many matches, a page is found fastest by fetching every match and sorting them;
# beyond it, by walking the (published, id) index and stopping after a page (benchmarked at
# 1M quotes: a word nobody used took PostgreSQL's own choice 600 ms, the list plan 2 ms).
FTS_BROAD_MATCHES = 2000


# PostgreSQL's own estimate of the share of quotes matching, above which the words are common
# enough to walk at once (its statistics know common words well; rare or unknown ones are all
# estimated near 0.5%, so those are counted first).
PG_COMMON_SHARE = 0.01


def text_condition(session: Session, text: str):
    """The full-text condition, shaped so a page is found fast however common the words are."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql" and _estimated_share(session, text) >= PG_COMMON_SHARE:
        return ordered_walk_condition(dialect, text)
    sample = first_matches(dialect, text, FTS_BROAD_MATCHES)
    keys = session.scalars(sample).all() if sample is not None else []
    if len(keys) < FTS_BROAD_MATCHES:
        return match_key(dialect).in_(keys) if keys else false()
    return ordered_walk_condition(dialect, text)


def _estimated_share(session: Session, text: str) -> float:
    """The planner's estimate of the share of quotes matching `text` (PostgreSQL)."""
    plan = session.scalar(sql_text(
        "EXPLAIN (FORMAT JSON) SELECT 1 FROM quotes "
        "WHERE search_vector @@ websearch_to_tsquery('english', :q)"), {"q": text})
    total = session.scalar(sql_text(
        "SELECT reltuples FROM pg_class WHERE oid = 'quotes'::regclass"))
    return plan[0]["Plan"]["Plan Rows"] / total if total and total > 0 else 0.0


def quote_page(session: Session, filters: QuoteFilters, *, limit: int,
               after: DatedKey | None = None, newest_first: bool = True) -> Page:
    """A page of quotes matching `filters`, in published order, after the key `after`."""
    if (filters.text is not None and not filters.scoped and filters_can_match(filters)
            and session.get_bind().dialect.name == "sqlite"):
        page = _text_page_by_day(session, filters, limit=limit, after=after,
                                 newest_first=newest_first)
        if page is not None:
            return page
    stmt = filtered_quotes(session, filters)
    return dated_page(session, stmt, published_column(filters), Quote.id, limit=limit,
                      after=after, newest_first=newest_first)


def _text_page_by_day(session: Session, filters: QuoteFilters, *, limit: int,
                      after: DatedKey | None, newest_first: bool) -> Page | None:
    """quote_page for a full-text query on SQLite, newest first: matches are taken from
    quotes_fts a window of whole days at a time, newest days first (FTS5 walks its rowids, the
    day keys, upwards), so a page reads about a page of each posting list however common the
    words. A window holds every match of its days, and days are the first part of (published,
    id) order, so each window's rows, sorted, follow the previous window's exactly. Undated
    matches come last. None (use quote_page's general plan) for oldest first (FTS5 cannot walk
    downwards exactly: models.search), or when other filters keep so few matches that windows
    grow past FTS_BROAD_MATCHES."""
    if not newest_first:
        return None
    if fts5_query(filters.text) is None:
        return Page([], None)
    stmt = filtered_quotes(session, replace(filters, text=None))
    rows: list = []
    wanted = limit + 1
    if after is None or after.published is not None:
        # The cursor's own day may hold more rows after it.
        first = NEWEST_SLOT if after is None else fts_slot(after.published)
        window = wanted
        while first <= OLDEST_SLOT and len(rows) < wanted:
            if window > FTS_BROAD_MATCHES:
                return None
            # The window runs to the day of the window-th match from here.
            edge = session.scalar(keys_in_slots(filters.text, first, OLDEST_SLOT, limit=1,
                                                offset=window - 1))
            last = OLDEST_SLOT if edge is None else key_slot(edge)
            keys = session.scalars(keys_in_slots(filters.text, first, last)).all()
            if keys:
                dated = dated_phases(stmt.where(FTS_KEY.in_(keys)), Quote.published, Quote.id,
                                     after, newest_first)[0]
                rows.extend(session.execute(dated.limit(wanted - len(rows))).all())
            first = last + 1
            window *= 4  # other filters kept few of these matches: look further at once
    if len(rows) < wanted:
        undated = _undated_matches(session, stmt, filters.text)
        if undated is not None:
            phase = dated_phases(undated, Quote.published, Quote.id, after, newest_first)[-1]
            rows.extend(session.execute(phase.limit(wanted - len(rows))).all())
    if len(rows) <= limit:
        return Page(rows, None)
    last_row = rows[limit - 1]
    return Page(rows[:limit], DatedKey(last_row.published, last_row.id))


def _undated_matches(session: Session, stmt: Select, text: str) -> Select | None:
    """`stmt` kept to undated quotes matching `text`; None if there are none."""
    keys = session.scalars(keys_in_slots(text, UNDATED_SLOT, UNDATED_SLOT,
                                         limit=FTS_BROAD_MATCHES)).all()
    if len(keys) < FTS_BROAD_MATCHES:
        return stmt.where(FTS_KEY.in_(keys)) if keys else None
    # Many: walk the undated quotes in id order, testing each key ("+": not by the key index).
    return stmt.where(literal_column("+" + FTS_KEY_SQL).in_(
        keys_in_slots(text, UNDATED_SLOT, UNDATED_SLOT)))


def published_column(filters: QuoteFilters):
    """The date quotes are ordered by: the one each row carries."""
    return Publication.published if filters.scoped else Quote.published


def iter_quotes(session: Session, filters: QuoteFilters, *, newest_first: bool = True,
                after: DatedKey | None = None) -> Iterator:
    """Every quote matching `filters` after the key `after`, in page order, fetched in batches
    (for exports)."""
    stmt = filtered_quotes(session, filters)
    for phase in dated_phases(stmt, published_column(filters), Quote.id, after, newest_first):
        yield from session.execute(phase.execution_options(yield_per=STREAM_BATCH))


def quote_with_provenance(session: Session, quote_id: str) -> QuoteProvenance | None:
    """One quote with everything needed to check it against its source; None if unknown."""
    row = session.execute(
        quote_rows().add_columns(Document, Speaker)  # quote_rows() joins the document
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
        .where(Quote.id == quote_id)).first()
    if row is None:
        return None
    document = row.Document
    start, end = sentence_span(document.text, row.start, row.end)
    first, others, count = statement_reports(session, row.statement_id, quote_id)
    return QuoteProvenance(row, document, row.outlet_name, row.Speaker, start, end,
                           document.text[start:end], first, others, count)


# Where a quote was reported: its document's earliest publication.
REPORT_COLUMNS = (Quote.id.label("quote_id"), Quote.document_id, Document.outlet_id,
                  Outlet.name.label("outlet_name"), Document.url, Document.published)
_REPORTS = (select(*REPORT_COLUMNS).join(Document, Document.id == Quote.document_id)
            .outerjoin(Outlet, Outlet.id == Document.outlet_id))
ALSO_REPORTED_CAP = 20


def statement_reports(session: Session, statement_id: str | None, quote_id: str):
    """(first reported, up to ALSO_REPORTED_CAP other quotes of the statement, how many other
    quotes there are in all)."""
    statement = session.get(Statement, statement_id) if statement_id else None
    if statement is None:
        return None, [], 0
    first = session.execute(_REPORTS.where(Quote.id == statement.first_quote_id)).first()
    others = session.execute(
        _REPORTS.where(Quote.statement_id == statement_id, Quote.id != quote_id)
        .order_by(Quote.published.is_(None), Quote.published, Quote.id)
        .limit(ALSO_REPORTED_CAP)).all()
    return first, others, statement.quote_count - 1
