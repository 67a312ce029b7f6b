"""Full-text search over quote text, one interface for both engines.

    from models.search import fulltext_condition, order_by_relevance
    stmt = select(Quote).where(fulltext_condition(session.bind.dialect.name, q))
    stmt = order_by_relevance(stmt, session.bind.dialect.name, q)   # optional: best first

`q` is web-search syntax on both engines: words (all must match, stemmed: "warned" finds
"warning"), "quoted phrases", `or` between alternatives, `-word` to exclude. PostgreSQL
evaluates it with websearch_to_tsquery('english', q) against the generated, GIN-indexed
column quotes.search_vector. SQLite translates it into an FTS5 query over quotes_fts (porter
stemming, accents folded), an external-content table kept in step with quotes by triggers
and joined through quotes.fts_rowid. A query with no searchable word matches nothing.
"""

import re

from sqlalchemy import Select, column, false, func, literal_column, select, table
from sqlalchemy.sql.elements import ColumnElement

from models.tables import Quote

TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_RE = re.compile(r"\w+")
SEARCH_VECTOR = literal_column("quotes.search_vector")
QUOTES_FTS = table("quotes_fts", column("rowid"))


def fulltext_condition(dialect_name: str, q: str) -> ColumnElement[bool]:
    """A WHERE clause on `quotes` that is true for quotes whose text matches the query `q`."""
    if dialect_name == "postgresql":
        return SEARCH_VECTOR.op("@@")(_tsquery(q))
    match = fts5_query(q)
    if match is None:
        return false()
    matching = select(QUOTES_FTS.c.rowid).where(_matches(match))
    return Quote.fts_rowid.in_(matching)


def first_matches(dialect_name: str, q: str, limit: int) -> Select | None:
    """Keys (see `match_key`) of at most `limit` quotes matching `q`; None if it has no word."""
    if dialect_name == "postgresql":
        return select(Quote.id).where(SEARCH_VECTOR.op("@@")(_tsquery(q))).limit(limit)
    match = fts5_query(q)
    if match is None:
        return None
    return select(QUOTES_FTS.c.rowid).where(_matches(match)).limit(limit)


def match_key(dialect_name: str):
    """The quotes column that `first_matches` returns: the id, or the FTS5 rowid on SQLite."""
    return Quote.id if dialect_name == "postgresql" else Quote.fts_rowid


def ordered_walk_condition(dialect_name: str, q: str) -> ColumnElement[bool]:
    """`fulltext_condition` for queries matching many quotes: the database walks the ordering
    index and tests each quote, stopping after a page, instead of fetching every match."""
    if dialect_name == "postgresql":
        return fulltext_condition(dialect_name, q)  # its planner walks when matches are many
    matching = select(QUOTES_FTS.c.rowid).where(_matches(fts5_query(q) or '""'))
    # Unary + keeps SQLite from driving the query from the matches (it cannot use an index
    # through an expression), so it walks the ordering index and stops after one page.
    return literal_column("+quotes.fts_rowid").in_(matching)


def order_by_relevance(stmt: Select, dialect_name: str, q: str) -> Select:
    """`stmt` (selecting from quotes) ordered best match first: ts_rank or FTS5 bm25."""
    if dialect_name == "postgresql":
        return stmt.order_by(func.ts_rank(SEARCH_VECTOR, _tsquery(q)).desc(), Quote.id)
    match = fts5_query(q) or '""'
    ranks = (select(QUOTES_FTS.c.rowid.label("fts_rowid"),
                    func.bm25(literal_column("quotes_fts")).label("rank"))
             .where(_matches(match)).subquery("fts_ranks"))
    return (stmt.join(ranks, ranks.c.fts_rowid == Quote.fts_rowid)
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
