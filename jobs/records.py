"""The rows the Spark job writes, and the Articles and Quotes `quotewire load` reads back.

One Arrow schema for what the extraction step yields per piece of input: a document with its
quotes nested, or an error. The job splits it into the `documents`, `quotes` and `errors`
datasets; every quote carries each field of the `quotewire extract` contract under the same
name, plus the ids the store will give it (computed by ingest.store, not here).
"""

from datetime import date

import pyarrow as pa

from articles import Article, ReadError
from extractors import EXTRACTOR_VERSION, Cue, Quote, Speaker
from ingest.store import document_id_for, document_sha256, quote_id

SPEAKER = pa.struct([("name", pa.string()), ("mention", pa.string()), ("start", pa.int64()),
                     ("end", pa.int64()), ("type", pa.string()), ("role", pa.string())])
CUE = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
QUOTE = pa.struct([
    ("quote_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ("kind", pa.string()), ("status", pa.string()), ("reason", pa.string()),
    ("speaker", SPEAKER), ("cue", CUE), ("rule", pa.string()),
    # The contract rounds confidence to two places; the store keeps it unrounded.
    ("confidence", pa.float64()), ("confidence_exact", pa.float64()),
    ("extractor_version", pa.string())])
# What every quote row repeats from its document (and the documents dataset holds).
DOCUMENT_FIELDS = ["ordinal", "document", "document_id", "sha256", "source", "external_id",
                   "title", "url", "author", "outlet", "published", "month"]
EXTRACTED = pa.schema([
    ("ordinal", pa.int64()), ("error", pa.string()), ("document", pa.string()),
    ("document_id", pa.string()), ("sha256", pa.string()), ("source", pa.string()),
    ("external_id", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("author", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
    ("month", pa.string()), ("text", pa.string()), ("extractor_version", pa.string()),
    ("quotes", pa.list_(QUOTE))])
NO_MONTH = "unknown"  # the partition of articles without a publication date


def contract_document_id(article: Article) -> str:
    """`quotewire extract`'s document id (cli.extract.document_id, which jobs/ may not
    import): the article's own id, else the file name, with `:LINE` for a JSONL line."""
    if article.external_id is not None:
        return article.external_id
    return (article.source or "").rsplit("/", 1)[-1]


def month_of(published: date | None) -> str:
    return published.strftime("%Y-%m") if published else NO_MONTH


def error_row(ordinal: int, item: ReadError) -> dict:
    return {"ordinal": ordinal, "error": item.reason, "source": item.source}


def document_row(ordinal: int, article: Article, quotes: list[Quote]) -> dict:
    """A document and its quotes, with the ids `quotewire ingest` gives them."""
    sha256 = document_sha256(article.text)
    return {"ordinal": ordinal, "document": contract_document_id(article),
            "document_id": document_id_for(sha256), "sha256": sha256,
            "source": article.source, "external_id": article.external_id,
            "title": article.title, "url": article.url, "author": article.author,
            "outlet": article.outlet, "published": article.published,
            "month": month_of(article.published), "text": article.text,
            "extractor_version": EXTRACTOR_VERSION,
            "quotes": [quote_record(sha256, quote) for quote in quotes]}


def quote_record(sha256: str, quote: Quote) -> dict:
    record = quote.to_record("")
    del record["document"]  # the row's own `document` column
    record["quote_id"] = quote_id(sha256, quote.start, quote.end)
    record["confidence_exact"] = float(quote.confidence)
    return record


def article_from_row(row: dict) -> Article:
    """The Article a documents row was extracted from."""
    return Article(text=row["text"], title=row["title"], url=row["url"], author=row["author"],
                   outlet=row["outlet"], published=row["published"],
                   external_id=row["external_id"], source=row["source"])


def quote_from_row(row: dict) -> Quote:
    """The extractor's Quote a quotes row was written from."""
    speaker, cue = row["speaker"], row["cue"]
    return Quote(start=row["start"], end=row["end"], text=row["text"], kind=row["kind"],
                 status=row["status"], reason=row["reason"],
                 speaker=Speaker(**speaker) if speaker else None,
                 cue=Cue(**cue) if cue else None, rule=row["rule"],
                 confidence=row["confidence_exact"])
