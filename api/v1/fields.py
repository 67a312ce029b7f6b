"""The building blocks of the v1 schemas: storable text, the enums, and field documentation.

Every enum is a `StrEnum` and a field of it a `Choice`: the OpenAPI document names each enum
once, as a shared component schema (`QuoteKind`, `SortOrder`, …) with `x-enum-varnames`, and
every field and parameter of that enum refers to it (api/openapi.py), so a generated client has
one `SortOrder` class with `SortOrder.PUBLISHED_DESC`, not one anonymous enum per use.
"""

import datetime as dt
import re
from enum import StrEnum

import marshmallow as ma
from marshmallow import validate


class QuoteKind(StrEnum):
    """`full`: a clause or more said verbatim; `partial`: a phrase woven into the reporter's
    own sentence."""

    FULL = "full"
    PARTIAL = "partial"


class QuoteStatus(StrEnum):
    """`attributed`: a speaker was found; `unattributed`: none was (`reason` says why);
    `rejected`: people corrected it as not a quotation (left out of every list and count
    unless `status=rejected` is asked for)."""

    ATTRIBUTED = "attributed"
    UNATTRIBUTED = "unattributed"
    REJECTED = "rejected"


class SpeakerType(StrEnum):
    """What kind of speaker: a named person, an organisation ("the ministry"), an anonymous
    source ("a senior official"), or unknown."""

    PERSON = "person"
    ORGANIZATION = "organization"
    ANONYMOUS = "anonymous"
    UNKNOWN = "unknown"


class SortOrder(StrEnum):
    """`-published`: newest first (the default); `published`: oldest first. Ties are broken
    by id, and items with no date come last either way."""

    PUBLISHED_DESC = "-published"
    PUBLISHED_ASC = "published"


class IngestStatus(StrEnum):
    """`new`: the text was stored, with its quotes and first publication; `new_publication`:
    the text was stored already, and this outlet and url are a new publication of it;
    `updated`: this publication (same text, outlet and url) was stored, and the title, author
    or date sent differ: they were applied; `unchanged`: all of it was stored already."""

    NEW = "new"
    NEW_PUBLICATION = "new_publication"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class QuoteDistinct(StrEnum):
    """`statement`: one quote per statement, its first reported."""

    STATEMENT = "statement"


class CountDimension(StrEnum):
    """What quotes are counted by: a speaker, an outlet (every outlet that ran the text), the
    speaker's type, the quote's kind or status, or the day, week (Monday to Sunday), month or
    year of a publication."""

    SPEAKER = "speaker"
    OUTLET = "outlet"
    SPEAKER_TYPE = "speaker_type"
    KIND = "kind"
    STATUS = "status"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class MissingValue(StrEnum):
    """A value a quote may lack: `speaker` (no linked speaker, such as an anonymous source),
    `speaker_type` (no speaker found), `outlet` (run with no outlet named), `published` (run
    with no date)."""

    SPEAKER = "speaker"
    SPEAKER_TYPE = "speaker_type"
    OUTLET = "outlet"
    PUBLISHED = "published"


class ChangeKind(StrEnum):
    """What happened to a quote: `created`, `updated` (corrected, re-extracted, re-published,
    its speaker merged) or `deleted` (re-extraction no longer finds it, or its document was
    taken down)."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


class CorrectionTarget(StrEnum):
    """What a correction changed: a `quote`, a `speaker`, a `document` or one `publication`
    of a document."""

    QUOTE = "quote"
    SPEAKER = "speaker"
    DOCUMENT = "document"
    PUBLICATION = "publication"


ENUMS = (QuoteKind, QuoteStatus, SpeakerType, SortOrder, IngestStatus, QuoteDistinct,
         CountDimension, MissingValue, ChangeKind, CorrectionTarget)


def doc(example, description: str | None = None) -> dict:
    """Field metadata for the OpenAPI document: an example value and, if given, a description."""
    metadata = {"example": example}
    if description:
        metadata["description"] = description
    return metadata


# The rule Text enforces, as the OpenAPI document states it (ECMA-262 and Python read it alike),
# so clients and schemathesis know a NUL is refused. Lone surrogates need no pattern: they are
# not Unicode text, so a string that conforms to the document never holds one.
NO_NUL_PATTERN = r"^[^\x00]*$"


class Text(ma.fields.String):
    """A string the database can store: no NUL characters and no lone surrogates."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges these per class
        "unstorable": "Must not contain NUL characters or unpaired surrogates.",
    }

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"pattern": NO_NUL_PATTERN, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text or _has_lone_surrogate(text):
            raise self.make_error("unstorable")
        return text


class Cursor(Text):
    """A page cursor of one collection's form (`grammar`, a regular expression; see
    api/v1/pagination.py), which the OpenAPI document states as the parameter's pattern."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges these per class
        "not_a_cursor": "Not a cursor of this collection: pass back the `next` value of one "
                        "of its pages.",
    }

    def __init__(self, grammar: str, max_length: int, **kwargs):
        kwargs["metadata"] = {**kwargs.get("metadata", {}), "pattern": grammar}
        super().__init__(validate=[validate.Length(1, max_length), self._check_form], **kwargs)
        self.grammar = re.compile(grammar)

    def _check_form(self, cursor: str) -> None:
        # fullmatch: the pattern's `$` alone would let a trailing newline through.
        if self.grammar.fullmatch(cursor) is None:
            raise ma.ValidationError(self.error_messages["not_a_cursor"])


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


class Choice(ma.fields.String):
    """One value of a `StrEnum`, loaded and dumped as the plain string.

    The OpenAPI document refers to the enum's shared component schema (api/openapi.py).
    """

    def __init__(self, choices: type[StrEnum], **kwargs):
        super().__init__(validate=validate.OneOf([choice.value for choice in choices]), **kwargs)
        self.choices = choices


class CommaList(ma.fields.List):
    """A list in the query string, repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`), or
    both; written back comma-separated."""

    def _deserialize(self, value, attr, data, **kwargs):
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) for item in values):
            raise self.make_error("invalid")
        parts = [part.strip() for item in values for part in item.split(",")]
        try:
            return super()._deserialize(parts, attr, data, **kwargs)
        except ma.ValidationError as error:
            # Keyed by position ({0: [...]}) otherwise, which JSON cannot hold as is.
            raise ma.ValidationError([f"{parts[at]!r}: {' '.join(messages)}" for at, messages
                                      in error.messages.items()]) from None

    def _serialize(self, value, attr, obj, **kwargs):
        items = super()._serialize(value, attr, obj, **kwargs)
        return None if items is None else ",".join(items)
