"""What every v1 collection shares: cursor codecs, documented headers, and quote listings.

Any quote collection (/v1/quotes, /v1/speakers/{id}/quotes, …) answers a JSON page, or, for
`Accept: text/csv` or `application/x-ndjson`, a stream of every matching quote.
"""

from flask import request
from flask_smorest import Blueprint, abort
from webargs.flaskparser import FlaskParser, is_json_request

from api.database import database, session
from api.errors import PROBLEM_CONTENT_TYPE, ProblemSchema
from api.json_encoding import json_response
from api.json_limits import JSONLimitError, check_json_bounds
from api.negotiation import offers
from api.v1.page_cache import answer_from_cache
from api.v1.pagination import (
    count_cursor,
    count_key,
    dated_cursor,
    dated_key,
    link_header,
    name_cursor,
    name_key,
)
from api.v1.representations import (
    COLLECTION_TYPES,
    CSV,
    EXPORT_TYPES,
    NDJSON,
    finish_get,
    serialised,
    stream_export,
    wanted_type,
)
from api.v1.schemas import QuoteFilterSchema, QuotePageSchema, quote_json
from models import queries
from models.queries import CountKey, DatedKey, NameKey, QuoteFilters

LINK_HEADER = {"Link": {"description": 'RFC 8288 link to the next page: `<url>; rel="next"`; '
                                      "absent on the last page.",
                        "schema": {"type": "string"}}}
ETAG_HEADER = {"ETag": {"description": "A weak validator of this body, for If-None-Match.",
                        "schema": {"type": "string"}}}
QUOTE_CSV_COLUMNS = (
    "id", "text", "kind", "status", "reason", "speaker_id", "speaker_name", "speaker_mention",
    "speaker_start", "speaker_end", "speaker_type", "speaker_role", "cue_text", "cue_start",
    "cue_end", "document_id", "outlet_id", "outlet_name", "published", "start", "end", "rule",
    "confidence", "extractor_version", "publication_count", "statement_id", "title", "url",
    "corrected",
)


class StrictParser(FlaskParser):
    """Leaves unknown-field handling to each schema (v1 schemas RAISE: typos are errors), and
    refuses JSON bodies beyond api.json_limits' bounds before parsing them (400)."""

    DEFAULT_UNKNOWN_BY_LOCATION = {  # noqa: RUF012 - class-level default, as in webargs
        **FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None, "querystring": None}

    def _raw_load_json(self, req):
        if is_json_request(req):
            try:
                check_json_bounds(req.get_data(cache=True))
            except JSONLimitError as error:
                abort(400, message=str(error))
        return super()._raw_load_json(req)


class V1Blueprint(Blueprint):
    ARGUMENTS_PARSER = StrictParser()


def v1_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> Blueprint:
    """A v1 resource blueprint; its GET answers carry ETags, honour If-None-Match, and are
    kept in the page cache while the data is unchanged."""
    blp = V1Blueprint(name, import_name, url_prefix=url_prefix, description=description)
    blp.before_request(answer_from_cache)
    blp.after_request(finish_get)
    return blp


BAD_JSON = ("The body is not valid JSON, or nests deeper or holds longer numbers than the "
            "server accepts.")
QUOTES_200 = ("A page of quotes (JSON); with `Accept: text/csv` or `application/x-ndjson`, "
              "every matching quote, streamed.")
ITEMS_200 = ("A page (JSON); with `Accept: text/csv` or `application/x-ndjson`, every "
             "matching item after the cursor, streamed.")


def problems(blp: Blueprint, **described: str):
    """Document error answers as problem+json, e.g. `problems(blp, e404="No such quote.")`."""
    def decorate(view):
        for key, description in described.items():
            view = blp.alt_response(int(key[1:]), schema=ProblemSchema, description=description,
                                    content_type=PROBLEM_CONTENT_TYPE)(view)
        return view
    return decorate


def document_get(blp: Blueprint, operation_id: str):
    """Decorators every GET shares: its operationId and the 304 answer (the 406 is every
    operation's: api/negotiation.py)."""
    def decorate(view):
        view = blp.alt_response(304, description="Not Modified: If-None-Match named the "
                                                 "current ETag.")(view)
        return blp.doc(operationId=operation_id)(view)
    return decorate


def quote_exports(blp: Blueprint, description: str = QUOTES_200):
    """Document the CSV and NDJSON representations of a collection."""
    def decorate(view):
        for mimetype in (CSV, NDJSON):
            view = blp.alt_response(200, content_type=mimetype, success=True,
                                    schema={"type": "string"}, description=description)(view)
        return view
    return decorate


def item_get(blp: Blueprint, schema, operation_id: str, *, e404: str):
    """Every decorator of a GET of one resource: its schema, ETag, 304 and 404."""
    def decorate(view):
        view = document_get(blp, operation_id)(view)
        view = problems(blp, e404=e404)(view)
        return blp.response(200, schema, headers=ETAG_HEADER)(view)
    return decorate


