"""One error path: every HTTP error becomes an RFC 9457 problem+json document."""

import logging

import marshmallow as ma
from flask import current_app, g, request
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from api.database import database
from models.migrate import schema_mismatch

PROBLEM_CONTENT_TYPE = "application/problem+json"
# How each engine says a table or column the code uses is not in the database: PostgreSQL by
# SQLSTATE (undefined_table, undefined_column), SQLite only in the message text.
MISSING_SCHEMA_SQLSTATES = frozenset({"42P01", "42703"})
MISSING_SCHEMA_SQLITE_MESSAGES = ("no such table:", "no such column:")
log = logging.getLogger("quotewire.error")


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem detail."""

    type = ma.fields.String(metadata={"description": "A URI naming the problem type.",
                                      "example": "about:blank"})
    title = ma.fields.String(metadata={"description": "The HTTP status phrase.",
                                       "example": "Unprocessable Entity"})
    status = ma.fields.Integer(metadata={"description": "The HTTP status code.", "example": 422})
    detail = ma.fields.String(metadata={"description": "What went wrong, for a person.",
                                        "example": "The request is not valid: limit (query): "
                                                   "Must be greater than or equal to 1 and "
                                                   "less than or equal to 200."})
    instance = ma.fields.String(metadata={"description": "The request path.",
                                          "example": "/v1/quotes"})
    request_id = ma.fields.String(metadata={"description": "Quote this when reporting a problem.",
                                            "example": "4bf92f3577b34da6a3ce929d0e0e4736"})
    errors = ma.fields.Dict(metadata={"description": "Field-by-field validation errors.",
                                      "example": {"query": {"limit": [
                                          "Must be greater than or equal to 1 and less than "
                                          "or equal to 200."]}}})


def problem_response(status: int, detail: str, errors=None, headers=None):
    """Build a problem+json response tuple for Flask."""
    body = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        "request_id": g.get("request_id", ""),
    }
    if errors:
        body["errors"] = _string_keys(errors)
    response = current_app.json.response(body)
    response.status_code = status
    response.content_type = PROBLEM_CONTENT_TYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _string_keys(errors):
    """marshmallow keys a list item's errors by its index (an int); JSON keys are strings."""
    if isinstance(errors, dict):
        return {str(key): _string_keys(value) for key, value in errors.items()}
    return errors


def handle_http_exception(error: HTTPException):
    """Turn any HTTPException (webargs' 422 included) into problem+json, keeping its headers."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    detail = data.get("message") or _detail_from(error, errors)
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    headers.update(data.get("headers") or {})  # webargs puts headers=None here
    return problem_response(error.code or 500, detail, errors, headers)


def handle_unexpected_exception(error: Exception):
    """Log the failure with its request id and answer 500 without a stack trace."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unhandled error", extra={"request_id": g.get("request_id", "")})
    return problem_response(500, "The server failed to answer this request; it has been logged.")


def handle_database_error(error: DBAPIError):
    """Answer 503 when the database lacks a table or column (not migrated), 400 when a value
    the client sent cannot be stored (a NUL that slipped past validation); else as any error."""
    if is_unstorable_text(error):
        log.warning("a NUL character reached the database: %s", error.orig,
                    extra={"request_id": g.get("request_id", "")})
        return problem_response(400, "The request holds a NUL character, which no text field "
                                     "can store or match.")
    if not is_missing_schema_object(error):
        return handle_unexpected_exception(error)
    # One line, no traceback: the cause is the deployment, not a bug in the code.
    log.error("database schema does not match the code: %s", error.orig,
              extra={"request_id": g.get("request_id", "")})
    return problem_response(503, _schema_detail())


def is_unstorable_text(error: DBAPIError) -> bool:
    """True for psycopg's refusal of NUL in a text parameter (it has no SQLSTATE: the driver
    refuses the value before sending it)."""
    return isinstance(error, DataError) and "NUL (0x00)" in str(error.orig)


def is_missing_schema_object(error: DBAPIError) -> bool:
    """True for 'no such table/column' (SQLite) and undefined_table/column (PostgreSQL)."""
    if not isinstance(error, OperationalError | ProgrammingError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in MISSING_SCHEMA_SQLSTATES
    return str(error.orig).startswith(MISSING_SCHEMA_SQLITE_MESSAGES)


def _schema_detail() -> str:
    handle = database()
    try:
        mismatch = schema_mismatch(handle.engine, handle.head_revision)
    except SQLAlchemyError:
        mismatch = None
    return mismatch or ("The database lacks a table or column this version of quotewire "
                        "needs: run `quotewire migrate`.")


def _detail_from(error: HTTPException, errors) -> str:
    if errors:
        return "The request is not valid: " + _summarise(errors)
    if isinstance(error, InternalServerError):
        return "The server failed to answer this request; it has been logged."
    return error.description or HTTP_STATUS_CODES.get(error.code or 500, "Error")


def _summarise(errors) -> str:
    """Flatten webargs' nested {location: {field: [messages]}} into one readable line."""
    parts = []
    for location, fields in errors.items():
        if isinstance(fields, dict):
            for field, messages in fields.items():
                parts.append(f"{field} ({location}): {_first_message(messages)}")
        else:
            parts.append(f"{location}: {_first_message(fields)}")
    return "; ".join(parts)


def _first_message(messages) -> str:
    if isinstance(messages, list | tuple) and messages:
        return str(messages[0])
    if isinstance(messages, dict) and messages:
        return _summarise(messages)
    return str(messages)
