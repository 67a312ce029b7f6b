"""dash-signature: “…” — Donald Trump."""
from __future__ import annotations

from extractors.attribution import DASHES, Attribution, DocumentContext
from extractors.mentions import phrase_after


def dash_signature(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """A dash right after the quote and then a name: the quote is signed."""
    words = ctx.words_after(i)
    if words is None:
        return None
    toks, k = words
    if toks[k].text not in DASHES:
        return None
    mention = phrase_after(toks, k + 1)
    if mention is None or mention.kind != "name":
        return None
    return Attribution("dash-signature", mention, toks[k].start, toks[k].end)
