"""Extraction runs: one row per ingest or reextract command, with what it did."""

from dataclasses import asdict, dataclass

from sqlalchemy import insert, update
from sqlalchemy.engine import Engine

from extractors import EXTRACTOR_VERSION
from models.tables import ExtractionRun, utc_now


@dataclass
class RunCounts:
    """What a command did to the store; the columns of extraction_runs of the same names."""

    documents_new: int = 0
    documents_unchanged: int = 0
    documents_failed: int = 0
    documents_reextracted: int = 0
    publications_new: int = 0
    publications_updated: int = 0
    quotes_added: int = 0
    quotes_removed: int = 0
    quotes_changed: int = 0
    speakers_new: int = 0
    corrections_orphaned: int = 0


def start_run(engine: Engine, command: str) -> int:
    """Record that a command started; returns the run id."""
    with engine.begin() as connection:
        return connection.execute(insert(ExtractionRun).values(
            command=command[:2000], extractor_version=EXTRACTOR_VERSION, started_at=utc_now(),
            status="started",
            **asdict(RunCounts())).returning(ExtractionRun.id)).scalar_one()


RUN_STATUSES = ("started", "finished", "interrupted")


def finish_run(engine: Engine, run_id: int, counts: RunCounts, status: str = "finished") -> None:
    """Record a command's end, how it ended ("finished" or "interrupted") and its counts."""
    if status not in RUN_STATUSES[1:]:
        raise ValueError(f"a run ends finished or interrupted, not {status!r}")
    with engine.begin() as connection:
        connection.execute(update(ExtractionRun).where(ExtractionRun.id == run_id)
                           .values(finished_at=utc_now(), status=status, **asdict(counts)))
