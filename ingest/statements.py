"""Statements: quotes with the same normalised words and the same speaker, in any document.

Outlets edit agency copy (a new headline, a trimmed paragraph), so the same words reach the
store in many slightly different texts. A quote's statement id is derived from its speaker and
its text with case, quote marks, whitespace, punctuation and symbols folded; a quote with no linked
speaker (an anonymous source, no speaker found) is a statement of its own, since nothing says
two such quotes are one person's words. A partial quote is never joined to the full quote
that contains it: only equal folded texts match.

Each statement row keeps its quote count and its first reported quote (earliest in the quotes'
(published, id) order, undated last). Writers keep them exact two ways:
- new quotes merge into their statements with one upsert whose update adds counts and keeps
  the earlier first quote: that merge commutes, so concurrent writers agree whatever order
  they commit in;
- when quotes leave a statement, move to another or change date, `recount_statements` counts
  afresh under the statement row's lock, after the writer's own changes, so the last writer to
  commit has seen every other's.
"""

import hashlib
import re
import unicodedata
from datetime import date
from functools import cache

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Connection

from models.dialect import INSERTS, insert_ignoring_conflicts
from models.tables import Quote, Statement

STATEMENTS = Statement.__table__
QUOTES = Quote.__table__
# Everything but letters and digits folds to a space: punctuation (quote marks, dashes and
# apostrophes among them), symbols, whitespace. One regular expression: a loop over the
# characters in Python cost ingest about 10 µs a quote.
NOT_A_WORD = re.compile(r"[\W_]+")
CHUNK = 500


def fold_statement_text(text: str) -> str:
    """The words of a quote as statements compare them: "We will NOT back down," and “we will
    not back down.” fold to the same string."""
    folded = NOT_A_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def statement_id_for(quote_id: str, text: str, speaker_id: int | None) -> str:
    """The statement a quote belongs to (16 hex digits)."""
    words = fold_statement_text(text)
    key = f"{speaker_id}\x1f{words}" if speaker_id is not None and words else f"q\x1f{quote_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def reporting_order(published: date | None, quote_id: str) -> tuple:
    """A quote's place in (published, id) order, undated last: the first is the smallest."""
    return (published is None, published or date.min, quote_id)


def add_to_statements(connection: Connection, rows: list[dict]) -> None:
    """New quote rows (with id, statement_id, published) join their statements."""
    merged: dict[str, dict] = {}
    for row in rows:
        found = merged.get(row["statement_id"])
        if found is None:
            merged[row["statement_id"]] = {
                "id": row["statement_id"], "quote_count": 1, "first_quote_id": row["id"],
                "first_published": row["published"]}
            continue
        found["quote_count"] += 1
        if (reporting_order(row["published"], row["id"])
                < reporting_order(found["first_published"], found["first_quote_id"])):
            found["first_quote_id"], found["first_published"] = row["id"], row["published"]
    if merged:
        # In id order, so two writers lock shared statements in the same order (no deadlock).
        values = [merged[key] for key in sorted(merged)]
        for start in range(0, len(values), CHUNK):
            connection.execute(_merge_statement(connection.dialect.name),
                               values[start:start + CHUNK])


@cache
def _merge_statement(dialect_name: str):
    insert = INSERTS[dialect_name](STATEMENTS)
    new, old = insert.excluded, STATEMENTS.c
    earlier = or_(
        and_(new.first_published.is_not(None),
             or_(old.first_published.is_(None), new.first_published < old.first_published,
                 and_(new.first_published == old.first_published,
                      new.first_quote_id < old.first_quote_id))),
        and_(new.first_published.is_(None), old.first_published.is_(None),
             new.first_quote_id < old.first_quote_id))
    return insert.on_conflict_do_update(index_elements=[old.id], set_={
        "quote_count": old.quote_count + new.quote_count,
        "first_quote_id": case((earlier, new.first_quote_id), else_=old.first_quote_id),
        "first_published": case((earlier, new.first_published), else_=old.first_published),
    })


def recount_statements(connection: Connection, statement_ids) -> None:
    """Count each statement's quotes and find its first afresh; an emptied one is deleted."""
    ids = sorted({i for i in statement_ids if i is not None})
    for start in range(0, len(ids), CHUNK):
        _recount(connection, ids[start:start + CHUNK])


def _recount(connection: Connection, ids: list[str]) -> None:
    # A placeholder row for a statement new to the store, then every row locked in id order:
    # a writer adding quotes to one of them waits, or is waited for, and its merge comes after.
    connection.execute(insert_ignoring_conflicts(connection, STATEMENTS), [
        {"id": i, "quote_count": 0, "first_quote_id": "", "first_published": None}
        for i in ids])
    connection.execute(select(STATEMENTS.c.id).where(STATEMENTS.c.id.in_(ids))
                       .order_by(STATEMENTS.c.id).with_for_update())
    counts = dict(connection.execute(
        select(QUOTES.c.statement_id, func.count()).where(QUOTES.c.statement_id.in_(ids))
        .group_by(QUOTES.c.statement_id)).all())
    for statement_id in ids:
        if not counts.get(statement_id):
            connection.execute(STATEMENTS.delete().where(STATEMENTS.c.id == statement_id))
            continue
        first = connection.execute(
            select(QUOTES.c.id, QUOTES.c.published).where(QUOTES.c.statement_id == statement_id)
            .order_by(QUOTES.c.published.is_(None), QUOTES.c.published, QUOTES.c.id)
            .limit(1)).one()
        connection.execute(STATEMENTS.update().where(STATEMENTS.c.id == statement_id).values(
            quote_count=counts[statement_id], first_quote_id=first.id,
            first_published=first.published))