def list_get(blp: Blueprint, query_schema, page_schema, operation_id: str):
    """Every decorator of a GET of a paged collection: its query; its page, Link and ETag, or
    CSV or NDJSON."""
    def decorate(view):
        view = document_get(blp, operation_id)(view)
        view = quote_exports(blp, ITEMS_200)(view)
        view = blp.response(200, page_schema, headers={**LINK_HEADER, **ETAG_HEADER},
                            description=ITEMS_200)(view)
        # An instance, not the class: webargs would build a schema for every request (about
        # 10% of a computed page's CPU); marshmallow 4 schemas keep no state between loads.
        view = blp.arguments(query_schema(), location="query")(view)
        return offers(*COLLECTION_TYPES)(view)
    return decorate


def quote_list_get(blp: Blueprint, operation_id: str, query_schema=QuoteFilterSchema,
                   page_schema=QuotePageSchema, **described: str):
    """Every decorator of a GET of quotes: the filters in; a page, CSV or NDJSON out."""
    def decorate(view):
        view = document_get(blp, operation_id)(view)
        view = problems(blp, **described)(view)
        view = quote_exports(blp)(view)
        view = blp.response(200, page_schema, headers={**LINK_HEADER, **ETAG_HEADER},
                            description=QUOTES_200)(view)
        view = blp.arguments(query_schema(), location="query")(view)  # an instance: see list_get
        return offers(*COLLECTION_TYPES)(view)
    return decorate


# --- cursors (their forms: api/v1/pagination.py) -----------------------------------------------

def encode_dated_key(key: DatedKey | None) -> str | None:
    return None if key is None else dated_cursor(key)


def decode_dated_key(cursor: str | None) -> DatedKey | None:
    return None if cursor is None else dated_key(cursor)


# --- quote collections --------------------------------------------------------------------------

FILTER_NAMES = ("speaker", "speaker_id", "outlet", "outlet_id", "document_id", "date_from",
                "date_to", "kind", "status", "min_confidence", "statement_id", "speaker_type",
                "updated_since")


def quote_filters(args: dict, **fixed) -> QuoteFilters:
    values = {name: args.get(name) for name in FILTER_NAMES}
    return QuoteFilters(**{**values, **fixed}, text=args.get("q"),
                        distinct_statement=args.get("distinct") == "statement",
                        without=frozenset(args.get("without") or ()))


def quote_collection(args: dict, describe_page=None, **fixed):
    """A page of quotes as JSON, or every matching quote as CSV or NDJSON.

    `describe_page()`, if given, returns more fields for the JSON page (not for exports).
    """
    filters = quote_filters(args, **fixed)
    newest_first = args["sort"] == "-published"
    mimetype = wanted_type()
    after = decode_dated_key(args.get("cursor"))
    if mimetype in EXPORT_TYPES:
        return export_quotes(filters, newest_first, mimetype, after)
    page = queries.quote_page(session(), filters, limit=args["limit"], after=after,
                              newest_first=newest_first)
    token = encode_dated_key(page.next_key)
    body = {"items": [quote_json(row) for row in page.rows], "next": token}
    if describe_page is not None:
        body.update(describe_page())
    return json_response(body), 200, link_header(token)


def export_quotes(filters: QuoteFilters, newest_first: bool, mimetype: str,
                  after: DatedKey | None = None):
    """Stream every quote matching `filters` (after the cursor's key, if one was given) from a
    session of its own (it outlives the view)."""
    sessions = database().sessions

    def rows():
        with sessions() as export_session:
            yield from queries.iter_quotes(export_session, filters, newest_first=newest_first,
                                           after=after)

    records = serialised(quote_json, rows(), flat=mimetype == CSV)
    return stream_export(mimetype, records, QUOTE_CSV_COLUMNS, "quotes")


def export_rows(fetch_page, after, dump, columns: tuple[str, ...], filename: str,
                mimetype: str):
    """Stream every row of a keyset-paged collection after the key `after` as CSV or NDJSON,
    from a session of its own (it outlives the view); `fetch_page(session, limit, after)`."""
    sessions = database().sessions

    def rows():
        with sessions() as export_session:
            yield from queries.every_row(
                lambda limit, key: fetch_page(export_session, limit, key), after)

    return stream_export(mimetype, serialised(dump, rows(), flat=mimetype == CSV), columns,
                         filename)


def encode_count_key(key: CountKey | None) -> str | None:
    return None if key is None else count_cursor(key)


def decode_count_key(cursor: str | None) -> CountKey | None:
    return None if cursor is None else count_key(cursor)


def encode_name_key(key: NameKey | None) -> str | None:
    return None if key is None else name_cursor(key)


def decode_name_key(cursor: str | None) -> NameKey | None:
    return None if cursor is None else name_key(cursor)


def require_json_body() -> None:
    """before_request: bodies of writes must be JSON (415 otherwise)."""
    if request.method in ("POST", "PUT", "PATCH") and not request.is_json:
        abort(415, message="Send the body as application/json.")
