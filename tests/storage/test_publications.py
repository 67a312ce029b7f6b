"""One text, many publications; the same words across documents as one statement."""

from datetime import date

from sqlalchemy import select

from articles import Article
from ingest.reextract import reextract_document
from ingest.statements import fold_statement_text, statement_id_for
from ingest.store import store_article
from models.dialect import write_transaction
from models.tables import Document, Outlet, Publication, Quote, Statement
from tests.storage.conftest import count, said, statement_errors

WIRE = ("KARSVIK, June 3 — “The ferry will run all winter,” said Edda Thorvik, the port "
        "director. “Nobody will be stranded.”")


def wire_article(outlet: str, url: str, published: date, **fields) -> Article:
    return Article(text=fields.pop("text", WIRE), outlet=outlet, url=url, published=published,
                   title=fields.pop("title", "Ferry to run all winter"), **fields)


def ferry_quotes(text_: str = WIRE) -> list:
    return [said(text_, "The ferry will run all winter,", "Edda Thorvik")]


def publications(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(Publication.url, Publication.title, Publication.published)
            .order_by(Publication.id))]


def quote_dates(engine) -> set[tuple]:
    with engine.connect() as connection:
        return set(connection.execute(select(Quote.published, Outlet.name)
                                      .join(Outlet, Outlet.id == Quote.outlet_id)))


def test_the_same_text_from_a_second_outlet_is_a_second_publication(db_engine):
    first = store_article(db_engine, wire_article("Wire A", "https://a.test/1", date(2026, 6, 3)),
                          ferry_quotes())
    second = store_article(db_engine, wire_article("Paper B", "https://b.test/9",
                                                   date(2026, 6, 4)), ferry_quotes())
    assert (first.status, second.status) == ("new", "new_publication")
    assert first.document_id == second.document_id
    assert (count(db_engine, "documents"), count(db_engine, "quotes")) == (1, 1)
    assert publications(db_engine) == [
        ("https://a.test/1", "Ferry to run all winter", date(2026, 6, 3)),
        ("https://b.test/9", "Ferry to run all winter", date(2026, 6, 4))]
    assert quote_dates(db_engine) == {(date(2026, 6, 3), "Wire A")}


def test_the_same_outlet_and_url_again_changes_nothing(db_engine):
    article = wire_article("Wire A", "https://a.test/1", date(2026, 6, 3))
    store_article(db_engine, article, ferry_quotes())
    again = store_article(db_engine, wire_article("wire  a", "https://a.test/1", date(2026, 6, 3)),
                          ferry_quotes())
    assert again.status == "unchanged"
    assert count(db_engine, "publications") == 1


def test_new_metadata_for_a_publication_is_applied_and_reported(db_engine):
    store_article(db_engine, wire_article("Wire A", "https://a.test/1", date(2026, 6, 3)),
                  ferry_quotes())
    result = store_article(db_engine, wire_article("Wire A", "https://a.test/1",
                                                   date(2026, 6, 2), title="Corrected"))
    assert result.status == "updated"
    assert publications(db_engine) == [("https://a.test/1", "Corrected", date(2026, 6, 2))]
    with db_engine.connect() as connection:
        document = connection.execute(select(Document.title, Document.published)).one()
    assert tuple(document) == ("Corrected", date(2026, 6, 2))
    assert quote_dates(db_engine) == {(date(2026, 6, 2), "Wire A")}


def test_an_earlier_publication_stored_later_becomes_the_earliest(db_engine):
    store_article(db_engine, wire_article("Paper B", "https://b.test/9", date(2026, 6, 4)),
                  ferry_quotes())
    store_article(db_engine, wire_article("Wire A", "https://a.test/1", date(2026, 6, 3)))
    assert quote_dates(db_engine) == {(date(2026, 6, 3), "Wire A")}
    assert statement_errors(db_engine) == []


def test_an_undated_publication_never_counts_as_the_earliest(db_engine):
    store_article(db_engine, wire_article("Paper B", "https://b.test/9", None), ferry_quotes())
    store_article(db_engine, wire_article("Wire A", "https://a.test/1", date(2026, 6, 3)))
    store_article(db_engine, wire_article("Paper C", "https://c.test/2", None))
    assert quote_dates(db_engine) == {(date(2026, 6, 3), "Wire A")}


