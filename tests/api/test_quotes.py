"""GET /v1/quotes: composable filters, ordering, keyset pages; GET /v1/quotes/{id}."""

import pytest

from tests.api.conftest import items, texts


def test_quotes_are_newest_first_with_undated_last(client, corpus):
    quotes = items(client.get("/v1/quotes"))
    dates = [q["published"] for q in quotes]
    assert dates[-1] is None
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert len(quotes) == 8


def test_oldest_first_still_puts_undated_quotes_last(client, corpus):
    dates = [q["published"] for q in items(client.get("/v1/quotes?sort=published"))]
    assert dates[-1] is None and dates[0] == "2024-03-01"


def test_speaker_matches_name_ignoring_case_and_accents(client, corpus):
    for name in ("Zoë Müller", "zoe muller", "ZOE MÜLLER"):
        quotes = items(client.get("/v1/quotes", query_string={"speaker": name}))
        assert len(quotes) == 3
        assert {q["speaker"]["name"] for q in quotes} == {"Zoë Müller"}


def test_quotes_by_unknown_speaker_returns_empty_page(client, corpus):
    response = client.get("/v1/quotes?speaker=Nobody+At+All")
    assert items(response) == [] and response.json["next"] is None


def test_speaker_id_outlet_and_outlet_id_filters(client, corpus):
    zoe = items(client.get("/v1/quotes?speaker=zoe+muller"))[0]["speaker"]["id"]
    assert len(items(client.get(f"/v1/quotes?speaker_id={zoe}"))) == 3
    by_outlet = items(client.get("/v1/quotes", query_string={"outlet": "evora gazette"}))
    assert len(by_outlet) == 3
    outlet_id = by_outlet[0]["outlet"]["id"]
    assert len(items(client.get(f"/v1/quotes?outlet_id={outlet_id}"))) == 3


def test_dates_are_inclusive(client, corpus):
    quotes = items(client.get("/v1/quotes?from=2024-03-01&to=2024-03-15"))
    assert {q["published"] for q in quotes} == {"2024-03-01", "2024-03-15"}
    assert len(quotes) == 5


def test_filters_compose(client, corpus):
    response = client.get("/v1/quotes", query_string={
        "speaker": "Zoë Müller", "outlet": "The Daily Test", "from": "2024-04-01"})
    assert texts(response) == ["We accept the result whatever it is"]


def test_kind_status_and_confidence_filters(client, corpus):
    assert texts(client.get("/v1/quotes?kind=partial")) == ["Fishermen have waited long enough"]
    assert texts(client.get("/v1/quotes?status=unattributed")) == ["Nobody told us anything"]
    low = texts(client.get("/v1/quotes?min_confidence=0.7"))
    assert "Balanced on paper, perhaps" not in low and len(low) == 6


def test_document_filter(client, corpus):
    response = client.get(f"/v1/quotes?document_id={corpus['budget']}")
    assert len(items(response)) == 2


def test_full_text_search(client, corpus):
    assert texts(client.get("/v1/quotes?q=harbour")) == ["The harbour will reopen in spring"]
    assert set(texts(client.get("/v1/quotes?q=balanced"))) == {
        "The budget is balanced for the first time in a decade", "Balanced on paper, perhaps"}


def test_full_text_search_survives_query_syntax(client, corpus):
    for query in ('"unclosed', "AND OR NOT", "a*b(", "-", "NEAR(", "'", "\\"):
        response = client.get("/v1/quotes", query_string={"q": query})
        assert response.status_code in (200, 422), (query, response.json)


def test_paging_walks_every_quote_once_in_order(client, corpus):
    everything = [q["id"] for q in items(client.get("/v1/quotes"))]
    seen, url = [], "/v1/quotes?limit=3"
    while url:
        response = client.get(url)
        seen += [q["id"] for q in items(response)]
        token = response.json["next"]
        link = response.headers.get("Link")
        assert (token is None) == (link is None)
        url = f"/v1/quotes?limit=3&cursor={token}" if token else None
        if link:
            assert link.endswith('rel="next"') and f"cursor={token}" in link
    assert seen == everything


def test_paging_through_undated_quotes_oldest_first(client, corpus):
    seen, cursor = [], None
    while True:
        query = {"limit": 1, "sort": "published", **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/quotes", query_string=query)
        seen += [q["published"] for q in items(response)]
        cursor = response.json["next"]
        if cursor is None:
            break
    assert len(seen) == 8 and seen[-1] is None


def test_quote_detail_has_full_provenance(client, corpus):
    listed = items(client.get("/v1/quotes?speaker=Zoë+Müller&outlet=Évora+Gazette"))[0]
    quote = client.get(f"/v1/quotes/{listed['id']}").json
    document = client.get(f"/v1/documents/{quote['document']['id']}").json
    assert document["text"][quote["start"]:quote["end"]] == quote["text"]
    assert quote["text"] in quote["sentence"]["text"]
    sentence = quote["sentence"]
    assert document["text"][sentence["start"]:sentence["end"]] == sentence["text"]
    assert quote["speaker"]["mention"] == "Zoë Müller"
    assert quote["cue"]["text"] == "said" and quote["rule"] == "quote-then-cue"
    assert quote["outlet"]["name"] == "Évora Gazette" and quote["published"] == "2024-03-15"
    assert quote["extractor_version"] and 0 <= quote["confidence"] <= 1
    assert quote["document"]["title"] == "Harbour news"


def test_unknown_quote_is_a_404_problem(client, corpus):
    response = client.get("/v1/quotes/0000000000000000")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert "0000000000000000" in response.json["detail"]


@pytest.mark.parametrize("setting", ["FTS_BROAD_MATCHES", "PG_COMMON_SHARE"])
def test_broad_full_text_queries_give_the_same_answer(client, corpus, monkeypatch, setting):
    from models.queries import quotes as queries

    narrow = {q: texts(client.get(f"/v1/quotes?q={q}")) for q in ("balanced", "zzzz", "the")}
    # Take the index-walking plan meant for common words (PG_COMMON_SHARE: PostgreSQL's).
    monkeypatch.setattr(queries, setting, {"FTS_BROAD_MATCHES": 1, "PG_COMMON_SHARE": 0}[setting])
    assert {q: texts(client.get(f"/v1/quotes?q={q}")) for q in narrow} == narrow
    assert len(narrow["balanced"]) == 2 and narrow["zzzz"] == []
