"""ETag and If-None-Match on GETs."""

from tests.api.factories import said, store


def test_get_has_a_weak_etag_and_if_none_match_gives_304(client, corpus):
    first = client.get("/v1/quotes?limit=2")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/v1/quotes?limit=2", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag


def test_etag_changes_when_the_data_changes(client, corpus, db_engine):
    etag = client.get("/v1/quotes").headers["ETag"]
    store(db_engine, [said("New Person", "Something new was said today")], title="Fresh")
    response = client.get("/v1/quotes", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_every_read_resource_has_an_etag(client, corpus):
    quote = client.get("/v1/quotes?limit=1").json["items"][0]
    for path in (f"/v1/quotes/{quote['id']}", "/v1/speakers", "/v1/outlets", "/v1/documents",
                 f"/v1/speakers/{quote['speaker']['id']}", f"/v1/outlets/{quote['outlet']['id']}",
                 f"/v1/documents/{quote['document_id']}"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers.get("ETag"), path


def test_errors_have_no_etag(client):
    assert "ETag" not in client.get("/v1/quotes/unknown").headers
