"""Quote corrections: a person sets a quote's speaker, speaker type, kind or status, and the
setting is applied again after every extraction of its document.

A correction is kept by the quote's stable id (document hash and span). Every extraction of a
document (ingest of a restored document, `quotewire reextract`) builds the quote rows, then
`apply_corrections` sets the corrected fields on them before anything is written, so the
corrected values are what is stored, counted and compared: a quote whose correction still
holds does not even show as changed. A correction whose quote the extractor no longer finds
(its span moved) is kept and marked orphaned; it comes back to life if the span does.
"""

import json
from collections import Counter, defaultdict

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ingest import change_log
from ingest.corrections import Author, CorrectionRefused, TargetNotFound, record_corrections
from ingest.speaker_words import add_search_words
from ingest.speakers import MAX_KEY_LENGTH, add_quote_counts, display_name
from ingest.statements import recount_statements, statement_id_for
from ingest.transactions import write_transaction
from models.corrections import Correction, SpeakerRedirect
from models.dialect import insert_ignoring_conflicts
from models.names import normalize_name
from models.tables import Document, Quote, Speaker, SpeakerAlias, utc_now

CORRECTIONS = Correction.__table__
SPEAKERS = Speaker.__table__
QUOTES = Quote.__table__
ALIASES = SpeakerAlias.__table__
REDIRECTS = SpeakerRedirect.__table__
QUOTE_FIELDS = ("speaker", "speaker_type", "kind", "status")
REJECTED = "rejected"
CORRECTED_RULE = "correction"
NO_SPEAKER_REASON = "corrected: no speaker"


def counted_speaker(row) -> int | None:
    """The speaker whose quote_count a quote row adds to: none for a rejected quote."""
    return None if row["status"] == REJECTED else row["speaker_id"]


def quote_corrections(connection: Connection, document_ids) -> dict[str, list[tuple]]:
    """Quote id -> [(field, value after)] of the quote corrections of these documents, in the
    order they were made."""
    ids = sorted(set(document_ids))
    found: dict[str, list[tuple]] = defaultdict(list)
    if not ids:
        return found
    rows = connection.execute(
        select(CORRECTIONS.c.target_id, CORRECTIONS.c.field, CORRECTIONS.c.after)
        .where(CORRECTIONS.c.target == "quote", CORRECTIONS.c.document_id.in_(ids))
        .order_by(CORRECTIONS.c.id))
    for row in rows:
        found[row.target_id].append((row.field, json.loads(row.after)))
    return found


def apply_corrections(connection: Connection, rows: list[dict], document_ids) -> int:
    """Set every correction of these documents on their freshly extracted quote `rows` (in
    place); mark the corrections whose quote is missing orphaned, the others not. Returns how
    many corrections are orphaned now."""
    corrections = quote_corrections(connection, document_ids)
    if not corrections:
        return 0
    speakers = speakers_by_id(connection, {after["id"] for changes in corrections.values()
                                           for field, after in changes
                                           if field == "speaker" and after})
    present = set()
    for row in rows:
        for field, after in corrections.get(row["id"], ()):
            set_field(row, field, after, speakers)
            present.add(row["id"])
    missing = sorted(corrections.keys() - present)
    for orphaned, ids in ((True, missing), (False, sorted(present))):
        if ids:
            connection.execute(update(CORRECTIONS).where(
                CORRECTIONS.c.target == "quote", CORRECTIONS.c.target_id.in_(ids),
                CORRECTIONS.c.orphaned != orphaned).values(orphaned=orphaned))
    return sum(len(corrections[quote_id]) for quote_id in missing)


