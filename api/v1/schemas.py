"""The v1 wire contract: marshmallow schemas that validate requests and render responses.

They are the only serialisation path, and the OpenAPI document is generated from them.

One quote contract: `ExtractedQuoteSchema` is the extractor's record (what `/v1/extract`
answers); the stored quote (`QuoteSchema`, in every list) adds its `id`, `document_id`, outlet
and date, and the speaker's `id`; the quote detail adds the document and the sentence. The
`quotewire extract` command writes the same record with the document's id as `document` (its
stable output contract, DESIGN.md), where a stored quote says `document_id`.
"""

import datetime as dt
from collections.abc import Mapping

import marshmallow as ma
from marshmallow import validate

from api.v1.fields import (
    Choice,
    CommaList,
    Cursor,
    IngestStatus,
    MissingValue,
    PublishedDate,
    QuoteDistinct,
    QuoteKind,
    QuoteStatus,
    SortOrder,
    SpeakerType,
    Text,
    doc,
)
from api.v1.pagination import (
    COUNT_CURSOR,
    DATED_CURSOR,
    MAX_CURSOR_LENGTH,
    NAME_CURSOR,
    public_link,
)

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
QUOTE_ID_EXAMPLE = "9f86d081884c7d65"
DOCUMENT_ID_EXAMPLE = "2c26b46b68ffc68f"
STATEMENT_ID_EXAMPLE = "5e884898da280471"
SHA256_EXAMPLE = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
DATED_CURSOR_EXAMPLE = f"2026-05-02.{QUOTE_ID_EXAMPLE}"
CURSOR_DESCRIPTION = (
    "Where the previous page ended: pass back its `next` unchanged. Any value of this form "
    "({key}) names a position in the collection's order, and the page after it is answered.")


def _query_schema_meta():
    return type("Meta", (), {"unknown": ma.RAISE})


def path_parameter(name: str, description: str, example) -> dict:
    """The OpenAPI description of a path parameter, for `blp.route(…, parameters=[…])`."""
    return {"in": "path", "name": name, "description": description, "example": example}


# --- requests -----------------------------------------------------------------------------------

class PageQuerySchema(ma.Schema):
    Meta = _query_schema_meta()

    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT, validate=validate.Range(1, MAX_LIMIT),
        metadata=doc(20, f"Items per page, 1 to {MAX_LIMIT}."))


class DatedPageQuerySchema(PageQuerySchema):
    """A page of a collection in published order, between two dates."""

    cursor = Cursor(DATED_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        DATED_CURSOR_EXAMPLE, CURSOR_DESCRIPTION.format(
            key="a date or `undated`, a dot and an id")))
    # `from` after `to` is an empty range, answered with an empty page like any filter that
    # matches nothing: OpenAPI cannot state a rule between two parameters, so a 422 would
    # refuse requests the document calls valid, and a client sliding a window needs no
    # special case when it comes out empty.
    date_from = ma.fields.Date(data_key="from", metadata=doc(
        "2026-01-01", "Published on or after this date (ISO 8601, YYYY-MM-DD), by any of "
                      "the outlets that ran it (with an outlet filter, by that outlet). After "
                      "`to`, the range is empty and so is the answer."))
    date_to = ma.fields.Date(data_key="to", metadata=doc(
        "2026-06-30", "Published on or before this date (ISO 8601, YYYY-MM-DD), as `from`."))


