"""Speakers across documents: one row per person, every surface form kept as an alias.

Matching, inside the caller's transaction, document after document:
- person and organisation names are matched by `normalize_name` (case, accents, dots and
  leading titles such as "Mr.", "Dr.", "President" ignored);
- a full name not seen before joins the one known person it differs from only by middle
  names ("Khawaja Mohammad Asif" and "Khawaja Asif": same first and last word, one's words
  inside the other's in order), when that person is the only one known with that first and
  last word and none of its names contradicts the new one (models.name_variants);
- a person named by a bare surname ("Asif") joins the one known person whose full name ends
  with that surname; when none or several are known, it is kept as its own speaker ("Asif");
  when the first full name with that surname turns up later, the bare-surname speaker is
  merged into it (ingest.speaker_merges);
- anonymous and unknown speakers ("a senior official") are not linked to a speaker row: they
  are not one person across documents. Their quotes keep the name, mention and type.
Speaker rows are created with INSERT … ON CONFLICT DO NOTHING on the unique normalised name,
so concurrent writers never make two rows for one name. A batch of documents is matched with
a few statements in all: known names and people by surname are read once, new speakers
inserted with one statement, aliases and roles written once, with the same outcome as
matching the documents one at a time.
"""

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from extractors import Speaker as ExtractedSpeaker
from ingest.speaker_merges import merge_speakers
from ingest.speaker_words import add_search_words
from ingest.store_cache import KnownSpeaker, StoreCache
from models.corrections import SpeakerRedirect
from models.dialect import insert_ignoring_conflicts
from models.name_variants import VariantFinder
from models.names import name_words, normalize_name
from models.tables import Speaker, SpeakerAlias, utc_now

__all__ = ["LINKED_TYPES", "SpeakerMatch", "add_quote_counts", "normalize_name",
           "resolve_batch", "resolve_speakers"]

LINKED_TYPES = frozenset({"person", "organization"})
SPEAKERS = Speaker.__table__
ALIASES = SpeakerAlias.__table__
# Built once: statement construction is a large share of a writer's time per document.
KNOWN = select(SPEAKERS.c.normalized_name, SPEAKERS.c.id, SPEAKERS.c.role,
               SPEAKERS.c.type).where(
    SPEAKERS.c.normalized_name.in_(bindparam("keys", expanding=True)))
REDIRECTS = SpeakerRedirect.__table__
REDIRECTED = select(REDIRECTS.c.normalized_name, SPEAKERS.c.id, SPEAKERS.c.role,
                    SPEAKERS.c.type).join(SPEAKERS, SPEAKERS.c.id == REDIRECTS.c.into_id).where(
    REDIRECTS.c.normalized_name.in_(bindparam("keys", expanding=True)))
