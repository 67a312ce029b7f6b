"""speaker_words holds every word of every speaker's names, whatever path wrote them."""

from alembic import command
from sqlalchemy import select, text

from models.dialect import write_transaction
from models.engine import make_engine, make_session_factory
from models.migrate import alembic_config, upgrade
from models.names import search_words
from models.queries import speakers_named
from models.tables import Speaker, SpeakerAlias, SpeakerWord
from tests.api.factories import said, store


def word_errors(engine) -> list[str]:
    """Each (word, speaker) a speaker's aliases and name call for but the table lacks, and
    each row the table has for no alias."""
    with engine.connect() as connection:
        names = connection.execute(
            select(Speaker.id, Speaker.normalized_name).union(
                select(SpeakerAlias.speaker_id, SpeakerAlias.normalized_alias))).all()
        stored = set(connection.execute(select(SpeakerWord.word, SpeakerWord.speaker_id)))
    wanted = {(word, speaker_id) for speaker_id, name in names for word in search_words(name)}
    return [f"missing {row}" for row in sorted(wanted - stored)] + [
        f"stray {row}" for row in sorted(stored - wanted)]


def names_found(engine, query: str) -> list[str]:
    with make_session_factory(engine)() as session:
        return [row.name for row in speakers_named(session, query, limit=10)]


def test_ingest_writes_the_words_of_every_name_and_alias(db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June"),
                      said("Jean-Luc Moreau", "Nobody asked the ferry crews"),
                      said("the ministry", "Talks resume on Monday",
                           speaker_type="organization")])
    assert word_errors(db_engine) == []
    assert names_found(db_engine, "varga") == ["Ilse Varga"]
    assert names_found(db_engine, "ministry") == ["ministry"]


def test_a_merged_bare_surname_leaves_its_words_with_the_full_name(db_engine):
    store(db_engine, [said("Vance", "The budget holds")], title="Early")
    store(db_engine, [said("Petra Vance", "The budget still holds")], title="Later")
    assert word_errors(db_engine) == []
    assert names_found(db_engine, "petra") == names_found(db_engine, "vance") == ["Petra Vance"]


def test_migration_backfills_words_of_existing_speakers(tmp_path):
    url = f"sqlite:///{tmp_path / 'backfill.db'}"
    upgrade(url, "0005")
    engine = make_engine(url)
    with write_transaction(engine) as connection:  # what the writers of revision 0005 stored
        connection.execute(text(
            "INSERT INTO speakers (id, name, normalized_name, type, created_at) VALUES "
            "(1, 'Ilse Varga', 'ilse varga', 'person', '2026-01-01'), "
            "(2, 'Jean-Luc Moreau', 'jean-luc moreau', 'person', '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO speaker_aliases (speaker_id, alias, normalized_alias) VALUES "
            "(1, 'Ilse Varga', 'ilse varga'), (1, 'Ilse Szabo Varga', 'ilse szabo varga'), "
            "(2, 'Jean-Luc Moreau', 'jean-luc moreau')"))
    upgrade(url)
    assert word_errors(engine) == []
    assert names_found(engine, "szabo") == ["Ilse Varga"]
    assert names_found(engine, "jean-luc") == ["Jean-Luc Moreau"]
    command.downgrade(alembic_config(url), "0005")
    upgrade(url)
    assert word_errors(engine) == []
    engine.dispose()
