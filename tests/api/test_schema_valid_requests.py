"""Every request the OpenAPI document calls valid is answered, not refused: where the server
has a rule, the document states it in a form clients and schemathesis read (a `pattern`), and
where it cannot, the server gives the input a plain meaning. On both engines."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import items
from tests.api.factories import said, store

DATED_COLLECTIONS = ("/v1/quotes", "/v1/documents", "/v1/outlets/{outlet}/quotes",
                     "/v1/speakers/{speaker}/quotes", "/v1/documents/{document}/quotes")


def _dated_collections(client, corpus) -> list[str]:
    quote = items(client.get("/v1/quotes?limit=1"))[0]
    ids = {"outlet": quote["outlet"]["id"], "speaker": quote["speaker"]["id"],
           "document": quote["document_id"]}
    return [path.format(**ids) for path in DATED_COLLECTIONS]


def test_from_after_to_is_an_empty_range_answered_with_an_empty_page(client, corpus):
    for path in _dated_collections(client, corpus):
        assert items(client.get(path)), path  # the same collection has items in range
        response = client.get(f"{path}?from=2024-05-01&to=2024-04-01")
        assert items(response) == [] and response.json["next"] is None, path
        assert "Link" not in response.headers


@pytest.mark.parametrize("accept", ["text/csv", "application/x-ndjson"])
def test_from_after_to_exports_nothing(client, corpus, accept):
    response = client.get("/v1/quotes?from=2024-03-16&to=2024-03-14", headers={"Accept": accept})
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    if accept == "text/csv":
        assert len(lines) == 1 and lines[0].startswith("id,")  # the header row alone
    else:
        assert lines == []


def test_the_document_says_an_inverted_range_is_empty(app):
    spec = json.loads(app.test_client().get("/v1/openapi.json").get_data())
    described = [parameter["description"] for parameter in _query_parameters(spec)
                 if parameter["name"] == "from"]
    assert described and all("empty" in text for text in described)


def _query_parameters(spec: dict) -> list[dict]:
    return [parameter for item in spec["paths"].values() for operation in item.values()
            if isinstance(operation, dict) for parameter in operation.get("parameters", ())
            if parameter["in"] == "query"]


NUL_TEXT = "Varga\x00said"
PLAIN_COLLECTIONS = ("/v1/quotes", "/v1/speakers", "/v1/outlets", "/v1/documents")


def _spec(app) -> dict:
    return json.loads(app.test_client().get("/v1/openapi.json").get_data())


def _free_text(schema: dict) -> bool:
    """A string the client writes freely (not an enum, date or other format)."""
    return schema.get("type") == "string" and "format" not in schema and "enum" not in schema


def _text_inputs(spec: dict) -> dict[str, dict]:
    """Every free-text query parameter and request-body field, by a readable name."""
    inputs = {f"{parameter['name']} (query)": parameter["schema"]
              for parameter in _query_parameters(spec) if _free_text(parameter["schema"])}
    for name, schema in spec["components"]["schemas"].items():
        if name.startswith(("NewDocument", "ExtractRequest")):
            inputs.update({f"{name}.{field}": value
                           for field, value in schema["properties"].items() if _free_text(value)})
    plain = spec["paths"]["/v1/extract"]["post"]["requestBody"]["content"]["text/plain"]
    inputs["/v1/extract text/plain body"] = plain["schema"]
    return inputs


def test_the_document_says_no_text_input_may_hold_a_nul(app):
    inputs = _text_inputs(_spec(app))
    assert len(inputs) >= 10 and "NewDocument.text" in inputs
    for name, schema in inputs.items():
        pattern = schema.get("pattern")
        assert pattern, f"{name} has no pattern"
        assert re.search(pattern, NUL_TEXT) is None, name
        # cursors (the change feed's `after` is one) have forms of their own (below)
        if not name.startswith(("cursor", "after ")):
            assert re.search(pattern, "Ilse Varga\n“said” – no NUL") is not None, name


@pytest.mark.parametrize("collection", PLAIN_COLLECTIONS)
def test_the_server_refuses_a_nul_where_the_document_does(app, client, corpus, collection):
    operation = _spec(app)["paths"][collection]["get"]
    names = [p["name"] for p in operation["parameters"]
             if p["in"] == "query" and _free_text(p["schema"])]
    assert names
    for name in names:
        response = client.get(collection, query_string={name: NUL_TEXT})
        assert response.status_code == 422, (name, response.json)
        assert name in response.json["errors"]["query"]


def test_extract_refuses_a_nul_in_json_and_in_plain_text(client):
    as_json = client.post("/v1/extract", json={"text": NUL_TEXT})
    as_text = client.post("/v1/extract", data=NUL_TEXT.encode(),
                          headers={"Content-Type": "text/plain"})
    assert as_json.status_code == as_text.status_code == 422


# --- cursors --------------------------------------------------------------------------------

CURSOR_COLLECTIONS = ("/v1/quotes", "/v1/documents", "/v1/speakers", "/v1/outlets")


def _cursor_schema(app, collection: str) -> dict:
    operation = _spec(app)["paths"][collection]["get"]
    return next(p["schema"] for p in operation["parameters"] if p["name"] == "cursor")


@pytest.mark.parametrize("collection", CURSOR_COLLECTIONS)
def test_every_cursor_of_the_documented_form_is_answered_with_a_page(app, client, corpus,
                                                                     collection):
    schema = _cursor_schema(app, collection)
    forms = st.from_regex(schema["pattern"], fullmatch=True).filter(
        lambda cursor: len(cursor) <= schema["maxLength"])

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(cursor=forms, newest_first=st.booleans())
    def check(cursor, newest_first):
        query = {"cursor": cursor, "limit": 2}
        if collection in ("/v1/quotes", "/v1/documents") and not newest_first:
            query["sort"] = "published"
        response = client.get(collection, query_string=query)
        assert response.status_code == 200, (cursor, response.json)

    check()


def test_every_page_has_a_next_of_its_collections_form(app, client, corpus):
    for collection in CURSOR_COLLECTIONS:
        grammar = re.compile(_cursor_schema(app, collection)["pattern"])
        cursor = client.get(f"{collection}?limit=1").json["next"]
        assert grammar.fullmatch(cursor), (collection, cursor)


@pytest.mark.parametrize("collection, sort", [
    ("/v1/quotes", "-published"), ("/v1/quotes", "published"), ("/v1/documents", "published"),
    ("/v1/speakers", None), ("/v1/outlets", None)])
def test_following_next_one_item_at_a_time_gives_the_whole_collection(client, corpus,
                                                                      collection, sort):
    base = {"sort": sort} if sort else {}
    whole = items(client.get(collection, query_string={**base, "limit": 200}))
    walked, cursor = [], None
    while True:
        page = client.get(collection, query_string={**base, "limit": 1,
                                                    **({"cursor": cursor} if cursor else {})})
        walked += items(page)
        cursor = page.json["next"]
        if cursor is None:
            break
    assert [item["id"] for item in walked] == [item["id"] for item in whole]
    assert len(whole) >= 3


def _published(client, query: str) -> list:
    return [quote["published"] for quote in items(client.get(f"/v1/quotes?{query}"))]


def test_a_day_no_calendar_has_stands_for_the_start_of_the_next_real_day(client, corpus):
    # The corpus is dated 2024-03-01, 2024-03-15 and 2024-04-02, with one undated document.
    assert _published(client, "sort=published&cursor=2024-02-30.0")[0] == "2024-03-01"
    assert _published(client, "cursor=2024-04-31.0")[0] == "2024-04-02"
    assert _published(client, "cursor=2024-03-31.0")[0] == "2024-03-15"
    assert _published(client, "sort=published&cursor=0000-07-04.ffff") == \
        _published(client, "sort=published")
    assert _published(client, "cursor=9999-12-31.0") == _published(client, "")


def test_a_cursor_continues_from_its_position_in_either_order(client, corpus):
    newest = items(client.get("/v1/quotes?limit=3"))
    cursor = client.get("/v1/quotes?limit=3").json["next"]
    back = items(client.get(f"/v1/quotes?sort=published&cursor={cursor}"))
    assert [q["id"] for q in back[:2]] == [newest[1]["id"], newest[0]["id"]]
    undated = [q["id"] for q in items(client.get("/v1/quotes")) if q["published"] is None]
    assert [q["id"] for q in back[2:]] == undated


def test_counts_and_ids_beyond_any_stored_one_are_positions_too(client, corpus):
    everyone = [s["id"] for s in items(client.get("/v1/speakers"))]
    assert [s["id"] for s in items(client.get("/v1/speakers?cursor=9999999999.9999999999"))] \
        == everyone
    assert items(client.get("/v1/speakers?cursor=0.9999999999")) == []
    outlets = [o["id"] for o in items(client.get("/v1/outlets"))]
    assert [o["id"] for o in items(client.get("/v1/outlets", query_string={
        "cursor": ".0"}))] == outlets
    # Just before an outlet (its name, id 0): from that outlet on, in the database's order.
    named = [o["name"] for o in items(client.get("/v1/outlets"))]
    after = items(client.get("/v1/outlets", query_string={"cursor": "The Daily Test.0"}))
    assert [o["name"] for o in after] == named[named.index("The Daily Test"):]


def test_outlets_with_the_longest_names_page_like_any_other(client, db_engine):
    # 300 characters (the longest name stored) of three UTF-8 bytes each: as base64 of JSON,
    # its cursor was longer than the 512 characters a cursor may have.
    names = ["ℵ" * 299 + letter for letter in "abc"]
    for name in names:
        store(db_engine, [said("Ilse Varga", f"The bridge opens in June, plan {name[-1]}")],
              outlet=name)
    walked, cursor = [], None
    while True:
        page = client.get("/v1/outlets", query_string={"limit": 1, **({"cursor": cursor}
                                                                      if cursor else {})})
        walked += [outlet["name"] for outlet in items(page)]
        cursor = page.json["next"]
        if cursor is None:
            break
    assert walked == names


# --- correction bodies ------------------------------------------------------------------------

# Names and other values from both sides of each rule the server has: no letter or digit (no
# name), a name longer than a speaker's name may be, leading titles, punctuation.
NAMES = ("Ilse Varga", "Tomas Brandt", "Mr.", "O'Neil", "x", "!!!", "  ", "'-'", "_", "--",
         "Ωμέγα", "a" * 200, "a" * 201, "Dr. " + "b" * 196)
TEXTS = ("Bridge", "", "https://valleywire.example/bridge", "x" * 400)
QUOTE_CORRECTION = {"speaker": st.sampled_from(NAMES),
                    "speaker_type": st.sampled_from(["person", "organization", "unknown"]),
                    "kind": st.sampled_from(["full", "partial"]),
                    "status": st.sampled_from(["attributed", "unattributed", "rejected"])}
SPEAKER_EDIT = {"name": st.sampled_from(NAMES),
                "type": st.sampled_from(["person", "anonymous"]),
                "aliases": st.lists(st.sampled_from(NAMES), max_size=3)}
DOCUMENT_CORRECTION = {name: st.sampled_from(TEXTS) for name in (
    "title", "url", "author", "outlet", "external_id", "source")} | {
    "published": st.sampled_from(["2026-05-02", "2026-05-02T09:30:00Z"])}


def _bodies(fields: dict, **more) -> st.SearchStrategy:
    return st.fixed_dictionaries({"note": st.sampled_from(["Per the audio.", ""])},
                                 optional={**fields, **more})


def _body_schema(spec: dict, operation: dict):
    import jsonschema_rs

    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    return jsonschema_rs.validator_for({**schema, "components": spec["components"]})


def _agree(app, client, method: str, path: str, bodies, headers, answered=(200,),
           reset: dict | None = None):
    """The server answers every body the document calls valid (`answered`), and refuses the
    others with 422: the document states each rule the server checks on a body alone. With
    `reset`, that body is sent first for every example, so that no example answers for the
    state an earlier one left (a quote the last body unattributed has no speaker to attribute)."""
    spec = _spec(app)
    template = re.sub(r"/[^/]+(?=/|$)", lambda m: m[0], path)
    operation = next(item[method] for route, item in spec["paths"].items()
                     if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", route), template))
    documented, seen = _body_schema(spec, operation), set()

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=bodies)
    def check(body):
        if reset is not None:
            restored = client.open(path, method=method.upper(), json=reset, headers=headers)
            assert restored.status_code == 200, restored.json
        response = client.open(path, method=method.upper(), json=body, headers=headers)
        expected = answered if documented.is_valid(body) else (422,)
        assert response.status_code in expected, (body, response.json)
        seen.add(response.status_code)

    check()
    assert {200, 422} <= seen  # both sides of the rules were tried


@pytest.fixture
def correct_key(db_sessions) -> dict:
    from models.api_keys import create_api_key

    with db_sessions.begin() as session:
        _, key = create_api_key(session, "corrections", scopes=("correct",))
    return {"Authorization": f"Bearer {key}"}


def test_a_quote_correction_the_document_allows_is_made(app, client, corpus, correct_key):
    [quote, *_] = items(client.get("/v1/quotes?speaker=zoe+muller"))
    speaker_id = quote["speaker"]["id"]
    bodies = _bodies(QUOTE_CORRECTION, speaker_id=st.just(speaker_id))
    _agree(app, client, "patch", f"/v1/quotes/{quote['id']}", bodies, correct_key,
           reset={"note": "Reset.", "speaker_id": speaker_id, "status": "attributed"})


def test_a_speaker_edit_the_document_allows_is_made(app, client, corpus, correct_key):
    speaker = items(client.get("/v1/speakers?name=muller"))[0]
    # 409: another speaker has that name already.
    _agree(app, client, "patch", f"/v1/speakers/{speaker['id']}", _bodies(SPEAKER_EDIT),
           correct_key, answered=(200, 409))


def test_a_document_correction_the_document_allows_is_made(app, client, corpus, correct_key):
    document = client.get(f"/v1/documents/{corpus['budget']}").json
    bodies = _bodies(DOCUMENT_CORRECTION,
                     publication_id=st.just(document["publications"][0]["id"]))
    # 409: another publication of the document has that outlet and url.
    _agree(app, client, "patch", f"/v1/documents/{corpus['budget']}", bodies, correct_key,
           answered=(200, 409))