class QuoteFilterSchema(DatedPageQuerySchema):
    """Filters shared by every quote collection."""

    q = Text(validate=validate.Length(1, 200), metadata=doc(
        "bridge -toll", "Full-text search over the quote text (words, \"phrases\", "
                        "-exclusions)."))
    kind = Choice(QuoteKind, metadata={"description": "Only quotes of this kind."})
    status = Choice(QuoteStatus, metadata={"description": "Only quotes with this status."})
    min_confidence = ma.fields.Float(validate=validate.Range(0, 1), metadata=doc(
        0.8, "Only quotes attributed with at least this confidence, 0 to 1."))
    sort = Choice(SortOrder, load_default=SortOrder.PUBLISHED_DESC.value,
                  metadata={"description": "The order of the pages."})
    statement_id = Text(validate=validate.Length(1, 64), metadata=doc(
        STATEMENT_ID_EXAMPLE, "Only the quotes of one statement (the same words by the same "
                              "speaker, in any document)."))
    distinct = Choice(QuoteDistinct, metadata={
        "description": "`statement`: only each statement's first reported quote, so words "
                       "run by many outlets count once; the other filters then apply to "
                       "that quote."})
    speaker_type = Choice(SpeakerType, metadata={
        "description": "Only quotes whose speaker is of this type."})
    without = CommaList(Choice(MissingValue), validate=validate.Length(1, 4), metadata={
        "example": ["outlet"],
        "description": "Only quotes lacking these values (repeated or comma-separated): "
                       "`speaker`, no linked speaker; `speaker_type`, no speaker found; "
                       "`outlet` and `published`, in a text run with no outlet or date named "
                       "(by a publication the other outlet and date filters pick). The counts "
                       "link their groups of quotes with no speaker, outlet or date here."})
    updated_since = ma.fields.AwareDateTime(default_timezone=dt.UTC, metadata=doc(
        "2026-05-02T09:30:00Z", "Only quotes created or changed at or after this instant "
                                "(ISO 8601; UTC unless it says otherwise). To mirror every "
                                "change, deletions included, follow /v1/changes."))


class QuoteQuerySchema(QuoteFilterSchema):
    """Filters of GET /v1/quotes."""

    speaker = Text(validate=validate.Length(1, 300), metadata=doc(
        "varga", "A speaker's name or any distinctive part of it: every word given must be a "
                 "word of the speaker's name or of one alias (case, accents and leading "
                 "titles such as \"Mayor\" are ignored), so `varga` and `ilse varga` both find "
                 "Ilse Varga. When it matches several speakers the page holds the quotes of "
                 "all of them, and `matched_speakers` lists who matched."))
    speaker_id = ma.fields.Integer(validate=validate.Range(1, None), metadata=doc(
        42, "One speaker, by id."))
    outlet = Text(validate=validate.Length(1, 300), metadata=doc(
        "Valley Wire", "Quotes in texts this outlet ran (whoever ran them first); case and "
                       "accents are ignored."))
    outlet_id = ma.fields.Integer(validate=validate.Range(1, None), metadata=doc(
        3, "Quotes in texts this outlet ran, by the outlet's id."))
    document_id = Text(validate=validate.Length(1, 64), metadata=doc(
        DOCUMENT_ID_EXAMPLE, "One document's quotes."))


class SpeakerQuerySchema(PageQuerySchema):
    cursor = Cursor(COUNT_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        "12.42", CURSOR_DESCRIPTION.format(key="a quote count, a dot and a speaker id")))
    name = Text(validate=validate.Length(1, 300), metadata=doc(
        "varga", "Keep speakers whose name or an alias has a word starting with each word "
                 "given (case and accents ignored); with no letter or digit in it, none."))


class OutletQuerySchema(PageQuerySchema):
    cursor = Cursor(NAME_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        "Valley Wire.3", CURSOR_DESCRIPTION.format(key="a name, a dot and an outlet id; "
                                                        "URL-encode it like any value")))
    name = Text(validate=validate.Length(1, 300), metadata=doc(
        "wire", "Keep outlets whose name contains this (case and accents ignored); with "
                "nothing but spaces in it, none."))


class DocumentQuerySchema(DatedPageQuerySchema):
    outlet = Text(validate=validate.Length(1, 300), metadata=doc(
        "Valley Wire", "Documents this outlet ran (whoever ran them first); case and accents "
                       "are ignored."))
    outlet_id = ma.fields.Integer(validate=validate.Range(1, None), metadata=doc(
        3, "Documents this outlet ran, by the outlet's id."))
    sort = Choice(SortOrder, load_default=SortOrder.PUBLISHED_DESC.value,
                  metadata={"description": "The order of the pages."})


