"""Every query the API makes, as named functions over a Session (no HTTP here).

Collections use keyset pagination. Quotes and documents are ordered by published date, then
id, newest first by default; rows with no published date come last in either direction. That
order is walked in two phases (dated rows through the (published, id) indexes with a row-value
comparison, then undated rows by id), so every page costs the same however deep it is, and the
plain composite indexes serve both phases on SQLite and PostgreSQL alike.
"""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlalchemy import (
    Select,
    and_,
    false,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine, Row
from sqlalchemy.orm import Session, defer

from extractors import sentence_span
from models.names import normalize_name, normalize_outlet_name
from models.search import first_matches, match_key, ordered_walk_condition
from models.tables import Document, Outlet, Quote, Speaker, SpeakerAlias, SpeakerWord

# Ids are 32-bit integer columns; larger numbers cannot name a row (and PostgreSQL refuses
# to compare them once cast to the column type), so they match nothing.
MAX_ROW_ID = (1 << 31) - 1
STREAM_BATCH = 1000


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


@dataclass(frozen=True)
class DatedKey:
    """A position in (published, id) order; published None means the undated tail."""

    published: date | None
    row_id: str


@dataclass(frozen=True)
class CountKey:
    """A position in (count descending, id) order."""

    count: int
    row_id: int


@dataclass(frozen=True)
class NameKey:
    """A position in (name, id) order."""

    name: str
    row_id: int


@dataclass
class Page:
    """One page of rows and the key after its last row (None on the last page)."""

    rows: list
    next_key: object | None


@dataclass(frozen=True)
class QuoteProvenance:
    """A quote row with its document, outlet, linked speaker and surrounding sentence."""

    quote: Row  # QUOTE_LISTING_COLUMNS and outlet_name, as quote_rows() selects them
    document: Document
    outlet_name: str | None
    speaker: Speaker | None
    sentence_start: int
    sentence_end: int
    sentence: str


def fits_row_id(value: int | None) -> bool:
    return value is None or 0 <= value <= MAX_ROW_ID


# --- quotes -----------------------------------------------------------------------------------

# The columns a quote listing shows. Plain columns, not ORM entities: building 50 Quote objects
# per page cost more than the query itself.
QUOTE_LISTING_COLUMNS = (
    Quote.id, Quote.text, Quote.kind, Quote.status, Quote.reason, Quote.speaker_id,
    Quote.speaker_name, Quote.mention, Quote.mention_start, Quote.mention_end,
    Quote.speaker_type, Quote.role, Quote.cue, Quote.cue_start, Quote.cue_end,
    Quote.document_id, Quote.outlet_id, Quote.published, Quote.start, Quote.end, Quote.rule,
    Quote.confidence, Quote.extractor_version,
)


# Built once: a Select is immutable (each .where() makes a new one), and building this one
# took about 7% of a computed page's CPU.
_QUOTE_ROWS = (select(*QUOTE_LISTING_COLUMNS, Outlet.name.label("outlet_name"))
               .outerjoin(Outlet, Outlet.id == Quote.outlet_id))


def quote_rows() -> Select:
    """Quotes with their outlet's name, the shape every quote collection returns."""
    return _QUOTE_ROWS


def filtered_quotes(session: Session, filters: QuoteFilters) -> Select:
    """The quote rows matching `filters` (unordered)."""
    stmt = quote_rows()
    if not (fits_row_id(filters.speaker_id) and fits_row_id(filters.outlet_id)):
        return stmt.where(false())
    conditions = []
    if filters.speaker is not None:
        conditions.append(speaker_condition(session, filters.speaker))
    if filters.speaker_id is not None:
        conditions.append(Quote.speaker_id == filters.speaker_id)
    if filters.outlet is not None:
        conditions.append(Quote.outlet_id.in_(outlet_ids_named(session, filters.outlet)))
    if filters.outlet_id is not None:
        conditions.append(Quote.outlet_id == filters.outlet_id)
    if filters.document_id is not None:
        conditions.append(Quote.document_id == filters.document_id)
    if filters.date_from is not None:
        conditions.append(Quote.published >= filters.date_from)
    if filters.date_to is not None:
        conditions.append(Quote.published <= filters.date_to)
    if filters.kind is not None:
        conditions.append(Quote.kind == filters.kind)
    if filters.status is not None:
        conditions.append(Quote.status == filters.status)
    if filters.min_confidence is not None:
        conditions.append(Quote.confidence >= filters.min_confidence)
    if filters.text is not None:
        conditions.append(text_condition(session, filters.text))
    return stmt.where(*conditions)


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
    stmt = filtered_quotes(session, filters)
    return dated_page(session, stmt, Quote.published, Quote.id, limit=limit, after=after,
                      newest_first=newest_first)


def iter_quotes(session: Session, filters: QuoteFilters, *, newest_first: bool = True,
                after: DatedKey | None = None) -> Iterator:
    """Every quote matching `filters` after the key `after`, in page order, fetched in batches
    (for exports)."""
    stmt = filtered_quotes(session, filters)
    for phase in dated_phases(stmt, Quote.published, Quote.id, after, newest_first):
        yield from session.execute(phase.execution_options(yield_per=STREAM_BATCH))


def quote_with_provenance(session: Session, quote_id: str) -> QuoteProvenance | None:
    """One quote with everything needed to check it against its source; None if unknown."""
    row = session.execute(
        quote_rows().add_columns(Document, Speaker)
        .join(Document, Document.id == Quote.document_id)
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
        .where(Quote.id == quote_id)).first()
    if row is None:
        return None
    document = row.Document
    start, end = sentence_span(document.text, row.start, row.end)
    return QuoteProvenance(row, document, row.outlet_name, row.Speaker, start, end,
                           document.text[start:end])


# --- keyset walking -----------------------------------------------------------------------------

def dated_phases(stmt: Select, published, row_id, after: DatedKey | None,
                 newest_first: bool) -> list[Select]:
    """The statements that walk `stmt` in (published, id) order with undated rows last."""
    order = (published.desc(), row_id.desc()) if newest_first else (published, row_id)
    phases = []
    if after is None or after.published is not None:
        dated = stmt.where(published.is_not(None))
        if after is not None:
            here = tuple_(published, row_id)
            mark = tuple_(after.published, after.row_id)
            dated = dated.where(here < mark if newest_first else here > mark)
        phases.append(dated.order_by(*order))
    undated = stmt.where(published.is_(None))
    if after is not None and after.published is None:
        undated = undated.where(row_id < after.row_id if newest_first else row_id > after.row_id)
    phases.append(undated.order_by(row_id.desc() if newest_first else row_id))
    return phases


def dated_page(session: Session, stmt: Select, published, row_id, *, limit: int,
               after: DatedKey | None, newest_first: bool, key_of=lambda row: row) -> Page:
    """Run the phases of a (published, id) walk until a page and one more row are found."""
    rows: list = []
    for phase in dated_phases(stmt, published, row_id, after, newest_first):
        rows.extend(session.execute(phase.limit(limit + 1 - len(rows))).all())
        if len(rows) > limit:
            break
    if len(rows) <= limit:
        return Page(rows, None)
    last = key_of(rows[limit - 1])
    return Page(rows[:limit], DatedKey(last.published, last.id))


# --- speakers -----------------------------------------------------------------------------------

# Up to this many speakers matching a name, quotes are filtered by the list of their ids (the
# planner sees the values); beyond it, by the matching subquery (bound parameters run out).
MAX_LISTED_SPEAKERS = 1000
# Up to this many quotes by the speakers a name matches, a page is found fastest through the
# (speaker_id, published, id) index and a sort of their quotes; beyond it, by walking the
# (published, id) index and keeping theirs, which finds a page within about
# limit × (all quotes / theirs) rows (bench/results/speaker_search_*.md).
SPEAKER_BROAD_QUOTES = 5000


def speakers_matching(name: str) -> Select | None:
    """Ids of the speakers with every word of `name` among the words of their name or of one
    alias (case, accents and leading titles ignored); None when `name` has no words.

    So "varga", "ilse varga" and "Mayor Ilse Varga" all find "Ilse Varga"; "varga" also finds
    "Peter Varga". Index-backed: speaker_words' primary key is (word, speaker_id).
    """
    words = sorted(set(normalize_name(name).split()))
    if not words:
        return None
    return (select(SpeakerWord.speaker_id).where(SpeakerWord.word.in_(words))
            .group_by(SpeakerWord.speaker_id).having(func.count() == len(words)))


def speaker_condition(session: Session, name: str):
    """The condition on quotes for "said by a speaker matching `name`", shaped so a page is
    found fast however many quotes those speakers have."""
    matching = speakers_matching(name)
    if matching is None:
        return false()
    speakers = select(Speaker.id, Speaker.quote_count).where(Speaker.id.in_(matching))
    found = session.execute(speakers.limit(MAX_LISTED_SPEAKERS + 1)).all()
    if not found:
        return false()
    if len(found) <= MAX_LISTED_SPEAKERS:
        ids, quotes = sorted(row.id for row in found), sum(row.quote_count for row in found)
    else:
        ids = matching
        quotes = session.scalar(select(func.sum(Speaker.quote_count))
                                .where(Speaker.id.in_(matching)))
    if len(found) == 1 or quotes <= SPEAKER_BROAD_QUOTES:
        return Quote.speaker_id.in_(ids)
    # "+ 0" keeps both engines off the speaker index, so they walk the (published, id) one.
    return (Quote.speaker_id + 0).in_(ids)


def speakers_named(session: Session, name: str, *, limit: int) -> list:
    """The speakers matching `name` (see `speakers_matching`), most quoted first."""
    matching = speakers_matching(name)
    if matching is None:
        return []
    return session.execute(select(*SPEAKER_SUMMARY_COLUMNS).where(Speaker.id.in_(matching))
                           .order_by(Speaker.quote_count.desc(), Speaker.id).limit(limit)).all()


SPEAKER_SUMMARY_COLUMNS = (Speaker.id, Speaker.name, Speaker.type, Speaker.role,
                           Speaker.quote_count)


def speaker_page(session: Session, *, name: str | None, limit: int,
                 after: CountKey | None = None) -> Page:
    """Speakers, most quoted first; `name` keeps those whose name or an alias has its words."""
    stmt = select(*SPEAKER_SUMMARY_COLUMNS)
    if name is not None:
        # A name with no word in it (`"`, `.`) finds nobody, as `speaker=` does on quotes.
        words = normalize_name(name).split()
        stmt = stmt.where(_speaker_has_words(words) if words else false())
    if after is not None:
        stmt = stmt.where(or_(Speaker.quote_count < after.count,
                              and_(Speaker.quote_count == after.count, Speaker.id > after.row_id)))
    # speakers.quote_count is kept exact by the writers and indexed in this order: no GROUP BY.
    order = (Speaker.quote_count.desc(), Speaker.id)
    rows = session.execute(stmt.order_by(*order).limit(limit + 1)).all()
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], CountKey(last.quote_count, last.id))


