"""The Spark job in local mode: its quotes are `quotewire extract`'s, its bad input goes to
`errors` with ingest's reasons, and `quotewire load` of its output gives the store that
`quotewire ingest` gives the same articles (on the suite's database: SQLite, then PostgreSQL).

Spark is slow to start and each job costs seconds, so the job runs twice for the whole
module (the example articles, and a small JSONL corpus written here); the tests read those
outputs."""

import json
import os

import orjson
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from cli.main import main
from tests.conftest import EXAMPLES_DIR, TEST_DATABASE_ENV, empty_all_tables
from tests.jobs.conftest import contract_records
from tests.storage.conftest import snapshot

# py4j leaves its sockets to the garbage collector; the suite turns that warning into an error.
pytestmark = [pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]
MAX_BYTES = 4000
GOOD_ARTICLES = [
    {"id": "ferry-1", "outlet": "The Estuary Post", "published": "2026-02-11",
     "title": "Ferry timetable cut",
     "text": "The ferry will run twice a day from March, the operator said.\n\n"
             "“We cannot keep a half-empty boat crossing every hour,” said Lorna Pike, "
             "the operator's director. Pike added that the winter fares would stay.\n\n"
             "“It is the last link we have to the mainland,” a shopkeeper on the island said."},
    {"outlet": "The Estuary Post", "published": "2026-03-02",
     "text": "Councillors voted to keep the library open on Saturdays.\n\n"
             "“Saturday is when the children come,” said Councillor Ade Okafor. "
             "He said the cost would be met from the reserve."},
    {"id": "ferry-3", "text": "Nobody here said anything worth quoting, and no date is given."},
]
BAD_LINES = [
    b'{"id": "broken", "text": "unfinished',                        # invalid JSON
    b'{"id": "no-text", "title": "A title alone"}',                  # no text
    b'{"id": "bad-date", "text": "Words.", "published": "2026-13-45"}',
    b'{"id": "junk", "text": "\x00\x01\x02 binary"}',                # a NUL byte
    b'{"id": "long", "text": "' + b"word " * 1000 + b'"}',          # over MAX_BYTES
]


# For the tests that use no database: the SQLite pass runs them; in the PostgreSQL pass each
# would cost CI the same Spark job again to the same end.
once = pytest.mark.skipif(bool(os.environ.get(TEST_DATABASE_ENV)),
                          reason="no database involved: run in the SQLite pass")


def jsonl_corpus(folder):
    lines = [orjson.dumps(GOOD_ARTICLES[0]), b"", BAD_LINES[0], orjson.dumps(GOOD_ARTICLES[1]),
             *BAD_LINES[1:], orjson.dumps(GOOD_ARTICLES[2])]
    path = folder / "estuary.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def quotewire(*args, env=None):
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def examples_output(spark, tmp_path_factory):
    """The example articles through `quotewire spark-extract` (on the module's session)."""
    output = tmp_path_factory.mktemp("spark") / "examples"
    code, said = quotewire("spark-extract", str(EXAMPLES_DIR), str(output), "--partitions", "2")
    assert code == 0, said
    return output


@pytest.fixture(scope="module")
def jsonl_output(spark, tmp_path_factory):
    from jobs.spark_extract import run

    folder = tmp_path_factory.mktemp("jsonl")
    corpus = jsonl_corpus(folder)
    run(spark, str(corpus), str(folder / "out"), partitions=2, max_bytes=MAX_BYTES)
    return corpus, folder / "out"


def extract_lines(*paths, max_bytes=None):
    """`quotewire extract` of the paths: (quote records, error lines)."""
    env = {"QUOTEWIRE_MAX_FILE_BYTES": str(max_bytes)} if max_bytes else None
    result = CliRunner().invoke(main, ["extract", *map(str, paths)], env=env,
                                catch_exceptions=False)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return records, set(result.stderr.splitlines())