class NewDocumentSchema(ma.Schema):
    """An article to store as a document: its text and where it was published."""

    class Meta:
        unknown = ma.RAISE

    text = Text(required=True, validate=validate.Length(1), metadata=doc(
        "“The bridge opens in June,” said Mayor Ilse Varga.",
        "The article's plain text; quote offsets index it exactly."))
    title = Text(allow_none=True, validate=validate.Length(max=2000), metadata=doc("Bridge"))
    url = Text(allow_none=True, validate=validate.Length(max=2000),
               metadata=doc("https://valleywire.example/bridge"))
    author = Text(allow_none=True, validate=validate.Length(max=500),
                  metadata=doc("Ana Prado"))
    outlet = Text(allow_none=True, validate=validate.Length(1, 300),
                  metadata=doc("Valley Wire", "The outlet's name (created if new)."))
    published = PublishedDate(allow_none=True, metadata=doc(
        "2026-05-02", "ISO 8601 date (YYYY-MM-DD) or datetime; the date is stored."))
    external_id = Text(allow_none=True, validate=validate.Length(max=500), metadata=doc(
        "vw-2026-0502-17", "Your own id for the article."))
    source = Text(allow_none=True, validate=validate.Length(max=500), metadata=doc(
        "newsroom-feed", "Where the article came from (a feed, a file)."))


class ExtractRequestSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    text = Text(required=True, validate=validate.Length(1), metadata=doc(
        "“The bridge opens in June,” said Mayor Ilse Varga.",
        "Plain text to find quotes in; nothing is stored."))


# --- the quote contract -------------------------------------------------------------------------

class ExtractedSpeakerSchema(ma.Schema):
    """Who said a quote, as attributed in its document."""

    name = ma.fields.String(allow_none=True, metadata=doc(
        "Ilse Varga", "The fullest name found, less titles."))
    mention = ma.fields.String(allow_none=True, metadata=doc(
        "Mayor Ilse Varga", "The words the quote was attributed to (maybe a pronoun)."))
    start = ma.fields.Integer(allow_none=True, metadata=doc(33, "Offset of the mention."))
    end = ma.fields.Integer(allow_none=True, metadata=doc(49, "Offset just past the mention."))
    type = Choice(SpeakerType, allow_none=True)
    role = ma.fields.String(allow_none=True, metadata=doc(
        "Mayor", "The role or title the speaker was quoted under."))


class SpeakerRefSchema(ExtractedSpeakerSchema):
    """Who said a stored quote: the extracted speaker, with the id of the speaker it was
    matched to."""

    class Meta:
        fields = ("id", *ExtractedSpeakerSchema._declared_fields)

    id = ma.fields.Integer(allow_none=True, metadata=doc(
        42, "The speaker's id; null for speakers not kept as entities (anonymous sources)."))


class CueSchema(ma.Schema):
    """The reporting words that attribute a quote."""

    text = ma.fields.String(metadata=doc("said"))
    start = ma.fields.Integer(metadata=doc(28))
    end = ma.fields.Integer(metadata=doc(32))


class ExtractedQuoteSchema(ma.Schema):
    """A quote as the extractor finds it: the base every quote shape shares. (`quotewire
    extract` writes this record with the document's id as `document` first.)"""

    start = ma.fields.Integer(metadata=doc(1, "Offset of the quote's first character in the "
                                              "text (code points)."))
    end = ma.fields.Integer(metadata=doc(26, "Offset just past its last character."))
    text = ma.fields.String(metadata=doc("The bridge opens in June,", "The quoted words: "
                                         "exactly `text[start:end]` of the document."))
    kind = Choice(QuoteKind)
    status = Choice(QuoteStatus)
    reason = ma.fields.String(allow_none=True, metadata=doc(
        "no speaker found", "Why an unattributed quote has no speaker; null when attributed."))
    speaker = ma.fields.Nested(ExtractedSpeakerSchema, allow_none=True)
    cue = ma.fields.Nested(CueSchema, allow_none=True)
    rule = ma.fields.String(allow_none=True, metadata=doc(
        "quote-then-cue", "The attribution rule that named the speaker."))
    confidence = ma.fields.Float(metadata=doc(0.95, "How sure the attribution is, 0 to 1."))
    extractor_version = ma.fields.String(metadata=doc("0.5+83e76751"))


