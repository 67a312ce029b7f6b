"""What a reader yields: an article ready to store, or the reason a piece of input was skipped."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    """One article. `text` is stored exactly as given: every quote offset indexes it."""

    text: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    external_id: str | None = None
    source: str | None = None  # "path" or "path:line", for messages and provenance


@dataclass(frozen=True)
class ReadError:
    """Input that could not be read as an article; `source` is "path:line"."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Skipped:
    """A file in a folder that is not of a type quotewire reads (not an error, but said)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
