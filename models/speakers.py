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

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from extractors import Speaker as ExtractedSpeaker
from models.dialect import insert_ignoring_conflicts
from models.names import name_words, normalize_name
from models.store_cache import StoreCache
from models.tables import Speaker, SpeakerAlias, utc_now

__all__ = ["LINKED_TYPES", "SpeakerMatch", "add_quote_counts", "normalize_name",
           "resolve_speakers"]

LINKED_TYPES = frozenset({"person", "organization"})
SPEAKERS = Speaker.__table__
ALIASES = SpeakerAlias.__table__
# Built once: statement construction is a large share of a writer's time per document.
KNOWN = select(SPEAKERS.c.normalized_name, SPEAKERS.c.id, SPEAKERS.c.role).where(
    SPEAKERS.c.normalized_name.in_(bindparam("keys", expanding=True)))
FULL_NAMES = select(SPEAKERS.c.surname, SPEAKERS.c.id).where(
    SPEAKERS.c.surname.in_(bindparam("surnames", expanding=True)),
    SPEAKERS.c.normalized_name != SPEAKERS.c.surname, SPEAKERS.c.type == "person")
SET_ROLE = update(SPEAKERS).where(SPEAKERS.c.id == bindparam("speaker_id")).values(
    role=bindparam("new_role"))
ADD_QUOTE_COUNT = update(SPEAKERS).where(SPEAKERS.c.id == bindparam("speaker_id")).values(
    quote_count=SPEAKERS.c.quote_count + bindparam("delta"))
STORED_ALIASES = select(ALIASES.c.speaker_id, ALIASES.c.normalized_alias).where(
    ALIASES.c.speaker_id.in_(bindparam("ids", expanding=True)))
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


def resolve_speakers(connection: Connection, speakers: list[ExtractedSpeaker],
                     cache: StoreCache | None = None) -> dict[str, SpeakerMatch]:
    """Match (creating when needed) the speakers of one document; keyed by `speaker_key`."""
    by_key: dict[str, list[ExtractedSpeaker]] = {}
    for speaker in speakers:
        key = speaker_key(speaker)
        if key is not None:
            by_key.setdefault(key, []).append(speaker)
    if not by_key:
        return {}
    cache = cache or StoreCache()
    known = {key: cache.speaker(key) for key in by_key if cache.speaker(key)}
    if len(known) < len(by_key):
        known.update(_known(connection, [key for key in by_key if key not in known]))
    cache.pending.speakers.update(known)
    # Full names first, so that a bare surname can join a full name from the same document;
    # a fixed order of inserts also keeps concurrent PostgreSQL writers from deadlocking.
    bare = {key for key, group in by_key.items() if _is_bare_surname(key, group[0])}
    matches = _get_or_create(connection, {key: by_key[key][0] for key in by_key.keys() - bare},
                             known)
    full_names = _full_names_by_surname(connection, sorted(bare))
    unmatched = {}
    for key in sorted(bare):
        candidates = full_names.get(key, set()) | {
            match.speaker_id for other, match in matches.items()
            if other.rsplit(" ", 1)[-1] == key and by_key[other][0].type == "person"}
        if len(candidates) == 1:
            matches[key] = SpeakerMatch(candidates.pop(), False)
        else:
            unmatched[key] = by_key[key][0]
    matches.update(_get_or_create(connection, unmatched, known))
    _add_aliases(connection, {(matches[key].speaker_id, alias) for key, group in by_key.items()
                              for speaker in group for alias in surface_forms(speaker)},
                 cache, {match.speaker_id for match in matches.values() if match.created})
    _update_roles(connection, by_key, matches, known)
    cache.pending.speakers.update(known)
    return matches


