"""Representations of v1 resources: JSON pages, CSV and NDJSON exports, and ETags.

Collections of quotes answer `Accept: text/csv` and `Accept: application/x-ndjson` by streaming
every matching quote (no paging), rendered by the same marshmallow schema as the JSON pages,
from a generator so memory stays flat however large the export.
"""

import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator

from flask import Response, request
from flask_smorest import abort

from api.json_encoding import JSON_MIMETYPE, encode
from api.v1.page_cache import keep_answer

JSON = JSON_MIMETYPE
CSV = "text/csv"
NDJSON = "application/x-ndjson"
COLLECTION_TYPES = (JSON, CSV, NDJSON)
EXPORT_TYPES = (CSV, NDJSON)


def wanted_type(offered: tuple[str, ...] = COLLECTION_TYPES) -> str:
    """The representation the client's Accept header prefers among `offered` (406 if none)."""
    if not request.accept_mimetypes:
        return offered[0]
    best = request.accept_mimetypes.best_match(offered)
    if best is None:
        abort(406, message="This resource is available as " + ", ".join(offered) + ".")
    return best


def stream_export(mimetype: str, records: Iterable[dict], columns: tuple[str, ...],
                  filename: str) -> Response:
    """Stream `records` (flat dicts) as CSV or NDJSON."""
    render = _csv_lines if mimetype == CSV else _ndjson_lines
    response = Response(render(records, columns), mimetype=mimetype)
    if mimetype == CSV:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.mimetype = CSV
        response.charset = "utf-8"
    response.headers["Vary"] = "Accept"
    return response


def _ndjson_lines(records: Iterable[dict], _columns) -> Iterator[str]:
    for record in records:
        yield encode(record) + b"\n"


def _csv_lines(records: Iterable[dict], columns: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _csv_value(record.get(k)) for k in columns})
        if buffer.tell() > 64 * 1024:
            yield _drain(buffer)
    yield _drain(buffer)


def _csv_value(value):
    return "" if value is None else value


def _drain(buffer: io.StringIO) -> str:
    chunk = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return chunk


def finish_get(response: Response) -> Response:
    """after_request: a weak ETag on every GET 200, kept in the page cache; 304 on If-None-Match.

    An answer served from the page cache already has its ETag.
    """
    if (request.method not in ("GET", "HEAD") or response.status_code != 200
            or response.is_streamed):
        return response
    if "ETag" not in response.headers:
        digest = hashlib.sha256(response.get_data()).hexdigest()[:32]
        response.set_etag(digest, weak=True)
        response.headers.add("Vary", "Accept")
        keep_answer(response)
    return response.make_conditional(request)


def flatten(record: dict, prefix: str = "") -> dict:
    """{"speaker": {"name": …}} -> {"speaker_name": …}, for CSV columns."""
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def serialised(dump: Callable[[object], dict], rows: Iterable, flat: bool) -> Iterator[dict]:
    for row in rows:
        record = dump(row)
        yield flatten(record) if flat else record
