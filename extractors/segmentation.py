"""Segmentation: paragraphs, sentence boundaries inside bounded windows, and word tokens.

Nothing here scans the whole text more than once: paragraph starts are found in one regex
pass, and sentence boundaries are only looked for in the short windows around a quote.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from extractors.lexicons import lexicons

NEWLINE_RE = re.compile(r"\n\s*")  # a paragraph break, blank lines included
# A word (with inner apostrophes, dots and hyphens: don't, U.S, al-Qaida) or one symbol, with
# the space before it: every character is in a token or in that space, so the offsets add up.
# A full stop joins "U.S" but not "Punjab.He", where a wire slip dropped the space after a
# sentence: a capital then a lower-case letter after it starts a new word.
SPACED_TOKEN_RE = re.compile(r"(\s*)(\w+(?:['’\-]\w+|\.(?![A-Z][a-z])\w+)*|[^\w\s])")
# End-of-sentence punctuation, then any closing marks, then space. Checked further in Python.
SENTENCE_END_RE = re.compile(r"[.?!…][\"”’')\]]*\s+")
MAX_SENTENCE = 1000  # sentence_span never looks further than this either side


class Token(NamedTuple):
    """A word or symbol of the text, with its offsets in the original text.

    A NamedTuple rather than a dataclass: tokens are made by the thousand per document.
    """

    text: str
    start: int
    end: int


class Paragraphs:
    """Paragraph (line) bounds of a text, found once and looked up by bisection.

    Blank lines belong to the break, so consecutive paragraphs have consecutive indexes.
    """

    def __init__(self, text: str) -> None:
        breaks = [m.span() for m in NEWLINE_RE.finditer(text)]
        self.starts = [0] + [end for _, end in breaks]
        self.ends = [start for start, _ in breaks] + [len(text)]

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def bounds(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokenise ``text[start:end]`` keeping offsets into ``text``.

    Offsets are added up from the lengths findall gives, which costs less than a match object
    per token; tuple.__new__ is what Token._make calls, without the call."""
    make = tuple.__new__
    out = []
    pos = start
    while end > start and text[end - 1].isspace():
        end -= 1  # trailing space has no token after it: findall would retry it at each place
    for space, word in SPACED_TOKEN_RE.findall(text, start, end):
        pos += len(space)
        out.append(make(Token, (word, pos, pos + len(word))))
        pos += len(word)
    return out


def is_sentence_end(text: str, match: re.Match) -> bool:
    """Say whether a full stop (or ? ! …) really ends a sentence: not "U.S." or "Gen."."""
    after = match.end()
    if after < len(text) and text[after].islower():
        return False
    if text[match.start()] != ".":
        return True
    dot = match.start()
    before = text[max(0, dot - 12):dot]  # the word the full stop ends, at most 12 characters
    word = "" if not before or before[-1].isspace() else before.split()[-1]
    word = word.lstrip("(\"“‘'")
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Edgar Hoover"
    return word not in lexicons().abbreviations


def last_sentence_start(text: str, start: int, end: int) -> int:
    """Return where the last sentence beginning in ``text[start:end]`` starts."""
    found = start
    for match in SENTENCE_END_RE.finditer(text, start, end):
        if match.end() < end and is_sentence_end(text, match):
            found = match.end()
    return found


def first_sentence_end(text: str, start: int, end: int) -> int:
    """Return where the first sentence ending in ``text[start:end]`` ends, marks included."""
    for match in SENTENCE_END_RE.finditer(text, start, end):
        if is_sentence_end(text, match):
            return match.start() + len(match.group().rstrip())
    return end


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence(s) around ``text[start:end]``, within its paragraph."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    para_start = text.rfind("\n", max(0, start - MAX_SENTENCE), start) + 1
    para_start = max(para_start, start - MAX_SENTENCE)
    para_end = text.find("\n", end, end + MAX_SENTENCE)
    if para_end == -1:
        para_end = min(len(text), end + MAX_SENTENCE)
    left = last_sentence_start(text, para_start, start) if start > para_start else para_start
    right = first_sentence_end(text, end, para_end) if end < para_end else para_end
    return left, right
