"""Fixtures for the API tests: a stored corpus and an API key."""

import pytest

from models.api_keys import create_api_key
from tests.api.factories import store_corpus


@pytest.fixture
def corpus(db_engine) -> dict[str, str]:
    return store_corpus(db_engine)


@pytest.fixture
def api_key(db_sessions) -> str:
    with db_sessions.begin() as session:
        _, key = create_api_key(session, "tests")
    return key


def items(response) -> list[dict]:
    assert response.status_code == 200, response.json
    return response.json["items"]


def texts(response) -> list[str]:
    return [quote["text"] for quote in items(response)]
