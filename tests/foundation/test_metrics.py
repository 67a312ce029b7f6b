"""/metrics: request counts and latencies by route template, summed over gunicorn's workers."""

import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from api import create_app
from config import Config
from tests.api.live import gunicorn

QUOTE_ROUTE = "/v1/quotes/<quote_id:quote_id>"


def count_for(metrics_text: str, route: str, status: str) -> float:
    """flask_http_request_duration_seconds_count for one route and status (0 when absent)."""
    pattern = re.compile(r'^flask_http_request_duration_seconds_count\{(.*)\} (\S+)$', re.M)
    total = 0.0
    for labels, value in pattern.findall(metrics_text):
        if f'route="{route}"' in labels and f'status="{status}"' in labels:
            total += float(value)
    return total


@pytest.fixture
def metrics_app(database_url, db_engine):
    def make(**settings):
        app = create_app(Config(database_url=database_url, json_logs=False,
                                log_level="CRITICAL", **settings))
        apps.append(app)
        return app

    apps = []
    yield make
    for app in apps:
        app.extensions["quotewire.database"].engine.dispose()


def test_requests_are_counted_by_route_template_not_by_path(metrics_app):
    client = metrics_app().test_client()
    for quote_id in ("a1", "b2", "c3"):
        assert client.get(f"/v1/quotes/{quote_id}").status_code == 404
    client.get("/no/such/page")
    text = client.get("/metrics").get_data(as_text=True)
    assert count_for(text, QUOTE_ROUTE, "404") == 3
    assert count_for(text, "unmatched", "404") == 1
    assert "a1" not in text and "/no/such/page" not in text


def test_metrics_can_be_switched_off(metrics_app):
    assert metrics_app(metrics=False).test_client().get("/metrics").status_code == 404


def test_metrics_are_not_in_the_v1_openapi_document(metrics_app):
    client = metrics_app().test_client()
    assert client.get("/metrics").status_code == 200
    assert not any("metrics" in path for path in client.get("/v1/openapi.json").json["paths"])


def test_metrics_setting_reads_the_environment():
    assert Config.from_env({}).metrics is True
    assert Config.from_env({"QUOTEWIRE_METRICS": "0"}).metrics is False
    assert Config.from_env({"QUOTEWIRE_METRICS": "off"}).metrics is False


@pytest.mark.slow
@pytest.mark.parametrize("directory_given", [True, False])
def test_gunicorn_metrics_sum_the_requests_of_every_worker(database_url, tmp_path, monkeypatch,
                                                           directory_given):
    """With a directory given, or one gunicorn.conf.py makes itself, /metrics sums workers."""
    if directory_given:
        monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    else:
        monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    statuses = []
    with gunicorn(database_url, workers=2) as base:
        # Concurrent requests: while one sync worker is busy the other one answers. The second
        # worker may still be loading the app when the first is ready, so with the directory
        # known, rounds go on until both workers have answered (or 20 s pass).
        deadline = time.monotonic() + 20
        while not statuses or (directory_given and time.monotonic() < deadline
                               and workers_that_wrote_samples(tmp_path) < 2):
            with ThreadPoolExecutor(max_workers=8) as pool:
                statuses += pool.map(lambda n: status_of(f"{base}/v1/quotes/q{n}"), range(40))
        scrapes = [fetch(f"{base}/metrics") for _ in range(6)]
    assert statuses == [404] * len(statuses)
    if directory_given:
        assert workers_that_wrote_samples(tmp_path) == 2
    for scrape in scrapes:  # whichever worker answers, it reports every worker's requests
        assert count_for(scrape, QUOTE_ROUTE, "404") == len(statuses)


def workers_that_wrote_samples(directory: Path) -> int:
    return len({path.stem.rsplit("_", 1)[-1] for path in directory.glob("histogram_*.db")})


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")
