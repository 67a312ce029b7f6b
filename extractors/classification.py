"""Classification: is a pair of marks reported speech, and is it a full or a partial quote?"""
from __future__ import annotations

import re
from functools import cache

from extractors.lexicons import lexicons

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


SMALL_TITLE_WORDS = lexicons().grammar["title_small_words"] | lexicons().grammar["name_particles"]


def looks_like_title(text: str, start: int, end: int) -> bool:
    """Title Case in marks (a book, a show, a slogan, a club's nickname such as «Les Loups du
    Nord»): every word capitalised but small words and name particles."""
    words = WORD_RE.findall(text, start, end)
    return bool(words) and all(w[0].isupper() or w in SMALL_TITLE_WORDS for w in words)


MAX_TITLE_WORDS = 6
MAX_NAMED_WORDS = 8  # a term being named ("the so-called “…”") is a short phrase, not a clause
# The last few words before an opening mark: words (so-called, op-ed) or one symbol.
TAIL_RE = re.compile(r"[\w’'\-]+|[^\w\s]")
TAIL_CHARS = 60
CUE_DETERMINERS = lexicons().grammar["cue_determiners"]
WORK_BLOCKERS = lexicons().grammar["work_blockers"]


@cache
def _last_words() -> frozenset[str]:
    """Every word that can end the text before a name or title: a cue's last word, or a
    determiner after a naming verb."""
    words = {phrase[-1] for group in lexicons().naming_cues.values() for phrase in group}
    return frozenset(words | CUE_DETERMINERS)


def naming_cue(before: str) -> str | None:
    """"title" when the words right before the marks introduce a title (The study, titled
    “…”; the documentary “…”), "naming" when they introduce a name or a term (the so-called
    “…”, what officials call the “…”), else None."""
    tail = before[-TAIL_CHARS:]
    last = tail.rsplit(None, 1)[-1].rstrip(",:").lower() if tail.strip() else ""
    if last not in _last_words():
        return None  # most quotes: no cue word ends the text before the marks
    toks = [t.lower() for t in TAIL_RE.findall(tail.rsplit("\n", 1)[-1])]
    punctuated = False
    while toks and toks[-1] in (",", ":"):
        toks.pop()
        punctuated = True
    cues = lexicons().naming_cues
    for size in (2, 1):
        tail = tuple(toks[-size:])
        if len(toks) > size and tail in cues["work"] and not punctuated \
                and toks[-size - 1] not in WORK_BLOCKERS:
            return "title"  # the documentary “…”, but not "according to the report “…”"
    if len(toks) > 1 and toks[-1] in CUE_DETERMINERS:
        toks.pop()  # called the “…”
    for size in (2, 1):
        if len(toks) < size:
            continue
        tail = tuple(toks[-size:])
        previous = toks[-size - 1] if len(toks) > size else ""
        if tail in cues["title"]:
            return "title"
        if tail in cues["naming"] or (tail in cues["naming_verb"]
                                      and previous not in CUE_DETERMINERS):
            return "naming"
    return None


def names_a_show(before: str) -> bool:
    """The words before the marks end with a possessive, a show_lead word ("on MSNBC’s",
    "appearing on") or a kind of work ("his book,", "the broadcast of"): Title Case in the
    marks is a title, whatever cue comes after."""
    words = before.rstrip(" \t,:").lower().split()[-2:]
    if not words:
        return False
    cues = lexicons().naming_cues
    if words[-1] == "of" and len(words) == 2:
        words = words[:1]  # "the broadcast of"
    last = words[-1]
    return last.endswith(("’s", "'s")) or (last,) in cues["show_lead"] or \
        (last,) in cues["work_noun"]


def is_reported_speech(text: str, start: int, end: int, kind: str, rule: str | None,
                       before: str = "") -> bool:
    """Keep full clauses and attributed phrases; drop scare quotes, titles and nicknames.

    ``before`` is the text of the sentence up to the opening mark."""
    words = word_count(text, start, end)
    named = naming_cue(before) if before else None
    if named == "title" or (named == "naming" and words <= MAX_NAMED_WORDS):
        return False  # The study, titled “…”; the so-called “modernisation”
    if words <= MAX_TITLE_WORDS and (rule != "quote-then-cue" or names_a_show(before)) \
            and looks_like_title(text, start, end) and text[end - 1:end] not in "!?":
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
