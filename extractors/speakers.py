"""Speakers: type each mention and name it by the fullest form found in the document.

"Asif", "Khawaja Asif" and "Khawaja Mohammad Asif" group by their last word (the fullest
form whose words contain the mention's words wins); a title met next to a name ("Defense
Minister Khawaja Asif") lets a later role-only mention ("Pakistan's Defense Minister") take
that name; a pronoun takes the most recent person named before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from extractors.lexicons import lexicons
from extractors.mentions import CALENDAR, LEADING_CAPS, Mention, role_of, title_length
from extractors.model import Speaker

# Runs of two or more capitalised words ("Khawaja Mohammad Asif", "Sen. Marco Rubio").
# Each repetition must consume a space and then a capital letter: no backtracking blow-up.
NAME_RUN_RE = re.compile(r"[A-Z][\w\-]*\.?(?: [A-Z][\w\-]*\.?)+")
MAX_NAME_WORDS = 6
MAX_FORMS = 8  # distinct written forms kept per surname: bounds the work per lookup
PRONOUN_LOOKBACK = 2000  # characters searched back for a pronoun's antecedent
POSSESSIVE = ("’s", "'s")
CAP_WORD_RE = re.compile(r"[A-Z][\w\-]*")
NEAR_LOOKBACK = 1200  # characters searched back for a person named near a pronoun
SUBJECT_REACH = 40  # characters after a name searched for its speech verb
LOWER_WORD_RE = re.compile(r"[a-z]+")
SUBJECT_END_RE = re.compile(r"[,.;:“”\"]")
# "Port and Dock Workers Federation", "Ministry of Revenue": each repetition consumes a
# space and a capital, so the match is linear.
ORG_RUN_RE = re.compile(r"[A-Z][\w\-]*(?:(?: of| and| for)? [A-Z][\w\-]*)*")
ROLE_WORDS = frozenset(["mayor", "governor", "senator", "president", "minister", "chancellor",
                        "councillor", "commissioner", "director", "ambassador", "chairman"])
GENDERED = {"Mr": "he", "Ms": "she", "Mrs": "she", "Miss": "she"}
EITHER = "either"  # one surname, people of both genders
PRONOUN_GENDERS = frozenset(GENDERED.values())
RUN_CACHE_SIZE = 16_384  # capitalised runs remembered across documents (a few MiB)


def _speech_verbs() -> frozenset[str]:
    return lexicons().speech_verbs


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(POSSESSIVE) else word


class NameRun(NamedTuple):
    """What a run of capitalised words says: a person's name (None when the run is no name),
    its last word, the gender its honorific or first name gives, and the role written before it."""

    name: str | None
    surname: str
    gender: str | None  # "he" or "she", from an honorific (Mr., Ms.) or a first name
    role: str | None


@lru_cache(maxsize=RUN_CACHE_SIZE)
def read_name_run(run: str) -> NameRun:
    """Read one capitalised run ("Defense Minister Khawaja Asif", "Mr. Roggio").

    Cached: the same runs come back in every document (and often within one), and reading one
    is most of the cost of a document's name index."""
    words = run.replace(".", "").split()
    n = 0
    while n < len(words) and words[n] in LEADING_CAPS:
        n += 1
    n += title_length(words[n:])
    gender = GENDERED.get(words[n - 1]) if n else None
    if not 2 <= len(words) - n <= MAX_NAME_WORDS or not CALENDAR.isdisjoint(words):
        return NameRun(None, words[-1], gender, None)
    name = " ".join(words[n:])
    if is_organization(name):
        return NameRun(None, words[-1], gender, None)
    gender = gender or lexicons().first_name_gender.get(words[n])
    role = role_of([w for w in words[:n] if w not in LEADING_CAPS])
    return NameRun(name, words[-1], gender, role)


def is_organization(name: str) -> bool:
    """The name, or its last word, is an organisation's ("White House", "… Ministry")."""
    orgs = lexicons().organizations
    lower = name.lower()
    return lower in orgs or lower.split()[-1] in orgs


def first_name_gender(name: str) -> str | None:
    """"he" or "she" when a word of the name is a first name in first_names.tsv."""
    genders = lexicons().first_name_gender
    return next((genders[w] for w in name.split() if w in genders), None)


def first_name_agrees(name: str, pronoun: str) -> bool:
    """No first name of the other gender: "she" can be Hillary Clinton or Ms. Holt."""
    if pronoun not in PRONOUN_GENDERS:
        return True
    return first_name_gender(name) in (None, pronoun)


