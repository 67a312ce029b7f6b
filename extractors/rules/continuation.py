"""continuation: a quote with no cue after a quote of the same paragraph or the one before."""
from __future__ import annotations

from extractors.attribution import Attribution, DocumentContext
from extractors.segmentation import first_sentence_end


def continuation(ctx: DocumentContext, kinds: list[str],
                 found: list[Attribution | None]) -> list[Attribution | None]:
    """Give a quote with no cue the speaker of the quote before it (same or previous
    paragraph), or of the next quote in its paragraph when that one has the cue, or of the
    next paragraph's when the quotation runs on into it; a phrase in marks the speaker of
    the phrase before it in the same sentence."""
    out = list(found)
    para = ctx.paragraph_of
    for i in range(len(out)):
        if out[i] is not None or ctx.spans[i].single:
            continue
        prev = out[i - 1] if i > 0 else None
        if prev and kinds[i] == "partial" and prev.rule != "continuation" \
                and _same_sentence(ctx, i - 1, i):
            # "X told reporters the agency must be the “backbone” …, and … “a loss of trust.”"
            out[i] = Attribution("partial-quote", prev.mention, prev.cue_start, prev.cue_end)
            continue
        if prev and (para[i - 1] == para[i] or (para[i - 1] == para[i] - 1 and
                                                ctx.opens_paragraph(i))):
            out[i] = Attribution("continuation", prev.mention, prev.cue_start, prev.cue_end)
            continue
        nxt = found[i + 1] if i + 1 < len(out) else None
        runs_on = ctx.spans[i].unclosed and para[i + 1:i + 2] == [para[i] + 1] \
            and ctx.opens_paragraph(i + 1)  # one quotation over two paragraphs
        if nxt and (para[i + 1] == para[i] or runs_on) and nxt.rule == "quote-then-cue":
            out[i] = Attribution("continuation", nxt.mention, nxt.cue_start, nxt.cue_end)
    return out


def _same_sentence(ctx: DocumentContext, first: int, second: int) -> bool:
    """No sentence ends between two quotations, nor inside the first."""
    text = ctx.text
    close, open_pos = ctx.close_pos(first), ctx.open_pos(second)
    span = ctx.spans[first]
    if text[span.start:span.end].rstrip().endswith((".", "!", "?")) or \
            "\n" in text[close:open_pos]:
        return False
    return first_sentence_end(text, close, open_pos) == open_pos
