"""The extraction pipeline: spans, classification, the attribution sieve, speakers."""
from __future__ import annotations

import re

from extractors.attribution import (
    Attribution,
    DocumentContext,
    cue_then_quote,
    fronted_clause_cue,
    preceding_subject,
    quote_then_cue,
)
from extractors.classification import TAIL_CHARS, is_reported_speech, quote_kind
from extractors.lexicons import lexicons
from extractors.model import Cue, Quote
from extractors.segmentation import first_sentence_end, sentence_span
from extractors.spans import QuoteSpan, find_quote_spans
from extractors.speakers import DocumentSpeakers

__all__ = ["extract", "sentence_span"]


def extract(text: str) -> list[Quote]:
    """Return the direct quotations in ``text``, in document order."""
    if not text:
        return []
    spans = [s for s in find_quote_spans(text)
             if has_words(text, s.start, s.end) and not is_nickname(text, s)]
    ctx = DocumentContext(text, spans)
    kinds = [quote_kind(text, s.start, s.end, text[ctx.before_window(i)[0]:ctx.open_pos(i)])
             for i, s in enumerate(ctx.spans)]
    found = [attribute(ctx, i, kinds[i] == "partial") for i in range(len(ctx.spans))]
    found = fill_continuations(ctx, found, kinds)
    found = [att or (preceding_subject(ctx, i) if kinds[i] == "full" else None)
             for i, att in enumerate(found)]
    # a quote the preceding sentence's subject was found for carries on into the next
    found = fill_continuations(ctx, found, kinds)
    return build_quotes(ctx, kinds, found)


NICKNAME_RE = re.compile(r"[A-Z][\w\-’']*")


def is_nickname(text: str, span: QuoteSpan) -> bool:
    """Ottilie "Tilly" Lind: one capitalised word in marks between two parts of a name is a
    nickname, part of the name around it, and no quotation to stop a rule's window at."""
    open_at = span.start - len(span.open_mark)
    after_at = span.end + len(span.close_mark)
    return bool(NICKNAME_RE.fullmatch(text[span.start:span.end])) \
        and text[open_at - 1:open_at] == " " and _ends_capitalised_word(text, open_at - 1) \
        and text[after_at:after_at + 1] == " " and text[after_at + 1:after_at + 2].isupper()


def _ends_capitalised_word(text: str, end: int) -> bool:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start < end and text[start].isupper()


def has_words(text: str, start: int, end: int) -> bool:
    """Marks around nothing but punctuation ("“”", "' '") hold no quotation."""
    return any(ch.isalnum() for ch in text[start:end])


def attribute(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """Run the sieve on one quote: the most precise rule first."""
    span = ctx.spans[i]
    content = ctx.text[span.start:span.end].rstrip()
    ends_open = not content or content[-1] in ",?!—–-…" or span.close_mark == ""
    after = quote_then_cue(ctx, i)
    if after and (ends_open or after.rule != "quote-then-cue" or after.mention.kind != "nominal"):
        return after
    found = cue_then_quote(ctx, i, partial) or after
    if found is None and partial:
        found = fronted_clause_cue(ctx, i)
    return found


def fill_continuations(ctx: DocumentContext, found: list[Attribution | None],
                       kinds: list[str]) -> list[Attribution | None]:
    """Give a quote with no cue the speaker of the quote before it (same or previous
    paragraph), or of the next quote in its paragraph when that one has the cue; a phrase
    in marks the speaker of the phrase before it in the same sentence."""
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


def build_quotes(ctx: DocumentContext, kinds: list[str],
                 found: list[Attribution | None]) -> list[Quote]:
    text = ctx.text
    speakers = DocumentSpeakers(text, [(ctx.open_pos(i), ctx.close_pos(i))
                                         for i in range(len(ctx.spans))])
    confidence = lexicons().rule_confidence
    quotes = []
    previous = None
    for i, (span, kind, att) in enumerate(zip(ctx.spans, kinds, found, strict=True)):
        open_pos = ctx.open_pos(i)
        before = text[max(ctx.before_window(i)[0], open_pos - TAIL_CHARS):open_pos]
        if not is_reported_speech(text, span.start, span.end, kind, att and att.rule, before):
            continue
        body = text[span.start:span.end]
        speaker = speakers.speaker(att.mention, previous) if att else None
        if speaker is None:
            reason = NO_CUE if att is None else NO_REFERENT.format(
                text[att.mention.start:att.mention.end])
            quotes.append(Quote(span.start, span.end, body, kind, "unattributed",
                                reason=reason, rule=None, confidence=confidence["unattributed"]))
            continue
        previous = speaker
        cue = Cue(text[att.cue_start:att.cue_end], att.cue_start, att.cue_end)
        quotes.append(Quote(span.start, span.end, body, kind, "attributed", None, speaker, cue,
                            att.rule, confidence[att.rule]))
    return quotes


NO_CUE = "no speech verb, colon or earlier speaker near the quote"
NO_REFERENT = "the cue's subject “{}” names no person or organisation in the article"
