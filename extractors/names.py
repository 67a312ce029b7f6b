"""Names: what a run of capitalised words says about a person (name, surname, gender, role)."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from extractors.lexicons import lexicons
from extractors.mentions import (
    CALENDAR,
    LEADING_CAPS,
    ROLE_HEADS,
    portfolio_length,
    role_of,
    title_length,
    without_post_nominals,
)

MAX_NAME_WORDS = 6
EITHER = "either"  # one surname, people of both genders
PRONOUN_GENDERS = frozenset(["he", "she"])
RUN_CACHE_SIZE = 16_384  # capitalised runs remembered across documents (a few MiB)
ORG_LINKS = lexicons().grammar["org_links"]


class NameRun(NamedTuple):
    """What a run of capitalised words says: a person's name (None when the run is no name),
    its last word, the gender its honorific or first name gives, and the role written before it."""

    name: str | None
    surname: str
    gender: str | None  # "he" or "she", from an honorific (Mr., Begum) or a first name
    role: str | None


@lru_cache(maxsize=RUN_CACHE_SIZE)
def read_name_run(run: str) -> NameRun:
    """Read one capitalised run ("Defense Minister Khawaja Asif", "Mr. Roggio").

    Cached: the same runs come back in every document (and often within one), and reading one
    is most of the cost of a document's name index."""
    words = without_post_nominals(run.replace(".", "").split())
    n = 0
    while n < len(words) and words[n] in LEADING_CAPS:
        n += 1
    n += title_length(words[n:])
    n += portfolio_length(words[n:])
    gender = honorific_gender(words[:n])
    if not 2 <= len(words) - n <= MAX_NAME_WORDS or not CALENDAR.isdisjoint(words):
        return NameRun(None, words[-1] if words else run, gender, None)
    name = " ".join(words[n:])
    if is_organization(name) or name in lexicons().places or not_a_name(words[-1]):
        return NameRun(None, words[-1], gender, None)
    gender = gender or honorific_gender(words[n:n + 1]) or first_name_gender(
        " ".join(words[n:-1]))
    role = role_of([w for w in words[:n] if w not in LEADING_CAPS])
    return NameRun(name, words[-1], gender, role)


def is_role_word(word: str) -> bool:
    """A role noun or title head ("Spokesperson", "Minister"): it ends a role, not a name."""
    return word.lower() in lexicons().nominal_heads or word in ROLE_HEADS


def not_a_name(last_word: str) -> bool:
    """A run ending in a role ("Office Spokesperson", "Federal Minister") or an occasion
    ("Independence Day") names no person."""
    return is_role_word(last_word) or last_word in lexicons().grammar["event_heads"]


def strip_possessive(word: str) -> str:
    """"Trump’s" -> "Trump"."""
    return word[:-2] if word.endswith(("’s", "'s")) else word


def honorific_gender(title_words: list[str]) -> str | None:
    """"she" after Ms, Begum or Umm; "he" after Mr, Maulana or Sheikh; else None."""
    genders = lexicons().honorific_gender
    return next((genders[w] for w in reversed(title_words) if w in genders), None)


def is_organization(name: str) -> bool:
    """The name, or its last word, is an organisation's ("White House", "… Ministry")."""
    orgs = lexicons().organizations
    words = name.lower().split()
    if " ".join(words) in orgs or words[-1] in orgs or words[0].split("-")[0] in orgs:
        return True
    return len(words) > 2 and words[0] in orgs and words[1] in ORG_LINKS  # Ministry of …


def first_name_gender(name: str) -> str | None:
    """"he" or "she" when a word of the name is a first name in first_names.tsv."""
    genders = lexicons().first_name_gender
    return next((genders[w] for w in name.split() if w in genders), None)


def first_name_agrees(name: str, pronoun: str) -> bool:
    """No first name of the other gender: "she" can be Hillary Clinton or Ms. Holt."""
    if pronoun not in PRONOUN_GENDERS:
        return True
    return first_name_gender(name) in (None, pronoun)