class OutletRefSchema(ma.Schema):
    """An outlet, by id and name."""

    id = ma.fields.Integer(metadata=doc(3))
    name = ma.fields.String(metadata=doc("Valley Wire"))


class QuoteSchema(ExtractedQuoteSchema):
    """A stored quote: the extracted quote with its id and where it was published."""

    class Meta:
        fields = ("id", "document_id", *ExtractedQuoteSchema._declared_fields, "outlet",
                  "published", "publication_count", "statement_id", "title", "url",
                  "corrected")

    id = ma.fields.String(metadata=doc(QUOTE_ID_EXAMPLE, "Stable: derived from the document "
                                                         "and the span."))
    document_id = ma.fields.String(metadata=doc(DOCUMENT_ID_EXAMPLE, "The document quoted."))
    speaker = ma.fields.Nested(SpeakerRefSchema, allow_none=True)
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True, metadata={
        "description": "The outlet of the document's earliest publication; with outlet or "
                       "date filters, of its earliest publication among those they pick."})
    published = ma.fields.Date(allow_none=True, metadata=doc(
        "2026-05-02", "The date of that same publication."))
    publication_count = ma.fields.Integer(metadata=doc(
        3, "How many publications the document has (outlets and urls that ran it)."))
    statement_id = ma.fields.String(allow_none=True, metadata=doc(
        STATEMENT_ID_EXAMPLE, "The statement this quote is part of: the same words, case and "
                              "punctuation aside, by the same speaker in any document."))
    title = ma.fields.String(allow_none=True, metadata=doc(
        "Bridge", "The title of the publication `outlet` and `published` describe."))
    url = ma.fields.String(allow_none=True, metadata=doc(
        "https://valleywire.example/bridge", "The url of that same publication."))
    corrected = ma.fields.Boolean(metadata=doc(
        False, "True when people corrected some field (`/v1/quotes/{id}/corrections`)."))

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        return quote_record(row._mapping)


QUOTE_FIELD_ORDER = QuoteSchema.Meta.fields
SPEAKER_FIELD_ORDER = SpeakerRefSchema.Meta.fields


def quote_record(quote: Mapping) -> dict:
    """A quote row (models.queries.quote_rows(), as a mapping) in the v1 form, in schema
    order."""
    speaker = None
    if quote["speaker_name"] is not None or quote["speaker_id"] is not None:
        speaker = {"id": quote["speaker_id"], "name": quote["speaker_name"],
                   "mention": quote["mention"], "start": quote["mention_start"],
                   "end": quote["mention_end"], "type": quote["speaker_type"],
                   "role": quote["role"]}
    cue = None
    if quote["cue"] is not None:
        cue = {"text": quote["cue"], "start": quote["cue_start"], "end": quote["cue_end"]}
    outlet = None
    if quote["outlet_id"]:
        outlet = {"id": quote["outlet_id"], "name": quote["outlet_name"]}
    nested = {"speaker": speaker, "cue": cue, "outlet": outlet}
    return {name: nested[name] if name in nested else quote[name] for name in QUOTE_FIELD_ORDER}


def quote_json(row) -> dict:
    """`QuoteSchema().dump(row)` for a listing row, without marshmallow's per-field work.

    Quote lists render through this (it is most of the cost of a page otherwise); the fields
    need no conversion but the date. tests/api/test_rendering.py holds it equal to the schema,
    field order included.
    """
    record = quote_record(row._mapping)
    if record["published"] is not None:
        record["published"] = record["published"].isoformat()
    return record


