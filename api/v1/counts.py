"""GET /v1/quotes/counts in wire form: its query, its answer, and the link from each count to
the /v1/quotes URL listing exactly the quotes it counts."""

from datetime import date
from urllib.parse import urlencode

import marshmallow as ma
from flask import current_app
from flask_smorest import abort
from marshmallow import validate

from api.database import session
from api.json_encoding import json_response
from api.v1.collections import quote_filters
from api.v1.fields import Choice, CommaList, CountDimension, Cursor, doc
from api.v1.pagination import GROUP_CURSOR, MAX_CURSOR_LENGTH, link_header, public_link
from api.v1.representations import CSV, JSON, stream_export, wanted_type
from api.v1.schemas import QuoteQuerySchema
from models.deadline import QueryTimeout, deadline
from models.queries import MAX_ROW_ID
from models.queries.counts import (
    ID_DIMENSIONS,
    NO_ID,
    NO_WORD,
    TIME_UNITS,
    Counts,
    GroupKey,
    TooManyPeriods,
    count_quotes,
    next_period,
)

MAX_COUNT_LIMIT = 1000
CURSOR_EXAMPLE = "120.42"  # after the group of speaker 42, which counts 120 quotes
# An answer holds at most this many groups (periods × values of the other dimension).
MAX_GROUPS = 20_000
COUNTS_200 = ("The counts (JSON); with `Accept: text/csv`, the same groups as a table, one "
              "column (and one label column) per dimension, then `count` and `quotes`.")
# The filters a count's link repeats, in the order the link writes them.
LINK_FILTERS = QuoteQuerySchema(exclude=("limit", "cursor", "sort"))


class QuoteCountQuerySchema(QuoteQuerySchema):
    """The filters of GET /v1/quotes, and what to count the quotes by."""

    class Meta:
        unknown = ma.RAISE
        exclude = ("sort",)

    # Groups are paged by their own keyset, (count descending, keys), not a quote list's.
    cursor = Cursor(GROUP_CURSOR, MAX_CURSOR_LENGTH, metadata=doc(
        CURSOR_EXAMPLE, "Where the previous answer ended: its `next`. Any cursor of this form "
                        "names a position, and the groups after it are answered: a count, "
                        "then the keys of a group in `group_by` order (a speaker's or "
                        "outlet's id, a type, kind or status; empty or 0 for none), periods "
                        "left out (they are never paged). Fewer keys than dimensions: after "
                        "every group with that count and those keys; more: the extra ones "
                        "are ignored; a word or a number past any id where an id goes: after "
                        "every id."))
    group_by = CommaList(
        Choice(CountDimension), required=True, validate=validate.Length(1, 2), metadata={
            **doc(["speaker", "month"], "One dimension, or two different ones (comma-separated "
                                        "or repeated), at most one of them a period (day, "
                                        "week, month, year)."),
            # Two periods is what the spec excludes: a pattern, not an enum of its own.
            "uniqueItems": True,
            "not": {"minItems": 2, "items": {"pattern": f"^(?:{'|'.join(TIME_UNITS)})$"}}})
    limit = ma.fields.Integer(
        load_default=50, validate=validate.Range(1, MAX_COUNT_LIMIT),
        metadata=doc(20, f"How many groups of speakers, outlets, types, kinds or statuses "
                         f"per answer, 1 to {MAX_COUNT_LIMIT} (periods are never cut)."))

    @ma.validates("group_by")
    def _different_dimensions(self, value, **kwargs):
        if len(set(value)) != len(value):
            raise ma.ValidationError("Give one dimension, or two different ones.")
        if sum(d in TIME_UNITS for d in value) > 1:
            raise ma.ValidationError("At most one of day, week, month and year.")


class CountGroupSchema(ma.Schema):
    """How many quotes one group holds, and where to list them."""

    key = ma.fields.List(ma.fields.String(allow_none=True), metadata=doc(
        ["42", "2026-01-01"], "The group's value of each dimension, in `group_by` order: a "
                              "speaker's or outlet's id, a type, kind or status, or a "
                              "period's first day; null for quotes lacking the value (no "
                              "linked speaker, no outlet, no date)."))
    label = ma.fields.List(ma.fields.String(allow_none=True), metadata=doc(
        ["Ilse Varga", "2026-01"], "The same for a person: a name, or a period written as "
                                   "2026-01-05, 2026-W02, 2026-01 or 2026."))
    count = ma.fields.Integer(metadata=doc(17, "How many quotes the group holds."))
    quotes = ma.fields.String(metadata=doc(
        "/v1/quotes?speaker_id=42&from=2026-01-01&to=2026-01-31",
        "The /v1/quotes URL listing exactly these quotes."))


class QuoteCountsSchema(ma.Schema):
    """Quotes counted by one or two dimensions. Time groups come in time order, every period
    between the first and the last present (0 when empty), undated quotes last; other groups
    by count, highest first, `limit` at a time."""

    group_by = ma.fields.List(Choice(CountDimension))
    total = ma.fields.Integer(metadata=doc(
        415, "How many quotes the filters match, each once. Outlet and date groups can add "
             "up to more: a text two outlets ran is counted under both."))
    quotes = ma.fields.String(metadata=doc("/v1/quotes?speaker_id=42",
                                           "The /v1/quotes URL listing all of them."))
    groups = ma.fields.List(ma.fields.Nested(CountGroupSchema))
    next = ma.fields.String(allow_none=True, metadata={
        **doc(CURSOR_EXAMPLE, "Pass as `cursor` for the next groups; null when there are no "
                              "more."),
        "pattern": GROUP_CURSOR})


