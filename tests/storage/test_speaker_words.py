"""speaker_words holds every word of every speaker's names, whatever path wrote them."""

from datetime import date

from alembic import command
from sqlalchemy import select, text

from models.dialect import write_transaction
from models.engine import make_engine, make_session_factory
from models.migrate import alembic_config, upgrade
from models.names import search_words
from models.queries import QuoteFilters, quote_page, speakers_named
from models.queries import speakers as speaker_queries
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
    upgrade(url, "0006")
    engine = make_engine(url)
    with write_transaction(engine) as connection:  # what the writers before revision 0007 stored
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
    command.downgrade(alembic_config(url), "0006")
    upgrade(url)
    assert word_errors(engine) == []
    engine.dispose()


def every_quote_id(engine, name: str, newest_first: bool) -> list[str]:
    """Follow the pages of quotes by speakers matching `name` to the end, 2 at a time."""
    ids, after = [], None
    with make_session_factory(engine)() as session:
        while True:
            page = quote_page(session, QuoteFilters(speaker=name), limit=2, after=after,
                              newest_first=newest_first)
            ids += [row.id for row in page.rows]
            if page.next_key is None:
                return ids
            after = page.next_key


def test_every_query_shape_for_a_speaker_name_gives_the_same_pages(db_engine, monkeypatch):
    for day in (1, 2, 3):
        store(db_engine, [said("Ilse Varga", f"Day {day} for Ilse"),
                          said("Peter Varga", f"Day {day} for Peter"),
                          said("Ana Moreau", f"Day {day} for Ana")],
              title=f"Day {day}", published=date(2026, 5, day))
    store(db_engine, [said("Peter Varga", "No date on this one")], title="Undated",
          published=None)
    for newest_first in (True, False):
        listed = every_quote_id(db_engine, "varga", newest_first)  # few quotes: the id list
        monkeypatch.setattr(speaker_queries, "SPEAKER_BROAD_QUOTES", 0)  # the (published, id) walk
        walked = every_quote_id(db_engine, "varga", newest_first)
        monkeypatch.setattr(speaker_queries, "MAX_LISTED_SPEAKERS", 1)  # the walk, by subquery
        by_subquery = every_quote_id(db_engine, "varga", newest_first)
        monkeypatch.undo()
        assert len(listed) == 7 and listed == walked == by_subquery
