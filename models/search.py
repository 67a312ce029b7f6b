"""Full-text search over quote text, one interface for both engines.

    from models.search import fulltext_condition, order_by_relevance
    stmt = select(Quote).where(fulltext_condition(session.bind.dialect.name, q))
    stmt = order_by_relevance(stmt, session.bind.dialect.name, q)   # optional: best first

`q` is web-search syntax on both engines: words (all must match, stemmed: "warned" finds
"warning"), "quoted phrases", `or` between alternatives, `-word` to exclude. PostgreSQL
evaluates it with websearch_to_tsquery('english', q) against the generated, GIN-indexed
column quotes.search_vector. SQLite translates it into an FTS5 query over quotes_fts (porter
stemming, accents folded), a contentless table kept in step with quotes by triggers, whose
rowid is each quote's day key (FTS_KEY, migration 0011): FTS5 returns matches in rowid order,
so it can hand over the newest (or oldest) matches first without reading every match.
A query with no searchable word matches nothing.
"""

import re
from datetime import date

from sqlalchemy import Select, column, false, func, literal_column, select, table
from sqlalchemy.sql.elements import ColumnElement

from models.tables import Quote

TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_RE = re.compile(r"\w+")
SEARCH_VECTOR = literal_column("quotes.search_vector")
QUOTES_FTS = table("quotes_fts", column("rowid"))

# A quote's quotes_fts rowid on SQLite: its slot (fts_slot) above the low 47 bits of its
# fts_rowid. Newest days have the lowest slots because SQLite 3.40's FTS5 loses matches when
# it walks rowids downwards within bounds (ORDER BY rowid DESC with a rowid range); upwards
# it is exact. Written exactly as migration 0011's index ix_quotes_fts_key, so SQLite finds a
# quote by key through that index (a test keeps the two equal). A list of keys is looked up
# through it; an IN (subquery) or a join on it is not (SQLite 3.40 then scans every quote).
FTS_SLOT_BITS = 47
FTS_KEY_SQL = ("((CASE WHEN quotes.published IS NULL THEN 65535 ELSE 65535 - max(1, min(65535, "
               "CAST(julianday(quotes.published) AS INTEGER) - 2440586)) END << 47) "
               "| (quotes.fts_rowid & 140737488355327))")
FTS_KEY = literal_column(FTS_KEY_SQL)
NEWEST_SLOT, OLDEST_SLOT, UNDATED_SLOT = 0, 65534, 65535
EPOCH = date(1970, 1, 1)


def fts_slot(published: date | None) -> int:
    """The slot part of a quote's FTS key, as FTS_KEY_SQL computes it: one a day, newest
    first (days before 1970 share the oldest, after 2149 the newest), undated last."""
    if published is None:
        return UNDATED_SLOT
    return 65535 - max(1, min(65535, (published - EPOCH).days + 1))


def key_slot(key: int) -> int:
    return key >> FTS_SLOT_BITS


def keys_in_slots(q: str, first: int, last: int, *, limit: int | None = None,
                  offset: int = 0) -> Select | None:
    """FTS keys of the quotes matching `q` in slots `first` to `last` (inclusive), newest
    first (SQLite); None if `q` has no word."""
    match = fts5_query(q)
    if match is None:
        return None
    rowid = QUOTES_FTS.c.rowid
    stmt = (select(rowid).where(_matches(match), rowid >= first << FTS_SLOT_BITS,
                                rowid <= (last << FTS_SLOT_BITS) | ((1 << FTS_SLOT_BITS) - 1))
            .order_by(rowid))
    return stmt if limit is None else stmt.limit(limit).offset(offset)


def fulltext_condition(dialect_name: str, q: str) -> ColumnElement[bool]:
    """A WHERE clause on `quotes` that is true for quotes whose text matches the query `q`."""
    if dialect_name == "postgresql":
        return SEARCH_VECTOR.op("@@")(_tsquery(q))
    match = fts5_query(q)
    if match is None:
        return false()
    matching = select(QUOTES_FTS.c.rowid).where(_matches(match))
    return FTS_KEY.in_(matching)  # scans the quotes: for small stores and tests


def first_matches(dialect_name: str, q: str, limit: int) -> Select | None:
    """Keys (see `match_key`) of at most `limit` quotes matching `q`; None if it has no word."""
    if dialect_name == "postgresql":
        return select(Quote.id).where(SEARCH_VECTOR.op("@@")(_tsquery(q))).limit(limit)
    match = fts5_query(q)
    if match is None:
        return None
    return select(QUOTES_FTS.c.rowid).where(_matches(match)).limit(limit)


def match_key(dialect_name: str):
    """The quotes column that `first_matches` returns: the id, or the FTS key on SQLite."""
    return Quote.id if dialect_name == "postgresql" else FTS_KEY


def ordered_walk_condition(dialect_name: str, q: str) -> ColumnElement[bool]:
    """`fulltext_condition` for queries matching many quotes: the database walks the ordering
    index and tests each quote, stopping after a page, instead of fetching every match."""
    if dialect_name == "postgresql":
        return fulltext_condition(dialect_name, q)  # its planner walks when matches are many
    matching = select(QUOTES_FTS.c.rowid).where(_matches(fts5_query(q) or '""'))
    # Unary + keeps SQLite from driving the query from the matches (it cannot use an index
    # through an expression), so it walks the ordering index and stops after one page.
    return literal_column("+" + FTS_KEY_SQL).in_(matching)


def order_by_relevance(stmt: Select, dialect_name: str, q: str) -> Select:
    """`stmt` (selecting from quotes) ordered best match first: ts_rank or FTS5 bm25."""
    if dialect_name == "postgresql":
        return stmt.order_by(func.ts_rank(SEARCH_VECTOR, _tsquery(q)).desc(), Quote.id)
    match = fts5_query(q) or '""'
    ranks = (select(QUOTES_FTS.c.rowid.label("fts_key"),
                    func.bm25(literal_column("quotes_fts")).label("rank"))
             .where(_matches(match)).subquery("fts_ranks"))
    # Joined on the key expression: SQLite scans the quotes (for small stores and tests).
    return (stmt.join(ranks, ranks.c.fts_key == FTS_KEY)
            .order_by(ranks.c.rank, Quote.id))


def fts5_query(q: str) -> str | None:
    """The FTS5 form of a web-search query (every term quoted, so no syntax error is possible)."""
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    for negated, phrase, bare in TOKEN_RE.findall(q or ""):
        if not phrase and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        negated = negated or (bare.startswith("-") and len(bare) > 1)
        words = WORD_RE.findall(phrase or bare)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (excluded if negated else groups[-1]).append(term)
    alternatives = [" AND ".join(group) for group in groups if group]
    if not alternatives:
        return None
    query = "(" + " OR ".join(f"({a})" for a in alternatives) + ")"
    return query + "".join(f" NOT {term}" for term in excluded)


def _matches(match: str) -> ColumnElement[bool]:
    return literal_column("quotes_fts").op("MATCH")(match)


def _tsquery(q: str):
    return func.websearch_to_tsquery("english", q)