def _speaker_has_words(words: list[str]):
    """Name or one alias has every word of `words` at the start of one of its own words.

    So "ottilie lind" finds "Ottilie Varga Lind", and "lind" finds "Lindqvist" too.
    """
    def has_every_word(name_column):
        spaced = literal(" ") + name_column
        return and_(true(), *(spaced.contains(" " + word, autoescape=True) for word in words))

    aliases = select(SpeakerAlias.speaker_id).where(has_every_word(SpeakerAlias.normalized_alias))
    return or_(has_every_word(Speaker.normalized_name), Speaker.id.in_(aliases))


@dataclass(frozen=True)
class SpeakerProfile:
    speaker: Speaker
    aliases: list[str]
    roles: list[str]
    quote_count: int
    first_quoted: date | None
    last_quoted: date | None
    outlets: list  # rows of (id, name, quote_count)


def speaker_profile(session: Session, speaker_id: int) -> SpeakerProfile | None:
    """A speaker with aliases, roles, quote counts, first and last quoted, and outlets."""
    speaker = session.get(Speaker, speaker_id) if fits_row_id(speaker_id) else None
    if speaker is None:
        return None
    theirs = Quote.speaker_id == speaker_id
    count, first, last = session.execute(
        select(func.count(), func.min(Quote.published), func.max(Quote.published))
        .where(theirs)).one()
    aliases = session.scalars(select(SpeakerAlias.alias).where(
        SpeakerAlias.speaker_id == speaker_id).order_by(SpeakerAlias.alias))
    roles = session.scalars(select(Quote.role).where(theirs, Quote.role.is_not(None))
                            .distinct().order_by(Quote.role))
    outlets = session.execute(
        select(Outlet.id, Outlet.name, func.count().label("quote_count"))
        .join(Quote, Quote.outlet_id == Outlet.id).where(theirs)
        .group_by(Outlet.id, Outlet.name).order_by(func.count().desc(), Outlet.id)).all()
    return SpeakerProfile(speaker, list(aliases), list(roles), count, first, last, outlets)


