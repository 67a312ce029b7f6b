"""Corrections over the API: recorded with who and why, shown on the quote, kept across
re-extraction, refused clearly (401, 403, 404, 409, 422) without touching what is stored."""

import pytest
from click.testing import CliRunner
from sqlalchemy import text, update

from cli.main import main as cli
from models.api_keys import create_api_key
from models.tables import Document, Quote
from tests.api.factories import said, store
from tests.storage.conftest import quote_count_errors, statement_errors

ARTICLE = {
    "text": "Ferry service.\n\n“The night ferry will run again from March,” said harbourmaster "
            "Tomas Brandt.\n\nCouncillor Ines Alvarado was less sure.\n",
    "title": "Ferry", "outlet": "Coast Courier", "published": "2025-11-03",
}


@pytest.fixture
def keys(db_sessions) -> dict[str, dict]:
    """Authorization headers for a key of each scope."""
    made = {}
    with db_sessions.begin() as session:
        for scope in ("ingest", "correct", "admin"):
            _, key = create_api_key(session, f"{scope}-desk", scopes=(scope,))
            made[scope] = {"Authorization": f"Bearer {key}"}
    return made


def ingested_quote(client, keys) -> dict:
    response = client.post("/v1/documents", json=ARTICLE, headers=keys["ingest"])
    assert response.status_code == 201, response.json
    [quote] = response.json["quotes"]
    assert quote["speaker"]["name"] == "Tomas Brandt"
    return quote


def changes_of(client, quote_id: str) -> list[tuple[str, str]]:
    items = client.get("/v1/changes?limit=200").json["items"]
    return [(c["change"], c["cause"]) for c in items if c["quote_id"] == quote_id]


def test_a_corrected_speaker_outlives_reextraction(client, keys, db_engine, database_url,
                                                  monkeypatch):
    quote = ingested_quote(client, keys)
    response = client.patch(f"/v1/quotes/{quote['id']}", headers=keys["correct"],
                            json={"speaker": "Ines Alvarado", "note": "She said it, per audio."})
    assert response.status_code == 200, response.json
    assert response.json["speaker"]["name"] == "Ines Alvarado"
    assert response.json["corrected"] is True
    with db_engine.begin() as connection:  # as if written by an older extractor
        for table in (Document, Quote):
            connection.execute(update(table).values(extractor_version="0.0-old"))
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    result = CliRunner().invoke(cli, ["reextract"])
    assert result.exit_code == 0, result.output
    assert "corrections orphaned: 0" in result.output
    after = client.get(f"/v1/quotes/{quote['id']}").json
    assert after["speaker"]["name"] == "Ines Alvarado" and after["corrected"] is True
    assert after["extractor_version"] != "0.0-old"
    assert client.get("/v1/quotes?speaker=brandt").json["items"] == []
    assert [q["id"] for q in client.get("/v1/quotes?speaker=alvarado").json["items"]] == [
        quote["id"]]
    # The correction is logged once; re-applying it after re-extraction is no new correction.
    assert changes_of(client, quote["id"]) == [
        ("created", "ingest"), ("updated", "correction"), ("updated", "reextract")]
    [record] = client.get(f"/v1/quotes/{quote['id']}/corrections").json["items"]
    assert (record["field"], record["key_name"], record["note"]) == (
        "speaker", "correct-desk", "She said it, per audio.")
    assert record["before"]["name"] == "Tomas Brandt"
    assert record["after"]["name"] == "Ines Alvarado" and record["orphaned"] is False
    assert quote_count_errors(db_engine) == [] and statement_errors(db_engine) == []


def test_a_rejected_quote_leaves_lists_and_counts_unless_asked_for(client, keys, db_engine):
    document_id = store(db_engine, [said("Lena Fischer", "The pier is safe"),
                                    said("Lena Fischer", "Nobody swims here in winter")])
    quotes = client.get(f"/v1/documents/{document_id}/quotes").json["items"]
    speaker_id = quotes[0]["speaker"]["id"]
    response = client.patch(f"/v1/quotes/{quotes[0]['id']}", headers=keys["correct"],
                            json={"status": "rejected", "note": "A sign's wording."})
    assert response.status_code == 200 and response.json["status"] == "rejected"
    listed = client.get(f"/v1/documents/{document_id}/quotes").json["items"]
    assert [q["id"] for q in listed] == [quotes[1]["id"]]
    assert client.get(f"/v1/documents/{document_id}").json["quote_count"] == 1
    assert client.get(f"/v1/speakers/{speaker_id}").json["quote_count"] == 1
    rejected = client.get("/v1/quotes?status=rejected").json["items"]
    assert [q["id"] for q in rejected] == [quotes[0]["id"]]
    assert quote_count_errors(db_engine) == [] and statement_errors(db_engine) == []


