"""`quotewire extract PATH…`: stream documents from files, write one JSON quote a line."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from extractors import extract as extract_quotes

SUFFIXES = (".txt", ".json", ".jsonl")


@dataclass(frozen=True)
class Document:
    """One input document: its id, its text, and where it came from (for error messages)."""

    document_id: str
    text: str
    where: str


class InputError(Exception):
    """A piece of input that cannot be read as a document; the message names file and line."""


def iter_paths(paths: tuple[str, ...]) -> Iterator[Path]:
    """Yield input files, walking directories recursively in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in SUFFIXES)
        else:
            yield path


def read_txt(path: Path) -> Iterator[Document | InputError]:
    data = path.read_bytes()
    nul = data.find(b"\x00")
    if nul >= 0:
        yield InputError(f"{path}:{line_of(data, nul)}: binary data, not text")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield InputError(f"{path}:{line_of(data, exc.start)}: invalid UTF-8 at byte {exc.start}")
        return
    try:
        yield checked(Document(path.name, text, f"{path}:1"))
    except InputError as exc:
        yield exc


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def checked(document: Document) -> Document:
    """Refuse a document with nothing to read in it."""
    if not document.text.strip():
        raise InputError(f"{document.where}: empty text")
    if "\x00" in document.text:
        raise InputError(f"{document.where}: binary data in \"text\"")
    return document


def document_from_json(obj: object, default_id: str, where: str) -> Document:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no \"text\" string in this document")
    doc_id = obj.get("id", default_id)
    return checked(Document(str(doc_id), text, where))


def read_json(path: Path) -> Iterator[Document | InputError]:
    try:
        obj = json.loads(path.read_bytes().decode("utf-8"))
        yield document_from_json(obj, path.name, f"{path}:1")
    except UnicodeDecodeError as exc:
        yield InputError(f"{path}:1: invalid UTF-8 at byte {exc.start}")
    except json.JSONDecodeError as exc:
        yield InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}")
    except InputError as exc:
        yield exc


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
                yield document_from_json(obj, f"{path.name}:{number}", where)
            except UnicodeDecodeError as exc:
                yield InputError(f"{where}: invalid UTF-8 at byte {exc.start} of the line")
            except json.JSONDecodeError as exc:
                yield InputError(f"{where}: invalid JSON: {exc.msg}")
            except InputError as exc:
                yield exc


READERS = {".txt": read_txt, ".json": read_json, ".jsonl": read_jsonl}


def iter_documents(paths: tuple[str, ...]) -> Iterator[Document | InputError]:
    """Yield documents one at a time (never a whole corpus in memory), or the errors met."""
    for path in iter_paths(paths):
        reader = READERS.get(path.suffix.lower(), read_txt)
        if not path.exists():
            yield InputError(f"{path}:0: no such file")
            continue
        try:
            yield from reader(path)
        except OSError as exc:
            yield InputError(f"{path}:0: cannot read: {exc.strerror or exc}")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format.")
def extract(paths: tuple[str, ...], output_format: str) -> None:
    """Extract direct quotations from .txt, .json and .jsonl files; write JSONL to stdout."""
    failed = False
    out = sys.stdout
    for item in iter_documents(paths):
        if isinstance(item, InputError):
            click.echo(str(item), err=True)
            failed = True
            continue
        for quote in extract_quotes(item.text):
            out.write(json.dumps(quote.to_record(item.document_id), ensure_ascii=False) + "\n")
    out.flush()
    if failed:
        sys.exit(1)