@once
def test_job_quotes_equal_quotewire_extract_on_the_examples(examples_output):
    expected, errors = extract_lines(EXAMPLES_DIR)
    assert not errors
    assert len(expected) > 100
    assert contract_records(examples_output) == expected


@once
def test_job_numbers_jsonl_lines_and_reports_bad_ones_as_extract_does(jsonl_output):
    corpus, output = jsonl_output
    expected, expected_errors = extract_lines(corpus, max_bytes=MAX_BYTES)
    quotes = contract_records(output)
    assert quotes == expected
    assert {"ferry-1", "estuary.jsonl:4"} <= {quote["document"] for quote in quotes}
    errors = pq.read_table(output / "errors").to_pylist()
    assert {f"{row['source']}: {row['reason']}" for row in errors} == expected_errors
    assert len(errors) == len(BAD_LINES)


@once
def test_job_partitions_documents_by_publication_month(jsonl_output):
    _, output = jsonl_output
    documents = pq.read_table(output / "documents").to_pylist()
    months = {row["external_id"]: row["month"] for row in documents}
    assert months == {"ferry-1": "2026-02", None: "2026-03", "ferry-3": "unknown"}
    assert sorted(path.name for path in (output / "documents").glob("month=*")) == [
        "month=2026-02", "month=2026-03", "month=unknown"]
    manifest = json.loads(next((output / "manifest").glob("part-*.json")).read_text())
    assert (manifest["documents"], manifest["errors"]) == (3, len(BAD_LINES))


@once
def test_job_reads_parquet_articles_as_it_reads_jsonl(spark, jsonl_output, tmp_path):
    import pyarrow as pa

    from jobs.spark_extract import run

    source = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist([dict(article, id=article.get("id", "second"))
                                         for article in GOOD_ARTICLES]), source)
    run(spark, str(source), str(tmp_path / "out"), partitions=2)
    from_jsonl = [dict(quote, document=quote["document"].replace("estuary.jsonl:4", "second"))
                  for quote in contract_records(jsonl_output[1])]
    assert contract_records(tmp_path / "out") == from_jsonl


def test_spark_extract_refuses_an_existing_output(examples_output):
    code, said = quotewire("spark-extract", str(EXAMPLES_DIR), str(examples_output))
    assert code == 1
    assert "give --overwrite to replace it" in said


def speakers_with_counts(engine) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(text(
            "SELECT id, name, normalized_name, type, role, quote_count FROM speakers")))


def number_speakers_from_one(engine) -> None:
    """Speaker ids are compared too: each store numbers them from 1, as a new one would
    (PostgreSQL's sequence outlives the rows earlier tests wrote; SQLite reuses ids)."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ALTER SEQUENCE speakers_id_seq RESTART"))


def test_loading_the_job_output_gives_the_store_ingest_gives(examples_output, database_url,
                                                              db_engine):
    env = {"QUOTEWIRE_DATABASE_URL": database_url}
    number_speakers_from_one(db_engine)
    code, said = quotewire("ingest", str(EXAMPLES_DIR), env=env)
    assert code == 0, said
    ingested, ingested_speakers = snapshot(db_engine), speakers_with_counts(db_engine)
    empty_all_tables(db_engine)
    number_speakers_from_one(db_engine)

    code, said = quotewire("load", str(examples_output), env=env)
    assert code == 0, said
    assert "documents: 25 new" in said
    loaded = snapshot(db_engine)
    assert len(loaded["quotes"]) > 100
    assert loaded == ingested
    assert speakers_with_counts(db_engine) == ingested_speakers

    code, said = quotewire("load", str(examples_output), env=env)
    assert code == 0, said
    assert "documents: 0 new, 25 unchanged" in said
    assert snapshot(db_engine) == ingested


def test_load_refuses_a_folder_without_a_manifest(tmp_path, database_url, db_engine):
    (tmp_path / "documents").mkdir()
    code, said = quotewire("load", str(tmp_path), env={"QUOTEWIRE_DATABASE_URL": database_url})
    assert code == 1
    assert "no manifest/" in said
