"""Quote spans: pair opening and closing quotation marks, one paragraph at a time.

The scan is a single left-to-right pass over the mark characters (found by one regex, so the
Python loop only visits marks; line ends are found with str.find), with a small state per
paragraph. A quote never
crosses a line end: a quotation running over several paragraphs is reported one piece per
paragraph, which is also how newsroom style marks it (an opening mark on each paragraph).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# One character class and nothing else, so the regex engine scans fast; runs of straight
# marks (''' closes an inner ' and an outer '' in "…,''' he said") and line ends are
# handled by the loop.
MARK_RE = re.compile(r"[\"“”„‟«»‹›‘’']")
# Markup such as <tweet author="@x"> carries quote marks that are not quotations.
TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")

DOUBLE_OPEN = frozenset("“„‟«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE = frozenset("‘’'‹›")
OPEN_PUNCT = frozenset("([{—–-/")
# Single top-level quotes are rarer and easily confused with apostrophes: bound their length.
MAX_SINGLE_QUOTE = 400


@dataclass(frozen=True)
class QuoteSpan:
    """The content between a pair of marks: ``text[start:end]``, marks excluded."""

    start: int
    end: int
    open_mark: str
    close_mark: str  # "" when the paragraph ended before a closing mark
    single: bool  # delimited by single marks (a headline's ‘…’ or an inner quote)

    @property
    def unclosed(self) -> bool:
        return not self.close_mark


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _flank(text: str, start: int, end: int) -> str:
    """Say whether a mark can open ("open"), close ("close") or either ("either")."""
    prev = text[start - 1] if start > 0 else ""
    nxt = text[end] if end < len(text) else ""
    left = _is_space(prev) or prev in OPEN_PUNCT or prev in DOUBLE_OPEN or prev in "‘'"
    right = _is_space(nxt) or (not nxt.isalnum() and nxt not in "‘“")
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _masked_ranges(text: str) -> list[tuple[int, int]]:
    if "<" not in text:
        return []
    return [m.span() for m in TAG_RE.finditer(text)]


class _ParagraphState:
    """Open marks of the paragraph being scanned."""

    __slots__ = ("double", "double_mark", "single", "single_mark")

    def __init__(self) -> None:
        self.double = -1  # content start of the open double quote, -1 when none
        self.double_mark = ""
        self.single = -1
        self.single_mark = ""


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quotation spans of ``text`` in document order."""
    spans: list[QuoteSpan] = []
    masked = _masked_ranges(text)
    mask_i = 0
    state = _ParagraphState()
    last = len(text) - 1
    line_end = text.find("\n")  # the end of the paragraph being scanned, -1 in the last one
    run_end = 0  # end of a run of straight single marks already read as one mark
    for match in MARK_RE.finditer(text):
        start = match.start()
        if start < run_end:
            continue
        if 0 <= line_end < start:
            if state.double >= 0 or state.single >= 0:
                _end_paragraph(text, line_end, state, spans)
                state = _ParagraphState()
            line_end = text.find("\n", start)
        mark = match.group()
        end = start + 1
        if mark == "'":
            end = _straight_run_end(text, start)
            mark = text[start:end]
            run_end = end
        if (mark == "’" or mark == "'") and 0 < start < last and text[start - 1].isalnum() \
                and text[start + 1].isalnum():
            continue  # don't, Pakistan’s: an apostrophe, not a quotation mark
        if masked:
            while mask_i < len(masked) and masked[mask_i][1] <= start:
                mask_i += 1
            if mask_i < len(masked) and masked[mask_i][0] <= start:
                continue
        _scan_mark(text, start, end, mark, state, spans)
    _end_paragraph(text, line_end if line_end >= 0 else len(text), state, spans)
    spans.sort(key=lambda s: s.start)
    return spans


def _straight_run_end(text: str, start: int) -> int:
    """'\'\'\'' and '\'\'' are one mark each (a run is read three at a time)."""
    end = start + 1
    while end < len(text) and end - start < 3 and text[end] == "'":
        end += 1
    return end


def _scan_mark(text: str, start: int, end: int, mark: str, state: _ParagraphState,
               spans: list[QuoteSpan]) -> None:
    if mark == "'''":
        _triple(text, start, end, state, spans)
    elif mark in SINGLE:
        _single_mark(text, start, end, mark, state, spans)
    else:
        _double_mark(text, start, end, mark, state, spans)


def _double_mark(text: str, start: int, end: int, mark: str, state: _ParagraphState,
                 spans: list[QuoteSpan]) -> None:
    if mark in DOUBLE_OPEN:
        role = "close" if state.double >= 0 and _flank(text, start, end) == "close" else "open"
    elif mark in DOUBLE_CLOSE:
        role = "open" if state.double < 0 and _flank(text, start, end) == "open" else "close"
    else:
        role = _flank(text, start, end)
        if role == "either":
            role = "close" if state.double >= 0 else "open"
    if role == "open":
        if state.double >= 0 and text[max(0, start - 3):start].rstrip()[-1:] in ".?!":
            # An opener right after a finished sentence while a quote is open: run-on copy
            # writing a quotation of several paragraphs ("…at all times. "Life goes on"), so
            # the earlier one ends with its sentence. Elsewhere a stray mark: it is dropped.
            _end_paragraph(text, start, state, spans)
        state.double, state.double_mark = end, mark
        state.single = -1
    elif state.double >= 0:
        spans.append(QuoteSpan(state.double, start, state.double_mark, mark, False))
        state.double = -1
        state.single = -1


def _single_mark(text: str, start: int, end: int, mark: str, state: _ParagraphState,
                 spans: list[QuoteSpan]) -> None:
    role = _flank(text, start, end)
    if mark in "‘‹" and role != "close":
        role = "open"
    if role == "open" and end < len(text) and text[end].isdigit():
        return  # ’90s, '16: an elided year, not a quote
    if role == "open":
        state.single, state.single_mark = end, mark
    elif role == "close" and state.single >= 0:
        if state.double < 0 and start - state.single <= MAX_SINGLE_QUOTE:
            spans.append(QuoteSpan(state.single, start, state.single_mark, mark, True))
        state.single = -1


def _triple(text: str, start: int, end: int, state: _ParagraphState,
            spans: list[QuoteSpan]) -> None:
    """''' is an inner ' and an outer '' together: closing "…'''" or opening "'''…"."""
    if state.double >= 0 and _flank(text, start, end) != "open":
        state.single = -1
        _double_mark(text, start + 1, end, "''", state, spans)
    else:
        _double_mark(text, start, start + 2, "''", state, spans)
        state.single, state.single_mark = end, "'"


def _end_paragraph(text: str, pos: int, state: _ParagraphState,
                   spans: list[QuoteSpan]) -> None:
    """Recover an unclosed quote at the paragraph end, so it never swallows the article."""
    if state.double < 0:
        return
    end = pos
    while end > state.double and text[end - 1].isspace():
        end -= 1
    if end > state.double:
        spans.append(QuoteSpan(state.double, end, state.double_mark, "", False))
