"""Attribution: an ordered sieve of named rules, each reading a short window by the quote.

Windows are bounded by the paragraph, the neighbouring quotes and a fixed number of
characters, and cut at sentence boundaries, so a rule never looks further than a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractors.lexicons import lexicons
from extractors.mentions import (
    DETERMINERS,
    LEADING_CAPS,
    Mention,
    is_cap,
    is_verb,
    phrase_after,
    pronoun_mention,
    subject_before,
)
from extractors.segmentation import (
    Paragraphs,
    Token,
    first_sentence_end,
    last_sentence_start,
    tokens,
)
from extractors.spans import QuoteSpan

BEFORE_CHARS = 300
AFTER_CHARS = 250
MAX_CUE_DISTANCE = 14  # tokens from the quote to the cue after it
ADDRESSEE_VERBS = lexicons().grammar["addressee_verbs"]
DASHES = frozenset("—–-")


@dataclass(frozen=True)
class Attribution:
    """Which rule attributed a quote, to which mention, through which cue words."""

    rule: str
    mention: Mention
    cue_start: int
    cue_end: int


class DocumentContext:
    """The text, its paragraphs and its quote spans, shared by the rules."""

    def __init__(self, text: str, spans: list[QuoteSpan]) -> None:
        self.text = text
        self.spans = spans
        self.paragraphs = Paragraphs(text)

    def open_pos(self, i: int) -> int:
        span = self.spans[i]
        return span.start - len(span.open_mark)

    def close_pos(self, i: int) -> int:
        span = self.spans[i]
        return span.end + len(span.close_mark)

    def paragraph(self, i: int) -> tuple[int, int]:
        return self.paragraphs.bounds(self.paragraphs.index(self.spans[i].start))

    def before_window(self, i: int) -> tuple[int, int]:
        """From the sentence start (or the previous quote) to the opening mark."""
        end = self.open_pos(i)
        start = max(self.paragraph(i)[0], end - BEFORE_CHARS)
        if i > 0 and self.close_pos(i - 1) > start:
            start = min(self.close_pos(i - 1), end)
        return last_sentence_start(self.text, start, end), end

    def after_window(self, i: int) -> tuple[int, int]:
        """From the closing mark to the sentence end (or the next quote)."""
        start = self.close_pos(i)
        end = min(self.paragraph(i)[1], start + AFTER_CHARS)
        if i + 1 < len(self.spans) and self.open_pos(i + 1) < end:
            end = max(self.open_pos(i + 1), start)
        return start, first_sentence_end(self.text, start, end)


@cache
def _phrases_by_word() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    """Multi-word cues indexed by their first and by their last word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicons().cue_phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
        by_last.setdefault(phrase[-1], []).append(phrase)
    return by_first, by_last


