"""Article metadata from loosely typed input: JSON objects, header blocks, HTML metadata."""

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as date_parser

from articles.model import Article, ReadError

# C0 control characters other than tab, line feed, vertical tab, form feed and carriage return.
# Valid UTF-8 can still be binary junk: any NUL, or more of these than one character in a
# hundred, and the input is not text. News text does carry a stray one now and then (an escape
# character left by an editing system), which is why one alone is not enough.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
CONTROL_BYTE_RE = re.compile(b"[" + re.escape(CONTROL_BYTES) + b"]")
CONTROL_SHARE_LIMIT = 100
NUL_REASON = "binary data (a NUL character), not text"


def parse_date(value: object) -> date | None:
    """A date from '2024-03-03', '2024-03-03T10:00:00Z', 'March 3, 2024'; None if unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    try:
        return date_parser.parse(value.strip(), default=datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def optional_text(value: object) -> str | None:
    """A metadata string, stripped; numbers become strings; empty and missing become None."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def article_from_mapping(obj: object, source: str) -> Article | ReadError:
    """An Article from a JSON object with text and optional id, title, url, outlet, …"""
    if not isinstance(obj, Mapping):
        return ReadError(source, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(source, 'no "text" string')
    if not text.strip():
        return ReadError(source, "empty text")
    if "\x00" in text:  # a "\u0000" escape: the raw bytes were checked already
        return ReadError(source, NUL_REASON)
    if any(has_lone_surrogate(v) for v in obj.values() if isinstance(v, str)):
        return ReadError(source, "a lone surrogate escape (such as \\ud800) is not text: "
                                 "it cannot be written out as UTF-8 or stored")
    return Article(text=text, title=optional_text(obj.get("title")),
                   url=optional_text(obj.get("url")), author=optional_text(obj.get("author")),
                   outlet=optional_text(obj.get("outlet")),
                   published=parse_date(obj.get("published")),
                   external_id=optional_text(obj.get("id")), source=source)


def has_lone_surrogate(value: str) -> bool:
    """JSON can spell half a UTF-16 pair ("\\ud800"); decoded UTF-8 never holds one. Encoding
    finds it (a C loop, about eight times faster here than a regular expression)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def decode(data: bytes, source: Path) -> str | ReadError:
    """UTF-8 text (a byte-order mark dropped), or an error naming the line of the bad byte
    or of the binary data."""
    junk = binary_junk(data)
    if junk is not None:
        offset, reason = junk
        line = data.count(b"\n", 0, offset) + 1
        return ReadError(f"{source}:{line}", reason)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return ReadError(f"{source}:{line}",
                         f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")


def binary_junk(data: bytes) -> tuple[int, str] | None:
    """Where binary data starts in `data` and why it is binary, or None when it reads as
    text. Counted on bytes (deleting control bytes is a table lookup per byte in C): in UTF-8
    a control character is always one byte of its own."""
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if not controls:
        return None
    nul = data.find(b"\x00")
    if nul >= 0:
        return nul, NUL_REASON
    if controls * CONTROL_SHARE_LIMIT <= len(data):
        return None
    first = CONTROL_BYTE_RE.search(data).start()
    return first, f"binary data ({controls} control characters in {len(data)} bytes), not text"
