"""One speaker per person across documents, every surface form kept as an alias; middle-name
variants and bare surnames joined to a full name when that is unambiguous."""

from sqlalchemy import func, select

from articles import Article
from ingest.speakers import normalize_name
from ingest.store import Extracted, document_sha256, store_article, store_extracted_batch
from models.dialect import write_transaction
from models.tables import Quote, Speaker, SpeakerAlias
from tests.conftest import empty_all_tables
from tests.storage.conftest import quote_count_errors, said, snapshot


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


def quotes_by_speaker(engine) -> dict[str, int]:
    """Each speaker's name and the number of quotes linked to it."""
    with engine.connect() as connection:
        rows = connection.execute(select(Speaker.name, func.count(Quote.id))
                                  .join(Quote, Quote.speaker_id == Speaker.id)
                                  .group_by(Speaker.name))
        return {name: number for name, number in rows}


def test_middle_name_variant_joins_the_only_known_person(db_engine):
    a = "“The border stays open,” said Khawaja Asif."
    b = "“Talks resume in May,” said Khawaja Mohammad Asif."
    store(db_engine, a, said(a, "The border stays open,", "Khawaja Asif"))
    store(db_engine, b, said(b, "Talks resume in May,", "Khawaja Mohammad Asif"))
    assert speakers(db_engine) == {"Khawaja Asif": {"Khawaja Asif", "Khawaja Mohammad Asif"}}
    assert quotes_by_speaker(db_engine) == {"Khawaja Asif": 2}
    assert quote_count_errors(db_engine) == []


def test_shorter_name_joins_a_known_name_with_a_middle_name(db_engine):
    a = "“Talks resume in May,” said Khawaja Mohammad Asif."
    b = "“The border stays open,” said Khawaja Asif."
    store(db_engine, a, said(a, "Talks resume in May,", "Khawaja Mohammad Asif"))
    store(db_engine, b, said(b, "The border stays open,", "Khawaja Asif"))
    assert speakers(db_engine) == {
        "Khawaja Mohammad Asif": {"Khawaja Mohammad Asif", "Khawaja Asif"}}


def test_contradicting_middle_names_stay_apart(db_engine):
    a = "“The border stays open,” said Khawaja Asif."
    b = "“Talks resume in May,” said Khawaja Mohammad Asif."
    c = "“I disagree,” said Khawaja Tariq Asif."
    store(db_engine, a, said(a, "The border stays open,", "Khawaja Asif"))
    store(db_engine, b, said(b, "Talks resume in May,", "Khawaja Mohammad Asif"))
    store(db_engine, c, said(c, "I disagree,", "Khawaja Tariq Asif"))
    assert speakers(db_engine) == {
        "Khawaja Asif": {"Khawaja Asif", "Khawaja Mohammad Asif"},
        "Khawaja Tariq Asif": {"Khawaja Tariq Asif"}}


def test_shorter_name_with_two_known_longer_names_stays_apart(db_engine):
    a = "“Talks resume in May,” said Khawaja Mohammad Asif."
    b = "“I disagree,” said Khawaja Tariq Asif."
    c = "“The border stays open,” said Khawaja Asif."
    store(db_engine, a, said(a, "Talks resume in May,", "Khawaja Mohammad Asif"))
    store(db_engine, b, said(b, "I disagree,", "Khawaja Tariq Asif"))
    store(db_engine, c, said(c, "The border stays open,", "Khawaja Asif"))
    assert set(speakers(db_engine)) == {"Khawaja Mohammad Asif", "Khawaja Tariq Asif",
                                        "Khawaja Asif"}


def test_bare_surname_speaker_merges_into_the_first_full_name(db_engine):
    a = "“Not yet,” Vance said."
    b = "“Rates will fall,” said Petra Vance."
    store(db_engine, a, said(a, "Not yet,", "Vance"))
    store(db_engine, b, said(b, "Rates will fall,", "Petra Vance"))
    assert speakers(db_engine) == {"Petra Vance": {"Petra Vance", "Vance"}}
    assert quotes_by_speaker(db_engine) == {"Petra Vance": 2}
    assert quote_count_errors(db_engine) == []
    c = "“Later,” Vance said."
    store(db_engine, c, said(c, "Later,", "Vance"))
    assert quotes_by_speaker(db_engine) == {"Petra Vance": 3}
    assert quote_count_errors(db_engine) == []


def test_bare_surname_speaker_stays_when_two_full_names_arrive_together(db_engine):
    a = "“Not yet,” Vance said."
    b = "“Rates will fall,” said Petra Vance. “They will rise,” said Colm Vance."
    store(db_engine, a, said(a, "Not yet,", "Vance"))
    store(db_engine, b, said(b, "Rates will fall,", "Petra Vance"),
          said(b, "They will rise,", "Colm Vance"))
    assert quotes_by_speaker(db_engine) == {"Vance": 1, "Petra Vance": 1, "Colm Vance": 1}


