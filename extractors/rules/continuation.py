"""continuation: a quote with no cue after a quote of the same paragraph or the one before."""
from __future__ import annotations

from extractors.attribution import Attribution, DocumentContext


def continuation(ctx: DocumentContext, kinds: list[str],
                 found: list[Attribution | None]) -> list[Attribution | None]:
    """Give a quote with no cue the speaker of the quote before it (same or previous
    paragraph), or of the next quote in its paragraph when that one has the cue."""
    out = list(found)
    para = ctx.paragraph_of
    for i in range(len(out)):
        if out[i] is not None or ctx.spans[i].single:
            continue
        prev = out[i - 1] if i > 0 else None
        if prev and (para[i - 1] == para[i] or (para[i - 1] == para[i] - 1 and
                                                ctx.opens_paragraph(i))):
            out[i] = Attribution("continuation", prev.mention, prev.cue_start, prev.cue_end)
            continue
        nxt = found[i + 1] if i + 1 < len(out) else None
        if nxt and para[i + 1] == para[i] and nxt.rule == "quote-then-cue":
            out[i] = Attribution("continuation", nxt.mention, nxt.cue_start, nxt.cue_end)
    return out
