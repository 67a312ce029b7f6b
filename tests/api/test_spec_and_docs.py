"""The OpenAPI document and the offline docs page."""

import re
from pathlib import Path

from cli.service import generated_spec_yaml

ROOT = Path(__file__).resolve().parents[2]


def spec(client) -> dict:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def test_every_operation_has_a_unique_operation_id(client):
    ids = [op.get("operationId") for _, _, op in operations(spec(client))]
    assert None not in ids and len(ids) == len(set(ids))


def test_error_responses_are_documented_as_problem_json(client):
    document = spec(client)
    for name, response in document["components"]["responses"].items():
        for content_type in response.get("content", {}):
            assert content_type == "application/problem+json", name
    for path, _method, operation in operations(document):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")) and "content" in response:
                assert list(response["content"]) == ["application/problem+json"], (path, status)


def test_writes_are_documented_as_needing_a_key(client):
    document = spec(client)
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    ingest = document["paths"]["/v1/documents"]["post"]
    assert ingest["security"] == [{"bearerAuth": []}]


def test_collections_document_csv_and_ndjson(client):
    ok = spec(client)["paths"]["/v1/quotes"]["get"]["responses"]["200"]
    assert set(ok["content"]) == {"application/json", "text/csv", "application/x-ndjson"}
    assert "Link" in ok["headers"]


def test_committed_openapi_yaml_matches_the_code():
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == generated_spec_yaml(), "run `quotewire openapi -o openapi.yaml`"


def test_docs_page_loads_only_bundled_assets(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "http://" not in html and "https://" not in html and 'src="//' not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) == 4
    for asset in assets:
        assert asset.startswith("/docs/static/")
        fetched = client.get(asset)
        assert fetched.status_code == 200 and len(fetched.data) > 0, asset
        fetched.close()
    assert 'data-spec-url="/v1/openapi.json"' in html
