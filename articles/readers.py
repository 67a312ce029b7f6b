"""Read articles from files and folders, one file (or one JSON line) at a time.

Folders are walked recursively in sorted order, so every run sees the same sequence. Each
problem is yielded as a ReadError naming the file (and line) and the reason, and reading goes
on with the next piece of input; a file in a folder whose type is not read is yielded as
Skipped. Metadata precedence: what the file says, then the command line (`outlet`,
`published`), then, for the date only, the article's dateline.

A corpus folder is not trusted: only regular files are read (a symlink to one is fine), a
FIFO, socket or device (or a symlink to one) is refused without being opened for reading in a
way that could block, and no read takes more than the size limit plus one byte, whatever the
file's size claims to be.
"""

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from articles.datelines import dateline_date
from articles.fields import article_from_mapping, decode, parse_date
from articles.html import read_html
from articles.model import Article, ReadError, Skipped
from articles.text import read_txt

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")

Item = Article | ReadError | Skipped


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Every input file: given files as they are, folders walked recursively, sorted.

    In a folder, hidden files and everything in hidden folders (.git) are passed over and
    files of other types yielded as Skipped; anything else that is not a folder (links, FIFOs,
    devices) is yielded, to be read or refused with a reason by `read_file`.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted((_listed(p) for p in path.rglob("*")
                               if not _hidden(p.relative_to(path)) and not p.is_dir()),
                              key=_path_of)
        else:
            yield path


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _path_of(item: Path | Skipped) -> Path:
    return Path(item.source) if isinstance(item, Skipped) else item


def _listed(path: Path) -> Path | Skipped:
    if path.suffix.lower() in SUFFIXES:
        return path
    return Skipped(str(path), f"skipped: not a file type quotewire reads "
                              f"({', '.join(SUFFIXES)})")


def read_articles(paths: Iterable[str | Path], *, outlet: str | None = None,
                  published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  encoding: str | None = None) -> Iterator[Item]:
    """Yield an Article, a ReadError or a Skipped for each piece of input under `paths`.

    `max_bytes` bounds a whole file, or each line of a .jsonl file (a corpus in one .jsonl
    file may be any size; each article in it may not). `encoding` is a codec name, "auto"
    to detect each file's, or None for UTF-8 (see `articles.fields.decode`).
    """
    for path in iter_files(paths):
        if isinstance(path, Skipped):
            yield path
            continue
        for item in read_file(path, max_bytes, encoding):
            yield with_defaults(item, outlet, published) if isinstance(item, Article) else item


def count_documents(paths: Iterable[str | Path]) -> int:
    """About how many articles (and read errors) `read_articles` will yield: one a file, one
    a line of a .jsonl file. Cheap next to extraction; for a progress bar's total."""
    total = 0
    for path in iter_files(paths):
        if isinstance(path, Skipped):
            continue
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with open_regular_file(path) as handle:
                total += _line_count(handle)
        except OSError:
            total += 1
    return total


def _line_count(handle) -> int:
    lines, last = 0, b"\n"
    while chunk := handle.read(1 << 20):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return lines + (last != b"\n")


def with_defaults(article: Article, outlet: str | None, published: date | None) -> Article:
    """Fill what the file did not say from the command line, then the date from the dateline."""
    article = replace(article, outlet=article.outlet or outlet,
                      published=article.published or published)
    if article.published is None:
        article = replace(article, published=dateline_date(article.text, article.url))
    return article


STDIN = Path("-")  # read as one plain-text article (a header block allowed)


def read_file(path: Path, max_bytes: int, encoding: str | None = None) -> Iterator[Item]:
    """Yield the articles of one file (`-`: standard input), or the reason it cannot be read."""
    suffix = path.suffix.lower()
    try:
        with _opened(path) as handle:
            if suffix == ".jsonl":
                yield from read_jsonl(path, handle, max_bytes, encoding)
                return
            data = handle.read(max_bytes + 1)
    except NotRegularFile as exc:
        yield ReadError(str(path), str(exc))
        return
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:
        yield ReadError(str(path), _over_limit(path, max_bytes))
    elif not data.strip():
        yield ReadError(str(path), "empty file")
    elif suffix in (".html", ".htm"):
        yield read_html(path, data, encoding)
    elif suffix == ".json":
        yield read_json(path, data, encoding)
    else:
        yield read_txt(path, data, encoding)


def _opened(path: Path):
    if path == STDIN:
        return os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    return open_regular_file(path)


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder, not a file to read."""


FILE_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
              (stat.S_ISDIR, "a folder"))


def open_regular_file(path: Path):
    """A binary file object for `path` when it is (or links to) a regular file.

    Checked before opening (opening some devices does something) and again on the open
    descriptor, so a file swapped for something else in between is still refused; opened
    non-blocking, so even then a FIFO cannot hang the open.
    """
    _require_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _require_regular(os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in FILE_KINDS if test(mode)), "not a regular file")
        raise NotRegularFile(f"refused: {kind}, not a regular file")


def _over_limit(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > max_bytes:
        return f"file is {size} bytes, over the limit of {max_bytes}"
    return f"file is over the limit of {max_bytes} bytes"


def read_json(path: Path, data: bytes, encoding: str | None = None) -> Item:
    """One article from a .json file holding one object."""
    text = decode(data, path, encoding)
    if isinstance(text, ReadError):
        return text
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg}")
    return article_from_mapping(obj, str(path))


def read_jsonl(path: Path, handle, max_bytes: int,
               encoding: str | None = None) -> Iterator[Item]:
    """One article per line of a .jsonl file (open in `handle`); blank lines are skipped."""
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
        yield jsonl_line(raw, source, path, encoding)


def jsonl_line(raw: bytes, source: str, path: Path, encoding: str | None) -> Item:
    """One line of a .jsonl file, with its line break (as readline gives it), as an article
    or the error that names it by `source` ("file.jsonl:12")."""
    text = decode(raw, path, encoding)
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


__all__ = ["DEFAULT_MAX_BYTES", "iter_files", "open_regular_file", "parse_date",
           "read_articles"]