def test_a_text_twice_in_one_batch_is_one_document_with_two_publications(db_engine):
    from ingest.store import Extracted, document_sha256, store_extracted_batch

    sha = document_sha256(WIRE)
    items = [Extracted(wire_article(outlet, url, day), sha, ferry_quotes())
             for outlet, url, day in (("Wire A", "https://a.test/1", date(2026, 6, 5)),
                                      ("Paper B", "https://b.test/9", date(2026, 6, 4)))]
    with write_transaction(db_engine) as connection:
        results = store_extracted_batch(connection, items)
    assert [r.status for r in results] == ["new", "new_publication"]
    assert quote_dates(db_engine) == {(date(2026, 6, 4), "Paper B")}
    assert statement_errors(db_engine) == []


# --- statements ---------------------------------------------------------------------------------

def test_folding_ignores_case_quote_marks_whitespace_and_punctuation():
    assert fold_statement_text("“We will NOT  back down,”") == "we will not back down"
    assert fold_statement_text("We won’t back down.") == fold_statement_text("we won't back down")
    assert statement_id_for("a", "Back down.", 7) == statement_id_for("b", "back down", 7)
    assert statement_id_for("a", "Back down.", 7) != statement_id_for("a", "Back down.", 8)
    assert statement_id_for("a", "Back down.", None) != statement_id_for("b", "Back down.", None)


def edited_copy(lead: str, words: str) -> str:
    return f"{lead} “{words}” said Edda Thorvik, the port director."


def test_one_statement_reported_by_three_outlets_in_three_edited_texts(db_engine):
    versions = [("Paper B", date(2026, 6, 5), "KARSVIK —", "The ferry will run all winter."),
                ("Wire A", date(2026, 6, 3), "KARSVIK, June 3 —", "the ferry will run all winter"),
                ("Paper C", date(2026, 6, 4), "Ferry news:", "The ferry will run, all winter!")]
    ids = []
    for outlet, day, lead, words in versions:
        body = edited_copy(lead, words)
        quotes = [said(body, words, "Edda Thorvik")]
        ids.append(store_article(db_engine, Article(text=body, outlet=outlet, published=day),
                                 quotes).document_id)
    partial = edited_copy("Elsewhere:", "run all winter")
    store_article(db_engine, Article(text=partial, outlet="Paper D", published=date(2026, 6, 1)),
                  [said(partial, "run all winter", "Edda Thorvik")])
    with db_engine.connect() as connection:
        statements = connection.execute(select(Statement.quote_count, Quote.document_id)
                                        .join(Quote, Quote.id == Statement.first_quote_id)
                                        .order_by(Statement.quote_count)).all()
    assert [tuple(row) for row in statements] == [(1, statements[0].document_id), (3, ids[1])]
    assert statement_errors(db_engine) == []


def test_reextracting_without_a_quote_takes_it_out_of_its_statement(db_engine):
    first = store_article(db_engine, wire_article("Wire A", None, date(2026, 6, 3)),
                          ferry_quotes())
    other = edited_copy("Later:", "The ferry will run all winter.")
    store_article(db_engine, Article(text=other, outlet="Paper B", published=date(2026, 6, 4)),
                  [said(other, "The ferry will run all winter.", "Edda Thorvik")])
    with write_transaction(db_engine) as connection:
        reextract_document(connection, first.document_id, [], include_current=True)
    assert count(db_engine, "statements") == 1
    assert statement_errors(db_engine) == []


def test_a_bare_surname_merged_into_a_full_name_takes_its_statements_along(db_engine):
    short = "“The ferry will run,” Thorvik said."
    store_article(db_engine, Article(text=short, outlet="Paper B", published=date(2026, 6, 4)),
                  [said(short, "The ferry will run,", "Thorvik")])
    full = "“The ferry will run.” said Edda Thorvik, the port director."
    store_article(db_engine, Article(text=full, outlet="Wire A", published=date(2026, 6, 3)),
                  [said(full, "The ferry will run.", "Edda Thorvik")])
    assert count(db_engine, "speakers") == 1
    assert count(db_engine, "statements") == 1
    assert statement_errors(db_engine) == []
