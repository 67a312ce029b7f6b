"""Merging a bare-surname speaker into the full name it turned out to belong to.

"Vance" quoted before anyone called Vance was known is stored as its own speaker. When the
first full name with that surname arrives ("Petra Vance"), the bare surname has exactly one
person it can name, the same rule that joins a bare surname to a full name already known;
so its quotes move to the full name, its aliases are kept there, the quote counts follow, and
the bare-surname row is deleted; the quotes' statements (keyed by speaker) follow them. The
outcome is what ingesting in the other order gives.
"""

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from ingest import change_log
from ingest.speaker_words import add_search_words
from ingest.statements import recount_statements, statement_id_for
from models.dialect import insert_ignoring_conflicts
from models.tables import Quote, Speaker, SpeakerAlias

SPEAKERS = Speaker.__table__
ALIASES = SpeakerAlias.__table__
QUOTES = Quote.__table__
# Locks the bare-surname row first: a concurrent writer adding quotes to it finishes before
# the quotes are moved, or waits and then fails on the deleted row (and retries).
LOCK_COUNT = select(SPEAKERS.c.quote_count).where(
    SPEAKERS.c.id == bindparam("from_id")).with_for_update()
QUOTES_OF = select(QUOTES.c.id, QUOTES.c.document_id, QUOTES.c.text, QUOTES.c.statement_id,
                   QUOTES.c.status).where(
    QUOTES.c.speaker_id == bindparam("from_id"))
MOVE_QUOTE = update(QUOTES).where(QUOTES.c.id == bindparam("quote_id")).values(
    speaker_id=bindparam("to_id"), statement_id=bindparam("new_statement_id"))
ALIASES_OF = select(ALIASES.c.alias, ALIASES.c.normalized_alias).where(
    ALIASES.c.speaker_id == bindparam("from_id"))
ADD_COUNT = update(SPEAKERS).where(SPEAKERS.c.id == bindparam("to_id")).values(
    quote_count=SPEAKERS.c.quote_count + bindparam("delta"))
DELETE_SPEAKER = delete(SPEAKERS).where(SPEAKERS.c.id == bindparam("from_id"))


def merge_speakers(connection: Connection, pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Merge each (from id, into id) pair; returns from id -> into id for every pair."""
    for from_id, to_id in sorted(pairs):
        merge_speaker(connection, from_id, to_id)
    return dict(pairs)


def merge_speaker(connection: Connection, from_id: int, to_id: int) -> None:
    """Move one speaker's quotes, aliases and quote count to another, then delete it."""
    ids = {"from_id": from_id, "to_id": to_id}
    moved = connection.execute(LOCK_COUNT, ids).scalar()
    if moved is None:  # another writer merged it first
        return
    move_quotes(connection, from_id, to_id)
    aliases = [{"speaker_id": to_id, "alias": row.alias, "normalized_alias": row.normalized_alias}
               for row in connection.execute(ALIASES_OF, ids)]
    if aliases:
        connection.execute(insert_ignoring_conflicts(connection, ALIASES), aliases)
        add_search_words(connection, [(to_id, row["normalized_alias"]) for row in aliases])
    if moved:
        connection.execute(ADD_COUNT, {"to_id": to_id, "delta": moved})
    connection.execute(DELETE_SPEAKER, ids)


def move_quotes(connection: Connection, from_id: int, to_id: int) -> None:
    """Re-point a speaker's quotes; their statements (keyed by speaker) follow."""
    quotes = connection.execute(QUOTES_OF, {"from_id": from_id}).all()
    if not quotes:
        return
    # A rejected quote is a statement of its own, whoever it was attributed to.
    moved = {quote.id: statement_id_for(quote.id, quote.text,
                                        None if quote.status == "rejected" else to_id)
             for quote in quotes}
    connection.execute(MOVE_QUOTE, [
        {"quote_id": quote.id, "to_id": to_id, "new_statement_id": moved[quote.id]}
        for quote in quotes])
    recount_statements(connection, {quote.statement_id for quote in quotes} | set(moved.values()))
    change_log.record(connection, change_log.UPDATED, "merge",
                      [(quote.id, quote.document_id) for quote in quotes])
