"""Article metadata from loosely typed input: JSON objects, header blocks, HTML metadata."""

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from articles.model import Article, ReadError

# C0 control characters other than tab, line feed, vertical tab, form feed and carriage return.
# Valid UTF-8 can still be binary junk: any NUL, or more of these than one character in a
# hundred, and the input is not text. News text does carry a stray one now and then (an escape
# character left by an editing system), which is why one alone is not enough.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
CONTROL_BYTE_RE = re.compile(b"[" + re.escape(CONTROL_BYTES) + b"]")
CONTROL_SHARE_LIMIT = 100
NUL_REASON = "binary data (a NUL character), not text"


DATE_FORMATS = ("YYYY-MM-DD, an ISO 8601 datetime such as 2026-03-02T10:00:00Z, "
                "or a date with its year such as 'March 3, 2026'")
# Two default dates that differ in year, month and day: a field dateutil filled from the
# default comes out different under each, which shows the input did not give it.
_DEFAULTS = (datetime(1904, 1, 1), datetime(1905, 2, 2))


class BadDate(ValueError):
    """A publication date that is not a whole, valid date; the message says why."""


def parse_date(value: object) -> date | None:
    """A date from '2024-03-03', '2024-03-03T10:00:00Z', 'March 3, 2024'; None when absent.

    Raises BadDate for a value that is not a valid date ('2026-13-45') or lacks its year,
    month or day ('March 3'): a wrong date, or one invented from a default, is worse than
    none, so the reader refuses the article rather than storing it so dated.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise BadDate(f"published: {value!r} is not a date (expected a string: {DATE_FORMATS})")
    text = value.strip()
    iso = iso_date(text)
    if iso is not None:
        return iso
    return _spelled_date(text)


def iso_date(text: str) -> date | None:
    """The date of an ISO 8601 date or datetime ('2026-03-02', '2026-03-02T10:00:00Z')."""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, datetime) else parsed
    return None


def _spelled_date(text: str) -> date:
    from dateutil import parser as date_parser  # here: ISO dates, the usual ones, need none

    try:
        first, second = (date_parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        raise BadDate(f"published: {text!r} is not a valid date "
                      f"(expected {DATE_FORMATS})") from None
    missing = [name for name in ("year", "month", "day")
               if getattr(first, name) != getattr(second, name)]
    if missing:
        raise BadDate(f"published: {text!r} has no {' or '.join(missing)}; a date is never "
                      f"guessed (expected {DATE_FORMATS})")
    return first.date()


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
    try:
        published = parse_date(obj.get("published"))
    except BadDate as exc:
        return ReadError(source, str(exc))
    return Article(text=text, title=optional_text(obj.get("title")),
                   url=optional_text(obj.get("url")), author=optional_text(obj.get("author")),
                   outlet=optional_text(obj.get("outlet")), published=published,
                   external_id=optional_text(obj.get("id")), source=source)


def has_lone_surrogate(value: str) -> bool:
    """JSON can spell half a UTF-16 pair ("\\ud800"); decoded UTF-8 never holds one. Encoding
    finds it (a C loop, about eight times faster here than a regular expression)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


AUTO_ENCODING = "auto"
PREFERRED_ON_TIE = "cp1252"


def decode(data: bytes, source: Path, encoding: str | None = None) -> str | ReadError:
    """The text of `data`, or an error naming the line of the bad byte or of the binary data.

    UTF-8 by default (a byte-order mark dropped); `encoding` names another codec, or is
    "auto" to let charset-normalizer detect it (UTF-8 still wins when the bytes are UTF-8).
    """
    junk = binary_junk(data)
    if junk is not None:
        offset, reason = junk
        line = data.count(b"\n", 0, offset) + 1
        return ReadError(f"{source}:{line}", reason)
    codec = "utf-8-sig" if encoding in (None, AUTO_ENCODING) else encoding
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if encoding == AUTO_ENCODING:
            return _detected(data, source)
        line = data.count(b"\n", 0, exc.start) + 1
        byte = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        if encoding:
            return ReadError(f"{source}:{line}", f"not valid {encoding} ({byte})")
        return ReadError(f"{source}:{line}", f"not valid UTF-8 ({byte}); say its encoding with "
                                             "--encoding NAME, or --encoding auto")


def _detected(data: bytes, source: Path) -> str | ReadError:
    from charset_normalizer import from_bytes  # only when asked: it takes a while to load

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return ReadError(f"{source}:1", "the encoding could not be detected; "
                                        "say it with --encoding NAME")
    # Short texts often fit several code pages equally well (é and è are letters in cp1250
    # too); on a tie the Western one, the usual one for older English and European news, wins.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(next((m for m in tied if m.encoding == PREFERRED_ON_TIE), best))


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
