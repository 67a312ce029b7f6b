"""Corrections in the store: orphaned when re-extraction loses their quote (and kept), back
when it finds it again; exported as gold data that ../shared/eval/score.py reads; keys with
scopes from the command line."""

import json
import subprocess
import sys

from click.testing import CliRunner
from sqlalchemy import text

from cli.main import main as cli
from ingest.corrections import Author
from ingest.quote_corrections import correct_quote
from ingest.reextract import reextract_document
from ingest.store import store_article
from ingest.transactions import write_transaction
from tests.conftest import PROJECT_ROOT
from tests.storage.conftest import QUOTEWIRE, quote_count_errors, said, statement_errors

TEXT = ("Lighthouse.\n\n“The lamp was dark for three nights,” said keeper Runa Solberg.\n\n"
        "“We saw nothing,” said sailor Piet Dekker.\n")
SCORE = PROJECT_ROOT.parent / "shared" / "eval" / "score.py"
EDITOR = Author("desk", "checked against the recording")


def stored(engine) -> tuple[str, list]:
    from articles import Article
    quotes = [said(TEXT, "The lamp was dark for three nights", "Runa Solberg"),
              said(TEXT, "We saw nothing", "Piet Dekker")]
    result = store_article(engine, Article(text=TEXT, title="Lighthouse"), quotes)
    return result.document_id, quotes


def quote_ids(engine) -> list[str]:
    with engine.connect() as connection:
        return connection.execute(text("SELECT id FROM quotes ORDER BY start")).scalars().all()


def test_a_correction_whose_span_is_lost_is_kept_orphaned_and_comes_back(db_engine, client):
    document_id, quotes = stored(db_engine)
    first, second = quote_ids(db_engine)
    correct_quote(db_engine, second, {"speaker": "Runa Solberg"}, EDITOR)
    shorter = [quotes[0], said(TEXT, "We saw", "Piet Dekker")]  # the span moved
    with write_transaction(db_engine) as connection:
        result = reextract_document(connection, document_id, shorter, include_current=True)
    assert result.orphaned == 1
    [orphan] = client.get("/v1/corrections?orphaned=true").json["items"]
    assert (orphan["target_id"], orphan["orphaned"]) == (second, True)
    assert client.get("/v1/corrections?orphaned=false").json["items"] == []
    assert client.get(f"/v1/quotes/{second}/corrections").json["items"][0]["orphaned"]
    with write_transaction(db_engine) as connection:
        again = reextract_document(connection, document_id, quotes, include_current=True)
    assert again.orphaned == 0
    assert client.get(f"/v1/quotes/{second}").json["speaker"]["name"] == "Runa Solberg"
    assert client.get("/v1/corrections?orphaned=true").json["items"] == []
    assert quote_count_errors(db_engine) == [] and statement_errors(db_engine) == []
    assert first in quote_ids(db_engine)


def test_corrections_export_is_gold_that_the_scorer_reads(db_engine, database_url,
                                                         monkeypatch, tmp_path):
    document_id, _ = stored(db_engine)
    _, second = quote_ids(db_engine)
    correct_quote(db_engine, second, {"speaker": "Runa Solberg"}, EDITOR)
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    result = CliRunner().invoke(cli, ["corrections", "export"])
    assert result.exit_code == 0, result.output
    [gold] = [json.loads(line) for line in result.stdout.splitlines()]
    assert gold["id"] == document_id and gold["text"] == TEXT
    assert gold["quotes"][0] == {"start": TEXT.index("The lamp"),
                                 "end": TEXT.index(",” said keeper"), "optional": True}
    assert gold["quotes"][1]["speaker"] == "Runa Solberg"
    if not SCORE.exists():
        return
    (tmp_path / "gold.jsonl").write_text(result.stdout, encoding="utf-8")
    extracted = subprocess.run([*QUOTEWIRE, "extract", "-"], input=TEXT, capture_output=True,
                               text=True, check=True, cwd=PROJECT_ROOT)
    predictions = [{**json.loads(line), "document": document_id}
                   for line in extracted.stdout.splitlines()]
    (tmp_path / "pred.jsonl").write_text("\n".join(map(json.dumps, predictions)),
                                         encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SCORE), str(tmp_path / "gold.jsonl"),
                             str(tmp_path / "pred.jsonl"), "--json"],
                            capture_output=True, text=True, check=True)
    scores = json.loads(scored.stdout)
    # The extractor names Piet Dekker where people corrected it to Runa Solberg.
    assert (scores["tp"], scores["speaker_checked"], scores["speaker_right"]) == (1, 1, 0)


def test_keys_have_scopes_and_a_revoked_key_is_refused_at_once(client, database_url,
                                                              monkeypatch, db_engine):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    made = CliRunner().invoke(cli, ["keys", "create", "fixer", "--scope", "correct"])
    assert made.exit_code == 0, made.output
    headers = {"Authorization": f"Bearer {made.stdout.strip()}"}
    listed = CliRunner().invoke(cli, ["keys", "list"]).stdout
    assert "fixer" in listed and "correct" in listed
    stored(db_engine)
    second = quote_ids(db_engine)[1]
    body = {"kind": "partial", "note": "a fragment"}
    assert client.post("/v1/documents", json={"text": "x"}, headers=headers).status_code == 403
    assert client.patch(f"/v1/quotes/{second}", json=body, headers=headers).status_code == 200
    assert CliRunner().invoke(cli, ["keys", "revoke", "fixer"]).exit_code == 0
    assert client.patch(f"/v1/quotes/{second}", json=body, headers=headers).status_code == 401
    bad = CliRunner().invoke(cli, ["keys", "create", "other", "--scope", "everything"])
    assert bad.exit_code != 0
