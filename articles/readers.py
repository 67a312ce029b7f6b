"""Read articles from files and folders, one file (or one JSON line) at a time.

Folders are walked recursively in sorted order, so every run sees the same sequence. Each
problem is yielded as a ReadError naming the file (and line) and the reason, and reading goes
on with the next piece of input. Metadata precedence: what the file says, then the command
line (`outlet`, `published`), then, for the date only, the article's dateline.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from articles.datelines import dateline_date
from articles.fields import article_from_mapping, decode, parse_date
from articles.html import read_html
from articles.model import Article, ReadError
from articles.text import read_txt

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")

Item = Article | ReadError


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every input file: given files as they are, folders walked recursively, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Dangling links are listed too, so that they are reported rather than skipped.
            yield from sorted(p for p in path.rglob("*")
                              if (p.is_file() or p.is_symlink()) and not p.is_dir()
                              and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        else:
            yield path


def read_articles(paths: Iterable[str | Path], *, outlet: str | None = None,
                  published: date | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield an Article or a ReadError for each piece of input under `paths`, streaming.

    `max_bytes` bounds a whole file, or each line of a .jsonl file (a corpus in one .jsonl
    file may be any size; each article in it may not).
    """
    for path in iter_files(paths):
        for item in read_file(path, max_bytes):
            yield item if isinstance(item, ReadError) else with_defaults(item, outlet, published)


def with_defaults(article: Article, outlet: str | None, published: date | None) -> Article:
    """Fill what the file did not say from the command line, then the date from the dateline."""
    article = replace(article, outlet=article.outlet or outlet,
                      published=article.published or published)
    if article.published is None:
        article = replace(article, published=dateline_date(article.text, article.url))
    return article


def read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    """Yield the articles of one file, or the reason it cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(str(path), f"file is {size} bytes, over the limit of {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield ReadError(str(path), "empty file")
    elif suffix in (".html", ".htm"):
        yield read_html(path, data)
    elif suffix == ".json":
        yield read_json(path, data)
    else:
        yield read_txt(path, data)


def read_json(path: Path, data: bytes) -> Item:
    """One article from a .json file holding one object."""
    text = decode(data, path)
    if isinstance(text, ReadError):
        return text
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg}")
    return article_from_mapping(obj, str(path))


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    """One article per line of a .jsonl file; blank lines are skipped."""
    with path.open("rb") as handle:
        number = 0
        while raw := handle.readline(max_bytes + 1):
            number += 1
            source = f"{path}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield ReadError(source, f"line is over the limit of {max_bytes} bytes")
                continue
            if not raw.strip():
                continue
            yield _jsonl_line(raw, source, path, number)


def _jsonl_line(raw: bytes, source: str, path: Path, number: int) -> Item:
    text = decode(raw, path)
    if isinstance(text, ReadError):
        return ReadError(source, text.reason)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError(source, f"invalid JSON: {exc.msg} (column {exc.colno})")
    return article_from_mapping(obj, source)


def _skip_rest_of_line(handle) -> None:
    while chunk := handle.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


__all__ = ["DEFAULT_MAX_BYTES", "iter_files", "parse_date", "read_articles"]
