"""participle-cue: The campaign shrugged it off, telling reporters, “…”."""
from __future__ import annotations

from extractors.attribution import (
    Attribution,
    DocumentContext,
    skip_modifiers_left,
)
from extractors.mentions import Mention, is_cue_verb, sentence_subject, subject_before
from extractors.segmentation import Token

EARLIER_CUE_REACH = 20  # tokens back from a participle to the verb whose subject it shares


def participle_cue(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """The nearest cue before the quote is a participle (", saying", "upon telling") or a
    verb after "and": the speaker is the subject of the clause it hangs on."""
    cue = ctx.cue_before(i, partial)
    if cue is None or cue.rule != "participle-cue":
        return None
    mention = subject_of_participle(cue.toks, cue.first)
    if mention is None:
        return None
    return Attribution("participle-cue", mention, cue.toks[cue.first].start,
                       cue.toks[cue.last].end)


def subject_of_participle(toks: list[Token], first: int) -> Mention | None:
    """The subject of the speech verb before the participle, else of the sentence."""
    j = skip_modifiers_left(toks, first - 1, 0)
    return _earlier_cue_subject(toks, j) or sentence_subject(toks[:max(j, 0)])


def _earlier_cue_subject(toks: list[Token], j: int) -> Mention | None:
    """"…, Spicer said, adding, “…”": the subject of the speech verb before the participle."""
    for k in range(j - 1, max(-1, j - EARLIER_CUE_REACH), -1):
        if is_cue_verb(toks, k) and not toks[k].text.endswith("ing"):  # not "Clarke's comment"
            return subject_before(toks, skip_modifiers_left(toks, k - 1, 0))
    return None