def speakers_by_id(connection: Connection, ids) -> dict[int, dict]:
    """Speaker rows (id, name, type, role) by id, a merged-away id giving its survivor's."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    moved = dict(connection.execute(select(REDIRECTS.c.from_id, REDIRECTS.c.into_id)
                                    .where(REDIRECTS.c.from_id.in_(sorted(ids)))).all())
    wanted = sorted({moved.get(i, i) for i in ids})
    rows = {row.id: row._asdict() for row in connection.execute(
        select(SPEAKERS.c.id, SPEAKERS.c.name, SPEAKERS.c.type, SPEAKERS.c.role)
        .where(SPEAKERS.c.id.in_(wanted)))}
    return {i: rows[moved.get(i, i)] for i in ids if moved.get(i, i) in rows}


def set_field(row: dict, field: str, after, speakers: dict[int, dict]) -> None:
    """Set one corrected field on a quote row, and what follows from it (statement, rule)."""
    if field == "speaker":
        _set_speaker(row, after and speakers.get(after["id"]))
    elif field == "status":
        _set_status(row, after)
    else:  # speaker_type, kind: the value itself
        row[field] = after
    row["corrected"] = True
    row["statement_id"] = statement_id_for(
        row["id"], row["text"], None if row["status"] == REJECTED else row["speaker_id"])


def _set_speaker(row: dict, speaker: dict | None) -> None:
    if speaker is None:  # corrected to nobody, or to a speaker deleted since
        _set_status(row, "unattributed")
        return
    if row["speaker_id"] != speaker["id"]:
        # The extractor's mention named someone else: the corrected quote names no mention.
        row.update(mention=None, mention_start=None, mention_end=None, rule=CORRECTED_RULE,
                   confidence=1.0)
    row.update(speaker_id=speaker["id"], speaker_name=speaker["name"],
               speaker_type=speaker["type"], role=speaker["role"], reason=None)
    if row["status"] == "unattributed":
        row["status"] = "attributed"


def _set_status(row: dict, status: str) -> None:
    row["status"] = status
    if status == "unattributed":
        row.update(speaker_id=None, speaker_name=None, mention=None, mention_start=None,
                   mention_end=None, speaker_type=None, role=None, reason=NO_SPEAKER_REASON)
    elif status == "attributed":
        row["reason"] = None


# --- making a correction ------------------------------------------------------------------------

def correct_quote(engine, quote_id: str, fields: dict, author: Author) -> None:
    """Correct one quote's speaker (`speaker_id`, or a `speaker` name found or created),
    `speaker_type`, `kind` or `status`, in one transaction, recording each field."""
    with write_transaction(engine) as connection:
        # The document first, as reextract and takedown lock it: a re-extraction running now
        # either finishes first or waits and then sees this correction.
        document_id = connection.execute(select(QUOTES.c.document_id)
                                         .where(QUOTES.c.id == quote_id)).scalar()
        if document_id is not None:
            connection.execute(select(Document.id).where(Document.id == document_id)
                               .with_for_update())
        old = connection.execute(select(QUOTES).where(QUOTES.c.id == quote_id)
                                 .with_for_update()).mappings().first()
        if old is None:
            raise TargetNotFound(f"No quote has the id {quote_id!r}.")
        old = dict(old)
        speaker = wanted_speaker(connection, fields)
        new, changes = dict(old), []
        for field in QUOTE_FIELDS:
            if field == "speaker" and speaker is not MISSING:
                after = speaker and {"id": speaker["id"], "name": speaker["name"]}
                changes.append(("speaker", _speaker_value(old), after))
                set_field(new, "speaker", after, {speaker["id"]: speaker} if speaker else {})
            elif field != "speaker" and field in fields:
                changes.append((field, old[field], fields[field]))
                set_field(new, field, fields[field], {})
        if new["status"] == "attributed" and new["speaker_name"] is None:
            raise CorrectionRefused("A quote with no speaker cannot be `attributed`: give a "
                                    "`speaker_id` or `speaker` too.")
        record_corrections(connection, author, "quote", quote_id, changes, old["document_id"])
        write_corrected_quote(connection, old, new)


MISSING = object()


def wanted_speaker(connection: Connection, fields: dict):
    """The speaker a correction names: a row (id, name, type, role), None for nobody, or
    MISSING when it names none."""
    if "speaker_id" in fields:
        if fields["speaker_id"] is None:
            return None
        found = speakers_by_id(connection, [fields["speaker_id"]])
        if not found:
            raise CorrectionRefused(f"No speaker has the id {fields['speaker_id']}.")
        return found[fields["speaker_id"]]
    if "speaker" in fields:
        return find_or_create_speaker(connection, fields["speaker"],
                                      fields.get("speaker_type") or "person")
    return MISSING


def _speaker_value(row: dict) -> dict | None:
    if row["speaker_id"] is None and row["speaker_name"] is None:
        return None
    return {"id": row["speaker_id"], "name": row["speaker_name"]}


def write_corrected_quote(connection: Connection, old: dict, new: dict) -> None:
    """Store a quote's corrected row, and keep quote counts, statements and the log exact."""
    changed = {name: value for name, value in new.items() if old[name] != value}
    if changed:
        connection.execute(update(QUOTES).where(QUOTES.c.id == old["id"]).values(changed))
    counts = Counter({counted_speaker(new): 1})
    counts.subtract({counted_speaker(old): 1})
    add_quote_counts(connection, counts)
    if old["statement_id"] != new["statement_id"] or "published" in changed:
        recount_statements(connection, [old["statement_id"], new["statement_id"]])
    change_log.record(connection, change_log.UPDATED, "correction",
                      [(old["id"], old["document_id"])])


def find_or_create_speaker(connection: Connection, name: str, speaker_type: str) -> dict:
    """The speaker a name means (its normalised name, a name redirected to another speaker,
    or the one speaker with it as an alias), created when there is none."""
    key = normalize_name(name)
    if not key or len(key) > MAX_KEY_LENGTH:
        raise CorrectionRefused(f"{name!r} is not a speaker's name.")
    columns = (SPEAKERS.c.id, SPEAKERS.c.name, SPEAKERS.c.type, SPEAKERS.c.role)
    for statement in (
            select(*columns).where(SPEAKERS.c.normalized_name == key),
            select(*columns).join(REDIRECTS, REDIRECTS.c.into_id == SPEAKERS.c.id)
            .where(REDIRECTS.c.normalized_name == key)):
        row = connection.execute(statement).first()
        if row is not None:
            return row._asdict()
    by_alias = connection.execute(select(*columns).join(
        ALIASES, ALIASES.c.speaker_id == SPEAKERS.c.id).where(
        ALIASES.c.normalized_alias == key).limit(2)).all()
    if len(by_alias) == 1:
        return by_alias[0]._asdict()
    connection.execute(insert_ignoring_conflicts(connection, SPEAKERS), {
        "name": display_name(name.strip(), key), "normalized_name": key,
        "surname": key.rsplit(" ", 1)[-1] if speaker_type == "person" else None,
        "type": speaker_type, "role": None, "created_at": utc_now(), "quote_count": 0})
    row = connection.execute(select(*columns).where(SPEAKERS.c.normalized_name == key)).one()
    connection.execute(insert_ignoring_conflicts(connection, ALIASES), {
        "speaker_id": row.id, "alias": name.strip(), "normalized_alias": key})
    add_search_words(connection, [(row.id, key)])
    return row._asdict()
