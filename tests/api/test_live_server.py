"""End to end against a real gunicorn: a client generated from openapi.yaml, and schemathesis.

Both run on the suite's database (SQLite, or PostgreSQL when QUOTEWIRE_TEST_DATABASE_URL is
set), filled through store_article, and served by the same gunicorn command as production.
"""

import importlib
import re
import subprocess
import sys
from datetime import date
from enum import Enum
from pathlib import Path

import pytest

from models.api_keys import create_api_key
from models.engine import make_session_factory
from tests.api.factories import store_corpus
from tests.api.live import ROOT, gunicorn
from tests.conftest import empty_all_tables

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
# Every check, as the long run does (bench/schemathesis_full.py, 1,000 examples): among them
# positive_data_acceptance, which fails when the server refuses a request the document calls
# valid (a cursor of the documented form, `from` after `to`, …).
SCHEMATHESIS_CHECKS = "all"


@pytest.fixture(scope="module")
def served(database_url, engine):
    """(base URL, API key) of gunicorn serving a small stored corpus."""
    empty_all_tables(engine)
    store_corpus(engine)
    with make_session_factory(engine).begin() as session:
        _, key = create_api_key(session, "live-tests", scopes=("admin",))
    try:
        with gunicorn(database_url) as base:
            yield base, key
    finally:
        empty_all_tables(engine)


@pytest.fixture(scope="module")
def generated_client(tmp_path_factory):
    """The package openapi-python-client generates from the committed openapi.yaml."""
    where = tmp_path_factory.mktemp("client")
    config = where / "config.yaml"
    config.write_text("post_hooks: []\n", encoding="utf-8")
    subprocess.run([str(BIN / "openapi-python-client"), "generate", "--path",
                    str(ROOT / "openapi.yaml"), "--meta", "none", "--config", str(config),
                    "--output-path", str(where / "quotewire_client")],
                   check=True, capture_output=True, timeout=60)
    sys.path.insert(0, str(where))
    try:
        yield importlib.import_module("quotewire_client")
    finally:
        sys.path.remove(str(where))
        for name in [n for n in sys.modules if n.startswith("quotewire_client")]:
            del sys.modules[name]


def every_page(list_operation, client, **filters) -> list:
    """Follow `next` cursors to the end with the generated client."""
    quotes, cursor = [], None
    while True:
        extra = {"cursor": cursor} if cursor else {}
        page = list_operation.sync(client=client, limit=2, **filters, **extra)
        quotes += page.items
        cursor = page.next_ if isinstance(page.next_, str) else None
        if cursor is None:
            return quotes


def test_generated_client_reads_quotes_by_speaker_outlet_and_dates(served, generated_client):
    base, _ = served
    list_quotes = importlib.import_module("quotewire_client.api.quotes.list_quotes")
    client = generated_client.Client(base_url=base)
    with client:
        by_speaker = every_page(list_quotes, client, speaker="zoe muller")
        assert len(by_speaker) == 3
        assert {q.speaker.name for q in by_speaker} == {"Zoë Müller"}
        by_outlet = every_page(list_quotes, client, outlet="The Daily Test")
        assert len(by_outlet) == 4 and {q.outlet.name for q in by_outlet} == {"The Daily Test"}
        march = every_page(list_quotes, client, from_=date(2024, 3, 1), to=date(2024, 3, 31))
        assert len(march) == 5 and all(q.published.month == 3 for q in march)
        everything = every_page(list_quotes, client)
        assert len(everything) == 8 == len({q.id for q in everything})


def test_generated_client_ingests_with_a_key(served, generated_client):
    base, key = served
    ingest = importlib.import_module("quotewire_client.api.documents.ingest_document")
    article = generated_client.models.NewDocument(
        text="“The bridge opens in June,” said Mayor Ilse Varga.\n", title="Bridge")
    with generated_client.AuthenticatedClient(base_url=base, token=key) as client:
        first = ingest.sync_detailed(client=client, body=article)
        again = ingest.sync_detailed(client=client, body=article)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.headers["Location"] == f"/v1/documents/{first.parsed.document.id}"
    assert first.parsed.status == generated_client.models.IngestStatus.NEW
    with generated_client.Client(base_url=base) as anonymous:
        assert ingest.sync_detailed(client=anonymous, body=article).status_code == 401


