"""Classification: is a pair of marks reported speech, and is it a full or a partial quote?"""
from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
# A partial quote has no capital at its start or follows running words of the reporter.
SENTENCE_LEAD = ":,—–-([\n"
MIN_UNCUED_WORDS = 4  # shorter runs in marks, with no cue, are names, titles or scare quotes


def first_letter(text: str, start: int, end: int) -> str:
    for pos in range(start, min(end, start + 8)):
        if text[pos].isalnum():
            return text[pos]
    return ""


def quote_kind(text: str, start: int, end: int, before: str) -> str:
    """"full" for a clause or more said verbatim, "partial" for a phrase in the reporter's
    own sentence (warned them "not to test the patience of Afghans.")."""
    lead = first_letter(text, start, end)
    tail = before.rstrip()
    opens_sentence = not tail or tail[-1] in SENTENCE_LEAD or tail[-1] in ".?!”\"'"
    if lead.isupper() or lead.isdigit():
        return "full" if opens_sentence or " " in text[start:end].strip() else "partial"
    return "full" if opens_sentence and not lead.islower() else "partial"


def word_count(text: str, start: int, end: int) -> int:
    return len(WORD_RE.findall(text, start, end))


def looks_like_title(text: str, start: int, end: int) -> bool:
    """Title Case in marks (a book, a show, a slogan): every word capitalised."""
    words = WORD_RE.findall(text, start, end)
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with"}
    return bool(words) and all(w[0].isupper() or w in small for w in words)


MAX_TITLE_WORDS = 6


def is_reported_speech(text: str, start: int, end: int, kind: str, rule: str | None) -> bool:
    """Keep full clauses and attributed phrases; drop scare quotes, titles and nicknames."""
    words = word_count(text, start, end)
    if words <= MAX_TITLE_WORDS and rule != "quote-then-cue" and looks_like_title(
            text, start, end) and text[end - 1:end] not in "!?":
        return False  # on ABC's “This Week”, the book “An American Son.”
    if kind == "partial" and rule == "continuation":
        return False  # continuing someone's quotation is a full quote; a phrase is not
    if rule is not None:
        return True
    if kind == "partial":
        return False
    if words < MIN_UNCUED_WORDS:
        return False
    return not looks_like_title(text, start, end)
