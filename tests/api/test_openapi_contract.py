"""The OpenAPI document as a client generator reads it: shared enums with names, examples
everywhere, no unused schema, a semantic version that moves with the document."""

import json
import re

from api.openapi import API_VERSION, SPEC_DIGEST, spec_digest
from tests.api.test_spec_and_docs import operations, spec

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
ENUM_COMPONENTS = {"QuoteKind", "QuoteStatus", "SpeakerType", "SortOrder", "IngestStatus",
                   "QuoteDistinct", "CountDimension", "MissingValue",
                   "ChangeKind", "CorrectionTarget"}


def references(document: dict) -> set[str]:
    return set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(document)))


def component(document: dict, schema: dict) -> dict:
    """The schema itself, or the component it refers to (bare or through a single allOf)."""
    ref = schema.get("$ref") or (schema.get("allOf") or [{}])[0].get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def inline_enums(node, where="") -> list[str]:
    """Paths of every `enum` written inline rather than as a shared component."""
    found = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(where)
        for key, value in node.items():
            found += inline_enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            found += inline_enums(value, f"{where}/{number}")
    return found


def test_every_enum_is_one_shared_component_with_named_values(client):
    document = spec(client)
    schemas = document["components"]["schemas"]
    assert set(schemas) >= ENUM_COMPONENTS
    without_components = {k: v for k, v in document.items() if k != "components"}
    assert inline_enums(without_components) == []
    assert inline_enums({k: v for k, v in schemas.items() if k not in ENUM_COMPONENTS}) == []
    assert schemas["SortOrder"]["enum"] == ["-published", "published"]
    assert schemas["SortOrder"]["x-enum-varnames"] == ["PUBLISHED_DESC", "PUBLISHED_ASC"]
    for name in ENUM_COMPONENTS:
        assert len(schemas[name]["x-enum-varnames"]) == len(schemas[name]["enum"]), name


def test_the_sort_parameter_refers_to_sort_order_and_keeps_its_default(client):
    parameters = spec(client)["paths"]["/v1/quotes"]["get"]["parameters"]
    [sort] = [p for p in parameters if p["name"] == "sort"]
    assert sort["schema"]["allOf"] == [{"$ref": "#/components/schemas/SortOrder"}]
    assert sort["schema"]["default"] == "-published"


def test_no_schema_is_unused(client):
    document = spec(client)
    unused = set(document["components"]["schemas"]) - references(document)
    assert unused == set()
    assert "PaginationMetadata" not in document["components"]["schemas"]


def test_every_schema_property_has_an_example(client):
    document = spec(client)
    missing = []
    for name, schema in document["components"]["schemas"].items():
        if "enum" in schema:
            if "example" not in schema:
                missing.append(name)
            continue
        for field, prop in schema.get("properties", {}).items():
            target = prop.get("items", prop) if prop.get("type") == "array" else prop
            if component(document, target) is not target:
                continue  # a reference: the component's own properties are checked
            if "example" not in prop:
                missing.append(f"{name}.{field}")
    assert missing == []


def test_every_parameter_has_an_example(client):
    document = spec(client)
    missing = []
    for path, item in document["paths"].items():
        for method, operation in [("*", item), *[(m, o) for _, m, o in operations(
                {"paths": {path: item}})]]:
            for parameter in operation.get("parameters", []):
                schema = component(document, parameter.get("schema", {}))
                if "example" not in parameter and "example" not in schema:
                    missing.append(f"{method} {path} {parameter['name']}")
    assert missing == []


def test_the_ingest_body_is_named_for_what_it_is(client):
    body = spec(client)["paths"]["/v1/documents"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/NewDocument"}


def test_the_document_has_a_server_and_a_semantic_version(client):
    document = spec(client)
    assert SEMVER.match(document["info"]["version"]) and document["info"]["version"] != "v1"
    assert document["servers"] and all("url" in server for server in document["servers"])
    assert all(path.startswith("/v1") for path in document["paths"]
               if path not in ("/healthz", "/readyz"))


def test_the_version_moves_with_the_document(client):
    digest = spec_digest(spec(client))
    assert digest == SPEC_DIGEST, (
        f"The OpenAPI document changed but its version did not: in api/openapi.py raise "
        f"API_VERSION (now {API_VERSION}; minor for additions, patch for wording and "
        f"examples) and set SPEC_DIGEST = {digest!r}.")
