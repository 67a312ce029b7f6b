"""The v1 wire contract of corrections, takedowns and the change feed."""

import json
from typing import ClassVar

import marshmallow as ma
from marshmallow import validate

from api.v1.fields import (
    ChangeKind,
    Choice,
    CorrectionTarget,
    Cursor,
    PublishedDate,
    QuoteKind,
    QuoteStatus,
    SpeakerType,
    Text,
    doc,
)
from api.v1.pagination import MAX_CURSOR_LENGTH, POSITION_CURSOR
from api.v1.schemas import (
    DEFAULT_LIMIT,
    DOCUMENT_ID_EXAMPLE,
    MAX_LIMIT,
    QUOTE_ID_EXAMPLE,
    PageQuerySchema,
)

# The change feed and the corrections page by a position in the change log: any number names
# one, and the page after it is answered.
CURSOR_EXAMPLE = "1042"

# A speaker's name or alias: its folded form (ingest/speakers.py) needs a letter or digit and
# fits 200 characters, which a name of 200 ASCII characters does. Stated for ASCII, the reading
# ECMA-262 and Python share: a character outside ASCII counts as one.
NAME_PATTERN = r"^[^\x00]*[^\x00-/:-@\[-`{-\x7f][^\x00]*$"
NAME_RULE = " At most 200 characters, with a letter or digit."

NOTE = {"required": True, "validate": validate.Length(1, 2000), "metadata": doc(
    "The source's byline names the minister.", "Why: kept with the correction.")}


class SpeakerName(Text):
    """A speaker's name as a correction gives it (see NAME_PATTERN)."""

    def __init__(self, example, description: str, **kwargs):
        super().__init__(validate=[validate.Length(1, 200), validate.Regexp(
            NAME_PATTERN, error="A name needs a letter or digit.")], metadata={
            **doc(example, description + NAME_RULE), "pattern": NAME_PATTERN}, **kwargs)


def _strict():
    return type("Meta", (), {"unknown": ma.RAISE})


def _at_least_one(data: dict, fields) -> None:
    if not any(name in data for name in fields):
        raise ma.ValidationError(f"Give at least one of: {', '.join(fields)}.")


class QuoteCorrectionSchema(ma.Schema):
    """What to correct in a quote (at least one field besides `note`; `speaker_id` or
    `speaker`, not both), and why; the fields left out stay as they are."""

    Meta = _strict()
    openapi_rules: ClassVar = {
        "description": "What to correct in a quote: at least one field besides `note`, and "
                       "`speaker_id` or `speaker`, not both; the fields left out stay as they "
                       "are.",
        "minProperties": 2, "not": {"required": ["speaker_id", "speaker"]}}

    speaker_id = ma.fields.Integer(allow_none=True, validate=validate.Range(1, (1 << 31) - 1),
                                   metadata=doc(42, "The speaker who said it (null: nobody "
                                                    "found, the quote becomes unattributed)."))
    speaker = SpeakerName("Ilse Varga", "Or the speaker's name: an existing speaker's name or "
                                        "alias, or a new speaker (of `speaker_type`, a person "
                                        "by default).")
    speaker_type = Choice(SpeakerType)
    kind = Choice(QuoteKind)
    status = Choice(QuoteStatus, metadata={"description": "`rejected`: not a quotation."})
    note = Text(**NOTE)

    @ma.validates_schema
    def _one_thing_to_correct(self, data, **kwargs):
        _at_least_one(data, ("speaker_id", "speaker", "speaker_type", "kind", "status"))
        if "speaker_id" in data and "speaker" in data:
            raise ma.ValidationError("Give `speaker_id` or `speaker`, not both.", "speaker")


class SpeakerEditSchema(ma.Schema):
    """What to change in a speaker (at least one field besides `note`), and why."""

    Meta = _strict()
    openapi_rules: ClassVar = {
        "description": "What to change in a speaker: at least one field besides `note`.",
        "minProperties": 2}

    name = SpeakerName("Ilse Varga", "The canonical name; the old one keeps finding this "
                                     "speaker.")
    type = Choice(SpeakerType)
    aliases = ma.fields.List(SpeakerName("Mayor Varga", "An alias."),
                             validate=validate.Length(max=200), metadata=doc(
                                 ["Ilse Varga", "Mayor Varga"], "Every alias (replaces them)."))
    note = Text(**NOTE)

    @ma.validates_schema
    def _one_thing_to_change(self, data, **kwargs):
        _at_least_one(data, ("name", "type", "aliases"))


class SpeakerMergeSchema(ma.Schema):
    """The speaker to merge this one into, and why."""

    Meta = _strict()

    into = ma.fields.Integer(required=True, validate=validate.Range(1, (1 << 31) - 1),
                             metadata=doc(42, "The surviving speaker's id."))
    note = Text(**NOTE)


