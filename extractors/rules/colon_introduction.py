"""colon-introduction: Caddell put it this way: “…”."""
from __future__ import annotations

from extractors.attribution import Attribution, DocumentContext
from extractors.mentions import sentence_subject


def colon_introduction(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """No cue before the quote, but a sentence ending in a colon introduces it: that
    sentence's subject speaks."""
    toks = ctx.words_before(i)
    if not toks or toks[-1].text != ":" or ctx.cue_before(i, partial) is not None:
        return None
    mention = sentence_subject(toks)
    if mention is None:
        return None
    return Attribution("colon-introduction", mention, toks[-1].start, toks[-1].end)
