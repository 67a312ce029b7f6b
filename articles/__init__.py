"""Articles read from files: .txt (with an optional header block), .json, .jsonl and .html."""

from articles.model import Article, ReadError, Skipped
from articles.readers import read_articles

__all__ = ["Article", "ReadError", "Skipped", "read_articles"]
