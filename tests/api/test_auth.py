"""Writes need an API key; every blueprint declares its auth policy; keys are stored hashed."""

from click.testing import CliRunner
from sqlalchemy import select

from api import auth
from cli.main import main as cli
from models.api_keys import ApiKey, hash_key

ARTICLE = {
    "text": "Budget day.\n\n“We will build the bridge this year,” Mayor Ilse Varga said on "
            "Monday.\n\n“The money is not there,” said councillor Bram Osei.\n",
    "title": "Bridge vote", "outlet": "The Daily Test", "published": "2024-05-06",
    "url": "https://example.test/bridge",
}


def test_every_blueprint_declares_an_auth_policy(app):
    policies = set(auth.POLICIES)
    for name in app.blueprints:
        declared = set(app.before_request_funcs.get(name, [])) & policies
        assert len(declared) == 1, f"blueprint {name!r} declares no auth policy"


def test_ingest_without_a_key_is_401_with_a_challenge(client):
    response = client.post("/v1/documents", json=ARTICLE)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/v1/documents").json["items"] == []


def test_ingest_with_a_wrong_key_is_401(client, api_key):
    for header in (f"Bearer {api_key}x", "Bearer qw_nope", f"Basic {api_key}", api_key):
        response = client.post("/v1/documents", json=ARTICLE, headers={"Authorization": header})
        assert response.status_code == 401, header


def test_ingest_stores_once_201_then_200(client, api_key):
    headers = {"Authorization": f"Bearer {api_key}"}
    first = client.post("/v1/documents", json=ARTICLE, headers=headers)
    assert first.status_code == 201, first.json
    body = first.json
    assert body["status"] == "new" and body["document"]["title"] == "Bridge vote"
    assert body["document"]["quote_count"] == len(body["quotes"]) >= 1
    text = ARTICLE["text"]
    for quote in body["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
    again = client.post("/v1/documents", json=ARTICLE, headers=headers)
    assert again.status_code == 200 and again.json["status"] == "unchanged"
    assert again.json["document"]["id"] == body["document"]["id"]
    assert client.get(f"/v1/documents/{body['document']['id']}").json["text"] == text


def test_extract_needs_no_key_and_stores_nothing(client):
    response = client.post("/v1/extract", json={"text": ARTICLE["text"]})
    assert response.status_code == 200
    quotes = response.json["quotes"]
    assert quotes and all(ARTICLE["text"][q["start"]:q["end"]] == q["text"] for q in quotes)
    assert client.get("/v1/quotes").json["items"] == []


def test_keys_create_prints_the_key_once_and_stores_only_its_hash(database_url, db_sessions,
                                                                  monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    result = CliRunner().invoke(cli, ["keys", "create", "newsroom"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert key.startswith("qw_") and len(key) > 40
    with db_sessions() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.name == "newsroom"))
    assert row.key_hash == hash_key(key) and key not in (row.key_hash, row.prefix)
    again = CliRunner().invoke(cli, ["keys", "create", "newsroom"])
    assert again.exit_code != 0 and "already exists" in again.output
    listed = CliRunner().invoke(cli, ["keys", "list"])
    assert "newsroom" in listed.output and key not in listed.output


def test_a_revoked_key_stops_working(client, database_url, monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    key = CliRunner().invoke(cli, ["keys", "create", "temp"]).stdout.strip()
    headers = {"Authorization": f"Bearer {key}"}
    assert client.post("/v1/documents", json=ARTICLE, headers=headers).status_code == 201
    assert CliRunner().invoke(cli, ["keys", "revoke", "temp"]).exit_code == 0
    assert client.post("/v1/documents", json=ARTICLE, headers=headers).status_code == 401