def next_cursor(grammar: str, example: str) -> ma.fields.String:
    """A page's `next`: a cursor of its collection's form, or null on the last page."""
    return ma.fields.String(allow_none=True, metadata={
        **doc(example, "Pass as `cursor` for the next page; null on the last page."),
        "pattern": grammar})


class QuotePageSchema(ma.Schema):
    next = next_cursor(DATED_CURSOR, DATED_CURSOR_EXAMPLE)
    items = ma.fields.List(ma.fields.Nested(QuoteSchema))


class SentenceSchema(ma.Schema):
    """The sentence(s) around a quote."""

    start = ma.fields.Integer(metadata=doc(0))
    end = ma.fields.Integer(metadata=doc(50))
    text = ma.fields.String(metadata=doc("“The bridge opens in June,” said Mayor Ilse Varga."))


class DocumentRefSchema(ma.Schema):
    """The document a quote comes from."""

    id = ma.fields.String(metadata=doc(DOCUMENT_ID_EXAMPLE))
    title = ma.fields.String(allow_none=True, metadata=doc("Bridge"))
    url = ma.fields.String(allow_none=True, metadata=doc("https://valleywire.example/bridge"))
    author = ma.fields.String(allow_none=True, metadata=doc("Ana Prado"))
    published = ma.fields.Date(allow_none=True, metadata=doc("2026-05-02"))
    external_id = ma.fields.String(allow_none=True, metadata=doc("vw-2026-0502-17"))
    source = ma.fields.String(allow_none=True, metadata=doc("newsroom-feed"))


class ReportSchema(ma.Schema):
    """A quote of a statement and where it was first published."""

    quote_id = ma.fields.String(metadata=doc(QUOTE_ID_EXAMPLE))
    document_id = ma.fields.String(metadata=doc(DOCUMENT_ID_EXAMPLE))
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True)
    url = ma.fields.String(allow_none=True, metadata=doc("https://valleywire.example/bridge"))
    published = ma.fields.Date(allow_none=True, metadata=doc("2026-05-02"))


def report_record(row) -> dict | None:
    if row is None:
        return None
    outlet = {"id": row.outlet_id, "name": row.outlet_name} if row.outlet_id else None
    return {"quote_id": row.quote_id, "document_id": row.document_id, "outlet": outlet,
            "url": row.url, "published": row.published}


class QuoteDetailSchema(QuoteSchema):
    """A quote with full provenance: its document, the sentence around it, and who else
    reported the same statement."""

    class Meta:
        fields = (*QuoteSchema.Meta.fields, "document", "sentence", "first_reported",
                  "also_reported_in", "also_reported_count")

    document = ma.fields.Nested(DocumentRefSchema)
    sentence = ma.fields.Nested(SentenceSchema, metadata={
        "description": "The sentence(s) around the quote, with offsets into the document."})
    first_reported = ma.fields.Nested(ReportSchema, allow_none=True, metadata={
        "description": "The statement's first reported quote (maybe this one) and its "
                       "document's earliest publication."})
    also_reported_in = ma.fields.List(ma.fields.Nested(ReportSchema), metadata={
        "description": "The statement's other quotes, first reported first: at most 20; "
                       "`/v1/quotes?statement_id=` pages through all of them."})
    also_reported_count = ma.fields.Integer(metadata=doc(
        2, "How many other quotes the statement has in all."))

    @ma.pre_dump
    def _from_row(self, found, **kwargs):
        record = quote_record(found.quote._mapping)
        record["document"] = found.document
        record["sentence"] = {"start": found.sentence_start, "end": found.sentence_end,
                              "text": found.sentence}
        record["first_reported"] = report_record(found.first_reported)
        record["also_reported_in"] = [report_record(row) for row in found.also_reported]
        record["also_reported_count"] = found.also_reported_count
        return record


