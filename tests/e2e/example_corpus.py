"""The bundled example articles and the quotations a careful reader marks in them.

`tests/fixtures/examples_expected.json` lists, per file, each quotation by a unique probe
substring with its speaker, and the marked phrases that are not quotations at all.
"""

import json
import unicodedata
from dataclasses import dataclass

from articles import Article, read_articles
from tests.conftest import EXAMPLES_DIR, PROJECT_ROOT

EXPECTED_PATH = PROJECT_ROOT / "tests" / "fixtures" / "examples_expected.json"


@dataclass(frozen=True)
class ExpectedQuote:
    file: str
    probe: str
    speaker: str
    speaker_type: str
    kind: str


def expected_by_file() -> dict:
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))


def example_articles() -> dict[str, Article]:
    """Every example article, read the way `quotewire ingest` reads it, keyed by file name."""
    articles = {}
    for item in read_articles([EXAMPLES_DIR]):
        assert isinstance(item, Article), f"example failed to read: {item}"
        articles[source_file(item.source)] = item
    return articles


def expected_quotes() -> list[ExpectedQuote]:
    return [ExpectedQuote(file, q["quote"], q["speaker"], q["type"], q["kind"])
            for file, entry in expected_by_file().items() for q in entry["quotes"]]


def source_file(source: str) -> str:
    return source.split(":")[0].rsplit("/", 1)[-1]


def folded_words(name: str) -> set[str]:
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return {w.strip(".,'’\"") for w in plain.replace("-", " ").split()}


def speaker_matches(expected: ExpectedQuote, name: str | None, speaker_type: str | None) -> bool:
    """The scorer's rule: the predicted name's last word is a word of the expected speaker;
    for anonymous sources, a prediction typed anonymous is right."""
    if expected.speaker_type == "anonymous" and speaker_type == "anonymous":
        return True
    words = (name or "").replace("-", " ").split()
    return bool(words) and folded_words(words[-1]) <= folded_words(expected.speaker)
