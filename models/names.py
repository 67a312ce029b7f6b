"""Name folding shared by speakers and outlets: case, accents, punctuation and spacing."""

import re
import unicodedata
from functools import cache, lru_cache

from extractors.lexicons import lexicons

# Anything that is not a letter, a digit, an apostrophe or a hyphen separates words.
SEPARATORS_RE = re.compile(r"[^\w'-]+|_+")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "–": "-"})
LEADING_ARTICLES = ("the",)


def fold(value: str) -> str:
    """Lower-case, accent-free, single-spaced text: 'Zoë  MÜLLER' -> 'zoe muller'."""
    if value.isascii():  # most names: nothing to decompose, and the loop below is the cost
        return " ".join(value.lower().split())
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=65536)
def name_words(value: str) -> tuple[str, ...]:
    """The folded words of a name, with dots and other punctuation dropped."""
    folded = fold(value.translate(APOSTROPHES)).replace(".", "")
    return tuple(w.strip("'-") for w in SEPARATORS_RE.split(folded) if w.strip("'-"))


@cache
def titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The extractor's titles (extractors/lexicons/titles.txt, one list for both) as word
    tuples, grouped by first word, longest first."""
    titles = {name_words(title) for title in lexicons().title_phrases}
    titles.update((article,) for article in LEADING_ARTICLES)
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for title in sorted(titles, key=len, reverse=True):
        grouped.setdefault(title[0], []).append(title)
    return {first: tuple(group) for first, group in grouped.items()}


def strip_titles(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop leading titles ('president', 'lt gen', 'the'), always keeping at least one word."""
    titles = titles_by_first_word()
    while len(words) > 1 and words[0] in titles:
        title = next((t for t in titles[words[0]]
                      if len(words) > len(t) and tuple(words[: len(t)]) == t), None)
        if title is None:
            break
        words = words[len(title):]
    return words


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """A speaker name folded for matching: case, accents, dots and leading titles removed."""
    return " ".join(strip_titles(name_words(name)))


def normalize_outlet_name(name: str) -> str:
    """An outlet name folded for matching: case, accents and spacing ('The ' is kept)."""
    return fold(name)


def search_words(normalized_name: str) -> set[str]:
    """The words a normalised name is found by. A hyphenated name is one word: "lind" must
    not find "Brigitte Okonkwo-Lind" for whoever asked about "Ottilie Varga Lind"."""
    return set(normalized_name.split())