def test_generated_client_has_one_named_class_per_enum(served, generated_client):
    models = generated_client.models
    enums = {name for name in dir(models)
             if isinstance(getattr(models, name), type) and issubclass(getattr(models, name), Enum)}
    assert enums == {"QuoteKind", "QuoteStatus", "SpeakerType", "SortOrder", "IngestStatus",
                     "QuoteDistinct", "CountDimension", "MissingValue",
                     "ChangeKind", "CorrectionTarget"}
    base, _ = served
    list_quotes = importlib.import_module("quotewire_client.api.quotes.list_quotes")
    with generated_client.Client(base_url=base) as client:
        oldest_first = every_page(list_quotes, client, sort=models.SortOrder.PUBLISHED_ASC,
                                  kind=models.QuoteKind.FULL)
        newest_first = every_page(list_quotes, client, sort=models.SortOrder.PUBLISHED_DESC,
                                  kind=models.QuoteKind.FULL)
    assert {q.kind for q in oldest_first} == {models.QuoteKind.FULL}
    assert len(oldest_first) == len(newest_first) >= 6  # the corpus has 6 full quotes

    def dated(quotes):
        return [q for q in quotes if isinstance(q.published, date)]
    assert [q.published for q in dated(oldest_first)] == sorted(
        q.published for q in dated(oldest_first))
    assert [q.id for q in dated(newest_first)] == [q.id for q in dated(oldest_first)][::-1]


def test_generated_client_counts_quotes_and_each_count_is_its_list(served, generated_client):
    base, _ = served
    models = generated_client.models
    count_quotes = importlib.import_module("quotewire_client.api.quotes.count_quotes")
    list_quotes = importlib.import_module("quotewire_client.api.quotes.list_quotes")
    with generated_client.Client(base_url=base) as client:
        answer = count_quotes.sync(client=client, kind=models.QuoteKind.FULL, group_by=[
            models.CountDimension.SPEAKER, models.CountDimension.KIND])
        assert answer.total == len(every_page(list_quotes, client, kind=models.QuoteKind.FULL))
        for group in answer.groups:
            speaker, kind = group.key
            assert kind == "full" and group.count > 0
            if speaker is not None:
                listed = every_page(list_quotes, client, speaker_id=int(speaker),
                                    kind=models.QuoteKind(kind))
                assert group.count == len(listed)
    assert sum(group.count for group in answer.groups) == answer.total


def test_generated_client_finds_a_speaker_by_surname_and_says_whom(served, generated_client):
    base, _ = served
    list_quotes = importlib.import_module("quotewire_client.api.quotes.list_quotes")
    with generated_client.Client(base_url=base) as client:
        page = list_quotes.sync(client=client, speaker="muller")
    assert len(page.items) == 3
    assert [s.name for s in page.matched_speakers] == ["Zoë Müller"]
    assert page.matched_speakers[0].type_ == generated_client.models.SpeakerType.PERSON