def test_bare_surname_speaker_stays_once_its_surname_is_ambiguous(db_engine):
    a = "“Rates will fall,” said Petra Vance. “They will rise,” said Colm Vance."
    b = "“Not yet,” Vance said."
    c = "“Soon,” said Ada Vance."
    store(db_engine, a, said(a, "Rates will fall,", "Petra Vance"),
          said(a, "They will rise,", "Colm Vance"))
    store(db_engine, b, said(b, "Not yet,", "Vance"))
    store(db_engine, c, said(c, "Soon,", "Ada Vance"))
    assert quotes_by_speaker(db_engine)["Vance"] == 1


def test_one_batch_matches_speakers_as_one_document_after_another(db_engine):
    texts = ["“Not yet,” Vance said.", "“Rates will fall,” said Petra Vance.",
             "“Later,” Vance said.", "“Talks resume,” said Khawaja Mohammad Asif.",
             "“Open,” said Khawaja Asif, the minister."]
    quotes = [[said(texts[0], "Not yet,", "Vance")],
              [said(texts[1], "Rates will fall,", "Petra Vance")],
              [said(texts[2], "Later,", "Vance")],
              [said(texts[3], "Talks resume,", "Khawaja Mohammad Asif")],
              [said(texts[4], "Open,", "Khawaja Asif", role="the minister")]]
    for text_, found in zip(texts, quotes, strict=True):
        store(db_engine, text_, *found)
    one_at_a_time = snapshot(db_engine)
    empty_all_tables(db_engine)
    items = [Extracted(Article(text=t), document_sha256(t), q)
             for t, q in zip(texts, quotes, strict=True)]
    with write_transaction(db_engine) as connection:
        results = store_extracted_batch(connection, items)
    assert [r.status for r in results] == ["new"] * 5
    assert snapshot(db_engine) == one_at_a_time
    assert quote_count_errors(db_engine) == []
    with db_engine.connect() as connection:
        assert connection.execute(select(Speaker.role).where(
            Speaker.name == "Khawaja Mohammad Asif")).scalar_one() == "the minister"


def test_a_bare_surname_merged_and_needed_again_in_one_batch_is_made_anew(db_engine):
    texts = ["“Not yet,” Vance said.", "“Rates will fall,” said Petra Vance, the governor.",
             "“They will rise,” said Colm Vance.", "“Later,” Vance said, the clerk."]
    quotes = [[said(texts[0], "Not yet,", "Vance", role="the clerk")],
              [said(texts[1], "Rates will fall,", "Petra Vance", role="the governor")],
              [said(texts[2], "They will rise,", "Colm Vance")],
              [said(texts[3], "Later,", "Vance", role="the clerk")]]
    for text_, found in zip(texts, quotes, strict=True):
        store(db_engine, text_, *found)
    one_at_a_time = snapshot(db_engine)
    assert quotes_by_speaker(db_engine) == {"Petra Vance": 2, "Colm Vance": 1, "Vance": 1}
    empty_all_tables(db_engine)
    items = [Extracted(Article(text=t), document_sha256(t), q)
             for t, q in zip(texts, quotes, strict=True)]
    with write_transaction(db_engine) as connection:
        store_extracted_batch(connection, items)
    assert snapshot(db_engine) == one_at_a_time
    assert quote_count_errors(db_engine) == []
    with db_engine.connect() as connection:
        rows = connection.execute(select(Speaker.name, Speaker.role))
        roles = {name: role for name, role in rows}
    assert roles["Petra Vance"] == "the governor"


def test_a_stored_bare_surname_merged_and_needed_again_in_one_batch_is_made_anew(db_engine):
    texts = ["“Not yet,” Vance said.", "“Rates will fall,” said Petra Vance.",
             "“They will rise,” said Colm Vance.", "“Later,” Vance said."]
    quotes = [[said(texts[0], "Not yet,", "Vance")],
              [said(texts[1], "Rates will fall,", "Petra Vance")],
              [said(texts[2], "They will rise,", "Colm Vance")],
              [said(texts[3], "Later,", "Vance")]]
    for text_, found in zip(texts, quotes, strict=True):
        store(db_engine, text_, *found)
    one_at_a_time = snapshot(db_engine)
    empty_all_tables(db_engine)
    store(db_engine, texts[0], *quotes[0])
    items = [Extracted(Article(text=t), document_sha256(t), q)
             for t, q in zip(texts[1:], quotes[1:], strict=True)]
    with write_transaction(db_engine) as connection:
        store_extracted_batch(connection, items)
    assert snapshot(db_engine) == one_at_a_time
    assert quotes_by_speaker(db_engine) == {"Petra Vance": 2, "Colm Vance": 1, "Vance": 1}
    assert quote_count_errors(db_engine) == []
