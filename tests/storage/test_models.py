"""The tables round-trip through the ORM on both engines; ids are derived, times are UTC."""

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import inspect, select

from ingest.store import document_sha256, quote_id
from models.engine import make_engine
from models.migrate import alembic_config, upgrade
from models.tables import (
    Document,
    ExtractionRun,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    fts_rowid_for,
)


def test_every_table_round_trips_through_the_orm(db_sessions):
    text = "“Enough,” said Mara Oduya."
    sha = document_sha256(text)
    with db_sessions.begin() as session:
        outlet = Outlet(name="The Harbour Ledger", normalized_name="the harbour ledger")
        speaker = Speaker(name="Mara Oduya", normalized_name="mara oduya", surname="oduya",
                          type="person", role="councillor")
        session.add_all([outlet, speaker])
        session.flush()
        session.add(SpeakerAlias(speaker_id=speaker.id, alias="Mara Oduya",
                                 normalized_alias="mara oduya"))
        session.add(Document(id=sha[:16], sha256=sha, text=text, outlet_id=outlet.id,
                             published=date(2025, 1, 31), extractor_version="test"))
        session.flush()
        session.add(Quote(id=quote_id(sha, 1, 7), document_id=sha[:16], speaker_id=speaker.id,
                          start=1, end=7, text="Enough", kind="full", status="attributed",
                          mention="Mara Oduya", mention_start=15, mention_end=25,
                          speaker_type="person", cue="said", cue_start=10, cue_end=14,
                          rule="quote-then-cue", confidence=0.9, extractor_version="test",
                          published=date(2025, 1, 31), outlet_id=outlet.id))
        session.add(ExtractionRun(command="ingest x", extractor_version="test"))
    with db_sessions() as session:
        quote = session.scalars(select(Quote)).one()
        document = session.get(Document, sha[:16])
        run = session.scalars(select(ExtractionRun)).one()
    assert document.text[quote.start:quote.end] == quote.text == "Enough"
    assert quote.fts_rowid == fts_rowid_for(quote.id)
    assert document.ingested_at.tzinfo is not None
    assert document.ingested_at.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - document.ingested_at).total_seconds()) < 3600
    assert (run.documents_new, run.finished_at) == (0, None)


def test_ids_are_derived_from_content_and_span():
    sha = document_sha256("some text")
    assert quote_id(sha, 3, 9) == quote_id(sha, 3, 9) != quote_id(sha, 3, 10)
    assert len(quote_id(sha, 3, 9)) == 16
    assert -(1 << 63) <= fts_rowid_for("ffffffffffffffff") < (1 << 63)
    assert fts_rowid_for("0000000000000000") == -(1 << 63)


def test_migrations_downgrade_and_upgrade_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrations.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    assert {"quotes", "quotes_fts", "speaker_aliases"} <= set(inspect(engine).get_table_names())
    engine.dispose()
