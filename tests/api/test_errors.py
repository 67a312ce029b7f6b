"""Every bad input is a 4xx problem+json with a useful detail: never a 500, never a trace."""

import base64
import json

import pytest

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.data
    assert response.content_type == PROBLEM
    body = response.json
    assert body["status"] == status and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    for word in words:
        assert word in body["detail"], body["detail"]
    return body


@pytest.mark.parametrize("query, field", [
    ("from=2024-02-30", "from"), ("to=yesterday", "to"),
    ("limit=0", "limit"), ("limit=201", "limit"), ("limit=ten", "limit"),
    ("min_confidence=1.5", "min_confidence"), ("kind=whole", "kind"), ("status=maybe", "status"),
    ("sort=speaker", "sort"), ("speaker_id=abc", "speaker_id"), ("colour=blue", "colour"),
])
def test_bad_query_parameters_are_422_naming_the_parameter(client, query, field):
    body = assert_problem(client.get(f"/v1/quotes?{query}"), 422, field)
    assert field in body["errors"]["query"]


def test_unknown_parameters_are_rejected_on_every_collection(client):
    for path in ("/v1/quotes", "/v1/speakers", "/v1/outlets", "/v1/documents"):
        assert_problem(client.get(f"{path}?pagesize=10"), 422, "pagesize")


def _token(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "not-a-cursor", "%%%", "2024-01-01", "2024-01-01.", "2024-13-01.abc", "2024-01-32.abc",
    "2024-1-01.abc", "2024-01-01.ABC", "2024-01-01.xyz", "undated.", "Undated.abc",
    "2024-01-01.abc\n", " 2024-01-01.abc", "12.42", "2024-01-01." + "a" * 65,
    _token(["d-published", "2024-01-01", "abc"]),  # the form cursors had before 1.3.0
])
def test_a_cursor_not_of_its_collections_form_is_422(client, cursor):
    body = assert_problem(client.get("/v1/quotes", query_string={"cursor": cursor}), 422,
                          "cursor")
    assert "cursor" in body["errors"]["query"]


def test_overlong_cursor_is_422(client):
    assert_problem(client.get("/v1/quotes", query_string={"cursor": "x" * 600}), 422, "cursor")


def test_a_cursor_of_another_collection_is_422(client, corpus):
    quotes = client.get("/v1/quotes?limit=1").json["next"]
    speakers = client.get("/v1/speakers?limit=1").json["next"]
    assert_problem(client.get(f"/v1/speakers?cursor={quotes}"), 422, "cursor")
    assert_problem(client.get(f"/v1/quotes?cursor={speakers}"), 422, "cursor")


def test_huge_ids_are_404_not_500(client):
    assert_problem(client.get("/v1/speakers/99999999999999999999999"), 404)
    assert_problem(client.get("/v1/outlets/99999999999999999999999/quotes"), 404)
    response = client.get("/v1/quotes?speaker_id=99999999999999999999999")
    assert response.status_code == 200 and response.json["items"] == []


@pytest.mark.parametrize("path", [
    "/v1/quotes/nope", "/v1/speakers/424242", "/v1/speakers/424242/quotes", "/v1/outlets/7777",
    "/v1/outlets/7777/quotes", "/v1/documents/abc", "/v1/documents/abc/quotes",
])
def test_unknown_ids_are_404(client, path):
    assert_problem(client.get(path), 404)


def test_nul_characters_are_refused_not_stored(client):
    assert_problem(client.get("/v1/quotes", query_string={"speaker": "a\x00b"}), 422, "NUL")


def test_malformed_json_is_400(client, api_key):
    response = client.post("/v1/documents", data='{"text": "unclosed',
                           headers={"Authorization": f"Bearer {api_key}"},
                           content_type="application/json")
    assert_problem(response, 400)
    assert_problem(client.post("/v1/extract", data="[1,", content_type="application/json"), 400)


def test_wrong_content_type_is_415(client, api_key):
    response = client.post("/v1/documents", data="text=hello", content_type="text/plain",
                           headers={"Authorization": f"Bearer {api_key}"})
    assert_problem(response, 415, "application/json")
    # /v1/extract reads text/plain too (tests/api/test_extract_bounds.py), but nothing else.
    assert_problem(client.post("/v1/extract", data="<p>hi</p>", content_type="text/html"), 415,
                   "text/plain")


def test_missing_and_unknown_body_fields_are_422(client):
    assert_problem(client.post("/v1/extract", json={}), 422, "text")
    assert_problem(client.post("/v1/extract", json={"text": "x", "lang": "en"}), 422, "lang")
    assert_problem(client.post("/v1/extract", json=["text"]), 422)


def test_lone_surrogates_in_json_are_422(client):
    response = client.post("/v1/extract", data='{"text": "bad \\ud800 text"}',
                           content_type="application/json")
    assert_problem(response, 422, "surrogate")


def test_bodies_beyond_the_limit_are_413(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/v1/extract", json={"text": "x" * (limit + 10)})
    assert_problem(response, 413)


def test_unacceptable_accept_is_406(client):
    assert_problem(client.get("/v1/quotes", headers={"Accept": "image/png"}), 406, "text/csv")
