"""What the attribution rules share: the answer they give, the document context with each
quote's windows read once, and cue lookup. The rules themselves are in ``extractors/rules/``,
one module each, run in the order of ``lexicons/rules.tsv`` by ``extractors/sieve.py``.

Windows are bounded by the paragraph, the neighbouring quotes and a fixed number of
characters, and cut at sentence boundaries, so a rule never looks further than a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.lexicons import lexicons
from extractors.mentions import Mention, is_cue_verb
from extractors.segmentation import (
    Paragraphs,
    Token,
    first_sentence_end,
    last_sentence_start,
    tokens,
)
from extractors.spans import QuoteSpan

BEFORE_CHARS = 200
AFTER_CHARS = 160
MAX_INDENT = 8  # spaces allowed before a quote that opens its paragraph
MAX_CUE_LOOKBACK = 40  # tokens from the quote back to the nearest cue before it
ADDRESSEE_VERBS = lexicons().grammar["addressee_verbs"]
ACCORDING = lexicons().grammar["according"]
DASHES = frozenset("—–-―")
COORDINATORS = lexicons().grammar["coordinators"]
PARTICIPLE_LEADS = lexicons().grammar["participle_leads"]


@dataclass(frozen=True)
class Attribution:
    """Which rule attributed a quote, to which mention, through which cue words.

    A tentative answer stands only when no later rule of the sieve answers (see
    ``quote_then_cue``)."""

    rule: str
    mention: Mention
    cue_start: int
    cue_end: int
    tentative: bool = False


class WordsAfter(NamedTuple):
    """The tokens after a quote's closing mark, and the index of the first word (commas and
    semicolons right after the mark skipped): what follows the quote starts there."""

    toks: list[Token]
    first: int


class CueBefore(NamedTuple):
    """The tokens before a quote's opening mark, the nearest cue among them,
    ``toks[first:last + 1]``, and the rule that cue calls for (see ``rule_for_cue``)."""

    toks: list[Token]
    first: int
    last: int
    rule: str


class DocumentContext:
    """The text, its paragraphs and its quote spans, shared by the rules."""

    def __init__(self, text: str, spans: list[QuoteSpan]) -> None:
        self.text = text
        self.spans = spans
        self.paragraphs = Paragraphs(text)
        self._before: dict[int, tuple[int, int]] = {}
        # Several rules read the same window of a quote: each is tokenised once, when first
        # asked for, and kept while the rules work on that quote only (the tokens of every
        # quote kept at once cost more in garbage collection than they save).
        self._words_after: tuple[int, WordsAfter | None] = (-1, None)
        self._words_before: tuple[int, list[Token] | None] = (-1, None)
        self._cue_before: tuple[int, CueBefore | None] = (-1, None)
        # Looked up many times per quote by the rules: computed once.
        self.opens = [s.start - len(s.open_mark) for s in spans]
        self.closes = [s.end + len(s.close_mark) for s in spans]
        self.paragraph_of = [self.paragraphs.index(s.start) for s in spans]

    def open_pos(self, i: int) -> int:
        return self.opens[i]

    def close_pos(self, i: int) -> int:
        return self.closes[i]

    def paragraph(self, i: int) -> tuple[int, int]:
        return self.paragraphs.bounds(self.paragraph_of[i])

    def before_window(self, i: int) -> tuple[int, int]:
        """From the sentence start (or the previous quote) to the opening mark."""
        if i not in self._before:
            self._before[i] = self._find_before_window(i)
        return self._before[i]

    def _find_before_window(self, i: int) -> tuple[int, int]:
        end = self.open_pos(i)
        para_start = self.paragraph(i)[0]
        if self.opens_paragraph(i):
            end = self._colon_before(para_start, end)
        start = max(self.paragraphs.bounds(self.paragraphs.index(end))[0], end - BEFORE_CHARS)
        if i > 0 and self.close_pos(i - 1) > start:
            start = min(self.close_pos(i - 1), end)
        return last_sentence_start(self.text, start, end), end

    def opens_paragraph(self, i: int) -> bool:
        """The quote's opening mark starts its paragraph (a few spaces aside).

        Only a short stretch is looked at, so a one-paragraph megabyte costs nothing here.
        """
        para_start, end = self.paragraph(i)[0], self.open_pos(i)
        return end - para_start <= MAX_INDENT and not self.text[para_start:end].strip()

    def _colon_before(self, para_start: int, end: int) -> int:
        """A paragraph that opens with a quote may be introduced by one ending in a colon."""
        pos = para_start
        while pos > 0 and self.text[pos - 1].isspace() and para_start - pos < 8:
            pos -= 1
        return pos if pos > 0 and self.text[pos - 1] == ":" else end

    def after_window(self, i: int) -> tuple[int, int]:
        """From the closing mark to the sentence end (or the next quote)."""
        start = self.close_pos(i)
        end = min(self.paragraph(i)[1], start + AFTER_CHARS)
        if i + 1 < len(self.spans) and self.open_pos(i + 1) < end:
            end = max(self.open_pos(i + 1), start)
        return start, first_sentence_end(self.text, start, end)

    def words_after(self, i: int) -> WordsAfter | None:
        """The words after the quote; None when they hold no cue word and open with no dash
        (most quotes' windows, which are then never tokenised)."""
        if self._words_after[0] != i:
            self._words_after = (i, self._read_words_after(i))
        return self._words_after[1]

    def _read_words_after(self, i: int) -> WordsAfter | None:
        start, end = self.after_window(i)
        lead = self.text[start:start + 3].lstrip(" ,;\u00a0\u2009\u202f")  # no-break spaces too
        if not has_cue_word(self.text, start, end) and not (lead and lead[0] in DASHES):
            return None
        toks = tokens(self.text, start, end)
        first = 0
        while first < len(toks) and toks[first].text in ",;":
            first += 1
        return WordsAfter(toks, first) if first < len(toks) else None

    def words_before(self, i: int) -> list[Token] | None:
        """The words before the quote; None when they hold no cue word and end in no colon."""
        if self._words_before[0] != i:
            self._words_before = (i, self._read_words_before(i))
        return self._words_before[1]

    def _read_words_before(self, i: int) -> list[Token] | None:
        start, end = self.before_window(i)
        if not has_cue_word(self.text, start, end) \
                and not self.text[start:end].rstrip().endswith(":"):
            return None
        return tokens(self.text, start, end)

    def cue_before(self, i: int, partial: bool) -> CueBefore | None:
        """The cue nearest the quote among the last words before it; None when there is none."""
        if self._cue_before[0] != i:
            self._cue_before = (i, nearest_cue(self.words_before(i) or [], partial))
        return self._cue_before[1]


OPEN_ENDINGS = ",?!—–-…"  # a quotation ending in one of these runs on into its cue
PUNCTUATED_ENDS = OPEN_ENDINGS + "."  # ... or in its own full stop: a cue may be inverted


def inverted_cue_may_follow(ctx: DocumentContext, i: int, k: int) -> bool:
    """“…,” said X / “…?” asked X: a cue is inverted after a comma, or after a quotation
    that ends in its own stop; not after “reckless” in "the “reckless” claims against …",
    a phrase in marks followed by a noun that spells like a verb."""
    if k > 0:
        return True  # a comma after the closing mark
    span = ctx.spans[i]
    content = ctx.text[span.start:span.end].rstrip(" '’\"”")  # a quote inside ends it
    return bool(content) and content[-1] in PUNCTUATED_ENDS


def _phrases_by_word() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    """Multi-word cues indexed by their first and by their last word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicons().cue_phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
        by_last.setdefault(phrase[-1], []).append(phrase)
    return by_first, by_last


PHRASES_BY_FIRST, PHRASES_BY_LAST = _phrases_by_word()


def _matches(toks: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return k >= 0 and k + len(phrase) <= len(toks) and all(
        toks[k + n].text.lower() == w for n, w in enumerate(phrase))


def cue_length(toks: list[Token], k: int) -> int:
    """Number of tokens of the cue starting at ``toks[k]`` (0 when there is none)."""
    lower = toks[k].text.lower()
    if lower not in CUE_WORDS:
        return 0  # most tokens: no lookup further
    for phrase in PHRASES_BY_FIRST.get(lower, ()):
        if _matches(toks, k, phrase):
            return len(phrase)
    return 1 if is_cue_verb(toks, k) else 0


def cue_ending_at(toks: list[Token], k: int) -> int:
    """Index of the first token of a cue that ends at ``toks[k]``, or -1."""
    lower = toks[k].text.lower()
    if lower not in CUE_WORDS:
        return -1
    for phrase in PHRASES_BY_LAST.get(lower, ()):
        if _matches(toks, k - len(phrase) + 1, phrase):
            return k - len(phrase) + 1
    return k if is_cue_verb(toks, k) else -1


# Latin letters, accented ones included ("ajouté"); the set lookup is case-sensitive. (A
# plain character range: \w-based classes cost a third more on every window.)
LOWER_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")
# Every word that can start or end a cue (a speech verb is a one-word cue).
CUE_WORDS = frozenset(lexicons().speech_verbs | set(PHRASES_BY_FIRST) | set(PHRASES_BY_LAST))


# ... and the first words of phrases as a sentence starts them ("Selon X, «…»").
GATE_WORDS = CUE_WORDS | {word.capitalize() for word in PHRASES_BY_FIRST} | \
    lexicons().speech_nouns


def has_cue_word(text: str, start: int, end: int) -> bool:
    """Say whether ``text[start:end]`` holds any cue word at all (most windows by a scare
    quote hold none, and are then never tokenised)."""
    return not GATE_WORDS.isdisjoint(LOWER_WORD_RE.findall(text, start, end))


def nearest_cue(toks: list[Token], partial: bool) -> CueBefore | None:
    """The last cue of ``toks``, looking back no further than MAX_CUE_LOOKBACK tokens."""
    for k in range(len(toks) - 1, max(-1, len(toks) - MAX_CUE_LOOKBACK), -1):
        first = cue_ending_at(toks, k)
        if first >= 0:
            return CueBefore(toks, first, k, rule_for_cue(toks, first, k, partial))
    return None


def is_according(toks: list[Token], k: int) -> bool:
    return toks[k].text.lower() in ACCORDING


def skip_modifiers_left(toks: list[Token], j: int, low: int) -> int:
    modifiers = lexicons().cue_modifiers
    while j >= low and toks[j].text.lower() in modifiers:
        j -= 1
    return j


def rule_for_cue(toks: list[Token], first: int, last: int, partial: bool) -> str:
    """The rule a cue before a quote, ``toks[first:last + 1]``, calls for; that rule alone
    reads its speaker.

    "According to X, “…”": according-to. ", saying “…”", "and added: “…”": participle-cue.
    A phrase in marks more than two words after the verb ("said the plan was “a
    disaster”"): partial-quote. Any other ("He told AFP, “…”"): cue-then-quote."""
    if is_according(toks, first):
        return "according-to"
    if is_participle(toks, first, skip_modifiers_left(toks, first - 1, 0)):
        return "participle-cue"
    words_between = len(toks) - last - 1
    return "partial-quote" if partial and words_between > 2 else "cue-then-quote"


def is_participle(toks: list[Token], first: int, j: int) -> bool:
    """", saying", "upon saying", "and added": the subject is the clause's, further left
    (``toks[j]`` is the word before the cue, modifiers skipped)."""
    if j >= 0 and toks[j].text.lower() in COORDINATORS:
        return True  # "Trump called on her to resign and said, “…”"
    if not toks[first].text.endswith("ing"):
        return False
    return j < 0 or toks[j].text == "," or toks[j].text.lower() in PARTICIPLE_LEADS