PEOPLE_BY_SURNAME = select(SPEAKERS.c.surname, SPEAKERS.c.normalized_name, SPEAKERS.c.id).where(
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


def add_quote_counts(connection: Connection, deltas: Counter) -> None:
    """Add each speaker's change in quotes (negative for removals) to speakers.quote_count.

    In id order, so concurrent PostgreSQL writers lock the speaker rows in the same order.
    """
    rows = [{"speaker_id": speaker_id, "delta": delta}
            for speaker_id, delta in sorted((k, v) for k, v in deltas.items() if k is not None)
            if delta]
    if rows:
        connection.execute(ADD_QUOTE_COUNT, rows)


def resolve_speakers(connection: Connection, speakers: list[ExtractedSpeaker],
                     cache: StoreCache | None = None) -> dict[str, SpeakerMatch]:
    """Match (creating when needed) the speakers of one document; keyed by `speaker_key`."""
    return resolve_batch(connection, [speakers], cache)[0]


def resolve_batch(connection: Connection, documents: list[list[ExtractedSpeaker]],
                  cache: StoreCache | None = None) -> list[dict[str, SpeakerMatch]]:
    """Match the speakers of several documents, as if one document after another."""
    cache = cache or StoreCache()
    groups = [_group_by_key(speakers) for speakers in documents]
    matcher = BatchMatcher(connection, groups, cache)
    refs = [matcher.match_document(group) for group in groups]
    # A bare surname merged away and needed again in the same batch (its surname ambiguous
    # by then) gets a new row: inserted once the old one is gone.
    again = {key for key, _, _ in matcher.merges}
    lost = matcher.create_new_speakers(matcher.new_rows.keys() - again)
    ids = matcher.ids
    merged = merge_speakers(connection, [(bare, ids(full)) for _, bare, full in matcher.merges])
    lost |= matcher.create_new_speakers(again)
    for key, _, _ in matcher.merges:
        cache.forget_speaker(key)

    def final(ref: int) -> int:
        speaker_id = ids(matcher.redirects.get(ref, ref))
        return merged.get(speaker_id, speaker_id)

    def role_holder(ref: int) -> int | None:  # what one document at a time would update
        merged_away = ref in matcher.redirects or ids(ref) in merged
        return None if merged_away else ids(ref)

    matches = [{key: SpeakerMatch(final(ref), created and ref not in lost)
                for key, (ref, created) in doc.items()} for doc in refs]
    holders = [{key: role_holder(ref) for key, (ref, _) in doc.items()} for doc in refs]
    _add_aliases(connection, [(doc[key].speaker_id, alias)
                              for doc, group in zip(matches, groups, strict=True)
                              for key, speakers in group.items()
                              for speaker in speakers for alias in surface_forms(speaker)],
                 cache, {final(ref) for ref in matcher.new_refs()})
    roles = _update_roles(connection, groups, holders, matcher.roles_before(final))
    cache.pending.speakers.update(matcher.known_now(ids, roles))
    return matches


class BatchMatcher:
    """The matching of one batch, worked out in memory: new speakers get placeholder refs
    (negative numbers) until `create_new_speakers` inserts them."""

    def __init__(self, connection: Connection, groups: list[dict], cache: StoreCache):
        self.connection = connection
        keys = {key for group in groups for key in group}
        surnames = {key.rsplit(" ", 1)[-1] for group in groups
                    for key, speakers in group.items() if speakers[0].type == "person"}
        self.known = _known(connection, keys | surnames, cache)
        # surname -> {normalised full name: ref} of every person with a full name
        self.people = _people_by_surname(connection, sorted(surnames))
        self.variants = VariantFinder(connection, self.people)
        self.new_rows: dict[str, dict] = {}  # by name, for the speakers to insert
        self.keys_by_ref: dict[int, str] = {}  # placeholder -> name, for the same
        self.merges: list[tuple[str, int, int]] = []  # (bare surname, its id, full name's ref)
        # A bare surname made earlier in this batch that a full name took over: never
        # inserted, its placeholder stands for the full name.
        self.redirects: dict[int, int] = {}
        self.created: dict[str, KnownSpeaker] = {}

    def match_document(self, group: dict[str, list[ExtractedSpeaker]]) -> dict:
        """key -> (ref, created) for one document: full names first, so that a bare surname
        can join a full name from the same document."""
        bare = {key for key, speakers in group.items() if _is_bare_surname(key, speakers[0])}
        found = {key: self._full_name(key, group[key][0]) for key in sorted(group.keys() - bare)}
        self._merge_surnames_now_unambiguous(
            {key for key, (_, created) in found.items()
             if created and group[key][0].type == "person"})
        for key in sorted(bare):
            candidates = set(self.people.get(key, {}).values())
            if len(candidates) == 1:
                found[key] = (candidates.pop(), False)
            else:
                found[key] = self._existing_or_new(key, group[key][0])
        return found

    def _full_name(self, key: str, speaker: ExtractedSpeaker) -> tuple[int, bool]:
        if key in self.known:
            return self.known[key].id, False
        if speaker.type == "person":
            variant = self.variants.only_match(key)
            if variant is not None:
                return variant, False
        ref, created = self._existing_or_new(key, speaker)
        if speaker.type == "person":
            self.people.setdefault(key.rsplit(" ", 1)[-1], {})[key] = ref
        return ref, created

    def _merge_surnames_now_unambiguous(self, new_keys: set[str]) -> None:
        """A bare-surname speaker joins the first full name with its surname, once the
        document that brought that name has no other full name with the surname."""
        for surname in sorted({key.rsplit(" ", 1)[-1] for key in new_keys}):
            people, bare = self.people.get(surname, {}), self.known.get(surname)
            if len(people) == 1 and bare is not None and bare.type == "person":
                [full] = people.values()
                if bare.id < 0:
                    self.redirects[bare.id] = full
                    del self.new_rows[self.keys_by_ref.pop(bare.id)]
                else:
                    self.merges.append((surname, bare.id, full))
                del self.known[surname]

    def _existing_or_new(self, key: str, speaker: ExtractedSpeaker) -> tuple[int, bool]:
        if key in self.known:
            return self.known[key].id, False
        ref = -1 - len(self.keys_by_ref) - len(self.redirects)
        self.keys_by_ref[ref] = key
        self.new_rows[key] = {
            "name": display_name(speaker.name, key), "normalized_name": key,
            "surname": key.rsplit(" ", 1)[-1] if speaker.type == "person" else None,
            "type": speaker.type, "role": speaker.role, "created_at": utc_now()}
        self.known[key] = KnownSpeaker(ref, speaker.role, speaker.type)
        return ref, True

    def new_refs(self) -> list[int]:
        return list(self.keys_by_ref)

    def create_new_speakers(self, keys: set[str]) -> set[int]:
        """Insert the new speakers called `keys` in one statement; returns the refs of rows
        another writer made first."""
        created, lost = _insert_speakers(self.connection, {
            key: row for key, row in self.new_rows.items() if key in keys})
        self.created.update(created)
        for key, row in created.items():
            if key in self.known:  # not a bare surname merged away meanwhile
                self.known[key] = row
        return {ref for ref, key in self.keys_by_ref.items() if key in lost}

    def ids(self, ref: int) -> int:
        """The speaker id of a ref, once its speaker is inserted."""
        return ref if ref >= 0 else self.created[self.keys_by_ref[ref]].id

    def roles_before(self, final) -> dict[int, str | None]:
        """Each matched speaker's role as stored before this batch's role updates."""
        return {final(known.id): known.role for known in self.known.values()}

    def known_now(self, ids, roles: dict[int, str]) -> dict[str, KnownSpeaker]:
        """What the batch knows of its speakers once written: real ids, latest roles."""
        return {key: known._replace(id=ids(known.id), role=roles.get(ids(known.id), known.role))
                for key, known in self.known.items()}


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


def _group_by_key(speakers: list[ExtractedSpeaker]) -> dict[str, list[ExtractedSpeaker]]:
    by_key: dict[str, list[ExtractedSpeaker]] = {}
    for speaker in speakers:
        key = speaker_key(speaker)
        if key is not None:
            by_key.setdefault(key, []).append(speaker)
    return by_key


def _is_bare_surname(key: str, speaker: ExtractedSpeaker) -> bool:
    return speaker.type == "person" and " " not in key


def _known(connection: Connection, keys: set[str], cache: StoreCache) -> dict[str, KnownSpeaker]:
    known = {key: cache.speaker(key) for key in keys if cache.speaker(key)}
    missing = sorted(keys - known.keys())
    if missing:
        known.update({row.normalized_name: KnownSpeaker(row.id, row.role, row.type)
                      for row in connection.execute(KNOWN, {"keys": missing})})
        missing = sorted(set(missing) - known.keys())
    if missing:  # a name people merged into another speaker, or renamed, means that speaker
        known.update({row.normalized_name: KnownSpeaker(row.id, row.role, row.type)
                      for row in connection.execute(REDIRECTED, {"keys": missing})})
    return known


def _people_by_surname(connection: Connection, surnames: list[str]) -> dict[str, dict[str, int]]:
    if not surnames:
        return {}
    found: dict[str, dict[str, int]] = {}
    for row in connection.execute(PEOPLE_BY_SURNAME, {"surnames": surnames}):
        found.setdefault(row.surname, {})[row.normalized_name] = row.id
    return found


def _insert_speakers(connection: Connection,
                     rows: dict[str, dict]) -> tuple[dict[str, KnownSpeaker], set[str]]:
    """Insert speaker rows (sorted by name, so concurrent writers lock in one order); rows
    another writer made first are read back instead, and their names returned as lost."""
    if not rows:
        return {}, set()
    statement = insert_ignoring_conflicts(
        connection, SPEAKERS,
        (SPEAKERS.c.id, SPEAKERS.c.normalized_name, SPEAKERS.c.role, SPEAKERS.c.type))
    found = {row.normalized_name: KnownSpeaker(row.id, row.role, row.type)
             for row in connection.execute(statement, [rows[key] for key in sorted(rows)])}
    lost = rows.keys() - found.keys()
    if lost:  # concurrent writers made these first
        found.update(_known(connection, lost, StoreCache()))
    return found, lost


def _update_roles(connection: Connection, groups: list[dict[str, list[ExtractedSpeaker]]],
                  holders: list[dict[str, int | None]],
                  before: dict[int, str | None]) -> dict[int, str]:
    """Give each speaker the role it had in its latest appearance (the last document wins;
    None holders, bare surnames merged away, keep none); returns the roles written."""
    latest: dict[int, str] = {}
    for group, holder in zip(groups, holders, strict=True):
        latest.update({holder[key]: speakers[-1].role for key, speakers in group.items()
                       if speakers[-1].role and holder[key] is not None})
    rows = [{"speaker_id": speaker_id, "new_role": role}
            for speaker_id, role in sorted(latest.items()) if before.get(speaker_id) != role]
    if rows:
        connection.execute(SET_ROLE, rows)
    return {row["speaker_id"]: row["new_role"] for row in rows}


def _add_aliases(connection: Connection, aliases: list[tuple[int, str]], cache: StoreCache,
                 created: set[int]) -> None:
    """Store each (speaker, surface form) not stored yet; the first spelling of a form wins."""
    wanted: dict[tuple[int, str], str] = {}
    for speaker_id, alias in aliases:
        wanted.setdefault((speaker_id, normalize_name(alias)), alias.strip())
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
        add_search_words(connection, [(row["speaker_id"], row["normalized_alias"])
                                      for row in rows])