class DocumentCorrectionSchema(ma.Schema):
    """Metadata to correct, and why. Title, url, author, outlet and published belong to a
    publication: the one `publication_id` names, else the earliest (whose metadata the
    document shows); external_id and source to the document. At least one of them."""

    Meta = _strict()
    openapi_rules: ClassVar = {
        "description": "Metadata to correct: at least one field besides `note` and "
                       "`publication_id`.",
        "minProperties": 2, "not": {"required": ["publication_id"], "maxProperties": 2}}

    publication_id = ma.fields.Integer(validate=validate.Range(1, (1 << 31) - 1),
                                       metadata=doc(7, "Which publication to correct."))
    title = Text(allow_none=True, validate=validate.Length(max=2000), metadata=doc("Bridge"))
    url = Text(allow_none=True, validate=validate.Length(max=2000),
               metadata=doc("https://valleywire.example/bridge"))
    author = Text(allow_none=True, validate=validate.Length(max=500), metadata=doc("Ana Prado"))
    outlet = Text(allow_none=True, validate=validate.Length(1, 300), metadata=doc("Valley Wire"))
    published = PublishedDate(allow_none=True, metadata=doc("2026-05-02"))
    external_id = Text(allow_none=True, validate=validate.Length(max=500),
                       metadata=doc("vw-2026-0502-17"))
    source = Text(allow_none=True, validate=validate.Length(max=500),
                  metadata=doc("newsroom-feed"))
    note = Text(**NOTE)

    @ma.validates_schema
    def _one_thing_to_correct(self, data, **kwargs):
        _at_least_one(data, ("title", "url", "author", "outlet", "published", "external_id",
                             "source"))


class TakedownQuerySchema(ma.Schema):
    Meta = _strict()

    note = Text(validate=validate.Length(1, 2000), load_default="taken down", metadata=doc(
        "Withdrawn by the publisher.", "Why it is taken down."))


class RestoreSchema(ma.Schema):
    """Why the document comes back."""

    Meta = _strict()

    note = Text(validate=validate.Length(1, 2000), load_default="restored",
                metadata=doc("Cleared by legal.", "Why it comes back."))


class CorrectionSchema(ma.Schema):
    """One field set by hand: who, when, the value before and after, and why."""

    id = ma.fields.Integer(metadata=doc(12))
    target = Choice(CorrectionTarget)
    target_id = ma.fields.String(metadata=doc(QUOTE_ID_EXAMPLE, "The quote, speaker, document "
                                                                "or publication's id."))
    document_id = ma.fields.String(allow_none=True, metadata=doc(DOCUMENT_ID_EXAMPLE))
    field = ma.fields.String(metadata=doc("speaker"))
    before = ma.fields.Raw(allow_none=True, metadata=doc(
        {"id": 41, "name": "Bram Osei"}, "The value before (any JSON value)."))
    after = ma.fields.Raw(allow_none=True, metadata=doc(
        {"id": 42, "name": "Ilse Varga"}, "The value after (any JSON value)."))
    note = ma.fields.String(metadata=doc("The source's byline names the minister."))
    key_name = ma.fields.String(metadata=doc("newsroom", "The API key it was made with."))
    created_at = ma.fields.DateTime(metadata=doc("2026-05-02T09:30:00+00:00"))
    orphaned = ma.fields.Boolean(metadata=doc(
        False, "True while its quote does not exist: re-extraction no longer finds a quote "
               "at that span (the correction is kept, and applies again if it does)."))

    @ma.pre_dump
    def _from_row(self, row, **kwargs):
        record = {name: getattr(row, name) for name in (
            "id", "target", "target_id", "document_id", "field", "note", "key_name",
            "created_at", "orphaned")}
        return {**record, "before": json.loads(row.before), "after": json.loads(row.after)}


class CorrectionListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CorrectionSchema))


class CorrectionPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CorrectionSchema))
    next = ma.fields.String(allow_none=True, metadata=doc(
        CURSOR_EXAMPLE, "Pass as `cursor` for the next page; null on the last page."))


class CorrectionQuerySchema(PageQuerySchema):
    cursor = Cursor(POSITION_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        CURSOR_EXAMPLE, "Where the previous page ended: its `next`. Any number names a "
                        "position in the change log, and the page after it is answered."))
    orphaned = ma.fields.Boolean(metadata=doc(
        True, "true: only corrections whose quote is gone; false: only the others."))


class ChangeSchema(ma.Schema):
    """One quote created, updated or deleted."""

    position = ma.fields.Integer(attribute="id", metadata=doc(
        1042, "Where it is in the feed: later changes have larger positions."))
    quote_id = ma.fields.String(metadata=doc(QUOTE_ID_EXAMPLE))
    document_id = ma.fields.String(metadata=doc(DOCUMENT_ID_EXAMPLE))
    change = Choice(ChangeKind)
    cause = ma.fields.String(metadata=doc(
        "correction", "What made it: ingest, reextract, correction, publication, merge, "
                      "takedown."))
    changed_at = ma.fields.DateTime(metadata=doc("2026-05-02T09:30:00+00:00"))


class ChangePageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ChangeSchema))
    next = ma.fields.String(allow_none=True, metadata=doc(
        CURSOR_EXAMPLE, "Pass as `after` for the changes after this page. Never null once "
                        "the feed has a change: on a short page (you are up to date) it is "
                        "where to ask again later."))


class ChangeQuerySchema(ma.Schema):
    Meta = _strict()

    limit = ma.fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(1, MAX_LIMIT),
                              metadata=doc(20, f"Changes per page, 1 to {MAX_LIMIT}."))
    after = Cursor(POSITION_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        CURSOR_EXAMPLE, "The `next` of an earlier page; leave out to start at the first "
                        "change. Any number names a position in the feed."))
