"""Each command loads only what it uses: `--help` and `extract` start in a fraction of the
time a command that touches the database takes (timings: bench/startup_bench.py).

Read from `python -X importtime`, which names every module a process imports."""

import os
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT

ARTICLE = "“We will open the new bridge in spring,” said Mayor Ilse Varga on Tuesday.\n"
HTML_PAGE = ("<html><head><title>Bridge</title></head><body><article><p>"
             + "The council met on Tuesday to discuss the new bridge and its cost. " * 4
             + "</p><p>" + ARTICLE + "</p></article></body></html>")
# What the database commands and the server need, and the HTML reader: never loaded before
# a command needs them.
DATABASE = {"sqlalchemy", "alembic", "psycopg", "ingest", "models.tables"}
SERVER = {"flask", "werkzeug", "marshmallow", "flask_smorest", "api", "gunicorn"}
HTML = {"trafilatura", "lxml"}


def loaded_by(*args: str, tmp_path, database_url: str | None = None) -> set[str]:
    """The modules and packages `quotewire ARGS` imported (each dotted name, and every
    package above it)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT),
           "QUOTEWIRE_DATABASE_URL": database_url or f"sqlite:///{tmp_path}/x.db"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "cli.main", *args],
                            capture_output=True, text=True, cwd=tmp_path, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "[us]" not in line:
            parts = line.rsplit("|", 1)[1].strip().split(".")
            names.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return names


def test_help_loads_no_database_extractor_server_or_html_library(tmp_path):
    loaded = loaded_by("--help", tmp_path=tmp_path)
    assert "click" in loaded
    assert not loaded & (DATABASE | SERVER | HTML | {"extractors", "articles", "dateutil"})


def test_extract_of_a_text_file_loads_the_extractor_only(tmp_path):
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    loaded = loaded_by("extract", "bridge.txt", tmp_path=tmp_path)
    assert {"extractors", "articles"} <= loaded
    assert not loaded & (DATABASE | SERVER | HTML)


def test_extract_of_an_html_page_loads_the_html_reader_but_no_database(tmp_path):
    (tmp_path / "bridge.html").write_text(HTML_PAGE, encoding="utf-8")
    loaded = loaded_by("extract", "bridge.html", tmp_path=tmp_path)
    assert "trafilatura" in loaded
    assert not loaded & (DATABASE | SERVER)


@pytest.mark.slow
def test_migrate_and_ingest_load_the_database_but_not_the_server(tmp_path):
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{tmp_path}/store.db"
    assert "alembic" in loaded_by("migrate", tmp_path=tmp_path, database_url=url)
    loaded = loaded_by("ingest", "bridge.txt", tmp_path=tmp_path, database_url=url)
    assert {"sqlalchemy", "ingest", "extractors"} <= loaded
    assert not loaded & (SERVER | HTML)