def test_generated_client_follows_publications_and_statements(served, generated_client):
    base, key = served
    models = generated_client.models
    ingest = importlib.import_module("quotewire_client.api.documents.ingest_document")
    list_quotes = importlib.import_module("quotewire_client.api.quotes.list_quotes")
    get_quote = importlib.import_module("quotewire_client.api.quotes.get_quote")
    wire = "“The ferry will run all winter,” said Edda Thorvik.\n"
    edited = "FERRY NEWS\n\n“The ferry will run all winter,” said Edda Thorvik.\n"
    sent = [(wire, "Wire A", "https://a.test/1", "2026-06-03"),
            (wire, "Paper B", "https://b.test/9", "2026-06-04"),
            (edited, "Paper C", "https://c.test/4", "2026-06-05")]
    with generated_client.AuthenticatedClient(base_url=base, token=key) as client:
        statuses = [ingest.sync(client=client, body=models.NewDocument(
            text=text, outlet=outlet, url=url, published=published)).status
            for text, outlet, url, published in sent]
    assert statuses == [models.IngestStatus.NEW, models.IngestStatus.NEW_PUBLICATION,
                        models.IngestStatus.NEW]
    with generated_client.Client(base_url=base) as client:
        [in_b] = every_page(list_quotes, client, outlet="Paper B")
        assert (in_b.outlet.name, in_b.published, in_b.publication_count) == (
            "Paper B", date(2026, 6, 4), 2)
        detail = get_quote.sync(client=client, quote_id=in_b.id)
        assert detail.first_reported.outlet.name == "Wire A"
        assert detail.also_reported_count == 1 == len(detail.also_reported_in)
        assert len(every_page(list_quotes, client, statement_id=in_b.statement_id)) == 2
        [once] = every_page(list_quotes, client, statement_id=in_b.statement_id,
                            distinct=models.QuoteDistinct.STATEMENT)
    assert once.id == in_b.id


def test_generated_client_corrects_a_quote_and_follows_the_change_feed(served,
                                                                      generated_client):
    base, key = served
    models = generated_client.models
    module = "quotewire_client.api.{}".format
    ingest = importlib.import_module(module("documents.ingest_document"))
    correct = importlib.import_module(module("quotes.correct_quote"))
    take_down = importlib.import_module(module("documents.take_down_document"))
    restore = importlib.import_module(module("documents.restore_document"))
    list_changes = importlib.import_module(module("changes.list_changes"))
    with generated_client.Client(base_url=base) as client:
        start = list_changes.sync(client=client, limit=200)
    with generated_client.AuthenticatedClient(base_url=base, token=key) as client:
        stored = ingest.sync(client=client, body=models.NewDocument(
            text="“The lock gates close at dusk,” said keeper Aldo Rinn.\n"))
        quote_id = stored.quotes[0].id
        fixed = correct.sync(client=client, quote_id=quote_id, body=models.QuoteCorrection(
            status=models.QuoteStatus.REJECTED, note="A notice, not speech."))
        assert fixed.status == models.QuoteStatus.REJECTED and fixed.corrected
        assert take_down.sync_detailed(client=client, document_id=stored.document.id,
                                       note="Withdrawn").status_code == 204
        back = restore.sync(client=client, document_id=stored.document.id,
                            body=models.Restore(note="Cleared"))
        assert back.id == stored.document.id and back.quote_count == 0  # still rejected
    with generated_client.Client(base_url=base) as client:
        feed = list_changes.sync(client=client, after=start.next_, limit=200)
    assert [(c.quote_id, c.change) for c in feed.items] == [
        (quote_id, models.ChangeKind.CREATED), (quote_id, models.ChangeKind.UPDATED),
        (quote_id, models.ChangeKind.DELETED), (quote_id, models.ChangeKind.CREATED)]


def test_schemathesis_finds_no_server_error_and_no_spec_violation(served):
    # ASCII only: long non-ASCII parameters, percent-encoded, can exceed gunicorn's request
    # line limit (8190 bytes), and gunicorn answers those itself, in HTML, before the app.
    # One worker: schemathesis's threads parse Python concurrently, which now and then trips
    # CPython 3.11's "AST constructor recursion depth mismatch" (python/cpython#106905).
    base, key = served
    # Every check on every operation. schemathesis.toml says which refusals of a valid
    # request depend on stored data (a 422 the document lists for three writes).
    result = subprocess.run(
        [str(BIN / "st"), "--config-file", str(ROOT / "schemathesis.toml"), "run",
         str(ROOT / "openapi.yaml"), "--url", base, "--checks", SCHEMATHESIS_CHECKS,
         "--max-examples", "15", "--seed", "1", "--generation-database", "none",
         "--generation-codec", "ascii", "--workers", "1",
         "--header", f"Authorization: Bearer {key}", "--no-color"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-6000:]
    selected = re.search(r"Operations:\s+(\d+) selected / (\d+) total", result.stdout)
    assert selected, result.stdout[:2000]
    assert selected[1] == selected[2]
