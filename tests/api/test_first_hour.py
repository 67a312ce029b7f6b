"""What a new user meets first: the root, the /v1 index, and where a new document lives."""

from api.openapi import API_VERSION

ARTICLE = {"text": "“The bridge opens in June,” said Mayor Ilse Varga.", "title": "Bridge",
           "outlet": "Valley Wire", "published": "2026-05-02"}


def test_the_root_redirects_to_the_docs(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/docs"
    assert client.get("/", follow_redirects=True).mimetype == "text/html"


def test_v1_answers_an_index_of_links_that_all_work(client):
    response = client.get("/v1")
    assert response.status_code == 200 and response.mimetype == "application/json"
    index = response.json
    assert index["version"] == API_VERSION
    assert set(index["links"]) == {"quotes", "speakers", "outlets", "documents", "extract",
                                   "changes", "corrections", "docs", "openapi"}
    for name, link in index["links"].items():
        assert link.startswith("/"), name  # paths: nothing taken from the Host header
        if name != "extract":  # POST only
            assert client.get(link).status_code == 200, link


def test_v1_index_is_in_the_openapi_document(client):
    paths = client.get("/v1/openapi.json").json["paths"]
    assert paths["/v1"]["get"]["operationId"] == "getIndex"
    assert "/" not in paths  # a redirect for browsers, not part of the API


def test_a_new_document_answers_201_with_its_location(client, api_key):
    auth = {"Authorization": f"Bearer {api_key}"}
    created = client.post("/v1/documents", json=ARTICLE, headers=auth)
    assert created.status_code == 201
    location = created.headers["Location"]
    assert location == f"/v1/documents/{created.json['document']['id']}"
    assert client.get(location).json["text"] == ARTICLE["text"]
    again = client.post("/v1/documents", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and "Location" not in again.headers


def test_the_location_header_is_documented(client):
    created = client.get("/v1/openapi.json").json["paths"]["/v1/documents"]["post"]
    assert "Location" in created["responses"]["201"]["headers"]
