"""The v1 wire contract: marshmallow schemas that validate requests and render responses.

They are the only serialisation path, and the OpenAPI document is generated from them.
"""

import datetime as dt
from collections.abc import Mapping

import marshmallow as ma
from marshmallow import validate

from models.names import normalize_name, normalize_outlet_name

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
KINDS = ("full", "partial")
STATUSES = ("attributed", "unattributed")
SPEAKER_TYPES = ("person", "organization", "anonymous", "unknown")
SORTS = ("-published", "published")


class Text(ma.fields.String):
    """A string the database can store: no NUL characters and no lone surrogates."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges these per class
        "unstorable": "Must not contain NUL characters or unpaired surrogates.",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text or _has_lone_surrogate(text):
            raise self.make_error("unstorable")
        return text


class PublishedDate(ma.fields.Date):
    """A publication date: an ISO 8601 date, or a datetime whose date is kept (as the file
    readers do), so `2026-03-02T10:00:00Z` and `2026-03-02` mean the same day."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges these per class
        "invalid": "Not a valid date: expected an ISO 8601 date (YYYY-MM-DD) or datetime "
                   "(such as 2026-03-02T10:00:00Z).",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
                try:
                    parsed = parse(value.strip())
                except ValueError:
                    continue
                return parsed.date() if isinstance(parsed, dt.datetime) else parsed
        raise self.make_error("invalid")


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _query_schema_meta():
    return type("Meta", (), {"unknown": ma.RAISE, "ordered": True})


# --- requests -----------------------------------------------------------------------------------

class PageQuerySchema(ma.Schema):
    Meta = _query_schema_meta()

    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT, validate=validate.Range(1, MAX_LIMIT),
        metadata={"description": f"Items per page, 1 to {MAX_LIMIT}."})
    cursor = Text(validate=validate.Length(1, 512), metadata={
        "description": "The `next` value of the previous page, passed back unchanged."})