class SpeakerSummarySchema(ma.Schema):
    """A speaker and how often they are quoted."""

    id = ma.fields.Integer(metadata=doc(42))
    name = ma.fields.String(metadata=doc("Ilse Varga"))
    type = Choice(SpeakerType)
    role = ma.fields.String(allow_none=True, metadata=doc("Mayor"))
    quote_count = ma.fields.Integer(metadata=doc(17))


class SpeakerPageSchema(ma.Schema):
    next = next_cursor(COUNT_CURSOR, "12.42")
    items = ma.fields.List(ma.fields.Nested(SpeakerSummarySchema))


class QuoteSearchPageSchema(QuotePageSchema):
    """A page of /v1/quotes; with `speaker`, also the speakers the name matched."""

    matched_speakers = ma.fields.List(ma.fields.Nested(SpeakerSummarySchema), metadata={
        "description": "Only when `speaker` is given: the speakers it matched (most quoted "
                       "first, at most 100), whose quotes the pages hold; an empty list when "
                       "it matched nobody."})


class CountedOutletSchema(OutletRefSchema):
    quote_count = ma.fields.Integer(metadata=doc(9))


class TopOutletSchema(CountedOutletSchema):
    """An outlet that ran a speaker's quotes: how many, and where they are listed."""

    quote_count = ma.fields.Integer(metadata=doc(
        9, "How many of the speaker's quotes are in texts this outlet ran."))
    quotes = ma.fields.String(metadata=doc("/v1/quotes?speaker_id=42&outlet_id=3",
                                           "The /v1/quotes URL listing them."))


def quotes_link(query: str) -> str:
    return public_link("/v1/quotes") + "?" + query


class SpeakerDetailSchema(ma.Schema):
    """A speaker with aliases, roles, counts and outlets."""

    id = ma.fields.Integer(metadata=doc(42))
    name = ma.fields.String(metadata=doc("Ilse Varga"))
    type = Choice(SpeakerType)
    role = ma.fields.String(allow_none=True, metadata=doc("Mayor"))
    aliases = ma.fields.List(ma.fields.String(), metadata=doc(
        ["Ilse Varga", "Varga"], "Every way the speaker was named."))
    roles = ma.fields.List(ma.fields.String(), metadata=doc(
        ["Mayor"], "Every role or title the speaker was quoted under."))
    quote_count = ma.fields.Integer(metadata=doc(17))
    first_quoted = ma.fields.Date(allow_none=True, metadata=doc(
        "2025-11-04", "The earliest date any outlet ran one of the speaker's quotes."))
    last_quoted = ma.fields.Date(allow_none=True, metadata=doc(
        "2026-05-02", "The latest date any outlet ran one of them (a text run again later "
                      "counts on that later date, as the date filters read it)."))
    outlets = ma.fields.List(ma.fields.Nested(CountedOutletSchema), metadata={
        "description": "Every outlet, counting each quote once, under the outlet of its "
                       "text's first publication (`top_outlets` counts every outlet that "
                       "ran it, as the outlet filters do)."})
    top_outlets = ma.fields.List(ma.fields.Nested(TopOutletSchema), metadata={
        "description": "The ten outlets that ran most of the speaker's quotes, each count "
                       "linked to its list (a text two outlets ran counts for both)."})

    @ma.pre_dump
    def _from_profile(self, profile, **kwargs):
        speaker = profile.speaker
        return {"id": speaker.id, "name": speaker.name, "type": speaker.type,
                "role": speaker.role, "aliases": profile.aliases, "roles": profile.roles,
                "quote_count": profile.quote_count, "first_quoted": profile.first_quoted,
                "last_quoted": profile.last_quoted,
                "outlets": [row._asdict() for row in profile.outlets],
                "top_outlets": [{**row._asdict(), "quotes": quotes_link(
                    f"speaker_id={speaker.id}&outlet_id={row.id}")}
                    for row in profile.top_outlets]}


class OutletSchema(OutletRefSchema):
    """An outlet."""


class OutletPageSchema(ma.Schema):
    next = next_cursor(NAME_CURSOR, "Valley Wire.3")
    items = ma.fields.List(ma.fields.Nested(OutletSchema))


