"""The search words of speakers (table speaker_words), written wherever aliases are written.

Every name a speaker is stored under is one of its aliases, so writing the words of each new
alias keeps the table complete; words of a deleted speaker go with it (ON DELETE CASCADE).
"""

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from models.dialect import insert_ignoring_conflicts
from models.names import search_words
from models.tables import SpeakerWord

WORDS = SpeakerWord.__table__


def add_search_words(connection: Connection, names: Iterable[tuple[int, str]]) -> None:
    """Store the search words of each (speaker id, normalised name or alias) pair.

    Sorted, so concurrent PostgreSQL writers take the row locks in one order.
    """
    rows = sorted({(word, speaker_id) for speaker_id, name in names
                   for word in search_words(name)})
    if rows:
        connection.execute(insert_ignoring_conflicts(connection, WORDS),
                           [{"word": word, "speaker_id": speaker_id} for word, speaker_id in rows])
