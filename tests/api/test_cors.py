"""CORS: reads from anywhere, writes only from configured origins, never the `null` origin, and
only the methods a route has."""

import pytest

from api import create_app
from config import Config

APP_ORIGIN = "https://newsroom.example"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"
ALLOW_METHODS = "Access-Control-Allow-Methods"


def preflight(client, path: str, method: str, origin: str = "https://any.example"):
    return client.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type"})


def _methods(response) -> set[str]:
    return {m.strip() for m in response.headers.get(ALLOW_METHODS, "").split(",") if m.strip()}


@pytest.fixture
def writer_client(database_url, db_engine):
    app = create_app(Config(database_url=database_url, json_logs=False,
                            cors_write_origins=(APP_ORIGIN,)))
    yield app.test_client()
    app.extensions["quotewire.database"].engine.dispose()


def test_reads_are_open_to_any_origin_with_a_wildcard(client):
    response = client.get("/v1/quotes", headers={"Origin": "https://any.example"})
    assert response.headers[ALLOW_ORIGIN] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]


def test_the_null_origin_is_never_allowed(client, writer_client):
    for some_client in (client, writer_client):
        assert ALLOW_ORIGIN not in some_client.get("/v1/quotes", headers={"Origin": "null"}).headers
        assert ALLOW_ORIGIN not in preflight(some_client, "/v1/documents", "POST", "null").headers


def test_preflights_advertise_only_the_methods_a_route_has(client):
    response = preflight(client, "/v1/quotes", "GET")
    assert response.headers[ALLOW_ORIGIN] == "*"
    assert _methods(response) == {"GET", "HEAD", "OPTIONS"}
    assert ALLOW_METHODS not in preflight(client, "/v1/quotes", "DELETE").headers
    assert ALLOW_ORIGIN not in preflight(client, "/v1/quotes", "DELETE").headers


def test_writes_from_unconfigured_origins_are_not_allowed(client):
    response = preflight(client, "/v1/documents", "POST")
    assert ALLOW_ORIGIN not in response.headers and ALLOW_METHODS not in response.headers
    post = client.post("/v1/documents", json={"text": "x"}, headers={"Origin": APP_ORIGIN})
    assert ALLOW_ORIGIN not in post.headers


def test_writes_from_a_configured_origin_are_allowed_with_the_routes_methods(writer_client):
    response = preflight(writer_client, "/v1/documents", "POST", APP_ORIGIN)
    assert response.headers[ALLOW_ORIGIN] == APP_ORIGIN
    assert _methods(response) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()
    assert "Origin" in response.headers["Vary"]
    assert ALLOW_ORIGIN not in preflight(writer_client, "/v1/documents", "POST").headers
    assert ALLOW_ORIGIN not in preflight(writer_client, "/v1/documents", "PUT",
                                         APP_ORIGIN).headers


def test_configured_read_origins_replace_the_wildcard(database_url, db_engine):
    app = create_app(Config(database_url=database_url, json_logs=False,
                            cors_origins=("https://reader.example",)))
    client = app.test_client()
    allowed = client.get("/v1/quotes", headers={"Origin": "https://reader.example"})
    assert allowed.headers[ALLOW_ORIGIN] == "https://reader.example"
    assert ALLOW_ORIGIN not in client.get("/v1/quotes",
                                          headers={"Origin": "https://other.example"}).headers
    app.extensions["quotewire.database"].engine.dispose()


@pytest.mark.parametrize("name, value", [
    ("QUOTEWIRE_CORS_ORIGINS", "null"), ("QUOTEWIRE_CORS_WRITE_ORIGINS", "*"),
    ("QUOTEWIRE_CORS_WRITE_ORIGINS", "null"), ("QUOTEWIRE_CORS_ORIGINS", "https://.*\\.example"),
    ("QUOTEWIRE_CORS_ORIGINS", "*, https://a.example"),
])
def test_origin_settings_refuse_null_wildcard_writes_and_patterns(name, value):
    with pytest.raises(ValueError, match=name):
        Config.from_env({name: value})


def test_origin_settings_take_comma_separated_lists():
    config = Config.from_env({"QUOTEWIRE_CORS_WRITE_ORIGINS":
                              "https://a.example, http://localhost:3000/"})
    assert config.cors_write_origins == ("https://a.example", "http://localhost:3000")
    assert config.cors_origins == ("*",)
