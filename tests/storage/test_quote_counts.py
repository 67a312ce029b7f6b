"""speakers.quote_count equals a fresh COUNT(*) of the speaker's quotes after every write."""

from alembic import command
from click.testing import CliRunner
from sqlalchemy import select, text

from articles import Article
from cli.main import main
from ingest.reextract import reextract_document
from ingest.store import store_article, store_extracted
from models.dialect import write_transaction
from models.engine import make_engine
from models.migrate import alembic_config, upgrade
from models.tables import Document, Speaker
from tests.storage.conftest import count, quote_count_errors, said
from tests.storage.corpus import write_corpus

TEXT = ("“The ferry runs at dawn,” said Oskar Brell. “It will be late,” said Nadia Sorn. "
        "“Not this week,” Brell said.")


def counts_by_name(engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(select(Speaker.normalized_name, Speaker.quote_count))
        return {name: quote_count for name, quote_count in rows}


def test_ingest_and_reingest_keep_counts_exact(db_engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    write_corpus(tmp_path / "corpus", 60, per_file=20)
    for _ in range(2):
        result = CliRunner().invoke(main, ["ingest", "--workers", "2", "--batch-size", "7",
                                           str(tmp_path / "corpus")])
        assert result.exit_code == 0, result.output
        assert quote_count_errors(db_engine) == []
    with db_engine.connect() as connection:
        total = connection.execute(text("SELECT sum(quote_count) FROM speakers")).scalar_one()
        linked = connection.execute(text(
            "SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL")).scalar_one()
    assert total == linked > 0


def test_store_article_counts_each_speakers_quotes(db_engine):
    quotes = [said(TEXT, "The ferry runs at dawn,", "Oskar Brell"),
              said(TEXT, "It will be late,", "Nadia Sorn"),
              said(TEXT, "Not this week,", "Oskar Brell", mention="Brell")]
    store_article(db_engine, Article(text=TEXT), quotes=quotes)
    store_article(db_engine, Article(text=TEXT), quotes=quotes)  # unchanged: counted once
    assert counts_by_name(db_engine) == {"oskar brell": 2, "nadia sorn": 1}


def test_reextract_moves_counts_with_added_removed_and_repointed_quotes(db_engine):
    old = [said(TEXT, "The ferry runs at dawn,", "Oskar Brell"),
           said(TEXT, "It will be late,", "Nadia Sorn"),
           said(TEXT, "Not this week,", "Oskar Brell", mention="Brell")]
    with write_transaction(db_engine) as connection:
        document_id = store_extracted(connection, Article(text=TEXT), old,
                                      extractor_version="old").document_id
    # The newer extractor drops Sorn's quote, gives "Not this week" to her, finds a new one.
    text_ = TEXT + " “Tickets are sold out,” said Ivo Pratt."
    new = [said(TEXT, "The ferry runs at dawn,", "Oskar Brell"),
           said(TEXT, "Not this week,", "Nadia Sorn", mention="Brell"),
           said(text_, "Tickets are sold out,", "Ivo Pratt")]
    with write_transaction(db_engine) as connection:
        result = reextract_document(connection, document_id, new)
    assert (result.added, result.removed, result.changed) == (1, 1, 1)
    assert counts_by_name(db_engine) == {"oskar brell": 1, "nadia sorn": 1, "ivo pratt": 1}
    assert quote_count_errors(db_engine) == []


def test_reextract_command_keeps_counts_exact(db_engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    write_corpus(tmp_path / "corpus", 12, per_file=12)
    CliRunner().invoke(main, ["ingest", str(tmp_path / "corpus")])
    with db_engine.begin() as connection:  # as if an older extractor had linked no one
        connection.execute(text("UPDATE quotes SET speaker_id = NULL WHERE id IN "
                                "(SELECT id FROM quotes ORDER BY id LIMIT 20)"))
        connection.execute(text("UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes "
                                "q WHERE q.speaker_id = speakers.id)"))
        connection.execute(Document.__table__.update().values(extractor_version="0.0-old"))
    result = CliRunner().invoke(main, ["reextract"])
    assert result.exit_code == 0, result.output
    assert "20 changed" in result.output
    assert quote_count_errors(db_engine) == []


def test_migration_backfills_counts_of_existing_quotes(tmp_path):
    url = f"sqlite:///{tmp_path / 'backfill.db'}"
    upgrade(url, "0004")
    engine = make_engine(url)
    quotes = [said(TEXT, "The ferry runs at dawn,", "Oskar Brell"),
              said(TEXT, "It will be late,", "Nadia Sorn"),
              said(TEXT, "Not this week,", "Oskar Brell", mention="Brell")]
    with write_transaction(engine) as connection:  # what the writer of revision 0004 stored
        connection.execute(text("INSERT INTO speakers (id, name, normalized_name, type, "
                                "created_at) VALUES (1, 'Oskar Brell', 'oskar brell', "
                                "'person', '2026-01-01'), (2, 'Nadia Sorn', 'nadia sorn', "
                                "'person', '2026-01-01')"))
        connection.execute(text("INSERT INTO documents (id, sha256, text, extractor_version, "
                                "ingested_at) VALUES ('d1', 'sha-d1', :t, 'old', '2026-01-01')"),
                           {"t": TEXT})
        for number, (quote, speaker_id) in enumerate(zip(quotes, (1, 2, 1), strict=True)):
            connection.execute(text(
                "INSERT INTO quotes (id, fts_rowid, document_id, speaker_id, start, \"end\", "
                "text, kind, status, confidence, extractor_version) VALUES (:id, :n, 'd1', "
                ":speaker, :start, :end, :text, 'full', 'attributed', 0.9, 'old')"),
                {"id": f"q{number}", "n": number, "speaker": speaker_id, "start": quote.start,
                 "end": quote.end, "text": quote.text})
    upgrade(url)
    assert counts_by_name(engine) == {"oskar brell": 2, "nadia sorn": 1}
    command.downgrade(alembic_config(url), "0004")
    assert count(engine, "quotes") == 3
    engine.dispose()