class DatedPageQuerySchema(PageQuerySchema):
    """A page of a collection in published order, between two dates."""

    date_from = ma.fields.Date(data_key="from", metadata={
        "description": "Published on or after this date (ISO 8601, YYYY-MM-DD)."})
    date_to = ma.fields.Date(data_key="to", metadata={
        "description": "Published on or before this date (ISO 8601, YYYY-MM-DD)."})

    @ma.validates_schema
    def _dates_in_order(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ma.ValidationError("`from` must not be after `to`.", "from")


class QuoteFilterSchema(DatedPageQuerySchema):
    """Filters shared by every quote collection."""

    q = Text(validate=validate.Length(1, 200), metadata={
        "description": "Full-text search over the quote text (words, \"phrases\", -exclusions)."})
    kind = ma.fields.String(validate=validate.OneOf(KINDS), metadata={
        "description": "`full` (a clause or more) or `partial` (a phrase in the reporter's "
                       "sentence)."})
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    min_confidence = ma.fields.Float(validate=validate.Range(0, 1), metadata={
        "description": "Only quotes attributed with at least this confidence, 0 to 1."})
    sort = ma.fields.String(load_default="-published", validate=validate.OneOf(SORTS), metadata={
        "description": "`-published` (newest first, the default) or `published`; ties are "
                       "broken by id, and quotes with no date come last."})


class QuoteQuerySchema(QuoteFilterSchema):
    """Filters of GET /v1/quotes."""

    speaker = Text(validate=validate.Length(1, 300), metadata={
        "description": "A speaker's name or any alias; case and accents are ignored."})
    speaker_id = ma.fields.Integer(validate=validate.Range(1, None))
    outlet = Text(validate=validate.Length(1, 300), metadata={
        "description": "An outlet's name; case and accents are ignored."})
    outlet_id = ma.fields.Integer(validate=validate.Range(1, None))
    document_id = Text(validate=validate.Length(1, 64))


def searchable(normalize):
    """A validator refusing a name filter that `normalize` folds to nothing (`"`, `.`), which
    would otherwise match every row."""
    def check(value: str) -> None:
        if not normalize(value).strip():
            raise ma.ValidationError("Must contain a letter or digit to search for.")
    return check


class SpeakerQuerySchema(PageQuerySchema):
    name = Text(validate=[validate.Length(1, 300), searchable(normalize_name)], metadata={
        "description": "Keep speakers whose name or an alias contains this (case and accents "
                       "ignored); it must hold a letter or digit."})


class OutletQuerySchema(PageQuerySchema):
    name = Text(validate=[validate.Length(1, 300), searchable(normalize_outlet_name)], metadata={
        "description": "Keep outlets whose name contains this (case and accents ignored); it "
                       "must hold a letter or digit."})


class DocumentQuerySchema(DatedPageQuerySchema):
    outlet = Text(validate=validate.Length(1, 300))
    outlet_id = ma.fields.Integer(validate=validate.Range(1, None))
    sort = ma.fields.String(load_default="-published", validate=validate.OneOf(SORTS))


class ArticleSchema(ma.Schema):
    """One article to ingest."""

    class Meta:
        unknown = ma.RAISE
        ordered = True

    text = Text(required=True, validate=validate.Length(1), metadata={
        "description": "The article's plain text; quote offsets index it exactly."})
    title = Text(allow_none=True, validate=validate.Length(max=2000))
    url = Text(allow_none=True, validate=validate.Length(max=2000))
    author = Text(allow_none=True, validate=validate.Length(max=500))
    outlet = Text(allow_none=True, validate=validate.Length(1, 300))
    published = PublishedDate(allow_none=True, metadata={
        "description": "ISO 8601 date (YYYY-MM-DD) or datetime; the date is stored."})
    external_id = Text(allow_none=True, validate=validate.Length(max=500))
    source = Text(allow_none=True, validate=validate.Length(max=500))


class ExtractRequestSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    text = Text(required=True, validate=validate.Length(1), metadata={
        "description": "Plain text to find quotes in; nothing is stored."})


# --- responses ----------------------------------------------------------------------------------

class SpeakerRefSchema(ma.Schema):
    """Who said a quote, as attributed in its document."""

    id = ma.fields.Integer(allow_none=True, metadata={
        "description": "The speaker's id; null for speakers not kept as entities."})
    name = ma.fields.String(allow_none=True, metadata={"description": "The fullest name found."})
    mention = ma.fields.String(allow_none=True, metadata={
        "description": "The words the quote was attributed to (maybe a pronoun)."})
    start = ma.fields.Integer(allow_none=True)
    end = ma.fields.Integer(allow_none=True)
    type = ma.fields.String(allow_none=True, metadata={"enum": list(SPEAKER_TYPES)})
    role = ma.fields.String(allow_none=True)


class CueSchema(ma.Schema):
    text = ma.fields.String(metadata={"example": "said"})
    start = ma.fields.Integer()
    end = ma.fields.Integer()


class OutletRefSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()


class QuoteSchema(ma.Schema):
    """A direct quotation and its attribution."""

    class Meta:
        ordered = True

    id = ma.fields.String(metadata={"description": "Stable: derived from the document and span."})
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": list(KINDS)})
    status = ma.fields.String(metadata={"enum": list(STATUSES)})
    reason = ma.fields.String(allow_none=True, metadata={
        "description": "Why an unattributed quote has no speaker."})
    speaker = ma.fields.Nested(SpeakerRefSchema, allow_none=True)
    cue = ma.fields.Nested(CueSchema, allow_none=True)
    document_id = ma.fields.String()
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True)
    published = ma.fields.Date(allow_none=True)
    start = ma.fields.Integer(metadata={"description": "Offset of the quote's first character "
                                                       "in the document text (code points)."})
    end = ma.fields.Integer(metadata={"description": "Offset just past its last character."})
    rule = ma.fields.String(allow_none=True, metadata={
        "description": "The attribution rule that named the speaker."})
    confidence = ma.fields.Float()
    extractor_version = ma.fields.String()

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        return quote_record(row._mapping)


