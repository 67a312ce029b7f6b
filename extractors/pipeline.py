"""The extraction pipeline: spans, classification, the attribution sieve, speakers."""
from __future__ import annotations

import re

from extractors.attribution import Attribution, DocumentContext
from extractors.classification import TAIL_CHARS, is_reported_speech, quote_kind
from extractors.model import Cue, Quote
from extractors.segmentation import sentence_span
from extractors.sieve import SIEVE, run_sieve
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
    return build_quotes(ctx, kinds, run_sieve(ctx, kinds))


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


def build_quotes(ctx: DocumentContext, kinds: list[str],
                 found: list[Attribution | None]) -> list[Quote]:
    text = ctx.text
    speakers = DocumentSpeakers(text, [(ctx.open_pos(i), ctx.close_pos(i))
                                         for i in range(len(ctx.spans))])
    confidence = SIEVE.confidence
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
            quotes.append(Quote(span.start, span.end, body, kind, "unattributed",
                                reason=SIEVE.fallback(text, att), rule=None,
                                confidence=SIEVE.fallback_confidence))
            continue
        previous = speaker
        cue = Cue(text[att.cue_start:att.cue_end], att.cue_start, att.cue_end)
        quotes.append(Quote(span.start, span.end, body, kind, "attributed", None, speaker, cue,
                            att.rule, confidence[att.rule]))
    return quotes
