"""Hostile requests a client can send get a clear 4xx problem+json, never a 500, on both
engines: NUL in path ids and inside cursors, bad cursors on exports, forged Host headers,
doubled slashes; and name filters that fold to nothing find nothing."""

import json

import pytest

from tests.api.test_errors import assert_problem


@pytest.mark.parametrize("path", [
    "/v1/quotes/abc%00def", "/v1/quotes/%00", "/v1/documents/%00", "/v1/documents/a%00b/quotes",
    "/v1/speakers/%00", "/v1/speakers/1%00/quotes", "/v1/outlets/%00", "/v1/outlets/%001/quotes",
])
def test_nul_in_a_path_id_is_404(client, corpus, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize("collection", ["/v1/quotes", "/v1/documents", "/v1/outlets"])
def test_nul_inside_a_cursor_is_422(client, corpus, collection):
    cursor = client.get(f"{collection}?limit=1").json["next"]
    tampered = cursor[:3] + "\x00" + cursor[3:]
    response = client.get(collection, query_string={"limit": 1, "cursor": tampered})
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize("accept", ["text/csv", "application/x-ndjson"])
def test_exports_refuse_an_invalid_cursor_like_json(client, corpus, accept):
    response = client.get("/v1/quotes?cursor=not-a-cursor", headers={"Accept": accept})
    assert_problem(response, 422, "cursor")


def test_exports_continue_after_a_valid_cursor(client, corpus):
    first = client.get("/v1/quotes?limit=3")
    rest = client.get(f"/v1/quotes?cursor={first.json['next']}",
                      headers={"Accept": "application/x-ndjson"})
    everything = client.get("/v1/quotes", headers={"Accept": "application/x-ndjson"})
    ids = [json.loads(line)["id"] for line in rest.get_data(as_text=True).splitlines()]
    all_ids = [json.loads(line)["id"] for line in everything.get_data(as_text=True).splitlines()]
    assert ids == all_ids[3:] and ids


def test_link_header_is_never_built_from_the_host_header(client, corpus):
    response = client.get("/v1/quotes?limit=1", headers={"Host": "evil.example"})
    link = response.headers["Link"]
    assert "evil.example" not in link
    assert link.startswith("</v1/quotes?limit=1&cursor=") and link.endswith('>; rel="next"')


def test_link_header_uses_the_configured_public_url(database_url, db_engine, corpus):
    from api import create_app
    from config import Config

    app = create_app(Config(database_url=database_url, json_logs=False,
                            public_url="https://quotes.example.org/api"))
    response = app.test_client().get("/v1/speakers?limit=1", headers={"Host": "evil.example"})
    assert response.headers["Link"].startswith("<https://quotes.example.org/api/v1/speakers?")
    app.extensions["quotewire.database"].engine.dispose()


def test_public_url_must_be_an_http_url():
    from config import Config

    assert Config.from_env({"QUOTEWIRE_PUBLIC_URL": "https://q.example/"}).public_url == \
        "https://q.example"
    with pytest.raises(ValueError, match="QUOTEWIRE_PUBLIC_URL"):
        Config.from_env({"QUOTEWIRE_PUBLIC_URL": "q.example"})


@pytest.mark.parametrize("path", ['/v1/speakers?name=%22', "/v1/speakers?name=.",
                                  "/v1/speakers?name=%20%20", "/v1/outlets?name=%20"])
def test_a_name_filter_with_nothing_to_search_for_finds_nothing(client, corpus, path):
    # Not everything (what an empty search would match), and not a 422 the OpenAPI document
    # cannot state: nothing, as `speaker=` and `q=` with no word in them find nothing.
    everything = client.get(path.split("?")[0])
    response = client.get(path)
    assert response.status_code == 200 and everything.json["items"]
    assert response.json["items"] == [] and response.json["next"] is None


def test_a_name_filter_with_letters_still_searches(client, corpus):
    names = [s["name"] for s in client.get("/v1/speakers?name=%22haddad%22").json["items"]]
    assert names == ["Omar Haddad"]


@pytest.mark.parametrize("path", ["/v1//quotes", "//v1/quotes", "/v1/speakers//1"])
def test_doubled_slashes_are_404_problems_not_html_redirects(client, corpus, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize("key", ["qw_\x00abc", "qw_abcdefgh\x00", "qw_" + "é" * 40, "qw_\udc80"])
def test_a_malformed_api_key_is_401(client, key):
    response = client.post("/v1/documents", json={"text": "x"},
                           headers={"Authorization": "Bearer " + key})
    assert_problem(response, 401, "not valid")


def test_a_nul_that_slips_past_validation_is_a_400_not_a_500(app, engine):
    """The last line of defence, on PostgreSQL (SQLite stores NUL): the driver's refusal."""
    if engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL refuses NUL in text")
    from sqlalchemy import text
    from sqlalchemy.exc import DataError

    from api.errors import handle_database_error

    with engine.connect() as connection, pytest.raises(DataError) as refused:
        connection.execute(text("SELECT :value"), {"value": "a\x00b"})
    with app.test_request_context("/v1/quotes"):
        response = handle_database_error(refused.value)
    assert response.status_code == 400 and "NUL" in response.json["detail"]
