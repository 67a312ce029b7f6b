"""One speaker per person across documents, every surface form kept as an alias."""

from sqlalchemy import select

from articles import Article
from models.ingest import store_article
from models.speakers import normalize_name
from models.tables import Quote, Speaker, SpeakerAlias
from tests.storage.conftest import said


def store(engine, text: str, *quotes) -> None:
    store_article(engine, Article(text=text), quotes=list(quotes))


def speakers(engine) -> dict[str, set[str]]:
    """Each speaker's canonical name and its aliases."""
    with engine.connect() as connection:
        rows = connection.execute(select(Speaker.name, SpeakerAlias.alias)
                                  .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id))
        found: dict[str, set[str]] = {}
        for name, alias in rows:
            found.setdefault(name, set()).add(alias)
    return found


def test_normalize_name_folds_case_accents_dots_and_titles():
    assert normalize_name("Dr. Zoë  Ångström") == "zoe angstrom"
    assert normalize_name("President Zoe Angstrom") == "zoe angstrom"
    assert normalize_name("Lt. Gen. Rui O’Dell") == "rui o'dell"
    assert normalize_name("the Fishermen's Guild") == "fishermen's guild"
    assert normalize_name("President") == "president"  # a title alone is kept


def test_one_speaker_across_documents_with_every_surface_form(db_engine):
    a = "“We stay,” said Dr. Zoë Ångström."
    b = "“We leave,” said ZOE ANGSTROM. “Soon,” Angstrom added."
    store(db_engine, a, said(a, "We stay,", "Dr. Zoë Ångström"))
    store(db_engine, b, said(b, "We leave,", "ZOE ANGSTROM"),
          said(b, "Soon,", "ZOE ANGSTROM", mention="Angstrom"))
    # One alias per normalised form (the first spelling seen), as speaker_aliases is unique
    # on (speaker_id, normalized_alias).
    assert speakers(db_engine) == {"Zoë Ångström": {"Dr. Zoë Ångström", "Angstrom"}}


def test_bare_surname_joins_the_only_known_full_name(db_engine):
    a = "“Rates will fall,” said Petra Vance."
    b = "“Not yet,” Vance said."
    store(db_engine, a, said(a, "Rates will fall,", "Petra Vance"))
    store(db_engine, b, said(b, "Not yet,", "Vance"))
    assert speakers(db_engine) == {"Petra Vance": {"Petra Vance", "Vance"}}


def test_bare_surname_with_two_known_full_names_stays_apart(db_engine):
    a = "“Rates will fall,” said Petra Vance. “They will rise,” said Colm Vance."
    b = "“Not yet,” Vance said."
    store(db_engine, a, said(a, "Rates will fall,", "Petra Vance"),
          said(a, "They will rise,", "Colm Vance"))
    store(db_engine, b, said(b, "Not yet,", "Vance"))
    assert speakers(db_engine) == {"Petra Vance": {"Petra Vance"}, "Colm Vance": {"Colm Vance"},
                                   "Vance": {"Vance"}}


def test_surname_joins_a_full_name_from_the_same_document(db_engine):
    text = "“One,” Osei said. “Two,” said Kwame Osei."
    store(db_engine, text, said(text, "One,", "Osei"), said(text, "Two,", "Kwame Osei"))
    assert speakers(db_engine) == {"Kwame Osei": {"Kwame Osei", "Osei"}}


def test_anonymous_speakers_are_kept_on_the_quote_but_not_linked(db_engine):
    text = "“It is over,” said a senior official."
    store(db_engine, text, said(text, "It is over,", "a senior official", kind="anonymous"))
    with db_engine.connect() as connection:
        quote = connection.execute(select(Quote)).one()
    assert quote.speaker_id is None
    assert (quote.speaker_name, quote.speaker_type) == ("a senior official", "anonymous")
    assert speakers(db_engine) == {}


def test_latest_role_is_kept(db_engine):
    a = "“Yes,” said Ines Duarte."
    b = "“No,” said Ines Duarte, the new mayor."
    store(db_engine, a, said(a, "Yes,", "Ines Duarte", role="a councillor"))
    store(db_engine, b, said(b, "No,", "Ines Duarte", role="the new mayor"))
    with db_engine.connect() as connection:
        assert connection.execute(select(Speaker.role)).scalar_one() == "the new mayor"