QUOTE_FIELDS = ("id", "text", "kind", "status", "reason", "document_id", "published", "start",
                "end", "rule", "confidence", "extractor_version")


def quote_record(quote: Mapping) -> dict:
    """A quote row (models.queries.quote_rows(), as a mapping) in the nested v1 form."""
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
    record = {name: quote[name] for name in QUOTE_FIELDS}
    record.update(speaker=speaker, cue=cue, outlet=outlet)
    return record


def quote_json(row) -> dict:
    """`QuoteSchema().dump(row)` for a listing row, without marshmallow's per-field work.

    Quote lists render through this (it is most of the cost of a page otherwise); the fields
    need no conversion but the date. tests/api/test_rendering.py holds it equal to the schema.
    """
    record = quote_record(row._mapping)
    if record["published"] is not None:
        record["published"] = record["published"].isoformat()
    return record


class PageSchema(ma.Schema):
    next = ma.fields.String(allow_none=True, metadata={
        "description": "Pass as `cursor` for the next page; null on the last page."})


class QuotePageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(QuoteSchema))


class SentenceSchema(ma.Schema):
    start = ma.fields.Integer()
    end = ma.fields.Integer()
    text = ma.fields.String()


class DocumentRefSchema(ma.Schema):
    id = ma.fields.String()
    title = ma.fields.String(allow_none=True)
    url = ma.fields.String(allow_none=True)
    author = ma.fields.String(allow_none=True)
    published = ma.fields.Date(allow_none=True)
    external_id = ma.fields.String(allow_none=True)
    source = ma.fields.String(allow_none=True)


class QuoteDetailSchema(QuoteSchema):
    """A quote with full provenance: its document and the sentence around it."""

    document = ma.fields.Nested(DocumentRefSchema)
    sentence = ma.fields.Nested(SentenceSchema, metadata={
        "description": "The sentence(s) around the quote, with offsets into the document."})

    @ma.pre_dump
    def _from_row(self, found, **kwargs):
        record = quote_record(found.quote._mapping)
        record["document"] = found.document
        record["sentence"] = {"start": found.sentence_start, "end": found.sentence_end,
                              "text": found.sentence}
        return record


class SpeakerSummarySchema(ma.Schema):
    class Meta:
        ordered = True

    id = ma.fields.Integer()
    name = ma.fields.String()
    type = ma.fields.String(metadata={"enum": list(SPEAKER_TYPES)})
    role = ma.fields.String(allow_none=True)
    quote_count = ma.fields.Integer()


class SpeakerPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(SpeakerSummarySchema))


class CountedOutletSchema(OutletRefSchema):
    quote_count = ma.fields.Integer()


class SpeakerDetailSchema(ma.Schema):
    class Meta:
        ordered = True

    id = ma.fields.Integer()
    name = ma.fields.String()
    type = ma.fields.String(metadata={"enum": list(SPEAKER_TYPES)})
    role = ma.fields.String(allow_none=True)
    aliases = ma.fields.List(ma.fields.String())
    roles = ma.fields.List(ma.fields.String(), metadata={
        "description": "Every role or title the speaker was quoted under."})
    quote_count = ma.fields.Integer()
    first_quoted = ma.fields.Date(allow_none=True)
    last_quoted = ma.fields.Date(allow_none=True)
    outlets = ma.fields.List(ma.fields.Nested(CountedOutletSchema))

    @ma.pre_dump
    def _from_profile(self, profile, **kwargs):
        speaker = profile.speaker
        return {"id": speaker.id, "name": speaker.name, "type": speaker.type,
                "role": speaker.role, "aliases": profile.aliases, "roles": profile.roles,
                "quote_count": profile.quote_count, "first_quoted": profile.first_quoted,
                "last_quoted": profile.last_quoted,
                "outlets": [row._asdict() for row in profile.outlets]}


