"""preceding-subject: Kofi Mensah made an appeal. ¶ “…” (the subject of the sentence before)."""
from __future__ import annotations

from extractors.attribution import BEFORE_CHARS, Attribution, DocumentContext
from extractors.classification import MIN_UNCUED_WORDS, word_count
from extractors.lexicons import lexicons
from extractors.mentions import Mention, sentence_subject
from extractors.rules.continuation import continuation
from extractors.segmentation import last_sentence_start, tokens


def preceding_subject(ctx: DocumentContext, kinds: list[str],
                      found: list[Attribution | None]) -> list[Attribution | None]:
    """Give each full quote still without a speaker the subject of the sentence before it,
    and the quotes that carry on from it that speaker.

    A document pass, run after continuation: a quote that continues another's keeps that
    speaker rather than the subject of a sentence in between. Continuation then runs again,
    so a quote after one attributed here carries on its speaker ("Amina Yusuf said the
    kitchens were empty. ¶ “I came for food. “This is our life now …”")."""
    filled = [att or (subject_of_sentence_before(ctx, i) if kind == "full" else None)
              for i, (kind, att) in enumerate(zip(kinds, found, strict=True))]
    return continuation(ctx, kinds, filled)


def subject_of_sentence_before(ctx: DocumentContext, i: int) -> Attribution | None:
    """"Kofi Mensah, a market trader, made an appeal. ¶ “We ask the council …”": a quotation
    with no cue of its own, right after a sentence of the reporter's (in its paragraph, or
    ending the paragraph before), is the words of that sentence's subject."""
    span = ctx.spans[i]
    if word_count(ctx.text, span.start, span.end) < MIN_UNCUED_WORDS:
        return None
    start, end = _previous_sentence(ctx, i)
    if end <= start or (i > 0 and ctx.close_pos(i - 1) > start):
        return None  # no sentence of the reporter's, or one that holds a quotation
    toks = tokens(ctx.text, start, end)
    mention = sentence_subject(toks)
    if mention is None or (mention.kind == "nominal" and not _heads_a_speaker(mention)):
        return None  # "A mood of unease hung over the hall."
    return Attribution("preceding-subject", mention, mention.start, mention.end)


def _heads_a_speaker(mention: Mention) -> bool:
    """A description holding a noun that can speak: a person's role or an organisation."""
    lex = lexicons()
    return any(form in lex.nominal_heads or form in lex.organizations
               for word in mention.name.lower().split() for form in (word, word.rstrip("s")))


def _previous_sentence(ctx: DocumentContext, i: int) -> tuple[int, int]:
    """The sentence just before the quote's opening mark: in its paragraph, or the last one
    of the paragraph before when the quote opens its own."""
    text = ctx.text
    para_start = ctx.paragraph(i)[0]
    end = ctx.open_pos(i)
    if ctx.opens_paragraph(i):
        index = ctx.paragraph_of[i] - 1
        if index < 0:
            return 0, 0
        para_start, end = ctx.paragraphs.bounds(index)
    low = max(para_start, end - BEFORE_CHARS * 2)  # bounded: a paragraph may be the article
    stripped = text[low:end].rstrip()
    if not stripped.endswith((".", "!", "?")):
        return 0, 0
    end = low + len(stripped)
    return last_sentence_start(text, low, end - 1), end
