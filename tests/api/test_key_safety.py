"""API keys: never taken from the URL, never logged, and refused once expired."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import main as cli
from models.api_keys import ApiKey, create_api_key
from tests.api.test_auth import ARTICLE
from tests.api.test_errors import assert_problem


@pytest.fixture
def access_lines():
    """The access log's records of the test, as `path?query` strings."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("quotewire.access")
    logger.addHandler(handler)
    yield lambda: [f"{r.path}?{r.query}" for r in records]
    logger.removeHandler(handler)


@pytest.mark.parametrize("name", ["api_key", "API_KEY", "access_token", "key"])
def test_a_key_in_the_query_string_is_refused_and_not_logged(client, api_key, access_lines,
                                                              name):
    write = client.post(f"/v1/documents?{name}={api_key}", json=ARTICLE)
    assert_problem(write, 400, "Authorization: Bearer")
    read = client.get(f"/v1/quotes?limit=1&{name}={api_key}")
    assert_problem(read, 400, "never accepted in the URL")
    assert client.get("/v1/documents").json["items"] == []  # the key was not used
    logged = access_lines()
    assert len(logged) == 3 and not any(api_key in line for line in logged), logged
    assert all("[REDACTED]" in line for line in logged[:2])


def test_a_key_pasted_into_another_parameter_or_the_path_is_not_logged(client, api_key,
                                                                       access_lines):
    client.get("/v1/quotes", query_string={"q": api_key})
    client.get(f"/v1/quotes/{api_key}")
    logged = access_lines()
    assert len(logged) == 2 and not any(api_key[3:] in line for line in logged), logged


def _key(db_sessions, name: str, expires_at) -> str:
    with db_sessions.begin() as session:
        _, key = create_api_key(session, name, expires_at)
    return key


def test_an_expired_key_is_401_saying_so(client, db_sessions):
    key = _key(db_sessions, "old", datetime.now(UTC) - timedelta(seconds=1))
    response = client.post("/v1/documents", json=ARTICLE,
                           headers={"Authorization": f"Bearer {key}"})
    body = assert_problem(response, 401, "expired")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "keys create" in body["detail"]
    with db_sessions() as session:
        assert session.scalar(select(ApiKey.last_used_at).where(ApiKey.name == "old")) is None


def test_a_key_before_its_expiry_works(client, db_sessions):
    key = _key(db_sessions, "fresh", datetime.now(UTC) + timedelta(hours=1))
    response = client.post("/v1/documents", json=ARTICLE,
                           headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.json


def _create(database_url, monkeypatch, *args):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    return CliRunner().invoke(cli, ["keys", "create", *args])


def _expiry(db_sessions, name: str):
    with db_sessions() as session:
        return session.scalar(select(ApiKey.expires_at).where(ApiKey.name == name))


def test_keys_create_expires_on_a_date(database_url, db_sessions, monkeypatch):
    result = _create(database_url, monkeypatch, "dated", "--expires", "2999-01-01")
    assert result.exit_code == 0, result.output
    assert _expiry(db_sessions, "dated") == datetime(2999, 1, 1, tzinfo=UTC)
    assert "valid until 2999-01-01" in result.stderr
    listed = CliRunner().invoke(cli, ["keys", "list"])
    assert "expires 2999-01-01" in listed.output


def test_keys_create_expires_after_days(database_url, db_sessions, monkeypatch):
    before = datetime.now(UTC)
    assert _create(database_url, monkeypatch, "month", "--days", "30").exit_code == 0
    expires_at = _expiry(db_sessions, "month")
    assert before + timedelta(days=30) <= expires_at <= datetime.now(UTC) + timedelta(days=30)


def test_keys_create_without_expiry_never_expires(database_url, db_sessions, monkeypatch):
    result = _create(database_url, monkeypatch, "forever")
    assert result.exit_code == 0 and "never expires" in result.stderr
    assert _expiry(db_sessions, "forever") is None


@pytest.mark.parametrize("args, words", [
    (["--expires", "2001-01-01"], "already past"), (["--days", "0"], "--days"),
    (["--expires", "2999-01-01", "--days", "3"], "not both"), (["--expires", "soon"], "soon"),
])
def test_keys_create_refuses_bad_expiries(database_url, db_sessions, monkeypatch, args, words):
    result = _create(database_url, monkeypatch, "bad", *args)
    assert result.exit_code == 2 and words in result.output, result.output
    assert _expiry(db_sessions, "bad") is None
    with db_sessions() as session:
        assert session.scalar(select(ApiKey).where(ApiKey.name == "bad")) is None
