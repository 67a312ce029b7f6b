"""Corrections as evaluation data: the documents people corrected, in the gold format of
`../shared/eval/score.py` (one document a line: id, text, quotes with start, end, speaker).

Every quote a person corrected is gold as it now stands. The other quotes of those documents
are listed `optional`: nobody checked them, so an extractor is neither credited nor blamed
for them. A quote rejected as not a quotation is left out, so finding it counts against the
extractor; an unattributed one is gold for its span only.
"""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.engine import Connection

from models.corrections import Correction
from models.tables import Document, Quote, SpeakerAlias

PAGE = 200


def corrected_document_ids(connection: Connection) -> list[str]:
    """Documents with at least one corrected quote, in id order."""
    return list(connection.execute(
        select(Quote.document_id).where(Quote.corrected.is_(True)).distinct()
        .order_by(Quote.document_id)).scalars())


def gold_documents(connection: Connection) -> Iterator[dict]:
    """One gold record per corrected document."""
    ids = corrected_document_ids(connection)
    for start in range(0, len(ids), PAGE):
        for document_id in ids[start:start + PAGE]:
            yield gold_document(connection, document_id)


def gold_document(connection: Connection, document_id: str) -> dict:
    text = connection.execute(select(Document.text).where(Document.id == document_id)).scalar()
    quotes = connection.execute(
        select(Quote).where(Quote.document_id == document_id, Quote.status != "rejected")
        .order_by(Quote.start)).mappings().all()
    checked = set(connection.execute(select(Correction.target_id).where(
        Correction.target == "quote", Correction.document_id == document_id)).scalars())
    aliases = _aliases(connection, {q["speaker_id"] for q in quotes if q["id"] in checked})
    return {"id": document_id, "text": text,
            "quotes": [gold_quote(q, q["id"] in checked, aliases) for q in quotes]}


def gold_quote(quote, checked: bool, aliases: dict[int, list[str]]) -> dict:
    record = {"start": quote["start"], "end": quote["end"]}
    if not checked:
        return {**record, "optional": True}
    if quote["status"] == "unattributed" or quote["speaker_name"] is None:
        return {**record, "speaker": None}
    names = [quote["speaker_name"], *aliases.get(quote["speaker_id"], [])]
    record.update(speaker=quote["speaker_name"], aliases=sorted(set(names)))
    if quote["speaker_type"] == "anonymous":
        record["anonymous"] = True
    return record


def _aliases(connection: Connection, speaker_ids: set) -> dict[int, list[str]]:
    ids = sorted(i for i in speaker_ids if i is not None)
    found: dict[int, list[str]] = {}
    if ids:
        for row in connection.execute(select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
                                      .where(SpeakerAlias.speaker_id.in_(ids))):
            found.setdefault(row.speaker_id, []).append(row.alias)
    return found
