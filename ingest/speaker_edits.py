"""Speakers corrected by hand: merged into another, renamed, retyped, their aliases set.

Both are recorded as corrections, and both outlive re-extraction: the merged-away or former
name is kept in speaker_redirects, which speaker matching reads (ingest.speakers), so the
extractor's "Bob Smith" keeps meaning the speaker people merged it into.
"""

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from ingest.corrections import (
    Author,
    CorrectionRefused,
    TargetConflict,
    TargetNotFound,
    record_corrections,
)
from ingest.speaker_merges import merge_speaker
from ingest.speaker_words import add_search_words
from ingest.speakers import MAX_KEY_LENGTH, display_name
from ingest.transactions import write_transaction
from models.corrections import SpeakerRedirect
from models.dialect import insert_ignoring_conflicts
from models.names import normalize_name
from models.queries import fits_row_id
from models.tables import Speaker, SpeakerAlias, SpeakerWord

SPEAKERS = Speaker.__table__
ALIASES = SpeakerAlias.__table__
WORDS = SpeakerWord.__table__
REDIRECTS = SpeakerRedirect.__table__


def merge_by_hand(engine, from_id: int, into_id: int, author: Author) -> None:
    """Move a speaker's quotes and aliases to another and delete it; its id and name
    redirect to the survivor from then on."""
    if from_id == into_id:
        raise CorrectionRefused("A speaker cannot be merged into itself.")
    with write_transaction(engine) as connection:
        speakers = _locked(connection, [from_id, into_id])
        if into_id not in speakers:
            raise CorrectionRefused(f"No speaker has the id {into_id} to merge into.")
        if from_id not in speakers:
            raise TargetNotFound(f"No speaker has the id {from_id}.")
        record_corrections(connection, author, "speaker", from_id,
                           [("merged_into", None, into_id)])
        # Earlier redirects to the merged-away speaker now lead to the survivor (one hop).
        connection.execute(update(REDIRECTS).where(REDIRECTS.c.into_id == from_id)
                           .values(into_id=into_id))
        connection.execute(delete(REDIRECTS).where(
            REDIRECTS.c.normalized_name == speakers[from_id].normalized_name))
        connection.execute(REDIRECTS.insert(), {
            "normalized_name": speakers[from_id].normalized_name, "from_id": from_id,
            "into_id": into_id})
        merge_speaker(connection, from_id, into_id)


def merged_into(connection: Connection, speaker_id: int) -> int | None:
    """The speaker a merged-away id now is, or None."""
    return connection.execute(select(REDIRECTS.c.into_id).where(
        REDIRECTS.c.from_id == speaker_id).limit(1)).scalar()


def edit_speaker(engine, speaker_id: int, fields: dict, author: Author) -> None:
    """Set a speaker's canonical `name`, `type` or `aliases` (the whole list)."""
    with write_transaction(engine) as connection:
        speakers = _locked(connection, [speaker_id])
        if speaker_id not in speakers:
            raise TargetNotFound(f"No speaker has the id {speaker_id}.")
        old = speakers[speaker_id]
        changes = []
        if "name" in fields:
            changes.append(("name", old.name, _rename(connection, old, fields["name"])))
        if "type" in fields:
            connection.execute(update(SPEAKERS).where(SPEAKERS.c.id == speaker_id)
                               .values(type=fields["type"]))
            changes.append(("type", old.type, fields["type"]))
        if "aliases" in fields:
            changes.append(("aliases", *_set_aliases(connection, speaker_id, fields["aliases"])))
        record_corrections(connection, author, "speaker", speaker_id, changes)
        _rebuild_search_words(connection, speaker_id)


def _locked(connection: Connection, ids: list[int]) -> dict:
    """The speakers with these ids, locked; an id beyond the database's integers names none
    (binding it would be a database error, not a missing speaker)."""
    wanted = sorted({speaker_id for speaker_id in ids if fits_row_id(speaker_id)})
    rows = connection.execute(select(SPEAKERS).where(SPEAKERS.c.id.in_(wanted))
                              .order_by(SPEAKERS.c.id).with_for_update()).all()
    return {row.id: row for row in rows}


def _key(name: str) -> str:
    key = normalize_name(name)
    if not key or len(key) > MAX_KEY_LENGTH:
        raise CorrectionRefused(f"{name!r} is not a speaker's name.")
    return key


def _rename(connection: Connection, old, name: str) -> str:
    key = _key(name)
    taken = connection.execute(select(SPEAKERS.c.id).where(
        SPEAKERS.c.normalized_name == key, SPEAKERS.c.id != old.id)).first()
    if taken is not None:
        raise TargetConflict(f"Speaker {taken.id} is already called {name!r}: merge this "
                             f"speaker into it instead (POST /v1/speakers/{old.id}/merge).")
    shown = display_name(name.strip(), key)
    connection.execute(update(SPEAKERS).where(SPEAKERS.c.id == old.id).values(
        name=shown, normalized_name=key,
        surname=key.rsplit(" ", 1)[-1] if old.type == "person" else None))
    connection.execute(delete(REDIRECTS).where(REDIRECTS.c.normalized_name == key))
    if key != old.normalized_name:  # the old name keeps meaning this speaker
        connection.execute(REDIRECTS.insert(), {"normalized_name": old.normalized_name,
                                                "from_id": None, "into_id": old.id})
    connection.execute(insert_ignoring_conflicts(connection, ALIASES), {
        "speaker_id": old.id, "alias": shown, "normalized_alias": key})
    return shown


def _set_aliases(connection: Connection, speaker_id: int, aliases: list[str]):
    before = sorted(connection.execute(select(ALIASES.c.alias).where(
        ALIASES.c.speaker_id == speaker_id)).scalars())
    wanted = {}
    for alias in aliases:
        wanted.setdefault(_key(alias), alias.strip())
    connection.execute(delete(ALIASES).where(ALIASES.c.speaker_id == speaker_id))
    if wanted:
        connection.execute(ALIASES.insert(), [
            {"speaker_id": speaker_id, "alias": alias, "normalized_alias": key}
            for key, alias in sorted(wanted.items())])
    return before, sorted(wanted.values())


def _rebuild_search_words(connection: Connection, speaker_id: int) -> None:
    """The speaker's search words from its name and aliases as they now are."""
    names = [connection.execute(select(SPEAKERS.c.normalized_name)
                                .where(SPEAKERS.c.id == speaker_id)).scalar_one()]
    names += connection.execute(select(ALIASES.c.normalized_alias).where(
        ALIASES.c.speaker_id == speaker_id)).scalars().all()
    connection.execute(delete(WORDS).where(WORDS.c.speaker_id == speaker_id))
    add_search_words(connection, [(speaker_id, name) for name in names])
