"""What every correction shares: its record (who, when, field, before, after, note) and the
refusals a correction can meet, which callers turn into answers (the API into 404, 409, 422).
"""

import json
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from models.corrections import Correction
from models.tables import utc_now

CORRECTIONS = Correction.__table__


class CorrectionRefused(Exception):
    """A correction that cannot be made; nothing was written."""

    status = 422


class TargetNotFound(CorrectionRefused):
    status = 404


class TargetConflict(CorrectionRefused):
    status = 409


@dataclass(frozen=True)
class Author:
    """Who makes a correction (the API key's name, or `cli:<user>`), and why."""

    key_name: str
    note: str


def record_corrections(connection: Connection, author: Author, target: str, target_id,
                       changes: list[tuple[str, object, object]],
                       document_id: str | None = None) -> None:
    """Store one correction record per (field, before, after)."""
    now = utc_now()
    rows = [{"target": target, "target_id": str(target_id), "document_id": document_id,
             "field": field, "before": json.dumps(before, default=str),
             "after": json.dumps(after, default=str), "note": author.note,
             "key_name": author.key_name, "created_at": now, "orphaned": False}
            for field, before, after in changes]
    if rows:
        connection.execute(CORRECTIONS.insert(), rows)
