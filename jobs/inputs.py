"""Articles from the raw pieces a Spark job reads: whole files, JSONL lines, Parquet rows.

The job hands over bytes and names; this module turns them into Articles (or ReadErrors)
with the functions `quotewire ingest` reads files with (articles/), so the text, metadata,
dates, size limit and reasons for refusing an article are the same whichever way a corpus
is read. Pure Python: no pyspark, so it is tested and reused without a JVM.
"""

from collections.abc import Iterator
from io import BytesIO

from articles import Article, ReadError
from articles.html import read_html
from articles.readers import jsonl_line, read_json, read_jsonl, with_defaults
from articles.text import read_txt

FILE_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
Item = Article | ReadError


def local_name(uri: str) -> str:
    """A Spark file URI as `quotewire ingest` names the file: `file:/a/b.txt` -> `/a/b.txt`
    (so sources compare equal); other schemes (hdfs://, s3a://) are kept whole."""
    for prefix in ("file://", "file:"):
        if uri.startswith(prefix):
            rest = uri[len(prefix):]
            return rest if rest.startswith("/") else "/" + rest
    return uri


def walk_order(name: str) -> tuple[str, ...]:
    """The sort key of a file in `quotewire ingest`'s folder walk: pathlib compares paths
    part by part, which differs from comparing the strings ('a/x' before 'a-b/x')."""
    return tuple(name.split("/"))


def suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def articles_from_file(name: str, data: bytes, max_bytes: int) -> Iterator[Item]:
    """The articles of one whole file, as `articles.readers.read_file` reads it from disk
    (a .jsonl file line by line; the others whole, within the size limit)."""
    kind = suffix(name)
    if kind == ".jsonl":
        items = read_jsonl(name, BytesIO(data), max_bytes)
    elif len(data) > max_bytes:
        items = [ReadError(name, f"file is {len(data)} bytes, over the limit of {max_bytes}")]
    elif not data.strip():
        items = [ReadError(name, "empty file")]
    elif kind in (".html", ".htm"):
        items = [read_html(name, data)]
    elif kind == ".json":
        items = [read_json(name, data)]
    else:
        items = [read_txt(name, data)]
    for item in items:
        yield with_defaults(item, None, None) if isinstance(item, Article) else item


def article_from_line(name: str, line: int, raw: bytes, max_bytes: int) -> Item | None:
    """One line of a .jsonl file (without its line break), as `read_jsonl` reads it; None for
    a blank line. `line` counts from 1, blank lines included."""
    source = f"{name}:{line}"
    if len(raw) > max_bytes:
        return ReadError(source, f"line is over the limit of {max_bytes} bytes")
    if not raw.strip():
        return None
    # Spark hands the line without its line break; Python's readline keeps it, and JSON's
    # error messages differ with it ("Invalid control character" for an unclosed string).
    item = jsonl_line(raw + b"\n", source, name, None)
    return with_defaults(item, None, None) if isinstance(item, Article) else item