class OutletSchema(OutletRefSchema):
    pass


class OutletPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(OutletSchema))


class CountedSpeakerSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    quote_count = ma.fields.Integer()


class OutletDetailSchema(ma.Schema):
    class Meta:
        ordered = True

    id = ma.fields.Integer()
    name = ma.fields.String()
    document_count = ma.fields.Integer()
    quote_count = ma.fields.Integer()
    first_published = ma.fields.Date(allow_none=True)
    last_published = ma.fields.Date(allow_none=True)
    top_speakers = ma.fields.List(ma.fields.Nested(CountedSpeakerSchema), metadata={
        "description": "The ten speakers it quotes most."})

    @ma.pre_dump
    def _from_profile(self, profile, **kwargs):
        return {"id": profile.outlet.id, "name": profile.outlet.name,
                "document_count": profile.document_count, "quote_count": profile.quote_count,
                "first_published": profile.first_published,
                "last_published": profile.last_published,
                "top_speakers": [row._asdict() for row in profile.top_speakers]}


class DocumentSummarySchema(ma.Schema):
    class Meta:
        ordered = True

    id = ma.fields.String(metadata={"description": "The first 16 hex digits of its sha256."})
    title = ma.fields.String(allow_none=True)
    url = ma.fields.String(allow_none=True)
    author = ma.fields.String(allow_none=True)
    outlet = ma.fields.Nested(OutletRefSchema, allow_none=True)
    published = ma.fields.Date(allow_none=True)
    external_id = ma.fields.String(allow_none=True)
    source = ma.fields.String(allow_none=True)
    sha256 = ma.fields.String()
    extractor_version = ma.fields.String()
    ingested_at = ma.fields.DateTime()
    quote_count = ma.fields.Integer()

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        return document_record(row.Document, row.outlet_name, row.quote_count)


def document_record(document, outlet_name, quote_count) -> dict:
    fields = ("id", "title", "url", "author", "published", "external_id", "source", "sha256",
              "extractor_version", "ingested_at")
    outlet = {"id": document.outlet_id, "name": outlet_name} if document.outlet_id else None
    return {**{name: getattr(document, name) for name in fields},
            "outlet": outlet, "quote_count": quote_count}


class DocumentPageSchema(PageSchema):
    items = ma.fields.List(ma.fields.Nested(DocumentSummarySchema))


class DocumentDetailSchema(DocumentSummarySchema):
    text = ma.fields.String(metadata={"description": "The stored text that offsets index."})

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        record = document_record(row.Document, row.outlet_name, row.quote_count)
        record["text"] = row.Document.text
        return record


class IngestResultSchema(ma.Schema):
    class Meta:
        ordered = True

    status = ma.fields.String(metadata={"enum": ["new", "unchanged"]})
    document = ma.fields.Nested(DocumentSummarySchema)
    quotes = ma.fields.List(ma.fields.Nested(QuoteSchema))


class ExtractedQuoteSchema(ma.Schema):
    """A quote found in posted text (the `quotewire extract` record, without a document)."""

    class Meta:
        ordered = True

    start = ma.fields.Integer()
    end = ma.fields.Integer()
    text = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": list(KINDS)})
    status = ma.fields.String(metadata={"enum": list(STATUSES)})
    reason = ma.fields.String(allow_none=True)
    speaker = ma.fields.Nested(SpeakerRefSchema, allow_none=True)
    cue = ma.fields.Nested(CueSchema, allow_none=True)
    rule = ma.fields.String(allow_none=True)
    confidence = ma.fields.Float()
    extractor_version = ma.fields.String()


class ExtractResultSchema(ma.Schema):
    quotes = ma.fields.List(ma.fields.Nested(ExtractedQuoteSchema))