class CountedSpeakerSchema(ma.Schema):
    id = ma.fields.Integer(metadata=doc(42))
    name = ma.fields.String(metadata=doc("Ilse Varga"))
    quote_count = ma.fields.Integer(metadata=doc(9))
    quotes = ma.fields.String(metadata=doc("/v1/quotes?outlet_id=3&speaker_id=42",
                                           "The /v1/quotes URL listing them."))


class OutletDetailSchema(ma.Schema):
    """An outlet with its counts, dates and most quoted speakers, over every text it ran
    (whoever ran it first)."""

    id = ma.fields.Integer(metadata=doc(3))
    name = ma.fields.String(metadata=doc("Valley Wire"))
    publication_count = ma.fields.Integer(metadata=doc(
        124, "How many times it ran a text (a text at two urls counts twice)."))
    document_count = ma.fields.Integer(metadata=doc(120, "How many texts it ran."))
    quote_count = ma.fields.Integer(metadata=doc(415, "How many quotes those texts hold."))
    first_published = ma.fields.Date(allow_none=True, metadata=doc("2025-01-07"))
    last_published = ma.fields.Date(allow_none=True, metadata=doc("2026-05-02"))
    top_speakers = ma.fields.List(ma.fields.Nested(CountedSpeakerSchema), metadata={
        "description": "The ten speakers it quotes most."})

    @ma.pre_dump
    def _from_profile(self, profile, **kwargs):
        return {"id": profile.outlet.id, "name": profile.outlet.name,
                "publication_count": profile.publication_count,
                "document_count": profile.document_count, "quote_count": profile.quote_count,
                "first_published": profile.first_published,
                "last_published": profile.last_published,
                "top_speakers": [{**row._asdict(), "quotes": quotes_link(
                    f"outlet_id={profile.outlet.id}&speaker_id={row.id}")}
                    for row in profile.top_speakers]}


class DocumentSummarySchema(ma.Schema):
    """A stored document, without its text. Title, url, author, outlet and date are those of
    its earliest publication; with outlet or date filters, of its earliest among those they
    pick."""

    id = ma.fields.String(metadata=doc(DOCUMENT_ID_EXAMPLE,
                                       "The first 16 hex digits of its sha256."))
    title = ma.fields.String(allow_none=True, metadata=doc("Bridge"))
    url = ma.fields.String(allow_none=True, metadata=doc("https://valleywire.example/bridge"))
    author = ma.fields.String(allow_none=True, metadata=doc("Ana Prado"))
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True)
    published = ma.fields.Date(allow_none=True, metadata=doc("2026-05-02"))
    external_id = ma.fields.String(allow_none=True, metadata=doc("vw-2026-0502-17"))
    source = ma.fields.String(allow_none=True, metadata=doc("newsroom-feed"))
    sha256 = ma.fields.String(metadata=doc(SHA256_EXAMPLE))
    extractor_version = ma.fields.String(metadata=doc("0.5+83e76751"))
    ingested_at = ma.fields.DateTime(metadata=doc("2026-05-02T09:30:00+00:00"))
    quote_count = ma.fields.Integer(metadata=doc(1))
    publication_count = ma.fields.Integer(metadata=doc(
        3, "How many publications it has (outlets and urls that ran it)."))

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        return document_record(row)


DOCUMENT_FIELDS = ("id", "title", "url", "author", "published", "external_id", "source",
                   "sha256", "extractor_version", "ingested_at")
PUBLICATION_FIELDS = ("title", "url", "author", "published")


def document_record(row) -> dict:
    """A document row (models.queries.document_rows(), maybe with one Publication) in the v1
    form: the publication's metadata, when the row carries one, else the earliest's."""
    document = row.Document
    record = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
    outlet_id = document.outlet_id
    publication = row._mapping.get("Publication")
    if publication is not None:
        record.update({name: getattr(publication, name) for name in PUBLICATION_FIELDS})
        outlet_id = publication.outlet_id
    return {**record, "outlet": {"id": outlet_id, "name": row.outlet_name} if outlet_id else None,
            "quote_count": row.quote_count, "publication_count": row.publication_count}


