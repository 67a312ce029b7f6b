"""Rate limits: per client address for the API, per API key for writes, stricter for
POST /v1/extract; 429 problem+json with Retry-After; shared through Redis when configured."""

import os
import uuid

import pytest
import redis

from api import create_app
from config import Config
from tests.api.live import free_port

REDIS_URL = os.environ.get("QUOTEWIRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ARTICLE = {"text": "“The bridge opens in June,” said Mayor Ilse Varga.", "title": "Bridge",
           "outlet": "Valley Wire", "published": "2026-05-02"}


@pytest.fixture
def limited_app(database_url, db_engine):
    """make(**settings): an app with rate limits on, disposed of after the test."""
    apps = []

    def make(**settings):
        settings = {"rate_limit": "1000 per minute", **settings}
        app = create_app(Config(database_url=database_url, json_logs=False, **settings))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["quotewire.database"].engine.dispose()


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def extract_once(client):
    return client.post("/v1/extract", json={"text": "“Yes,” he said."})


def assert_too_many(response, *words):
    assert response.status_code == 429, response.json
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 429
    assert int(response.headers["Retry-After"]) >= 1
    for word in words:
        assert word in response.json["detail"]


def test_extract_beyond_its_limit_answers_429_problem_with_retry_after(limited_app):
    client = from_address(limited_app(rate_limit_extract="2 per minute"), "192.0.2.1")
    assert [extract_once(client).status_code for _ in range(2)] == [200, 200]
    assert_too_many(extract_once(client), "/v1/extract", "2 per minute")
    assert client.get("/v1/quotes").status_code == 200  # reads have their own, larger budget


def test_each_client_address_has_its_own_budget(limited_app):
    app = limited_app(rate_limit="3 per minute")
    first, second = from_address(app, "192.0.2.1"), from_address(app, "192.0.2.2")
    assert [first.get("/v1/quotes").status_code for _ in range(3)] == [200, 200, 200]
    assert_too_many(first.get("/v1/speakers"), "address")  # one budget for every route
    assert second.get("/v1/quotes").status_code == 200


def test_writes_are_limited_per_api_key(limited_app, api_key, db_sessions):
    from models.api_keys import create_api_key

    with db_sessions.begin() as session:
        _, other_key = create_api_key(session, "other")
    client = from_address(limited_app(rate_limit_writes="1 per minute"), "192.0.2.1")

    def post(key, title):
        return client.post("/v1/documents", json={**ARTICLE, "title": title},
                           headers={"Authorization": f"Bearer {key}"})

    assert post(api_key, "one").status_code == 201
    assert_too_many(post(api_key, "two"), "API key")
    assert post(other_key, "three").status_code in (200, 201)  # same address, another key


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(limited_app):
    def spoofing(client, count):
        return [client.get("/v1/quotes", headers={"X-Forwarded-For": f"198.51.100.{n}"})
                .status_code for n in range(count)]

    untrusting = from_address(limited_app(rate_limit="2 per minute"), "192.0.2.1")
    assert spoofing(untrusting, 3) == [200, 200, 429]
    behind_one_proxy = from_address(limited_app(rate_limit="2 per minute", trusted_proxies=1),
                                    "192.0.2.1")
    assert spoofing(behind_one_proxy, 3) == [200, 200, 200]  # three addresses, one each


def test_probes_metrics_and_docs_are_never_limited(limited_app):
    client = from_address(limited_app(rate_limit="1 per minute"), "192.0.2.1")
    for path in ("/healthz", "/readyz", "/metrics", "/docs") * 3:
        assert client.get(path).status_code == 200, path


def test_limits_can_be_turned_off(limited_app):
    client = from_address(limited_app(rate_limits=False, rate_limit_extract="1 per minute"),
                          "192.0.2.1")
    assert {extract_once(client).status_code for _ in range(3)} == {200}


def test_an_unreadable_limit_stops_the_app_naming_its_variable(database_url):
    with pytest.raises(ValueError, match="QUOTEWIRE_RATE_LIMIT_EXTRACT"):
        create_app(Config(database_url=database_url, rate_limit_extract="ten a minute"))


def test_limits_are_read_from_the_environment():
    config = Config.from_env({
        "QUOTEWIRE_RATE_LIMITS": "0", "QUOTEWIRE_RATE_LIMIT": "5 per second",
        "QUOTEWIRE_RATE_LIMIT_WRITES": "7 per hour", "QUOTEWIRE_RATE_LIMIT_EXTRACT": "1/minute",
        "QUOTEWIRE_REDIS_URL": "redis://cache:6379/2", "QUOTEWIRE_TRUSTED_PROXIES": "1"})
    assert (config.rate_limits, config.rate_limit, config.rate_limit_writes,
            config.rate_limit_extract, config.redis_url, config.trusted_proxies) == (
        False, "5 per second", "7 per hour", "1/minute", "redis://cache:6379/2", 1)
    assert Config.from_env({}).redis_url is None


# --- Redis ----------------------------------------------------------------------------------------

@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own in the real Redis; its keys are deleted afterwards.

    Skips when Redis is unreachable, except under CI=true, where Redis is part of the machine.
    """
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI but unreachable at {REDIS_URL}: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    prefix = f"quotewire-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)
    client.close()


def test_two_app_instances_share_one_budget_in_redis(limited_app, redis_prefix):
    settings = {"redis_url": REDIS_URL, "rate_limit_prefix": redis_prefix,
                "rate_limit_extract": "3 per minute"}
    one = from_address(limited_app(**settings), "192.0.2.1")
    other = from_address(limited_app(**settings), "192.0.2.1")
    assert [extract_once(client).status_code for client in (one, other, one)] == [200] * 3
    assert_too_many(extract_once(other), "/v1/extract")
    # In memory (no Redis), each instance would have had a budget of its own.
    apart = [from_address(limited_app(**{**settings, "redis_url": None}), "192.0.2.1")
             for _ in range(2)]
    assert [extract_once(client).status_code for client in apart * 2] == [200] * 4


def test_an_unreachable_redis_never_fails_a_request(limited_app):
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    client = from_address(limited_app(redis_url=dead_redis, rate_limit_extract="1 per minute"),
                          "192.0.2.1")
    assert extract_once(client).status_code == 200
    # Counting goes on in this worker's memory until Redis answers again.
    assert_too_many(extract_once(client), "/v1/extract")

