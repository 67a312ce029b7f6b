"""quote-then-cue: “…,” Roggio said / “…,” said Mr. Roggio / “…,” he said / «…», dit-il."""
from __future__ import annotations

from dataclasses import replace

from extractors.attribution import (
    ADDRESSEE_VERBS,
    DASHES,
    OPEN_ENDINGS,
    Attribution,
    DocumentContext,
    cue_length,
    inverted_cue_may_follow,
    is_according,
    skip_modifiers_left,
)
from extractors.lexicons import lexicons
from extractors.mentions import (
    FRENCH_AUXILIARIES,
    PHRASE_BREAKS,
    Mention,
    is_cue_verb,
    is_verb,
    phrase_after,
    subject_before,
)
from extractors.segmentation import Token

MAX_CUE_DISTANCE = 32  # tokens from the quote to the cue after it
MAX_DESCRIPTION = 12  # tokens of a description before an appositive name
INVERTED_PRONOUNS = lexicons().grammar["inverted_pronouns"]
SPEECH_VERBS = lexicons().speech_verbs
INVERTING = lexicons().grammar["inverting_addressee_verbs"]
REPORT_VERBS = lexicons().grammar["report_verbs"]


def quote_then_cue(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """The cue right after the quote and its speaker.

    Tentative when the speaker is a description and the quotation closed its sentence
    ("“… for years.” The minister said …"): the words after may start a new sentence about
    something else, so a cue before the quote, when a later rule finds one, is preferred."""
    found = _cue_after(ctx, i)
    if found and found.mention.kind == "nominal" and not _ends_open(ctx, i):
        return replace(found, tentative=True)
    if found and partial and ctx.text[found.cue_start:found.cue_end].lower() in REPORT_VERBS:
        # "Holm said that if it was “a show for the cameras, …,” the agency reported": the
        # outlet reported the phrase; a cue before it says who said it
        return replace(found, tentative=True)
    return found


def _ends_open(ctx: DocumentContext, i: int) -> bool:
    span = ctx.spans[i]
    content = ctx.text[span.start:span.end].rstrip()
    return not content or content[-1] in OPEN_ENDINGS or span.close_mark == ""


def _cue_after(ctx: DocumentContext, i: int) -> Attribution | None:
    words = ctx.words_after(i)
    if words is None:
        return None
    toks, k = words
    if toks[k].text in DASHES:
        return None  # a signature ("— Donald Trump"): dash-signature's
    n = cue_length(toks, k)
    if n:
        return _inverted_cue(toks, k, n) if inverted_cue_may_follow(ctx, i, k) else None
    if "-" in toks[k].text:
        inverted = _french_inversion(toks, k)
        if inverted:
            return inverted
    if toks[k].text.lower() in FRENCH_AUXILIARIES and k + 1 < len(toks) \
            and is_cue_verb(toks, k + 1):
        return _inverted_cue(toks, k, 2)  # «…», a déclaré Claire Fontaine
    v, n = first_cue_after(toks, k)
    if v < 0 or is_according(toks, v):
        return None
    if _sentence_closed(ctx, i) and (len(toks) - v - n > 6 or _stopped_by_quote(ctx, i)):
        return None  # “….” Reid said both men are … : a new sentence, not this quote's cue
    j = skip_modifiers_left(toks, v - 1, k)
    mention = subject_before(toks, j, k)
    if mention is None or not _adjacent(toks, k, mention):
        mention = _name_then_appositive(toks, k)
    if mention is None:
        return None
    return Attribution("quote-then-cue", mention, toks[v].start, toks[v + n - 1].end)


def _inverted_cue(toks: list[Token], k: int, n: int) -> Attribution | None:
    """“…,” said Mr. Roggio: the speaker follows the verb."""
    verb = toks[k].text.lower()
    if is_according(toks, k) or (verb in ADDRESSEE_VERBS and verb not in INVERTING):
        return None  # according-to's; "…," told reporters: the phrase is the listener
    mention = phrase_after(toks, k + n)
    if mention is None:
        return None
    return Attribution("quote-then-cue", mention, toks[k].start, toks[k + n - 1].end)


def _french_inversion(toks: list[Token], k: int) -> Attribution | None:
    """«…», dit-il / «…», a-t-elle ajouté: French writes the pronoun after the verb, joined to
    it by hyphens; the pronoun part of the word is the speaker mention."""
    tok = toks[k]
    verb, dash, pronoun = tok.text.rpartition("-")
    if not dash or pronoun.lower() not in INVERTED_PRONOUNS:
        return None
    verb = verb.removesuffix("-t").lower()
    mention = Mention(tok.end - len(pronoun), tok.end, "pronoun", pronoun, None, False)
    if verb in SPEECH_VERBS:
        return Attribution("quote-then-cue", mention, tok.start, tok.start + len(verb))
    if verb in FRENCH_AUXILIARIES and k + 1 < len(toks) and is_verb(toks[k + 1]):
        return Attribution("quote-then-cue", mention, toks[k + 1].start, toks[k + 1].end)
    return None


def first_cue_after(toks: list[Token], k: int) -> tuple[int, int]:
    """Position and length of the first cue after ``toks[k]``, before any quote mark."""
    for v in range(k + 1, min(len(toks), k + MAX_CUE_DISTANCE)):
        if toks[v].text in "“”\"‘":
            break
        n = cue_length(toks, v)
        if n:
            return v, n
    return -1, 0


def _sentence_closed(ctx: DocumentContext, i: int) -> bool:
    span = ctx.spans[i]
    content = ctx.text[max(span.start, span.end - 3):span.end].rstrip()
    return content.endswith(".")


def _stopped_by_quote(ctx: DocumentContext, i: int) -> bool:
    """The window after the quote ends where the next quote opens."""
    window_end = ctx.after_window(i)[1]
    return i + 1 < len(ctx.spans) and window_end == ctx.open_pos(i + 1)


def _adjacent(toks: list[Token], k: int, mention: Mention) -> bool:
    """The speaker phrase starts the cue, or only a few descriptive words come before it."""
    n = k
    limit = MAX_DESCRIPTION if _after_comma(toks, mention) else 5
    while n < len(toks) and toks[n].start < mention.start:
        tok = toks[n]
        if n - k >= limit or tok.text.lower() in PHRASE_BREAKS or is_verb(tok) \
                or tok.text in ".;:":
            return False
        n += 1
    return True


def _after_comma(toks: list[Token], mention: Mention) -> bool:
    """"the firm's head of intelligence, Dr Priya Venkataraman, said": a name set off by
    commas after the description it names."""
    before = [t for t in toks if t.end <= mention.start]
    return bool(before) and before[-1].text == ","


def _name_then_appositive(toks: list[Token], k: int) -> Mention | None:
    """“…,” Nate Silver, the polling guru who founded a site, tweeted."""
    mention = phrase_after(toks, k)
    if mention is None or mention.kind == "pronoun":
        return None
    n = k
    while n < len(toks) and toks[n].end <= mention.end:
        n += 1
    return mention if n < len(toks) and toks[n].text == "," else None
