"""`quotewire extract PATH…`: read articles as `quotewire ingest` does, write one JSON quote a line.

Files are read by `articles.read_articles` (.txt with an optional header block, .json, .jsonl,
.html, folders recursively, streaming), so extract and ingest see the same text and report the
same offsets. The document id is the article's own id (JSON `id`, header `ID:`) when it has one,
else the file name (`name.jsonl:LINE` for a line of a .jsonl file).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.encoding import encoding_option

if TYPE_CHECKING:
    from articles import Article, ReadError, Skipped
    from extractors import Quote

LINE_SUFFIX_RE = re.compile(r":\d+$")


def document_id(article: Article) -> str:
    """The article's external id, else the name of the file (and line) it came from."""
    if article.external_id is not None:
        return article.external_id
    return Path(article.source or "").name


def located(source: str) -> str:
    """"path:line" as the contract's error lines have it; whole-file problems are at line 1."""
    return source if LINE_SUFFIX_RE.search(source) else f"{source}:1"


def quote_line(quote: Quote, doc_id: str) -> str:
    """One output line: the quote's record as compact JSON, non-ASCII written as UTF-8.

    orjson: about half the CPU of the standard library's encoder, which was a tenth of the
    whole command's time."""
    import orjson  # a dictionary lookup once loaded; loaded only by the commands that write

    return orjson.dumps(quote.to_record(doc_id)).decode() + "\n"


def iter_documents(paths: tuple[str, ...], encoding: str | None = None,
                   max_bytes: int | None = None) -> Iterator[Article | ReadError | Skipped]:
    """Yield each readable article; bad input as a ReadError whose source is `path:line`."""
    from articles import ReadError, read_articles
    from config import Config

    max_bytes = max_bytes or Config.from_env().max_file_bytes
    for item in read_articles(paths, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            yield ReadError(located(item.source), item.reason)
            continue
        yield item


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format.")
@encoding_option
def extract(paths: tuple[str, ...], output_format: str, encoding: str | None) -> None:
    """Extract direct quotations from .txt, .json, .jsonl and .html files (folders are walked;
    `-` reads one plain-text article from stdin); write JSONL to stdout. Unreadable input is
    reported on stderr and the rest processed; files of other types are reported as skipped."""
    from articles import ReadError, Skipped
    from articles.readers import SUFFIXES
    from extractors import extract as extract_quotes

    failed = False
    read = 0
    write = sys.stdout.write
    for item in iter_documents(paths, encoding):
        if isinstance(item, (ReadError, Skipped)):
            click.echo(str(item), err=True)
            failed = failed or isinstance(item, ReadError)
            continue
        read += 1
        doc_id = document_id(item)
        for quote in extract_quotes(item.text):
            write(quote_line(quote, doc_id))
    sys.stdout.flush()
    if not read and not failed:
        click.echo(f"nothing to extract: no {', '.join(SUFFIXES)} file was read under "
                   f"{' '.join(paths)}", err=True)
    if failed or not read:
        sys.exit(1)
