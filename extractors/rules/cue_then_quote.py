"""cue-then-quote: Nazir Ahmed, a trader, told AFP, “…” / He added, “…”."""
from __future__ import annotations

from extractors.attribution import (
    ADDRESSEE_VERBS,
    Attribution,
    DocumentContext,
    skip_modifiers_left,
)
from extractors.mentions import Mention, phrase_after, subject_before
from extractors.segmentation import Token


def cue_then_quote(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """The nearest cue before the quote is a plain speech verb: its subject speaks."""
    cue = ctx.cue_before(i, partial)
    if cue is None or cue.rule != "cue-then-quote":
        return None
    mention = subject_of_cue(cue.toks, cue.first, cue.last)
    if mention is None:
        return None
    return Attribution("cue-then-quote", mention, cue.toks[cue.first].start,
                       cue.toks[cue.last].end)


def subject_of_cue(toks: list[Token], first: int, last: int) -> Mention | None:
    """The phrase before the cue ``toks[first:last + 1]``, or else a name right after it
    ("said Mr. Roggio, “…”"; not after "told", whose object is the listener)."""
    j = skip_modifiers_left(toks, first - 1, 0)
    mention = subject_before(toks, j) if j >= 0 else None
    if mention is None and toks[first].text.lower() not in ADDRESSEE_VERBS:
        mention = phrase_after(toks, last + 1)
        if mention is not None and mention.kind != "name":
            mention = None
    return mention
