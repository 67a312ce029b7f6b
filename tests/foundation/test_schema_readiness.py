"""A database that is not migrated, or not to this code's head, answers 503 with what to do."""

import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from api import create_app
from api.database import session
from api.errors import is_missing_schema_object
from config import Config
from models.migrate import alembic_config, head_revision, schema_problem, upgrade
from tests.api.live import ROOT, free_port

PROBLEM = "application/problem+json"
HEAD = head_revision("sqlite://")


@pytest.fixture
def app_on():
    """Make apps on any database; their connections are closed after the test."""
    apps = []

    def make(database_url: str):
        apps.append(create_app(Config(database_url=database_url, json_logs=False,
                                      log_level="CRITICAL")))
        return apps[-1]

    yield make
    for app in apps:
        database_of(app).engine.dispose()


def database_of(app):
    return app.extensions["quotewire.database"]


def revision_before_head() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(HEAD).down_revision


def assert_schema_problem(response, current: str) -> None:
    assert response.status_code == 503, response.data
    assert response.content_type == PROBLEM
    detail = response.json["detail"]
    assert f"at {current}" in detail and f"expected {HEAD}" in detail, detail
    assert "quotewire migrate" in detail
    assert "Traceback" not in response.get_data(as_text=True)


def test_readyz_on_an_unmigrated_database_says_to_migrate(app_on, empty_database_url):
    response = app_on(empty_database_url).test_client().get("/readyz")
    assert_schema_problem(response, "none")


def test_readyz_on_an_out_of_date_schema_names_both_revisions(app_on, empty_database_url):
    older = revision_before_head()
    upgrade(empty_database_url, older)
    response = app_on(empty_database_url).test_client().get("/readyz")
    assert_schema_problem(response, older)


def test_readyz_turns_ready_once_the_database_is_migrated(app_on, empty_database_url):
    client = app_on(empty_database_url).test_client()
    assert client.get("/readyz").status_code == 503
    upgrade(empty_database_url)
    assert client.get("/readyz").status_code == 200


@pytest.mark.parametrize("path", ["/v1/quotes", "/v1/quotes?q=harbour", "/v1/speakers",
                                  "/v1/outlets", "/v1/documents/1"])
def test_api_requests_on_an_unmigrated_database_are_503_not_500(app_on, empty_database_url, path):
    response = app_on(empty_database_url).test_client().get(path)
    assert_schema_problem(response, "none")


def test_a_missing_table_on_a_current_schema_is_still_503(app_on, database_url, db_engine):
    app = app_on(database_url)
    app.add_url_rule("/query-a-missing-table", view_func=lambda: run_sql(
        "SELECT * FROM table_no_migration_made"))
    response = app.test_client().get("/query-a-missing-table")
    assert response.status_code == 503
    assert "quotewire migrate" in response.json["detail"]


def test_other_database_errors_stay_500(app_on, database_url, db_engine):
    app = app_on(database_url)
    app.add_url_rule("/bad-sql", view_func=lambda: run_sql("SELECT FROM WHERE"))
    response = app.test_client().get("/bad-sql")
    assert response.status_code == 500
    assert response.content_type == PROBLEM
    assert "migrate" not in response.json["detail"]


@pytest.mark.parametrize("sql, missing", [
    ("SELECT * FROM no_such_table_here", True),
    ("SELECT no_such_column_here FROM alembic_version", True),
    ("SELECT FROM WHERE", False),
    ("SELECT 1 FROM alembic_version WHERE version_num = 1 +", False),
])
def test_only_missing_tables_and_columns_count_as_schema_problems(db_engine, sql, missing):
    with db_engine.connect() as connection, pytest.raises(DBAPIError) as raised:
        connection.execute(text(sql))
    assert is_missing_schema_object(raised.value) is missing


def test_schema_problem_is_none_on_the_migrated_suite_database(database_url):
    assert schema_problem(database_url) is None


@pytest.mark.slow
def test_gunicorn_warns_at_start_when_the_database_is_not_migrated(empty_database_url):
    log = serve_briefly(empty_database_url)
    warning = [line for line in log.splitlines() if "[WARNING]" in line]
    assert warning and re.search(r"at none.*expected .*quotewire migrate", warning[0]), log


def run_sql(sql: str):
    session().execute(text(sql))
    return {"ran": sql}


def serve_briefly(database_url: str) -> str:
    """Start gunicorn as `quotewire serve` does, wait until a worker answers, return its log."""
    port = free_port()
    env = {"QUOTEWIRE_DATABASE_URL": database_url, "QUOTEWIRE_BIND": f"127.0.0.1:{port}",
           "QUOTEWIRE_WORKERS": "1", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
               "wsgi:app"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=log)
        try:
            wait_for_health(f"http://127.0.0.1:{port}/healthz", process)
        finally:
            process.terminate()
            process.wait(timeout=30)
        log.seek(0)
        return log.read()


def wait_for_health(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz")
