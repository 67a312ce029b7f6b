"""Publication dates: a bad one is refused with the file, line and value, never stored wrong,
and a date without a year is never completed with an invented one; the API agrees."""

import json
from datetime import date

import pytest
from click.testing import CliRunner

from articles import Article, ReadError, read_articles
from articles.fields import BadDate, parse_date
from cli.main import main
from models.api_keys import create_api_key
from tests.storage.conftest import count

BODY = "“The orchard survived the frost,” said Lorna Vedel, who farms above the valley.\n"


def read(*paths, **kwargs) -> list:
    return list(read_articles([str(p) for p in paths], **kwargs))


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-02", date(2026, 3, 2)),
    ("2026-03-02T10:00:00Z", date(2026, 3, 2)),
    ("2026-03-02T23:30:00+05:00", date(2026, 3, 2)),
    ("March 3, 2026", date(2026, 3, 3)),
    ("3 March 2026", date(2026, 3, 3)),
    ("", None),
    (None, None),
])
def test_whole_dates_are_read(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "says"), [
    ("2026-13-45", "'2026-13-45' is not a valid date"),
    ("March 3", "'March 3' has no year"),
    ("March 2026", "'March 2026' has no day"),
    ("Tuesday", "'Tuesday' has no year or month or day"),
    ("soon", "'soon' is not a valid date"),
    (2026, "2026 is not a date (expected a string"),
])
def test_a_bad_or_incomplete_date_is_refused_saying_why(value, says):
    with pytest.raises(BadDate) as error:
        parse_date(value)
    assert says in str(error.value)
    assert "YYYY-MM-DD" in str(error.value)


def test_readers_refuse_the_article_naming_file_line_and_value(tmp_path):
    (tmp_path / "a.txt").write_text(f"Title: Frost\nPublished: 2026-13-45\n\n{BODY}",
                                    encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "ok", "text": BODY, "published": "2026-03-02T10:00:00Z"}) + "\n"
        + json.dumps({"id": "no-year", "text": BODY, "published": "March 3"}) + "\n",
        encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": BODY, "published": "2026-02-30"}),
                                     encoding="utf-8")
    items = read(tmp_path)
    errors = {e.source.replace(f"{tmp_path}/", ""): e.reason
              for e in items if isinstance(e, ReadError)}
    assert set(errors) == {"a.txt:2", "b.jsonl:2", "c.json"}
    assert errors["a.txt:2"].startswith("published: '2026-13-45' is not a valid date")
    assert errors["b.jsonl:2"].startswith("published: 'March 3' has no year")
    assert errors["c.json"].startswith("published: '2026-02-30' is not a valid date")
    [article] = [a for a in items if isinstance(a, Article)]
    assert (article.external_id, article.published) == ("ok", date(2026, 3, 2))


def test_ingest_reports_a_bad_date_and_stores_nothing_with_it(database_url, db_engine,
                                                              tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    (tmp_path / "frost.txt").write_text(f"Published: March 3\n\n{BODY}", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert (f"{tmp_path}/frost.txt:1: published: 'March 3' has no year; a date is never "
            "guessed") in result.output
    assert "documents: 0 new, 0 unchanged, 1 failed" in result.output
    assert count(db_engine, "documents") == 0


@pytest.fixture
def write_headers(db_sessions) -> dict:
    with db_sessions.begin() as session:
        _, key = create_api_key(session, "dates")
    return {"Authorization": f"Bearer {key}"}


def test_the_api_takes_a_datetime_as_its_date(client, write_headers):
    response = client.post("/v1/documents", headers=write_headers,
                           json={"text": BODY, "published": "2026-03-02T10:00:00Z"})
    assert response.status_code == 201, response.json
    assert response.json["document"]["published"] == "2026-03-02"


@pytest.mark.parametrize("value", ["2026-13-45", "March 3", "03/02/2026", 20260302])
def test_the_api_refuses_a_bad_date_saying_the_format(client, write_headers, db_engine, value):
    response = client.post("/v1/documents", headers=write_headers,
                           json={"text": BODY, "published": value})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    message = json.dumps(response.json)
    assert "YYYY-MM-DD" in message and "2026-03-02T10:00:00Z" in message, message
    assert count(db_engine, "documents") == 0