class DocumentPageSchema(ma.Schema):
    next = next_cursor(DATED_CURSOR, DATED_CURSOR_EXAMPLE)
    items = ma.fields.List(ma.fields.Nested(DocumentSummarySchema))


class PublicationSchema(ma.Schema):
    """One time an outlet ran the document."""

    id = ma.fields.Integer(metadata=doc(7, "The publication's id (PATCH the document with "
                                           "`publication_id` to correct this one)."))
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True)
    url = ma.fields.String(allow_none=True, metadata=doc("https://valleywire.example/bridge"))
    title = ma.fields.String(allow_none=True, metadata=doc("Bridge"))
    author = ma.fields.String(allow_none=True, metadata=doc("Ana Prado"))
    published = ma.fields.Date(allow_none=True, metadata=doc("2026-05-02"))
    ingested_at = ma.fields.DateTime(metadata=doc("2026-05-02T09:30:00+00:00"))
    updated_at = ma.fields.DateTime(allow_none=True, metadata=doc(
        "2026-05-03T08:00:00+00:00", "When its metadata was last changed; null if never."))

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        publication = row.Publication
        outlet_id = publication.outlet_id
        return {"id": publication.id,
                "outlet": {"id": outlet_id, "name": row.outlet_name} if outlet_id else None,
                **{name: getattr(publication, name) for name in (
                    "url", "title", "author", "published", "ingested_at", "updated_at")}}


class DocumentDetailSchema(DocumentSummarySchema):
    """A stored document with its text and every publication."""

    text = ma.fields.String(metadata=doc("“The bridge opens in June,” said Mayor Ilse Varga.",
                                         "The stored text that offsets index."))
    publications = ma.fields.List(ma.fields.Nested(PublicationSchema), metadata={
        "description": "Every time an outlet ran this text, earliest first."})

    @ma.pre_dump
    def _from_row(self, found, **kwargs):
        record = document_record(found["row"])
        record["text"] = found["row"].Document.text
        record["publications"] = found["publications"]
        return record


class IngestResultSchema(ma.Schema):
    """What POST /v1/documents stored."""

    status = Choice(IngestStatus)
    document = ma.fields.Nested(DocumentSummarySchema)
    quotes = ma.fields.List(ma.fields.Nested(QuoteSchema))


class ExtractResultSchema(ma.Schema):
    """The quotes found in posted text."""

    quotes = ma.fields.List(ma.fields.Nested(ExtractedQuoteSchema))
    truncated = ma.fields.Boolean(required=True, metadata=doc(
        False, "True when the text held more quotes than one answer carries (1,000 by "
               "default): `quotes` then holds the first of them."))


class IndexLinksSchema(ma.Schema):
    """Where each part of the API lives."""

    quotes = ma.fields.String(metadata=doc("/v1/quotes"))
    speakers = ma.fields.String(metadata=doc("/v1/speakers"))
    outlets = ma.fields.String(metadata=doc("/v1/outlets"))
    documents = ma.fields.String(metadata=doc("/v1/documents"))
    extract = ma.fields.String(metadata=doc("/v1/extract"))
    changes = ma.fields.String(metadata=doc("/v1/changes", "The change feed."))
    corrections = ma.fields.String(metadata=doc("/v1/corrections"))
    docs = ma.fields.String(metadata=doc("/docs", "Interactive documentation (Swagger UI)."))
    openapi = ma.fields.String(metadata=doc("/v1/openapi.json", "This API's OpenAPI document."))


class ApiIndexSchema(ma.Schema):
    """The entry point of v1: what it is and where everything lives."""

    title = ma.fields.String(metadata=doc("quotewire"))
    version = ma.fields.String(metadata=doc("1.1.0", "The OpenAPI document's version "
                                                     "(semantic versioning)."))
    links = ma.fields.Nested(IndexLinksSchema)
