"""Every request the OpenAPI document calls valid is answered, not refused: where the server
has a rule, the document states it in a form clients and schemathesis read (a `pattern`), and
where it cannot, the server gives the input a plain meaning. On both engines."""

import json

import pytest

from tests.api.conftest import items

DATED_COLLECTIONS = ("/v1/quotes", "/v1/documents", "/v1/outlets/{outlet}/quotes",
                     "/v1/speakers/{speaker}/quotes", "/v1/documents/{document}/quotes")


def _dated_collections(client, corpus) -> list[str]:
    quote = items(client.get("/v1/quotes?limit=1"))[0]
    ids = {"outlet": quote["outlet"]["id"], "speaker": quote["speaker"]["id"],
           "document": quote["document_id"]}
    return [path.format(**ids) for path in DATED_COLLECTIONS]


def test_from_after_to_is_an_empty_range_answered_with_an_empty_page(client, corpus):
    for path in _dated_collections(client, corpus):
        assert items(client.get(path)), path  # the same collection has items in range
        response = client.get(f"{path}?from=2024-05-01&to=2024-04-01")
        assert items(response) == [] and response.json["next"] is None, path
        assert "Link" not in response.headers


@pytest.mark.parametrize("accept", ["text/csv", "application/x-ndjson"])
def test_from_after_to_exports_nothing(client, corpus, accept):
    response = client.get("/v1/quotes?from=2024-03-16&to=2024-03-14", headers={"Accept": accept})
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    if accept == "text/csv":
        assert len(lines) == 1 and lines[0].startswith("id,")  # the header row alone
    else:
        assert lines == []


def test_the_document_says_an_inverted_range_is_empty(app):
    spec = json.loads(app.test_client().get("/v1/openapi.json").get_data())
    described = [parameter["description"] for parameter in _query_parameters(spec)
                 if parameter["name"] == "from"]
    assert described and all("empty" in text for text in described)


def _query_parameters(spec: dict) -> list[dict]:
    return [parameter for item in spec["paths"].values() for operation in item.values()
            if isinstance(operation, dict) for parameter in operation.get("parameters", ())
            if parameter["in"] == "query"]