def add_quote_counts(connection: Connection, deltas: Counter) -> None:
    """Add each speaker's change in quotes (negative for removals) to speakers.quote_count.

    In id order, so concurrent PostgreSQL writers lock the speaker rows in the same order.
    """
    rows = [{"speaker_id": speaker_id, "delta": delta}
            for speaker_id, delta in sorted((k, v) for k, v in deltas.items() if k is not None)
            if delta]
    if rows:
        connection.execute(ADD_QUOTE_COUNT, rows)


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
        if name_words(rest) == tuple(key.split()):
            return rest
    return " ".join(tokens)


def _is_bare_surname(key: str, speaker: ExtractedSpeaker) -> bool:
    return speaker.type == "person" and " " not in key


def _known(connection: Connection, keys: list[str]) -> dict[str, tuple[int, str | None]]:
    rows = connection.execute(KNOWN, {"keys": keys})
    return {row.normalized_name: (row.id, row.role) for row in rows}


def _full_names_by_surname(connection: Connection, surnames: list[str]) -> dict[str, set[int]]:
    if not surnames:
        return {}
    rows = connection.execute(FULL_NAMES, {"surnames": surnames})
    found: dict[str, set[int]] = {}
    for row in rows:
        found.setdefault(row.surname, set()).add(row.id)
    return found


def _get_or_create(connection: Connection, wanted: dict[str, ExtractedSpeaker],
                   known: dict[str, tuple[int, str | None]]) -> dict[str, SpeakerMatch]:
    matches = {key: SpeakerMatch(known[key][0], False) for key in wanted if key in known}
    rows = [{"name": display_name(speaker.name, key), "normalized_name": key,
             "surname": key.rsplit(" ", 1)[-1] if speaker.type == "person" else None,
             "type": speaker.type, "role": speaker.role, "created_at": utc_now()}
            for key, speaker in sorted(wanted.items()) if key not in known]
    if not rows:
        return matches
    statement = insert_ignoring_conflicts(
        connection, SPEAKERS, (SPEAKERS.c.id, SPEAKERS.c.normalized_name, SPEAKERS.c.role))
    for row in connection.execute(statement, rows):
        known[row.normalized_name] = (row.id, row.role)
        matches[row.normalized_name] = SpeakerMatch(row.id, True)
    lost = [row["normalized_name"] for row in rows if row["normalized_name"] not in matches]
    if lost:  # concurrent writers made these first
        known.update(_known(connection, lost))
        matches.update({key: SpeakerMatch(known[key][0], False) for key in lost})
    return matches


def _update_roles(connection: Connection, by_key: dict[str, list[ExtractedSpeaker]],
                  matches: dict[str, SpeakerMatch],
                  known: dict[str, tuple[int, str | None]]) -> None:
    current = {speaker_id: role for speaker_id, role in known.values()}
    latest = {matches[key].speaker_id: group[-1].role for key, group in by_key.items()
              if group[-1].role}
    for speaker_id, role in sorted(latest.items()):
        if current.get(speaker_id) != role:
            connection.execute(SET_ROLE, {"speaker_id": speaker_id, "new_role": role})
            for key, (known_id, _) in list(known.items()):
                if known_id == speaker_id:
                    known[key] = (speaker_id, role)


def _add_aliases(connection: Connection, aliases: set[tuple[int, str]], cache: StoreCache,
                 created: set[int]) -> None:
    wanted = {(speaker_id, normalize_name(alias)): alias.strip() for speaker_id, alias in aliases}
    wanted = {key: alias for key, alias in wanted.items()
              if key[1] and not cache.has_alias(key)}
    if not wanted:
        return
    cache.pending.aliases.update(wanted)
    existing = sorted({speaker_id for speaker_id, _ in wanted} - created)
    stored = ({tuple(row) for row in connection.execute(STORED_ALIASES, {"ids": existing})}
              if existing else set())
    rows = [{"speaker_id": speaker_id, "alias": alias, "normalized_alias": normalized}
            for (speaker_id, normalized), alias in sorted(wanted.items())
            if (speaker_id, normalized) not in stored]
    if rows:
        connection.execute(insert_ignoring_conflicts(connection, ALIASES), rows)