def speaker_exists(session: Session, speaker_id: int) -> bool:
    return fits_row_id(speaker_id) and session.get(Speaker, speaker_id) is not None


# --- outlets ------------------------------------------------------------------------------------

def outlet_ids_named(session: Session, name: str) -> list[int]:
    """Ids of the outlets called `name` (case and accents ignored)."""
    key = normalize_outlet_name(name)
    return list(session.scalars(select(Outlet.id).where(Outlet.normalized_name == key)))


def outlet_page(session: Session, *, name: str | None, limit: int,
                after: NameKey | None = None) -> Page:
    """Outlets by name; `name` keeps those whose name contains it."""
    stmt = select(Outlet)
    if name is not None:
        # A name that folds to nothing (spaces) finds nothing; contains("") would find all.
        key = normalize_outlet_name(name)
        stmt = stmt.where(Outlet.normalized_name.contains(key, autoescape=True) if key
                          else false())
    if after is not None:
        stmt = stmt.where(tuple_(Outlet.name, Outlet.id) > tuple_(after.name, after.row_id))
    rows = list(session.scalars(stmt.order_by(Outlet.name, Outlet.id).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    return Page(rows[:limit], NameKey(rows[limit - 1].name, rows[limit - 1].id))


@dataclass(frozen=True)
class OutletProfile:
    outlet: Outlet
    document_count: int
    quote_count: int
    first_published: date | None
    last_published: date | None
    top_speakers: list  # rows of (id, name, quote_count)


def outlet_profile(session: Session, outlet_id: int, top: int = 10) -> OutletProfile | None:
    """An outlet with its document and quote counts, date range and most quoted speakers."""
    outlet = session.get(Outlet, outlet_id) if fits_row_id(outlet_id) else None
    if outlet is None:
        return None
    documents, first, last = session.execute(
        select(func.count(), func.min(Document.published), func.max(Document.published))
        .where(Document.outlet_id == outlet_id)).one()
    quotes = session.scalar(select(func.count()).where(Quote.outlet_id == outlet_id))
    speakers = session.execute(
        select(Speaker.id, Speaker.name, func.count().label("quote_count"))
        .join(Quote, Quote.speaker_id == Speaker.id).where(Quote.outlet_id == outlet_id)
        .group_by(Speaker.id, Speaker.name).order_by(func.count().desc(), Speaker.id)
        .limit(top)).all()
    return OutletProfile(outlet, documents, quotes or 0, first, last, speakers)


def outlet_exists(session: Session, outlet_id: int) -> bool:
    return fits_row_id(outlet_id) and session.get(Outlet, outlet_id) is not None


# --- documents ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentFilters:
    outlet: str | None = None
    outlet_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def document_rows(with_text: bool = False) -> Select:
    """Documents with their outlet's name and number of quotes (text only when asked)."""
    quote_count = (select(func.count()).where(Quote.document_id == Document.id)
                   .correlate(Document).scalar_subquery())
    stmt = (select(Document, Outlet.name.label("outlet_name"), quote_count.label("quote_count"))
            .outerjoin(Outlet, Outlet.id == Document.outlet_id))
    return stmt if with_text else stmt.options(defer(Document.text, raiseload=True))


def document_page(session: Session, filters: DocumentFilters, *, limit: int,
                  after: DatedKey | None = None, newest_first: bool = True) -> Page:
    """A page of documents, in published order, after the key `after`."""
    stmt = document_rows()
    if filters.outlet is not None:
        stmt = stmt.where(Document.outlet_id.in_(outlet_ids_named(session, filters.outlet)))
    if filters.outlet_id is not None:
        stmt = stmt.where(Document.outlet_id == filters.outlet_id
                          if fits_row_id(filters.outlet_id) else false())
    if filters.date_from is not None:
        stmt = stmt.where(Document.published >= filters.date_from)
    if filters.date_to is not None:
        stmt = stmt.where(Document.published <= filters.date_to)
    return dated_page(session, stmt, Document.published, Document.id, limit=limit, after=after,
                      newest_first=newest_first, key_of=lambda row: row.Document)


def document_with_counts(session: Session, document_id: str, *, with_text: bool = False):
    """One document row (with outlet name and quote count), or None."""
    stmt = document_rows(with_text).where(Document.id == document_id)
    return session.execute(stmt).first()


def document_exists(session: Session, document_id: str) -> bool:
    return session.get(Document, document_id) is not None


def quotes_of_document(session: Session, document_id: str) -> list:
    """Every quote of one document, in text order."""
    return session.execute(quote_rows().where(Quote.document_id == document_id)
                           .order_by(Quote.start, Quote.id)).all()


# --- change detection ---------------------------------------------------------------------------

def change_stamp_reader(engine: Engine) -> Callable[[], object]:
    """A cheap function whose value changes whenever any connection commits a write.

    For caches of query results: read the stamp before the query, and a result kept under a
    stamp is current while the stamp reads the same. Writes from other processes count.
    """
    if engine.dialect.name == "sqlite":
        return _sqlite_data_version(engine)
    return partial(_postgresql_snapshot, engine)


def _sqlite_data_version(engine: Engine) -> Callable[[], int]:
    # PRAGMA data_version changes when another connection commits, never for the connection's
    # own writes: so it is asked on a connection of its own that never writes.
    watcher = engine.raw_connection()
    lock = threading.Lock()

    def read() -> int:
        with lock:
            return watcher.driver_connection.execute("PRAGMA data_version").fetchone()[0]
    return read


def _postgresql_snapshot(engine: Engine) -> str:
    # The snapshot (xmin:xmax:running ids) changes whenever a transaction that wrote anything
    # ends: it leaves the running ids, or moves xmax past itself. Two equal snapshots therefore
    # see the same committed data. Conservative (any database of the server counts).
    with engine.connect() as connection:
        return connection.scalar(sql_text("SELECT pg_current_snapshot()::text"))