def count_answer(args: dict):
    """The counts the query asks for, as JSON or CSV."""
    dimensions = tuple(args["group_by"])
    mimetype = wanted_type((JSON, CSV))
    after = group_key(args.get("cursor"), dimensions)
    seconds = current_app.config["QUOTEWIRE"].count_seconds
    try:
        with deadline(session(), seconds):
            counts = count_quotes(session(), quote_filters(args), dimensions,
                                  limit=args["limit"], after=after, max_groups=MAX_GROUPS)
    except TooManyPeriods as error:
        abort(422, message=f"These counts would hold {error.periods:,} periods per value, more "
                           f"than one answer holds ({MAX_GROUPS:,} groups): choose a longer "
                           "period, narrower dates, or a smaller limit.",
              errors={"query": {"group_by": ["Too many periods."]}})
    except QueryTimeout:
        abort(503, message=f"These counts took longer than {seconds:g} s and were stopped: "
                           "narrow them with more filters (a speaker, an outlet, dates).")
    token = group_cursor(counts.next_key)
    links = QuoteLinks(args)
    groups = [group_record(links, dimensions, counts, group) for group in counts.groups]
    if mimetype == CSV:
        response = stream_export(CSV, (csv_row(dimensions, g) for g in groups),
                                 csv_columns(dimensions), "counts")
        response.headers.update(link_header(token))
        return response
    body = {"group_by": list(dimensions), "total": counts.total, "quotes": links.to({}),
            "groups": groups, "next": token}
    return json_response(body), 200, link_header(token)


def group_record(links: "QuoteLinks", dimensions, counts: Counts, group) -> dict:
    overrides: dict = {}
    for dimension, value in zip(dimensions, group.keys, strict=True):
        overrides.update(group_filter(links.args, dimension, value, overrides))
    return {"key": [key_text(value) for value in group.keys],
            "label": [label_text(d, v, counts.names) for d, v in zip(dimensions, group.keys,
                                                                    strict=True)],
            "count": group.count, "quotes": links.to(overrides)}


def group_filter(args: dict, dimension: str, value, overrides: dict) -> dict:
    """The filters that narrow the query's to one group's value of `dimension`."""
    if value is None:
        missing = "published" if dimension in TIME_UNITS else dimension
        without = set(overrides.get("without", args.get("without") or ()))
        return {"without": sorted(without | {missing})}
    if dimension in ID_DIMENSIONS:
        return {f"{dimension}_id": value}
    if dimension not in TIME_UNITS:
        return {dimension: value}
    last = date.fromordinal(next_period(value, dimension).toordinal() - 1)
    date_from, date_to = args.get("date_from"), args.get("date_to")
    return {"date_from": max(value, date_from) if date_from else value,
            "date_to": min(last, date_to) if date_to else last}


class QuoteLinks:
    """/v1/quotes URLs with the query's filters, some replaced or added: the query's own are
    written once (by the schema that reads them), each group's few by hand (an answer can
    hold thousands of groups)."""

    def __init__(self, args: dict):
        self.args = args
        given = {name: value for name, value in args.items()
                 if name in LINK_FILTERS.fields and value is not None}
        self.base = {name: urlencode({name: value}, safe=",")
                     for name, value in LINK_FILTERS.dump(given).items()}
        self.path = public_link("/v1/quotes")

    def to(self, overrides: dict) -> str:
        pairs = dict(self.base)
        for name, value in overrides.items():
            key = LINK_FILTERS.fields[name].data_key or name
            text = ",".join(value) if isinstance(value, list) else key_text(value)
            pairs[key] = urlencode({key: text}, safe=",")
        return self.path + ("?" + "&".join(pairs.values()) if pairs else "")


def key_text(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def label_text(dimension: str, value, names: dict) -> str | None:
    if value is None:
        return None
    if dimension in ID_DIMENSIONS:
        return names[dimension].get(value)
    if dimension == "week":
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    if dimension == "month":
        return value.strftime("%Y-%m")
    if dimension == "year":
        return str(value.year)
    return key_text(value)


def csv_columns(dimensions) -> tuple[str, ...]:
    return (*(name for d in dimensions for name in (d, f"{d}_label")), "count", "quotes")


def csv_row(dimensions, group: dict) -> dict:
    row = {"count": group["count"], "quotes": group["quotes"]}
    for dimension, key, label in zip(dimensions, group["key"], group["label"], strict=True):
        row[dimension], row[f"{dimension}_label"] = key, label
    return row


# --- cursors ------------------------------------------------------------------------------------

def group_cursor(key: GroupKey | None) -> str | None:
    """`120.42`: the count, then each key (an id, 0 for none; a word, empty for none)."""
    if key is None:
        return None
    return ".".join(str(part) for part in (key.count, *key.keys))


def group_key(cursor: str | None, dimensions) -> GroupKey | None:
    """The position a cursor of GROUP_CURSOR's form names in the order of `dimensions`' groups
    (see the `cursor` parameter): every such string names one."""
    if cursor is None:
        return None
    count, *parts = cursor.split(".")
    if int(count) > MAX_ROW_ID:  # more than any group counts: every group comes after it
        return None
    keys = []
    for dimension, part in zip([d for d in dimensions if d not in TIME_UNITS], parts,
                               strict=False):
        if dimension not in ID_DIMENSIONS:
            keys.append(part or NO_WORD)
        elif not part:
            keys.append(NO_ID)
        elif part.isdigit() and int(part) <= MAX_ROW_ID:
            keys.append(int(part))
        else:  # not an id, or past every id: the position follows every id after these keys
            break
    return GroupKey(int(count), tuple(keys))
