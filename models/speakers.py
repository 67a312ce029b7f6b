"""Speakers across documents: one row per person, every surface form kept as an alias.

Matching, inside the caller's transaction:
- person and organisation names are matched by `normalize_name` (case, accents, dots and
  leading titles such as "Mr.", "Dr.", "President" ignored);
- a person named by a bare surname ("Asif") joins the one known person whose full name ends
  with that surname; when none or several are known, it is kept as its own speaker ("Asif");
- anonymous and unknown speakers ("a senior official") are not linked to a speaker row: they
  are not one person across documents. Their quotes keep the name, mention and type.
Speaker rows are created with INSERT … ON CONFLICT DO NOTHING on the unique normalised name,
so concurrent writers never make two rows for one name.
"""

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from extractors import Speaker as ExtractedSpeaker
from models.dialect import insert_ignoring_conflicts
from models.names import name_words, normalize_name
from models.tables import Speaker, SpeakerAlias, utc_now

__all__ = ["LINKED_TYPES", "SpeakerMatch", "normalize_name", "resolve_speakers"]

LINKED_TYPES = frozenset({"person", "organization"})
# Longer "names" are extraction noise, not people: their quotes are kept but not linked.
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class SpeakerMatch:
    """The speaker row an extracted speaker was matched to, and whether it was created."""

    speaker_id: int
    created: bool


def speaker_key(speaker: ExtractedSpeaker | None) -> str | None:
    """The normalised name a linked speaker is matched by; None for speakers never linked."""
    if speaker is None or speaker.type not in LINKED_TYPES or not speaker.name:
        return None
    key = normalize_name(speaker.name)
    return key if 0 < len(key) <= MAX_KEY_LENGTH else None


def resolve_speakers(connection: Connection,
                     speakers: list[ExtractedSpeaker]) -> dict[str, SpeakerMatch]:
    """Match (creating when needed) the speakers of one document; keyed by `speaker_key`."""
    by_key: dict[str, list[ExtractedSpeaker]] = {}
    for speaker in speakers:
        key = speaker_key(speaker)
        if key is not None:
            by_key.setdefault(key, []).append(speaker)
    # Full names first, so that a bare surname can join a full name from the same document;
    # a fixed order of inserts also keeps concurrent PostgreSQL writers from deadlocking.
    ordered = sorted(by_key.items(), key=lambda item: (" " not in item[0], item[0]))
    matches = {key: _match(connection, key, group[0]) for key, group in ordered}
    aliases = sorted({(matches[key].speaker_id, alias) for key, group in by_key.items()
                      for speaker in group for alias in surface_forms(speaker)})
    _add_aliases(connection, aliases)
    roles = {matches[key].speaker_id: group[-1].role for key, group in by_key.items()
             if group[-1].role}
    for speaker_id, role in sorted(roles.items()):
        connection.execute(update(Speaker).where(Speaker.id == speaker_id,
                                                 Speaker.role.is_distinct_from(role))
                           .values(role=role))
    return matches


def surface_forms(speaker: ExtractedSpeaker) -> list[str]:
    """The name as written, and the mention when it is part of the name ('Asif', not 'he')."""
    forms = [speaker.name]
    mention_words = set(name_words(speaker.mention or ""))
    if mention_words and mention_words <= set(normalize_name(speaker.name).split()):
        forms.append(speaker.mention)
    return forms


def display_name(name: str, key: str) -> str:
    """The name as written, less the leading titles that normalisation drops ('Dr. Ann Lee')."""
    tokens = name.split()
    for first in range(len(tokens)):
        rest = " ".join(tokens[first:])
        if name_words(rest) == key.split():
            return rest
    return " ".join(tokens)


def _match(connection: Connection, key: str, speaker: ExtractedSpeaker) -> SpeakerMatch:
    if speaker.type == "person" and " " not in key:
        full_name_id = _only_person_with_surname(connection, key)
        if full_name_id is not None:
            return SpeakerMatch(full_name_id, False)
    return _get_or_create(connection, key, speaker)


def _only_person_with_surname(connection: Connection, surname: str) -> int | None:
    rows = connection.execute(
        select(Speaker.id).where(Speaker.surname == surname, Speaker.normalized_name != surname,
                                 Speaker.type == "person").limit(2)).all()
    return rows[0][0] if len(rows) == 1 else None


def _find(connection: Connection, key: str) -> int | None:
    return connection.execute(select(Speaker.id).where(Speaker.normalized_name == key)).scalar()


def _get_or_create(connection: Connection, key: str, speaker: ExtractedSpeaker) -> SpeakerMatch:
    found = _find(connection, key)
    if found is not None:
        return SpeakerMatch(found, False)
    surname = key.rsplit(" ", 1)[-1] if speaker.type == "person" else None
    statement = insert_ignoring_conflicts(connection, Speaker).values(
        name=display_name(speaker.name, key), normalized_name=key, surname=surname,
        type=speaker.type, role=speaker.role, created_at=utc_now()).returning(Speaker.id)
    created = connection.execute(statement).scalar()
    if created is not None:
        return SpeakerMatch(created, True)
    return SpeakerMatch(_find(connection, key), False)  # a concurrent writer made it first


def _add_aliases(connection: Connection, aliases: list[tuple[int, str]]) -> None:
    rows = [{"speaker_id": speaker_id, "alias": alias.strip(),
             "normalized_alias": normalize_name(alias)} for speaker_id, alias in aliases]
    rows = [row for row in rows if row["normalized_alias"]]
    if rows:
        connection.execute(insert_ignoring_conflicts(connection, SpeakerAlias), rows)