def test_bad_corrections_are_refused_and_change_nothing(client, keys, db_engine):
    document_id = store(db_engine, [said("Lena Fischer", "The pier is safe")])
    [quote] = client.get(f"/v1/documents/{document_id}/quotes").json["items"]
    url = f"/v1/quotes/{quote['id']}"
    before = client.get(url).json
    body = {"kind": "partial", "note": "Only a phrase."}
    cases = [
        (client.patch(url, json=body), 401),
        (client.patch(url, json=body, headers=keys["ingest"]), 403),
        (client.patch("/v1/quotes/00000000000000ff", json=body, headers=keys["correct"]), 404),
        (client.patch(url, json={"kind": "partial"}, headers=keys["correct"]), 422),
        (client.patch(url, json={"note": "nothing to change"}, headers=keys["correct"]), 422),
        (client.patch(url, json={"speaker_id": 999999, "note": "x"}, headers=keys["correct"]),
         422),
        (client.patch(url, json={"status": "attributed", "speaker_id": None, "note": "x"},
                      headers=keys["correct"]), 422),
        (client.patch(url, json={"status": "maybe", "note": "x"}, headers=keys["correct"]), 422),
        (client.delete(f"/v1/documents/{document_id}", headers=keys["correct"]), 403),
        (client.post(f"/v1/speakers/{quote['speaker']['id']}/merge", headers=keys["correct"],
                     json={"into": quote["speaker"]["id"], "note": "x"}), 422),
        (client.patch(f"/v1/speakers/{quote['speaker']['id']}", headers=keys["correct"],
                      json={"aliases": ["x" * 301], "note": "x"}), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, (status, response.json)
        assert response.content_type == "application/problem+json"
    assert client.get(url).json == before and before["corrected"] is False
    assert client.get(f"{url}/corrections").json["items"] == []


def test_takedown_hides_a_document_until_it_is_restored_with_its_corrections(client, keys,
                                                                               db_engine):
    quote = ingested_quote(client, keys)
    client.patch(f"/v1/quotes/{quote['id']}", headers=keys["correct"],
                 json={"kind": "partial", "note": "A fragment."})
    document_id = quote["document_id"]
    response = client.delete(f"/v1/documents/{document_id}?note=Withdrawn",
                             headers=keys["admin"])
    assert response.status_code == 204
    assert client.get(f"/v1/quotes/{quote['id']}").status_code == 404
    assert client.get("/v1/quotes").json["items"] == []
    assert client.get(f"/v1/documents/{document_id}").status_code == 404
    assert client.delete(f"/v1/documents/{document_id}", headers=keys["admin"]).status_code == 409
    again = client.post("/v1/documents", json=ARTICLE, headers=keys["ingest"])
    assert again.status_code == 409 and "restore" in again.json["detail"]
    assert client.get("/v1/quotes").json["items"] == []
    assert changes_of(client, quote["id"])[-1] == ("deleted", "takedown")
    restored = client.post(f"/v1/documents/{document_id}/restore", json={},
                           headers=keys["admin"])
    assert restored.status_code == 200, restored.json
    assert restored.json["publications"][0]["outlet"]["name"] == "Coast Courier"
    back = client.get(f"/v1/quotes/{quote['id']}").json
    assert back["kind"] == "partial" and back["corrected"] is True
    assert changes_of(client, quote["id"])[-1] == ("created", "ingest")
    assert quote_count_errors(db_engine) == [] and statement_errors(db_engine) == []


def test_a_merged_speaker_redirects_and_stays_merged_after_reextraction(
        client, keys, db_engine, database_url, monkeypatch):
    quote = ingested_quote(client, keys)
    brandt = quote["speaker"]["id"]
    other = store(db_engine, [said("T. Brandt", "Tickets go on sale today")])
    [second] = client.get(f"/v1/documents/{other}/quotes").json["items"]
    response = client.post(f"/v1/speakers/{second['speaker']['id']}/merge",
                           json={"into": brandt, "note": "Same harbourmaster."},
                           headers=keys["correct"])
    assert response.status_code == 200 and response.json["quote_count"] == 2
    moved = client.get(f"/v1/speakers/{second['speaker']['id']}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/{brandt}")
    with db_engine.begin() as connection:
        for table in (Document, Quote):
            connection.execute(update(table).values(extractor_version="0.0-old"))
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    assert CliRunner().invoke(cli, ["reextract"]).exit_code == 0
    assert client.get(f"/v1/speakers/{brandt}").json["quote_count"] == 2
    renamed = client.patch(f"/v1/speakers/{brandt}", headers=keys["correct"],
                           json={"name": "Tomás Brandt", "note": "Accent."})
    assert renamed.status_code == 200 and renamed.json["name"] == "Tomás Brandt"
    store(db_engine, [said("Ines Alvarado", "We will see")], title="Council")
    clash = client.patch(f"/v1/speakers/{brandt}", headers=keys["correct"],
                         json={"name": "Ines Alvarado", "note": "x"})
    assert clash.status_code == 409 and "merge" in clash.json["detail"]
    assert client.get(f"/v1/speakers/{brandt}").json["name"] == "Tomás Brandt"
    assert quote_count_errors(db_engine) == [] and statement_errors(db_engine) == []


def test_document_metadata_corrections_apply_to_the_named_publication(client, keys):
    quote = ingested_quote(client, keys)
    document_id = quote["document_id"]
    client.post("/v1/documents", json=ARTICLE | {"outlet": "Bay Herald",
                                                 "published": "2025-11-05"},
                headers=keys["ingest"])
    publications = client.get(f"/v1/documents/{document_id}").json["publications"]
    later = publications[1]["id"]
    response = client.patch(f"/v1/documents/{document_id}", headers=keys["correct"],
                            json={"publication_id": later, "title": "Ferry returns",
                                  "note": "Headline as printed."})
    assert response.status_code == 200, response.json
    titles = [p["title"] for p in response.json["publications"]]
    assert titles == ["Ferry", "Ferry returns"] and response.json["title"] == "Ferry"
    earliest = client.patch(f"/v1/documents/{document_id}", headers=keys["correct"],
                            json={"published": "2025-11-09", "note": "Wrong day."})
    assert earliest.json["published"] == "2025-11-05"  # Bay Herald's is the earliest now
    assert client.get(f"/v1/quotes/{quote['id']}").json["outlet"]["name"] == "Bay Herald"
    # A later ingest of the same publication does not undo what people corrected.
    client.post("/v1/documents", json=ARTICLE | {"outlet": "Bay Herald",
                                                 "published": "2025-11-05", "title": "Other"},
                headers=keys["ingest"])
    titles = [p["title"] for p in client.get(f"/v1/documents/{document_id}").json[
        "publications"]]
    assert "Ferry returns" in titles and "Other" not in titles
    unknown = client.patch(f"/v1/documents/{document_id}", headers=keys["correct"],
                           json={"publication_id": 999999, "title": "x", "note": "x"})
    assert unknown.status_code == 422


def test_quotes_updated_since_and_the_feed_cursor(client, keys, db_engine):
    quote = ingested_quote(client, keys)
    with db_engine.connect() as connection:
        changed_at = connection.execute(text("SELECT max(changed_at) FROM changes")).scalar()
    assert client.get("/v1/quotes?updated_since=2000-01-01T00:00:00Z").json["items"]
    assert client.get("/v1/quotes?updated_since=2999-01-01T00:00:00Z").json["items"] == []
    first = client.get("/v1/changes?limit=1")
    assert [c["quote_id"] for c in first.json["items"]] == [quote["id"]] and changed_at
    caught_up = client.get(f"/v1/changes?after={first.json['next']}")
    assert caught_up.json["items"] == [] and caught_up.json["next"] == first.json["next"]
    assert "Link" not in caught_up.headers
    assert client.get("/v1/changes?after=bm9wZQ").status_code == 422
    assert client.get("/v1/changes?after=99999999999999").json["items"] == []


def test_a_speaker_id_beyond_any_row_is_a_404_for_every_write(client, keys, db_engine):
    store(db_engine, [said("Lena Fischer", "The pier is safe")])
    [speaker] = client.get("/v1/speakers").json["items"]
    huge = 10 ** 21  # past the databases' integers: once a 500
    merge = client.post(f"/v1/speakers/{huge}/merge",
                        json={"into": speaker["id"], "note": "duplicate"},
                        headers=keys["correct"])
    edit = client.patch(f"/v1/speakers/{huge}", json={"name": "Ana Li", "note": "spelling"},
                        headers=keys["correct"])
    assert (merge.status_code, edit.status_code) == (404, 404)
    assert merge.content_type == edit.content_type == "application/problem+json"


def test_options_on_the_counts_allows_only_what_the_counts_route_does(client):
    allowed = client.options("/v1/quotes/counts").headers["Allow"]
    assert set(allowed.split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "PATCH" in client.options("/v1/quotes/9f86d081884c7d65").headers["Allow"]


def test_merging_a_speaker_that_does_not_exist_is_a_404_whatever_the_body(client, keys):
    for into in (424242, 4242):  # no speaker, or the same missing one
        response = client.post("/v1/speakers/4242/merge", json={"into": into, "note": "dup"},
                               headers=keys["correct"])
        assert response.status_code == 404, response.json
        assert response.content_type == "application/problem+json"
