"""One text run by several outlets, and one statement reported in several edited texts."""

from dataclasses import replace
from datetime import date

import pytest

from ingest.store import store_article
from tests.api.conftest import items
from tests.api.factories import article_with_quotes, said

FERRY = [said("Edda Thorvik", "The ferry will run all winter")]


def run_by(engine, article, quotes, outlet: str, url: str, published: date | None):
    """Store `article` as published by `outlet` at `url` on `published`."""
    return store_article(engine, replace(article, outlet=outlet, url=url, published=published),
                         quotes)


@pytest.fixture
def wire_story(db_engine):
    """A wire story run by Wire A (June 3), then by Paper B (June 4, stored later)."""
    article, quotes = article_with_quotes(FERRY, title="Ferry to run", lead="KARSVIK —")
    run_by(db_engine, article, quotes, "Wire A", "https://a.test/1", date(2026, 6, 3))
    run_by(db_engine, article, quotes, "Paper B", "https://b.test/9", date(2026, 6, 4))
    return article, quotes


def test_both_outlets_list_the_document_and_its_quotes_with_their_own_dates(client, wire_story):
    for outlet, day in (("Wire A", "2026-06-03"), ("Paper B", "2026-06-04")):
        [quote] = items(client.get("/v1/quotes", query_string={"outlet": outlet}))
        assert (quote["outlet"]["name"], quote["published"]) == (outlet, day)
        assert quote["publication_count"] == 2
        [document] = items(client.get("/v1/documents", query_string={"outlet": outlet}))
        assert (document["outlet"]["name"], document["published"]) == (outlet, day)
        assert document["url"].startswith(f"https://{outlet[-1].lower()}.test/")
    [everywhere] = items(client.get("/v1/quotes"))
    assert (everywhere["outlet"]["name"], everywhere["published"]) == ("Wire A", "2026-06-03")


def test_a_date_range_picks_the_publication_inside_it(client, wire_story):
    [quote] = items(client.get("/v1/quotes", query_string={"from": "2026-06-04"}))
    assert (quote["outlet"]["name"], quote["published"]) == ("Paper B", "2026-06-04")
    assert items(client.get("/v1/quotes", query_string={"from": "2026-06-05"})) == []
    only_b = {"outlet": "Paper B", "to": "2026-06-03"}
    assert items(client.get("/v1/quotes", query_string=only_b)) == []


def test_the_document_lists_its_publications_and_outlets_count_them(client, wire_story):
    [document] = items(client.get("/v1/documents"))
    detail = client.get(f"/v1/documents/{document['id']}").json
    assert document["publication_count"] == detail["publication_count"] == 2
    assert [(p["outlet"]["name"], p["published"]) for p in detail["publications"]] == [
        ("Wire A", "2026-06-03"), ("Paper B", "2026-06-04")]
    outlets = {o["name"]: o["id"] for o in items(client.get("/v1/outlets"))}
    paper_b = client.get(f"/v1/outlets/{outlets['Paper B']}").json
    assert (paper_b["publication_count"], paper_b["document_count"], paper_b["quote_count"]) \
        == (1, 1, 1)
    assert paper_b["first_published"] == "2026-06-04"


def test_first_reported_names_the_earlier_outlet(client, wire_story):
    [quote] = items(client.get("/v1/quotes", query_string={"outlet": "Paper B"}))
    detail = client.get(f"/v1/quotes/{quote['id']}").json
    assert detail["first_reported"]["outlet"]["name"] == "Wire A"
    assert detail["first_reported"]["url"] == "https://a.test/1"
    assert (detail["also_reported_in"], detail["also_reported_count"]) == ([], 0)


def test_resending_with_a_new_title_updates_it(client, wire_story, api_key):
    article, _ = wire_story
    body = {"text": article.text, "title": "Ferry runs all winter", "outlet": "Paper B",
            "url": "https://b.test/9", "published": "2026-06-04"}
    headers = {"Authorization": f"Bearer {api_key}"}
    response = client.post("/v1/documents", json=body, headers=headers)
    assert (response.status_code, response.json["status"]) == (200, "updated")
    again = client.post("/v1/documents", json=body, headers=headers)
    assert (again.status_code, again.json["status"]) == (200, "unchanged")
    detail = client.get(f"/v1/documents/{response.json['document']['id']}").json
    titles = {p["outlet"]["name"]: p["title"] for p in detail["publications"]}
    assert titles == {"Wire A": "Ferry to run", "Paper B": "Ferry runs all winter"}
    assert detail["publications"][1]["updated_at"] is not None


def test_a_new_outlet_for_a_stored_text_is_a_new_publication(client, wire_story, api_key):
    article, _ = wire_story
    response = client.post("/v1/documents", headers={"Authorization": f"Bearer {api_key}"},
                           json={"text": article.text, "outlet": "Paper C"})
    assert (response.status_code, response.json["status"]) == (200, "new_publication")
    assert response.json["document"]["publication_count"] == 3


def test_a_statement_in_three_edited_texts_counts_once(client, db_engine):
    leads = (("Paper C", date(2026, 6, 5), "KARSVIK (Paper C) —", "The ferry will run all winter."),
             ("Wire A", date(2026, 6, 3), "KARSVIK —", "the ferry will run all winter"),
             ("Paper B", date(2026, 6, 4), "Ferry news.", "The ferry will run, all winter"))
    for outlet, day, lead, words in leads:
        article, quotes = article_with_quotes([said("Edda Thorvik", words)], lead=lead)
        run_by(db_engine, article, quotes, outlet, f"https://{outlet}.test/", day)
    quotes = items(client.get("/v1/quotes"))
    assert len(quotes) == 3 and len({q["statement_id"] for q in quotes}) == 1
    detail = client.get(f"/v1/quotes/{quotes[0]['id']}").json
    assert detail["first_reported"]["outlet"]["name"] == "Wire A"
    assert detail["also_reported_count"] == 2
    assert [r["outlet"]["name"] for r in detail["also_reported_in"]] == ["Wire A", "Paper B"]
    [once] = items(client.get("/v1/quotes", query_string={"distinct": "statement"}))
    assert once["outlet"]["name"] == "Wire A"
    by_statement = {"statement_id": once["statement_id"], "limit": 2}
    assert len(items(client.get("/v1/quotes", query_string=by_statement))) == 2


def test_pages_of_an_outlet_stay_flat_when_it_ran_a_text_twice(client, db_engine):
    for number in range(5):
        article, quotes = article_with_quotes(
            [said("Edda Thorvik", f"Crossing number {number} is on time")], title=f"n{number}")
        for url in ("https://b.test/early", "https://b.test/late"):
            run_by(db_engine, article, quotes, "Paper B", f"{url}/{number}",
                   date(2026, 6, 1 + number + url.endswith("late")))
    seen, cursor = [], None
    while True:
        query = {"outlet": "Paper B", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/quotes", query_string=query).json
        seen += page["items"]
        if not (cursor := page["next"]):
            break
    assert len(seen) == 5 == len({q["id"] for q in seen})
    assert [q["published"] for q in seen] == [f"2026-06-0{n}" for n in range(5, 0, -1)]


def test_bad_statement_filters_are_clear_422s(client):
    for query in ({"distinct": "speaker"}, {"statement_id": ""}):
        response = client.get("/v1/quotes", query_string=query)
        assert response.status_code == 422
        assert response.content_type == "application/problem+json"