class DocumentSpeakers:
    """Names, roles and recent persons of one document, built on first use."""

    def __init__(self, text: str, quotes: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.quote_starts = [q[0] for q in quotes or ()]
        self.quote_ends = [q[1] for q in quotes or ()]
        self.gender: dict[str, str] = {}
        self.resolved: dict[tuple[int, int], Speaker] = {}
        # A document names the same people again and again: (name, pronoun) -> fullest form.
        self._fullest: dict[tuple[str, str], str] = {}
        self._built = False
        self.by_last: dict[str, list[str]] = {}
        self.by_role: dict[str, str] = {}
        self.run_starts: list[int] = []
        self.run_names: list[str] = []

    def _build(self) -> None:
        gender = self.gender
        for match in NAME_RUN_RE.finditer(self.text):
            run = read_name_run(match.group())
            if run.gender and gender.setdefault(run.surname, run.gender) != run.gender:
                gender[run.surname] = EITHER  # Bill and Hillary Clinton: no help from gender
            if run.name is None:
                continue
            forms = self.by_last.setdefault(run.surname, [])
            if run.name not in forms and len(forms) < MAX_FORMS:
                forms.append(run.name)
            self.run_starts.append(match.start())
            self.run_names.append(run.name)
            if run.role:
                self.by_role.setdefault(run.role.lower(), run.name)
        self._built = True

    def fullest(self, name: str, pronoun: str = "") -> str:
        """Return the fullest form in the document of a person's name (one whose first name
        agrees with ``pronoun``, when given: "she" and "Clinton" is not Bill Clinton)."""
        key = (name, pronoun)
        if key not in self._fullest:
            self._fullest[key] = self._find_fullest(name, pronoun)
        return self._fullest[key]

    def _find_fullest(self, name: str, pronoun: str) -> str:
        if not self._built:
            self._build()
        words = [_strip_possessive(w) for w in name.split()]
        if not words:
            return name
        best = " ".join(words)
        for candidate in self.by_last.get(words[-1], ()):
            cand_words = candidate.split()
            if len(cand_words) > len(best.split()) and all(w in cand_words for w in words) \
                    and first_name_agrees(candidate, pronoun):
                best = candidate
        return best

    def antecedent(self, pos: int) -> str | None:
        """Return the person named most recently before ``pos`` (within a bounded window)."""
        if not self._built:
            self._build()
        i = bisect_left(self.run_starts, pos) - 1
        if i >= 0 and pos - self.run_starts[i] <= PRONOUN_LOOKBACK:
            return self.fullest(self.run_names[i])
        return None

    def _in_quote(self, pos: int) -> bool:
        i = bisect_left(self.quote_starts, pos + 1) - 1
        return i >= 0 and pos < self.quote_ends[i]

    def nearest_person(self, pos: int, pronoun: str) -> str | None:
        """The person named (in full, by surname or by a role such as "the defence minister")
        closest before ``pos``, outside quotations, whose honorific agrees with the pronoun."""
        if not self._built:
            self._build()
        start = max(0, pos - NEAR_LOOKBACK)
        best_pos, best = self._nearest_by_role(start, pos)
        words = CAP_WORD_RE.findall(self.text, start, pos)
        positions = None
        for n in range(len(words) - 1, -1, -1):
            word = words[n]
            if word not in self.by_last:
                continue
            if positions is None:
                positions = [m.start() for m in CAP_WORD_RE.finditer(self.text, start, pos)]
            if positions[n] < best_pos:
                break
            if self._in_quote(positions[n]) or not self._salient(positions[n], word):
                continue
            if not self._agrees(word, pronoun):
                continue
            name = self.fullest(word, pronoun)
            if first_name_agrees(name, pronoun):
                return name
        return best

    def _agrees(self, surname: str, pronoun: str) -> bool:
        """"she" does not name Mr. Holt or Tom Holt; "they" and "I" name anyone."""
        known = self.gender.get(surname, EITHER)
        return known in (EITHER, pronoun) or pronoun not in PRONOUN_GENDERS

    def _nearest_by_role(self, start: int, pos: int) -> tuple[int, str | None]:
        """"The defence minister … She warned": the last role of a named person, after "the"."""
        best_pos, best = -1, None
        text = self.text
        for role, name in self.by_role.items():
            if " " not in role and role not in ROLE_WORDS:
                continue
            at = text.rfind(role, start, pos)
            while at > best_pos and (text[max(0, at - 4):at].lower() != "the "
                                     or self._in_quote(at)):
                at = text.rfind(role, start, at)
            if at > best_pos:
                best_pos, best = at, name
        return best_pos, best

    def _salient(self, pos: int, word: str) -> bool:
        """A name that opens a sentence or is the subject of a speech verb, not one named in
        passing ("told the Valley Wire", "at Hollin Ridge")."""
        run_start = pos
        text = self.text
        for _ in range(MAX_NAME_WORDS):  # back over "Annika " to the start of the name
            if run_start < 2 or text[run_start - 1] != " " or text[run_start - 2] == ".":
                break
            j = run_start - 2
            while j >= 0 and (text[j].isalnum() or text[j] in "-.’'"):
                j -= 1
            if j + 1 >= run_start - 1 or not text[j + 1].isupper():
                break
            run_start = j + 1
        if text.startswith("The ", run_start):
            return False
        before = text[max(0, run_start - 3):run_start]
        if run_start == 0 or "\n" in before or before.rstrip().endswith((".", "”", "\"")):
            return True
        after = text[pos + len(word):pos + len(word) + SUBJECT_REACH].lstrip(" ,")
        after = SUBJECT_END_RE.split(after, 1)[0]
        return not _speech_verbs().isdisjoint(LOWER_WORD_RE.findall(after)[:3])

    def organization_named(self, words: list[str], pos: int) -> str | None:
        """"the union’s statement", "the club": the one organisation named before ``pos`` with
        a matching word ("Port and Dock Workers Federation", "Meridian City FC")."""
        if not words or words[0] not in ("the", "its"):
            return None
        grammar = lexicons().grammar
        owner = next((_strip_possessive(w) for w in words if w.endswith(POSSESSIVE)), None)
        head = owner or words[-1]
        names: set[str] = set()
        for word in grammar.get("org_" + head, ()):
            at = self.text.rfind(word, 0, pos)
            for _ in range(MAX_FORMS):
                if at < 0:
                    break
                name = self._organization_at(at, word)
                if name:
                    names.add(name)
                at = self.text.rfind(word, 0, at)
        names = {n for n in names if not any(n != m and n in m for m in names)}
        return names.pop() if len(names) == 1 else None

    def _organization_at(self, at: int, word: str) -> str | None:
        lo = max(0, at - 80)
        for match in ORG_RUN_RE.finditer(self.text, lo, at + 40):
            if match.start() <= at < match.end():
                name = match.group()
                parts = name.split(" and ")
                if sum(word in part.split() for part in parts) > 1:  # "Eastport FC and Westvale FC"
                    offset = at - match.start()
                    for part in parts:
                        if offset < len(part):
                            name = part
                            break
                        offset -= len(part) + len(" and ")
                return name if " " in name else None
        return None

    def by_title(self, phrase: str) -> str | None:
        """The person a role-only mention ("Pakistan's Defense Minister") names, if any."""
        if not self._built:
            self._build()
        words = phrase.lower().split()
        for size in (3, 2, 1):  # the longest role that ends the phrase
            role = " ".join(words[-size:])
            if len(words) >= size and len(role) > 3 and role in self.by_role:
                return self.by_role[role]
        return None

    def speaker(self, mention: Mention, last_person: str | None) -> Speaker:
        """Turn a mention into a Speaker with a type, a role and the fullest name."""
        text = self.text[mention.start:mention.end]
        if mention.kind == "pronoun":
            # “…,” she said, “…”: both halves share the mention, and so its resolution.
            key = (mention.start, mention.end)
            if key not in self.resolved:
                self.resolved[key] = self._pronoun_speaker(mention, text, last_person)
            return self.resolved[key]
        if mention.kind == "name":
            if is_organization(mention.name):
                return Speaker(mention.name, text, mention.start, mention.end, "organization",
                               mention.role)
            name = self.fullest(mention.name)
            return Speaker(name, text, mention.start, mention.end, "person", mention.role)
        return self._nominal_speaker(mention, text)

    def _pronoun_speaker(self, mention: Mention, text: str, last_person: str | None) -> Speaker:
        kind = lexicons().pronouns.get(text.lower(), "unknown")
        if kind == "person":
            pronoun = text.lower()
            fallbacks = (last_person, self.antecedent(mention.start))
            name = self.nearest_person(mention.start, pronoun) or next(
                (n for n in fallbacks if n and self._agrees(n.split()[-1], pronoun)
                 and first_name_agrees(n, pronoun)), None)
            if name:
                return Speaker(name, text, mention.start, mention.end, "person", None)
        return Speaker(text, text, mention.start, mention.end, kind, None)

    def _nominal_speaker(self, mention: Mention, text: str) -> Speaker:
        lex = lexicons()
        words = [w.lower() for w in re.findall(r"[\w’'\-]+", text)]
        head = _strip_possessive(words[-1]) if words else ""
        named = self.by_title(text)
        if named:
            return Speaker(named, text, mention.start, mention.end, "person", text)
        if head in lex.organizations or is_organization(text):
            name = self.organization_named(words, mention.start) or text
            return Speaker(name, text, mention.start, mention.end, "organization", None)
        if mention.indefinite or (head.endswith("s") and head in lex.nominal_heads
                                  and words[0] not in ("the", "his", "her", "their")):
            return Speaker(text, text, mention.start, mention.end, "anonymous", None)
        if head in lex.nominal_heads:  # "the governor", "Trump's spokesman": one known person
            return Speaker(text, text, mention.start, mention.end, "person", head)
        return Speaker(text, text, mention.start, mention.end, "unknown", None)
