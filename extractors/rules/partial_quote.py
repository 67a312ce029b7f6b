"""partial-quote: Trump said the plan was “a disaster” / a pledge to “rebuild every school”."""
from __future__ import annotations

from extractors.attribution import (
    BEFORE_CHARS,
    Attribution,
    DocumentContext,
    cue_ending_at,
    is_according,
    rule_for_cue,
    skip_modifiers_left,
)
from extractors.coreference import is_acronym, is_place
from extractors.lexicons import lexicons
from extractors.mentions import Mention, is_cap, sentence_subject, subject_before
from extractors.names import is_organization
from extractors.rules.according_to import source_named
from extractors.rules.cue_then_quote import subject_of_cue
from extractors.rules.participle_cue import subject_of_participle
from extractors.rules.quote_then_cue import first_cue_after
from extractors.segmentation import Token, last_sentence_start

SPEECH_NOUN_REACH = 6  # tokens between a speech noun and the quote it introduces


def partial_quote(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """A phrase in marks inside the reporter's sentence, governed by a speech verb a few words
    before it, or, with no cue at all, by a noun of speech ("a pledge to “…”")."""
    if not partial:
        return None
    cue = ctx.cue_before(i, partial)
    if cue is None:
        return _speech_noun(ctx.words_before(i) or []) or _fronted_clause(ctx, i)
    if cue.rule != "partial-quote":
        return None
    mention = subject_of_cue(cue.toks, cue.first, cue.last)
    if mention is None:
        return None
    found = Attribution("partial-quote", mention, cue.toks[cue.first].start,
                        cue.toks[cue.last].end)
    if _names_a_speaker(mention):
        return found
    return _matrix_cue(cue.toks, cue.first) or found


def _speech_noun(toks: list[Token]) -> Attribution | None:
    """"gave contractors a blunt deadline on Wednesday “to finish before the rains”", "a pledge
    to “rebuild every school”": a noun of speech just before a phrase in marks makes it the
    words of the sentence's subject."""
    nouns = lexicons().speech_nouns
    for k in range(len(toks) - 1, max(-1, len(toks) - 1 - SPEECH_NOUN_REACH), -1):
        if toks[k].text.lower() in nouns and k > 0 and not is_cap(toks[k]):
            mention = sentence_subject(toks[:k])
            if mention is None:
                return None
            return Attribution("partial-quote", mention, toks[k].start, toks[k].end)
    return None


def _fronted_clause(ctx: DocumentContext, i: int) -> Attribution | None:
    """"Dismissing the envoy’s “baseless” claims, she said that …": a phrase in marks inside
    a participle clause that opens the sentence is the words of the main clause's subject,
    named right after the clause's comma."""
    text = ctx.text
    open_pos = ctx.open_pos(i)
    sentence = last_sentence_start(text, max(ctx.paragraph(i)[0], open_pos - BEFORE_CHARS),
                                   open_pos)
    opening = text[sentence:open_pos].split(None, 1)
    if not opening or not opening[0].endswith("ing") or not opening[0][0].isupper():
        return None
    words = ctx.words_after(i)
    if words is None:
        return None
    toks = words.toks
    comma = next((n for n, tok in enumerate(toks) if tok.text in ",.;:"), -1)
    if comma < 0 or toks[comma].text != ",":
        return None
    v, n = first_cue_after(toks, comma)
    if v < 0 or is_according(toks, v):
        return None
    mention = subject_before(toks, skip_modifiers_left(toks, v - 1, comma + 1), comma + 1)
    if mention is None or mention.start != toks[comma + 1].start:
        return None
    return Attribution("partial-quote", mention, toks[v].start, toks[v + n - 1].end)


def _names_a_speaker(mention: Mention) -> bool:
    """A pronoun or a person's name; not "the US", "Israel" or "the agency", which as the
    subject of a reported clause are what is reported on, not who reports."""
    if mention.kind == "pronoun":
        return True
    return mention.kind == "name" and not (is_place(mention.name) or is_organization(
        mention.name) or is_acronym(mention.name))


def _matrix_cue(toks: list[Token], before: int) -> Attribution | None:
    """"Ms Lind said the ministry had agreed to pay after “weeks of haggling”": a phrase
    reported inside a reported clause is the words of the outer clause's speaker."""
    for k in range(before - 1, -1, -1):
        if toks[k].text in ".;:":
            return None
        first = cue_ending_at(toks, k)
        if first >= 0:
            mention = _speaker_of_any_cue(toks, first, k)
            if mention is None:
                return None
            return Attribution("partial-quote", mention, toks[first].start, toks[k].end)
    return None


def _speaker_of_any_cue(toks: list[Token], first: int, last: int) -> Mention | None:
    """The speaker of an outer cue, read as the rule that cue calls for reads it."""
    rule = rule_for_cue(toks, first, last, partial=False)
    if rule == "according-to":
        return source_named(toks, last)
    if rule == "participle-cue":
        return subject_of_participle(toks, first)
    return subject_of_cue(toks, first, last)
