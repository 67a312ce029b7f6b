"""One JSON encoder for every response: non-ASCII as UTF-8, keys in schema order."""

import json

from api.v1.schemas import (
    DocumentDetailSchema,
    OutletDetailSchema,
    QuoteDetailSchema,
    SpeakerDetailSchema,
)


def keys_in_order(response) -> list[str]:
    return list(json.loads(response.data))


def assert_raw_utf8(response, expected: str) -> None:
    assert response.status_code in (200, 201, 404), response.data
    assert expected.encode("utf-8") in response.data, response.data[:300]
    assert b"\\u" not in response.data


def test_every_json_route_writes_non_ascii_as_utf8(client, corpus):
    speaker = client.get("/v1/quotes?speaker=zoe%20muller&limit=1").json["items"][0]["speaker"]
    outlet_id = client.get("/v1/outlets?name=evora").json["items"][0]["id"]
    quote_id = client.get("/v1/quotes?speaker=zoe%20muller&limit=1").json["items"][0]["id"]
    for path in (f"/v1/speakers/{speaker['id']}", f"/v1/speakers/{speaker['id']}/quotes",
                 f"/v1/quotes/{quote_id}", f"/v1/documents/{corpus['harbour']}",
                 f"/v1/outlets/{outlet_id}", "/v1/speakers?name=muller"):
        assert_raw_utf8(client.get(path), "Zoë Müller")
    assert_raw_utf8(client.get("/v1/outlets?name=evora"), "Évora Gazette")
    assert_raw_utf8(client.get("/v1/quotes/nope’s"), "nope’s")  # a problem document


def test_extract_writes_non_ascii_as_utf8(client):
    response = client.post("/v1/extract", json={"text": "“We won’t wait,” said Zoë Müller."})
    assert_raw_utf8(response, "won’t")


def test_detail_answers_list_fields_in_schema_order(client, corpus):
    quote = client.get("/v1/quotes?speaker=zoe%20muller&limit=1").json["items"][0]
    outlet_id = quote["outlet"]["id"]
    expected = {
        f"/v1/speakers/{quote['speaker']['id']}": SpeakerDetailSchema,
        f"/v1/quotes/{quote['id']}": QuoteDetailSchema,
        f"/v1/documents/{quote['document_id']}": DocumentDetailSchema,
        f"/v1/outlets/{outlet_id}": OutletDetailSchema,
    }
    for path, schema in expected.items():
        assert keys_in_order(client.get(path)) == list(schema().fields), path


def test_problem_documents_keep_their_field_order(client):
    response = client.get("/v1/quotes?limit=0")
    assert keys_in_order(response)[:6] == ["type", "title", "status", "detail", "instance",
                                           "request_id"]
