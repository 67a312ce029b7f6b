"""unattributed: a full clause in marks with no speaker found is kept, with a reason."""
from __future__ import annotations

from extractors.attribution import Attribution

NO_CUE = "no speech verb, colon or earlier speaker near the quote"
NO_REFERENT = "the cue's subject “{}” names no person or organisation in the article"


def unattributed(text: str, att: Attribution | None) -> str:
    """Why a quote has no speaker: no rule found a cue, or the cue's subject names no one."""
    if att is None:
        return NO_CUE
    return NO_REFERENT.format(text[att.mention.start:att.mention.end])
