"""What the extraction step does to each batch of input pieces (pure Python over Arrow).

A piece is a whole file (`line` null: one article, or every line of a .jsonl file) or one
line of a JSONL corpus (or a Parquet row, spelled as a JSON line). Each becomes articles and
read errors; the articles are extracted by the function `quotewire ingest` extracts with
(ingest.pipeline.extract_texts: one failing text fails alone), and every result is a row of
records.EXTRACTED, in input order.
"""

from collections.abc import Iterable, Iterator

import pyarrow as pa

from articles import Article, ReadError
from ingest.pipeline import extract_texts
from jobs.inputs import article_from_line, articles_from_file
from jobs.records import EXTRACTED, document_row, error_row

# Items of one .jsonl file read whole get consecutive ordinals under the file's own.
MAX_ITEMS_PER_FILE = 1 << 32


def items_of_piece(piece: dict, max_bytes: int) -> Iterator[tuple[int, Article | ReadError]]:
    """(ordinal, article or read error) for each article in a piece."""
    if piece["line"] is None:
        for index, item in enumerate(articles_from_file(piece["name"], piece["raw"],
                                                        max_bytes)):
            yield piece["ordinal"] + index, item
        return
    item = article_from_line(piece["name"], piece["line"], piece["raw"], max_bytes)
    if item is not None:
        yield piece["ordinal"], item


def extracted_rows(pieces: list[dict], max_bytes: int) -> list[dict]:
    """The EXTRACTED rows of some pieces: a document with its quotes, or an error."""
    items = [pair for piece in pieces for pair in items_of_piece(piece, max_bytes)]
    articles = [(ordinal, item) for ordinal, item in items if isinstance(item, Article)]
    results = iter(extract_texts([article.text for _, article in articles]))
    rows = []
    for ordinal, item in items:
        if isinstance(item, ReadError):
            rows.append(error_row(ordinal, item))
            continue
        result = next(results)
        if isinstance(result, str):  # the extractor failed on this text
            rows.append(error_row(ordinal, ReadError(item.source or "", result)))
        else:
            rows.append(document_row(ordinal, item, result))
    return rows


def extract_batches(batches: Iterable[pa.RecordBatch], max_bytes: int,
                    ) -> Iterator[pa.RecordBatch]:
    """The mapInArrow function: input pieces in, EXTRACTED rows out, batch by batch."""
    for batch in batches:
        rows = extracted_rows(batch.to_pylist(), max_bytes)
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=EXTRACTED)


def numbered_lines(batches: Iterable[pa.RecordBatch], lines_before: dict,
                   ranks: dict) -> Iterator[pa.RecordBatch]:
    """Give each line of a JSONL split its line number and ordinal.

    Spark reads a split's lines in order but does not number them; `lines_before` holds,
    for each (file, split start), how many lines the file has before that split (counted
    by the job beforehand), and `ranks` each file's place in the folder walk's order."""
    seen: dict[tuple[str, int], int] = {}
    for batch in batches:
        columns = batch.to_pydict()
        lines, ordinals = [], []
        for path, start in zip(columns["path"], columns["block_start"], strict=True):
            key = (path, start)
            seen[key] = seen.get(key, 0) + 1
            line = lines_before[key] + seen[key]
            lines.append(line)
            ordinals.append(ranks[path] * MAX_ITEMS_PER_FILE + line)
        yield pa.RecordBatch.from_pydict(
            {"ordinal": ordinals, "name": columns["name"], "line": lines, "raw": columns["raw"]},
            schema=PIECE)


PIECE = pa.schema([("ordinal", pa.int64()), ("name", pa.string()), ("line", pa.int64()),
                   ("raw", pa.binary())])
