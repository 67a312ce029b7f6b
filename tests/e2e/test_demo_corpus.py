"""The demo, end to end: `quotewire ingest` the example articles, then ask the API about them."""

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES_DIR, PROJECT_ROOT
from tests.e2e.example_corpus import expected_quotes

pytestmark = pytest.mark.slow


def run_ingest(database_url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QUOTEWIRE_DATABASE_URL=database_url, QUOTEWIRE_JSON_LOGS="0")
    return subprocess.run([sys.executable, "-m", "cli.main", "ingest", str(EXAMPLES_DIR)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def ingested(database_url, client):
    first = run_ingest(database_url)
    assert first.returncode == 0, first.stderr
    return first


def every_page(client, url: str) -> list[dict]:
    items = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json
        items.extend(response.json["items"])
        url = response.json["next"] and _with_cursor(url, response.json["next"])
    return items


def _with_cursor(url: str, cursor: str) -> str:
    base = url.split("&cursor=")[0]
    return f"{base}{'&' if '?' in base else '?'}cursor={cursor}"


def test_ingesting_the_examples_twice_stores_them_once(ingested, client, database_url):
    documents = every_page(client, "/v1/documents?limit=5")
    quotes = every_page(client, "/v1/quotes?limit=50")
    assert len(documents) == len([p for p in EXAMPLES_DIR.iterdir() if p.suffix != ".md"])
    again = run_ingest(database_url)
    assert again.returncode == 0, again.stderr
    assert len(every_page(client, "/v1/documents?limit=5")) == len(documents)
    assert sorted(q["id"] for q in every_page(client, "/v1/quotes?limit=50")) == sorted(
        q["id"] for q in quotes)


def test_every_stored_quote_indexes_its_document_text_exactly(ingested, client):
    for document in every_page(client, "/v1/documents?limit=20"):
        text = client.get(f"/v1/documents/{document['id']}").json["text"]
        for quote in every_page(client, f"/v1/documents/{document['id']}/quotes?limit=200"):
            assert text[quote["start"]:quote["end"]] == quote["text"]
            speaker = quote["speaker"]
            if speaker and speaker["start"] is not None:
                assert text[speaker["start"]:speaker["end"]] == speaker["mention"]


def test_a_speaker_named_three_ways_is_one_speaker(ingested, client):
    by_full_name = every_page(client, "/v1/quotes?speaker=Ottilie%20Varga%20Lind")
    by_alias = every_page(client, "/v1/quotes?speaker=LIND")
    assert by_full_name and {q["id"] for q in by_full_name} == {q["id"] for q in by_alias}
    speaker_ids = {q["speaker"]["id"] for q in by_full_name}
    assert len(speaker_ids) == 1
    speaker = client.get(f"/v1/speakers/{speaker_ids.pop()}").json
    assert speaker["name"] == "Ottilie Varga Lind"
    assert "Lind" in speaker["aliases"] and len(speaker["aliases"]) >= 2
    expected = [q for q in expected_quotes() if q.speaker == "Ottilie Varga Lind"]
    assert speaker["quote_count"] >= len(expected) - 1


def test_quotes_by_outlet_and_date_range_match_the_documents(ingested, client):
    outlet = "Valley Wire"
    documents = every_page(client, f"/v1/documents?outlet={outlet}&limit=50")
    assert documents
    dates = sorted(d["published"] for d in documents)
    url = f"/v1/quotes?outlet={outlet}&from={dates[0]}&to={dates[0]}&limit=7"
    quotes = every_page(client, url)
    first_day = {d["id"] for d in documents if d["published"] == dates[0]}
    assert quotes and {q["document_id"] for q in quotes} == first_day
    assert all(q["outlet"]["name"] == outlet and q["published"] == dates[0] for q in quotes)


def test_full_text_search_finds_a_quote_by_its_words(ingested, client):
    probe = next(q for q in expected_quotes() if "dam removal" not in q.probe)
    words = " ".join(probe.probe.split()[1:4])
    found = every_page(client, f"/v1/quotes?q={words}&limit=50")
    assert any(probe.probe in q["text"] for q in found), (words, [q["text"] for q in found])


def test_speaker_search_ignores_case_and_accents(ingested, client):
    accented = every_page(client, "/v1/quotes?speaker=H%C3%A9l%C3%A8ne%20Caradec")
    plain = every_page(client, "/v1/quotes?speaker=helene%20caradec")
    assert accented and [q["id"] for q in accented] == [q["id"] for q in plain]
