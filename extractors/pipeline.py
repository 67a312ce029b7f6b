"""The extraction pipeline: find quote spans, attribute them, return Quote objects."""
from __future__ import annotations

from extractors.model import Quote

OPEN_TO_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}


def extract(text: str) -> list[Quote]:
    """Return the direct quotations in ``text``, in document order."""
    quotes = []
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        close = OPEN_TO_CLOSE.get(ch)
        if close is None:
            pos += 1
            continue
        end = text.find(close, pos + 1)
        para = text.find("\n\n", pos + 1)
        if end == -1 or (para != -1 and para < end):
            pos += 1
            continue
        if end > pos + 1:
            quotes.append(Quote(start=pos + 1, end=end, text=text[pos + 1:end], kind="full",
                                status="unattributed", reason="no attribution rule yet"))
        pos = end + 1
    return quotes


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence(s) around ``text[start:end]``."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left, min(right, len(text))
