"""Plain-text articles, with an optional header block ("Title: …", "Published: …") on top.

The header is removed only as a whole block: every line up to the first blank line must be a
known "Key: value" line, and the stored text starts right after that blank line. Otherwise
the whole file is the text. The stored text is never otherwise altered.
"""

from pathlib import Path

from articles.fields import BadDate, decode, optional_text, parse_date
from articles.model import Article, ReadError

HEADER_KEYS = frozenset({"title", "outlet", "published", "url", "author", "id"})


def read_txt(path: Path, data: bytes, encoding: str | None = None) -> Article | ReadError:
    """One article from a .txt file."""
    text = decode(data, path, encoding)
    if isinstance(text, ReadError):
        return text
    header, body = split_header(text)
    if not body.strip():
        return ReadError(str(path), "no article text after the header")
    try:
        published = parse_date(header.get("published"))
    except BadDate as exc:
        return ReadError(f"{path}:{header_line(text, 'published')}", str(exc))
    return Article(text=body, title=header.get("title"), url=header.get("url"),
                   author=header.get("author"), outlet=header.get("outlet"),
                   published=published,
                   external_id=header.get("id"), source=str(path))


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the body after it; ({}, text) when the file has no header block."""
    fields: dict[str, str] = {}
    offset = 0
    seen_header = False
    for line in text.splitlines(keepends=True):
        if not line.strip():
            return (fields, text[offset + len(line):]) if seen_header else ({}, text)
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() not in HEADER_KEYS:
            return {}, text
        seen_header = True
        cleaned = optional_text(value)
        if cleaned is not None:
            fields[key.strip().lower()] = cleaned
        offset += len(line)
    return {}, text  # a file that is all header lines has no body: read it as text


def header_line(text: str, key: str) -> int:
    """The line number of the header line giving `key` (1 when not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.partition(":")[0].strip().lower() == key:
            return number
    return 1
