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
