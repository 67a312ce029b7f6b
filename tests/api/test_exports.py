"""Accept: text/csv and application/x-ndjson stream every matching quote."""

import csv
import io
import json


def test_ndjson_streams_every_matching_quote_ignoring_pages(client, corpus):
    response = client.get("/v1/quotes?limit=1&speaker=zoe+muller",
                          headers={"Accept": "application/x-ndjson"})
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 3 and {q["speaker"]["name"] for q in lines} == {"Zoë Müller"}
    assert lines == client.get("/v1/quotes?speaker=zoe+muller").json["items"]


def test_csv_has_a_header_and_one_row_per_quote(client, corpus):
    response = client.get("/v1/quotes", headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 8
    by_text = {row["text"]: row for row in rows}
    zoe = by_text["The harbour will reopen in spring"]
    assert zoe["speaker_name"] == "Zoë Müller" and zoe["outlet_name"] == "Évora Gazette"
    assert by_text["Nobody told us anything"]["speaker_name"] == ""


def test_exports_work_on_nested_collections(client, corpus):
    response = client.get(f"/v1/documents/{corpus['harbour']}/quotes",
                          headers={"Accept": "application/x-ndjson"})
    assert len(response.get_data(as_text=True).splitlines()) == 3


def test_json_is_the_default_and_preferred_by_quality(client, corpus):
    assert client.get("/v1/quotes", headers={"Accept": "*/*"}).mimetype == "application/json"
    response = client.get("/v1/quotes", headers={"Accept": "text/csv;q=0.5, application/json"})
    assert response.mimetype == "application/json"


def test_quote_exports_carry_the_title_url_and_outlet_of_the_publication(client, corpus):
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/v1/quotes?speaker=omar+haddad", headers={"Accept": "text/csv"}).get_data(as_text=True))))
    by_text = {row["text"]: row for row in rows}
    budget = by_text["Balanced on paper, perhaps"]
    assert budget["title"] == "Budget day" and budget["url"] == "https://example.test/budget-day"
    assert budget["outlet_name"] == "The Daily Test"


def test_speakers_outlets_and_documents_stream_every_item(client, corpus):
    for path, expected in (("/v1/speakers", 3), ("/v1/outlets", 3), ("/v1/documents", 4)):
        pages = client.get(f"{path}?limit=200").json["items"]
        ndjson = client.get(f"{path}?limit=1", headers={"Accept": "application/x-ndjson"})
        assert ndjson.is_streamed and ndjson.mimetype == "application/x-ndjson"
        lines = [json.loads(line) for line in ndjson.get_data(as_text=True).splitlines()]
        assert lines == pages and len(lines) == expected, path
        table = client.get(path, headers={"Accept": "text/csv"})
        rows = list(csv.DictReader(io.StringIO(table.get_data(as_text=True))))
        assert [row["id"] for row in rows] == [str(item["id"]) for item in pages], path
    documents = list(csv.DictReader(io.StringIO(client.get(
        "/v1/documents?outlet=northern+wire", headers={"Accept": "text/csv"}).get_data(
        as_text=True))))
    assert [(d["title"], d["outlet_name"], d["quote_count"]) for d in documents] == [
        ("Undated note", "Northern Wire", "1")]


def test_an_export_after_a_cursor_continues_from_it(client, corpus):
    first = client.get("/v1/speakers?limit=1").json
    rest = client.get(f"/v1/speakers?cursor={first['next']}",
                      headers={"Accept": "application/x-ndjson"}).get_data(as_text=True)
    ids = [json.loads(line)["id"] for line in rest.splitlines()]
    assert first["items"][0]["id"] not in ids and len(ids) == 2


def test_a_type_no_route_answers_in_is_a_406_on_every_route(client, corpus):
    quote = client.get("/v1/quotes?limit=1").json["items"][0]
    for path in ("/v1", f"/v1/quotes/{quote['id']}", f"/v1/speakers/{quote['speaker']['id']}",
                 f"/v1/outlets/{quote['outlet']['id']}",
                 f"/v1/documents/{corpus['budget']}", "/healthz", "/v1/openapi.json"):
        response = client.get(path, headers={"Accept": "text/csv"})
        assert response.status_code == 406, path
        assert response.mimetype == "application/problem+json", path
        assert client.get(path, headers={"Accept": "application/json"}).status_code == 200, path
    assert client.get("/docs", headers={"Accept": "application/json"}).status_code == 406
    assert client.get("/v1/quotes/counts?group_by=kind",
                      headers={"Accept": "application/x-ndjson"}).status_code == 406
    extract = client.post("/v1/extract", json={"text": "“Yes,” she said."},
                          headers={"Accept": "text/csv"})
    assert extract.status_code == 406
