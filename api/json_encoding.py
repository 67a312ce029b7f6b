"""The one JSON encoder of every response: UTF-8 as is, keys in the order they were given.

marshmallow dumps fields in schema order, so every body comes out in the order its schema
(and the OpenAPI document) lists them. Flask's default encoder would sort keys and escape
non-ASCII (`\\u2019`); views that render their own body (quote pages) and problem documents
go through this same encoder, so no route differs from another.
"""

from decimal import Decimal

import orjson
from flask import Response
from flask.json.provider import DefaultJSONProvider

JSON_MIMETYPE = "application/json"


def _default(value):
    """What orjson does not encode natively (it does dates, datetimes and dataclasses)."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def encode(value) -> bytes:
    """`value` as JSON bytes, the way every quotewire response writes it."""
    return orjson.dumps(value, default=_default)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with `encode` as the writer (reading is Flask's own)."""

    def dumps(self, obj, **kwargs) -> str:
        # `indent` is the only option callers pass (flask-smorest, for the spec document).
        option = orjson.OPT_INDENT_2 if kwargs.get("indent") else 0
        return orjson.dumps(obj, default=_default, option=option).decode("utf-8")

    def response(self, *args, **kwargs) -> Response:
        body = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(encode(body), mimetype=JSON_MIMETYPE)


def json_response(body) -> Response:
    """`body` as a JSON response, for views that render their own body."""
    return Response(encode(body), mimetype=JSON_MIMETYPE)