def _matches(toks: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return k >= 0 and k + len(phrase) <= len(toks) and all(
        toks[k + n].text.lower() == w for n, w in enumerate(phrase))


def cue_length(toks: list[Token], k: int) -> int:
    """Number of tokens of the cue starting at ``toks[k]`` (0 when there is none)."""
    for phrase in _phrases_by_word()[0].get(toks[k].text.lower(), ()):
        if _matches(toks, k, phrase):
            return len(phrase)
    return 1 if is_verb(toks[k]) else 0


def cue_ending_at(toks: list[Token], k: int) -> int:
    """Index of the first token of a cue that ends at ``toks[k]``, or -1."""
    for phrase in _phrases_by_word()[1].get(toks[k].text.lower(), ()):
        if _matches(toks, k - len(phrase) + 1, phrase):
            return k - len(phrase) + 1
    return k if is_verb(toks[k]) else -1


def _is_according(toks: list[Token], k: int) -> bool:
    return toks[k].text.lower() == "according"


def skip_modifiers_left(toks: list[Token], j: int, low: int) -> int:
    modifiers = lexicons().cue_modifiers
    while j >= low and toks[j].text.lower() in modifiers:
        j -= 1
    return j


def quote_then_cue(ctx: DocumentContext, i: int) -> Attribution | None:
    """“…,” Roggio said / “…,” said Mr. Roggio / “…,” he said / “…,” according to X."""
    toks = tokens(ctx.text, *ctx.after_window(i))
    k = 0
    while k < len(toks) and toks[k].text in ",;":
        k += 1
    if k >= len(toks):
        return None
    if toks[k].text in DASHES:
        return _dash_signature(toks, k)
    n = cue_length(toks, k)
    if n:
        return _inverted_cue(toks, k, n)
    for v in range(k + 1, min(len(toks), k + MAX_CUE_DISTANCE)):
        if toks[v].text in "“”\"‘":
            return None
        n = cue_length(toks, v)
        if not n:
            continue
        if _is_according(toks, v):
            return None
        j = skip_modifiers_left(toks, v - 1, k)
        mention = subject_before(toks, j, k)
        if mention and mention.start == toks[k].start:
            return Attribution("quote-then-cue", mention, toks[v].start, toks[v + n - 1].end)
        return None
    return None


def _inverted_cue(toks: list[Token], k: int, n: int) -> Attribution | None:
    if _is_according(toks, k):
        mention = phrase_after(toks, k + n)
        rule = "according-to"
    elif toks[k].text.lower() in ADDRESSEE_VERBS:
        return None
    else:
        mention = phrase_after(toks, k + n)
        rule = "quote-then-cue"
    if mention is None:
        return None
    return Attribution(rule, mention, toks[k].start, toks[k + n - 1].end)


def _dash_signature(toks: list[Token], k: int) -> Attribution | None:
    mention = phrase_after(toks, k + 1)
    if mention is None or mention.kind != "name":
        return None
    return Attribution("dash-signature", mention, toks[k].start, toks[k].end)


def cue_then_quote(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """He told AFP, “…” / Nazir Ahmed, a trader, said: “…” / said the plan was “a …”."""
    start, end = ctx.before_window(i)
    toks = tokens(ctx.text, start, end)
    for k in range(len(toks) - 1, max(-1, len(toks) - 40), -1):
        first = cue_ending_at(toks, k)
        if first < 0:
            continue
        attribution = _subject_of_cue(toks, first, k, partial)
        if attribution:
            return attribution
        return None
    if toks and toks[-1].text == ":":
        mention = sentence_subject(toks)
        if mention:
            return Attribution("colon-introduction", mention, toks[-1].start, toks[-1].end)
    return None


def _subject_of_cue(toks: list[Token], first: int, last: int,
                    partial: bool) -> Attribution | None:
    cue_start, cue_end = toks[first].start, toks[last].end
    if _is_according(toks, first):
        mention = phrase_after(toks, last + 1)
        return Attribution("according-to", mention, cue_start, cue_end) if mention else None
    words_between = len(toks) - last - 1
    rule = "partial-quote" if partial and words_between > 2 else "cue-then-quote"
    j = skip_modifiers_left(toks, first - 1, 0)
    if j >= 0 and toks[j].text == "," and toks[first].text.endswith("ing"):
        mention = sentence_subject(toks[:j])
        return Attribution("participle-cue", mention, cue_start, cue_end) if mention else None
    mention = subject_before(toks, j) if j >= 0 else None
    if mention is None and toks[first].text.lower() not in ADDRESSEE_VERBS:
        mention = phrase_after(toks, last + 1)
        if mention is not None and mention.kind != "name":
            mention = None
    if mention is None:
        return None
    return Attribution(rule, mention, cue_start, cue_end)


def sentence_subject(toks: list[Token]) -> Mention | None:
    """The first noun phrase of a sentence, skipping an opening adverbial ("On Monday, …")."""
    pronouns = lexicons().pronouns
    for k in range(min(len(toks), 12)):
        tok = toks[k]
        lower = tok.text.lower()
        if lower in pronouns and lower != "it":
            return pronoun_mention(tok)
        if (is_cap(tok) and tok.text not in LEADING_CAPS) or lower in DETERMINERS:
            mention = phrase_after(toks, k)
            if mention:
                return mention
    return None
