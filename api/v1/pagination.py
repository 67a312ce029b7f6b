"""Keyset pagination: opaque cursors and RFC 8288 `Link` headers.

A cursor is the base64url of a small JSON array: a tag naming the ordering it belongs to, then
the sort key of the last row served. Clients must treat it as opaque; the server checks its
shape, so a tampered or foreign cursor is a 400, never a 500.
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from urllib.parse import quote, urlencode

from flask import current_app, request
from flask_smorest import abort

MAX_CURSOR_LENGTH = 512


def encode_cursor(tag: str, key: Sequence) -> str:
    """Pack a sort key into an opaque, URL-safe cursor."""
    raw = json.dumps([tag, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str, tag: str, parse: Callable[[list], object]):
    """Unpack a cursor made for ordering `tag`; `parse` checks and converts the key.

    Answers 400 (problem+json) when the cursor is not one this server made.
    """
    try:
        if len(token) > MAX_CURSOR_LENGTH:
            raise ValueError("too long")
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
        if not isinstance(values, list) or not values or values[0] != tag:
            raise ValueError("not a cursor for this ordering")
        return parse(values[1:])
    except (ValueError, TypeError, KeyError, IndexError, UnicodeError, binascii.Error):
        abort(400, message="The cursor is not valid: pass back the `next` value of a previous "
                           "page of the same collection and ordering, unchanged.",
              errors={"query": {"cursor": ["Not a valid cursor."]}})


def link_header(next_cursor: str | None) -> dict[str, str]:
    """A `Link: <…>; rel="next"` header for the same query with the next cursor, if any."""
    if next_cursor is None:
        return {}
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    args.append(("cursor", next_cursor))
    return {"Link": f'<{public_path()}?{urlencode(args)}>; rel="next"'}


def public_path() -> str:
    """This request's path as clients should follow it: under QUOTEWIRE_PUBLIC_URL (which
    names the app's mount point) when set, else an absolute path that RFC 8288 resolves against
    the request's own URL.

    Never built from the Host header, which any client can set (`Host: evil.example`).
    """
    public_url = current_app.config["QUOTEWIRE"].public_url
    if public_url:
        return public_url + quote(request.path)
    return quote(request.script_root + request.path)


def public_link(path: str) -> str:
    """A path of this app (`/v1/quotes`) as clients should follow it, as public_path()."""
    public_url = current_app.config["QUOTEWIRE"].public_url
    return (public_url or request.script_root) + quote(path)
