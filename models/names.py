"""Name folding shared by speakers and outlets: case, accents, punctuation and spacing."""

import re
import unicodedata
from functools import cache
from pathlib import Path

TITLES_FILE = Path(__file__).resolve().parent / "data" / "name_titles.txt"
# Anything that is not a letter, a digit, an apostrophe or a hyphen separates words.
SEPARATORS_RE = re.compile(r"[^\w'-]+|_+")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "–": "-"})
LEADING_ARTICLES = ("the",)


def fold(value: str) -> str:
    """Lower-case, accent-free, single-spaced text: 'Zoë  MÜLLER' -> 'zoe muller'."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def name_words(value: str) -> list[str]:
    """The folded words of a name, with dots and other punctuation dropped."""
    folded = fold(value.translate(APOSTROPHES)).replace(".", "")
    return [w.strip("'-") for w in SEPARATORS_RE.split(folded) if w.strip("'-")]


@cache
def title_sequences() -> tuple[tuple[str, ...], ...]:
    """The titles of data/name_titles.txt as word tuples, longest first."""
    lines = TITLES_FILE.read_text(encoding="utf-8").splitlines()
    titles = {tuple(name_words(line)) for line in lines if line.strip() and line[0] != "#"}
    titles.update((article,) for article in LEADING_ARTICLES)
    return tuple(sorted(titles, key=len, reverse=True))


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles ('president', 'lt gen', 'the'), always keeping at least one word."""
    stripped = True
    while stripped:
        stripped = False
        for title in title_sequences():
            if len(words) > len(title) and tuple(words[: len(title)]) == title:
                words = words[len(title):]
                stripped = True
                break
    return words


def normalize_name(name: str) -> str:
    """A speaker name folded for matching: case, accents, dots and leading titles removed."""
    return " ".join(strip_titles(name_words(name)))


def normalize_outlet_name(name: str) -> str:
    """An outlet name folded for matching: case, accents and spacing ('The ' is kept)."""
    return fold(name)
