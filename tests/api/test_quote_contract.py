"""One quote contract: every quote shape is the extractor's record plus what storing adds."""

import json

from api.v1.schemas import ExtractedQuoteSchema, ExtractedSpeakerSchema, QuoteSchema
from cli.extract import quote_line
from extractors import extract
from tests.api.factories import said, store

TEXT = "“The bridge opens in June,” said Mayor Ilse Varga.\n"
RECORD_FIELDS = list(ExtractedQuoteSchema().fields)
SPEAKER_FIELDS = list(ExtractedSpeakerSchema().fields)


def test_the_stored_quote_is_the_extracted_record_with_ids_and_provenance():
    assert list(QuoteSchema().fields) == ["id", "document_id", *RECORD_FIELDS, "outlet",
                                          "published", "publication_count", "statement_id",
                                          "title", "url", "corrected"]


def test_every_route_answers_a_quote_in_one_field_order(client, db_engine):
    document_id = store(db_engine, [said("Ilse Varga", "The bridge opens in June")])
    listed = client.get("/v1/quotes").json["items"][0]
    by_document = client.get(f"/v1/documents/{document_id}/quotes").json["items"][0]
    detail = client.get(f"/v1/quotes/{listed['id']}").json
    stored_order = list(QuoteSchema().fields)
    for quote in (listed, by_document):
        assert list(quote) == stored_order
        assert list(quote["speaker"]) == ["id", *SPEAKER_FIELDS]
    assert list(detail) == [*stored_order, "document", "sentence", "first_reported",
                            "also_reported_in", "also_reported_count"]
    assert list(detail["speaker"]) == ["id", *SPEAKER_FIELDS]


def test_extract_answers_the_record_without_ids(client):
    response = client.post("/v1/extract", json={"text": TEXT})
    [quote] = response.json["quotes"]
    assert list(quote) == RECORD_FIELDS
    assert list(quote["speaker"]) == SPEAKER_FIELDS


def test_extract_command_writes_the_same_record_with_its_document_first(client):
    [found] = extract(TEXT)
    line = json.loads(quote_line(found, "bridge.txt"))
    assert list(line) == ["document", *RECORD_FIELDS]
    assert list(line["speaker"]) == SPEAKER_FIELDS
    api_quote = client.post("/v1/extract", json={"text": TEXT}).json["quotes"][0]
    assert line == {"document": "bridge.txt", **api_quote}


def test_the_spec_names_one_base_quote_and_speaker(client):
    schemas = client.get("/v1/openapi.json").json["components"]["schemas"]
    assert "id" not in schemas["ExtractedSpeaker"]["properties"]
    extracted_speaker = schemas["ExtractedQuote"]["properties"]["speaker"]
    assert extracted_speaker["allOf"] == [{"$ref": "#/components/schemas/ExtractedSpeaker"}]
    assert list(schemas["Quote"]["properties"]) == list(QuoteSchema().fields)
