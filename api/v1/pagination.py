"""Keyset pagination: cursors and RFC 8288 `Link` headers.

A cursor names a position in a collection's order, the sort key of the last row served,
written plainly: `2026-05-02.9f86d081884c7d65` (a date or `undated`, then an id) for quotes and
documents, `12.42` (a quote count, then an id) for speakers, `Valley Wire.3` (a name, then an
id) for outlets. The OpenAPI document states each form as a `pattern`, and every string of that
form names a position, so the server answers any cursor the document calls valid with the page
after that position, and refuses any other string with 422. A cursor names a position, not an
ordering: given with the other `sort`, it continues from the same place the other way.

The change feed and the corrections page by a position in the change log (`1042`); the counts
by a count, then the keys of the last group served (`120.42`, `17.42.full`; see
api/v1/counts.py).
"""

from datetime import date
from urllib.parse import quote, urlencode

from flask import current_app, request

from models.queries import MAX_ROW_ID, CountKey, DatedKey, NameKey

MAX_CURSOR_LENGTH = 512  # an outlet's name (at most 300 characters) and its id fit
UNDATED = "undated"
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
DATED_CURSOR = rf"^(?:{_DAY}|{UNDATED})\.[0-9a-f]{{1,64}}$"
COUNT_CURSOR = r"^[0-9]{1,10}\.[0-9]{1,10}$"
NAME_CURSOR = r"^[^\x00]*\.[0-9]{1,10}$"
POSITION_CURSOR = r"^[0-9]{1,18}$"  # a position in the change log (changes, corrections)
# A group count, then up to two keys: an id (0 or empty for none) or a word (empty for none).
GROUP_CURSOR = r"^[0-9]{1,10}(?:\.[0-9a-z_]{0,16}){0,2}$"


def dated_cursor(key: DatedKey) -> str:
    return f"{key.published.isoformat() if key.published else UNDATED}.{key.row_id}"


def dated_key(cursor: str) -> DatedKey:
    """The position a cursor of DATED_CURSOR's form names.

    A day no calendar has (`2026-02-30`, year 0) lies between two real days: it stands for
    the position just before the first row of the next real one (every id sorts after "").
    """
    day, _, row_id = cursor.partition(".")
    if day == UNDATED:
        return DatedKey(None, row_id)
    year, month, day_of_month = (int(part) for part in day.split("-"))
    try:
        return DatedKey(date(year, month, day_of_month), row_id)
    except ValueError:
        # The pattern allows days 1-31, so only months before December can overflow.
        return DatedKey(date(1, 1, 1) if year == 0 else date(year, month + 1, 1), "")


def count_cursor(key: CountKey) -> str:
    return f"{key.count}.{key.row_id}"


def count_key(cursor: str) -> CountKey:
    """The position a cursor of COUNT_CURSOR's form names, in (count descending, id) order.

    Numbers beyond any stored one are brought within it (a PostgreSQL integer parameter could
    not hold them) without moving the position: no row has a count or an id above MAX_ROW_ID.
    """
    count, row_id = (int(part) for part in cursor.split("."))
    if count > MAX_ROW_ID:
        return CountKey(MAX_ROW_ID, 0)  # every speaker comes after it
    return CountKey(count, min(row_id, MAX_ROW_ID))


def name_cursor(key: NameKey) -> str:
    return f"{key.name}.{key.row_id}"


def name_key(cursor: str) -> NameKey:
    """The position a cursor of NAME_CURSOR's form names, in (name, id) order."""
    name, _, row_id = cursor.rpartition(".")
    return NameKey(name, min(int(row_id), MAX_ROW_ID))


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
