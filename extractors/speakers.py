"""Speakers: type each mention and name it by the fullest form found in the document.

"Asif", "Khawaja Asif" and "Khawaja Mohammad Asif" group by their last word (the fullest
form whose words contain the mention's words wins); a title met next to a name ("Defense
Minister Khawaja Asif") lets a later role-only mention ("Pakistan's Defense Minister") take
that name; a pronoun takes the most recent person named before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left

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


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(POSSESSIVE) else word


class DocumentSpeakers:
    """Names, roles and recent persons of one document, built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._built = False
        self.by_last: dict[str, list[str]] = {}
        self.by_role: dict[str, str] = {}
        self.run_starts: list[int] = []
        self.run_names: list[str] = []

    def _build(self) -> None:
        calendar = CALENDAR
        leading = LEADING_CAPS
        for match in NAME_RUN_RE.finditer(self.text):
            words = match.group().replace(".", "").split()
            n = 0
            while n < len(words) and words[n] in leading:
                n += 1
            n += title_length(words[n:])
            if not 2 <= len(words) - n <= MAX_NAME_WORDS or not calendar.isdisjoint(words):
                continue
            name = " ".join(words[n:])
            if self._is_organization(name):
                continue
            forms = self.by_last.setdefault(words[-1], [])
            if name not in forms and len(forms) < MAX_FORMS:
                forms.append(name)
            self.run_starts.append(match.start())
            self.run_names.append(name)
            role = role_of([w for w in words[:n] if w not in leading])
            if role:
                self.by_role.setdefault(role.lower(), name)
        self._built = True

    def _is_organization(self, name: str) -> bool:
        orgs = lexicons().organizations
        lower = name.lower()
        return lower in orgs or lower.split()[-1] in orgs

    def fullest(self, name: str) -> str:
        """Return the fullest form in the document of a person's name."""
        if not self._built:
            self._build()
        words = [_strip_possessive(w) for w in name.split()]
        if not words:
            return name
        best = " ".join(words)
        for candidate in self.by_last.get(words[-1], ()):
            cand_words = candidate.split()
            if len(cand_words) > len(best.split()) and all(w in cand_words for w in words):
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
            return self._pronoun_speaker(mention, text, last_person)
        if mention.kind == "name":
            if self._is_organization(mention.name):
                return Speaker(mention.name, text, mention.start, mention.end, "organization",
                               mention.role)
            name = self.fullest(mention.name)
            return Speaker(name, text, mention.start, mention.end, "person", mention.role)
        return self._nominal_speaker(mention, text)

    def _pronoun_speaker(self, mention: Mention, text: str, last_person: str | None) -> Speaker:
        kind = lexicons().pronouns.get(text.lower(), "unknown")
        if kind == "person":
            name = last_person or self.antecedent(mention.start)
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
        if head in lex.organizations or self._is_organization(text):
            return Speaker(text, text, mention.start, mention.end, "organization", None)
        if mention.indefinite or (head.endswith("s") and head in lex.nominal_heads
                                  and words[0] not in ("the", "his", "her", "their")):
            return Speaker(text, text, mention.start, mention.end, "anonymous", None)
        if head in lex.nominal_heads:  # "the governor", "Trump's spokesman": one known person
            return Speaker(text, text, mention.start, mention.end, "person", head)
        return Speaker(text, text, mention.start, mention.end, "unknown", None)
