"""according-to: “…,” according to a senior official / According to X, “…”."""
from __future__ import annotations

from extractors.attribution import (
    Attribution,
    DocumentContext,
    cue_length,
    inverted_cue_may_follow,
    is_according,
)
from extractors.mentions import Mention, phrase_after
from extractors.segmentation import Token


def according_to(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """"According to X" (or "selon X", "as noted by X") right after the quote, or as the
    nearest cue before it: X is the source."""
    return _according_after(ctx, i) or _according_before(ctx, i, partial)


def _according_after(ctx: DocumentContext, i: int) -> Attribution | None:
    words = ctx.words_after(i)
    if words is None:
        return None
    toks, k = words
    n = cue_length(toks, k)
    if not n or not is_according(toks, k) or not inverted_cue_may_follow(ctx, i, k):
        return None
    return _attribution(toks, k, k + n - 1)


def _according_before(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    cue = ctx.cue_before(i, partial)
    if cue is None or cue.rule != "according-to":
        return None
    return _attribution(cue.toks, cue.first, cue.last)


def _attribution(toks: list[Token], first: int, last: int) -> Attribution | None:
    mention = source_named(toks, last)
    if mention is None:
        return None
    return Attribution("according-to", mention, toks[first].start, toks[last].end)


def source_named(toks: list[Token], last: int) -> Mention | None:
    """The phrase after "according to" (``toks[last]`` is the cue's last word)."""
    return phrase_after(toks, last + 1)
