"""Speaker naming: turn the mention a rule attributed a quote to into a typed, named speaker.

A name is given its fullest form in the document ("Asif" -> "Khawaja Asif"); a pronoun or a
role nominal ("the deputy prime minister", "the spokesperson") the person or organisation it
refers to (extractors/coreference.py); a place standing as a speaker its government
("Islamabad said"); an unnamed description stays an anonymous description ("a senior
official", "the minister" when no minister is named). A mention that names nobody (a bare
"they" with nothing to refer to, "the start of the pauses") gives no speaker at all: the
quote is then reported unattributed rather than under a name that is not one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extractors.coreference import (
    NAME_RUN_RE,
    Coreference,
    is_acronym,
    is_place,
    split_run,
    title_phrase_before,
)
from extractors.lexicons import lexicons
from extractors.mentions import Mention, sentence_subject
from extractors.model import Speaker
from extractors.names import (
    is_organization,
    is_role_word,
    not_a_name,
    read_name_run,
    strip_possessive,
)
from extractors.segmentation import last_sentence_start, tokens

POSSESSIVE = ("’s", "'s")
WORD_RE = re.compile(r"[\w’'\-]+")
# "Port and Dock Workers Federation", "Ministry of Revenue": each repetition consumes a
# space and a capital, so the match is linear.
ORG_RUN_RE = re.compile(r"[A-Z][\w\-]*(?:(?: of| and| for)? [A-Z][\w\-]*)*")


class DocumentSpeakers:
    """Names the speakers of one document's quotes."""

    def __init__(self, text: str, quotes: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.coref = Coreference(text, quotes or [])
        self.resolved: dict[tuple[int, int], Speaker | None] = {}
        self._spokes: list[tuple[int, str]] | None = None

    def speaker(self, mention: Mention, previous: Speaker | None) -> Speaker | None:
        """The speaker a mention names, or None when it names nobody; ``previous`` is the
        speaker of the quote before, which a pronoun falls back to."""
        key = (mention.start, mention.end)
        if key not in self.resolved:
            self.resolved[key] = self._resolve(mention, previous)
        return self.resolved[key]

    def _resolve(self, mention: Mention, previous: Speaker | None) -> Speaker | None:
        text = self.text[mention.start:mention.end]
        if mention.kind == "pronoun":
            return self._pronoun_speaker(mention, text, previous)
        if mention.kind == "name" and not is_role_word(mention.name.split()[-1]):
            speaker = self._name_speaker(mention.name, mention, text, mention.role)
            if speaker.type == "organization" and mention.end - mention.start > len(
                    mention.name) + 4:
                # "Workers’ Union of Ghana deputy chairman Kofi Mensah": the body's officer
                person = self._named_inside(text, mention)
                if person is not None and person.type == "person":
                    return person
            return speaker
        return self._nominal_speaker(mention, text)

    def _make(self, name: str, mention: Mention, text: str, kind: str,
              role: str | None = None) -> Speaker:
        return Speaker(name, text, mention.start, mention.end, kind, role)

    def _name_speaker(self, name: str, mention: Mention, text: str,
                      role: str | None) -> Speaker:
        if is_organization(name) or is_acronym(name) or is_place(name):
            at = text.find(name)
            if at >= 0 and text.startswith((" of ", " for ", " on "), at + len(name)):
                # "The United Nations Office for the Coordination of Humanitarian Affairs"
                name = _whole_name(self.text, mention.start + at) or name
            return self._make(name.removeprefix("The "), mention, text, "organization", role)
        self.coref.confirm(name)
        at = text.rfind(name.split()[0])
        title = title_phrase_before(self.text, mention.start + at) if at > 0 else None
        if title and role and len(title) > len(role) and title.endswith(role):
            role = title  # "Federal Minister for Information and Broadcasting", not "Broadcasting"
        return self._make(self.coref.fullest(name), mention, text, "person", role)

    def _pronoun_speaker(self, mention: Mention, text: str,
                         previous: Speaker | None) -> Speaker | None:
        """A pronoun names the nearest salient person (or, "it", organisation) before it,
        unless the previous quote's speaker was named more recently ("…,” he added")."""
        pronoun = _english(text.lower())
        coref = self.coref
        fits = previous is not None and _fits(previous, pronoun, coref)
        found = None
        if pronoun in ("he", "she", "it", "i"):
            found = coref.antecedent(mention.start, pronoun)
        described = self._described_subject(mention.start, pronoun)
        if described is not None and (found is None or described.start > found[0]) and not (
                fits and previous.start > described.start):
            # "A leader of one of the federations, who spoke on condition of anonymity, said
            # … “…,” he said": the sentence before names its subject only by description.
            return self._make(described.name, mention, text, described.type, described.role)
        if fits and (found is None or previous.start > found[0]):
            return self._make(previous.name, mention, text, previous.type, previous.role)
        if found:
            return self._make(found[1], mention, text,
                              "organization" if pronoun == "it" else "person")
        if pronoun in ("he", "she", "i"):
            found = coref.antecedent(mention.start, pronoun, salient_only=False)
            if found:
                return self._make(found[1], mention, text, "person")
            body = self._body_spoken_for(mention.start)
            if body:  # "the Home Office (HO) Spokesperson said … He said, “…”"
                return self._make(body, mention, text, "organization")
            found = coref.antecedent(mention.start, pronoun, False, evidenced_only=False)
            if found:
                return self._make(found[1], mention, text, "person")
            if previous is not None and previous.type == "person":
                return self._make(previous.name, mention, text, previous.type, previous.role)
        return None

    def _described_subject(self, pos: int, pronoun: str) -> Speaker | None:
        """The speaker the sentence before ``pos`` names by a description as its subject ("A
        senior official … said", "The company said it had lost contact"), if the pronoun can
        stand for it."""
        start, end = self._sentence_before(pos)
        if end <= start:
            return None
        subject = sentence_subject(tokens(self.text, start, end))
        if subject is None or subject.kind != "nominal" or self.coref.in_quote(subject.start):
            return None
        speaker = self._nominal_speaker(subject, self.text[subject.start:subject.end])
        if speaker is None or not _stands_for(speaker, pronoun):
            return None
        if speaker.type == "anonymous" and not subject.indefinite and not _plural(speaker):
            return None  # "the Kenyan minister": someone named, found by name instead
        return speaker

    def _sentence_before(self, pos: int) -> tuple[int, int]:
        """The sentence before the one holding ``pos``; a quotation the pronoun closes or
        opens counts as that sentence ("“…,” he said"). Every look is bounded."""
        text, coref = self.text, self.coref
        i = bisect_left(coref.quote_starts, pos) - 1
        anchor = last_sentence_start(text, max(0, pos - SENTENCE_REACH), pos)
        if i >= 0 and pos - coref.quote_ends[i] <= CUE_REACH:
            anchor = min(anchor, coref.quote_starts[i])
        low = max(0, anchor - SENTENCE_REACH)
        tail = text[low:anchor]
        end = low + len(tail.rstrip())
        para_start = text.rfind("\n", low, max(low, end - 1)) + 1 or low
        start = last_sentence_start(text, max(para_start, low), end - 1)
        return (start, end) if end > start else (0, 0)

    def _nominal_speaker(self, mention: Mention, text: str) -> Speaker | None:
        lex = lexicons()
        words = [w.lower() for w in WORD_RE.findall(text)]
        head = strip_possessive(words[-1]) if words else ""
        named = None
        if head not in lex.organizations and head not in ISSUED_WORDS and not (
                mention.indefinite or _plural_word(head)):  # "a spokesman", "officials"
            named = self.coref.by_role(text, mention.start)
        elif mention.indefinite and not _plural_word(head) and head in lex.nominal_heads \
                and head not in lex.organizations:
            named = self.coref.by_role_after(text, mention.end)
        if named:
            return self._make(named, mention, text, "person", text)
        owner = self._named_inside(text, mention) or self._issued_by(text, mention)
        if owner is not None:
            return owner
        if head in SPOKESPEOPLE:
            body = self._body_spoken_for(mention.start) or self._body_just_named(mention)
            if body:
                return self._make(body, mention, text, "organization", text)
        if head in ISSUED_WORDS and words[0] in ("the", "this", "its"):
            issuer = self._issuer(mention.start)
            if issuer is not None:
                return self._make(issuer.name, mention, text, issuer.type, issuer.role)
        if head in lex.organizations or is_organization(text) or head in ISSUED_WORDS:
            name = self.organization_named(words, mention.start) or (
                self._body_just_named(mention) if head in ISSUED_WORDS else None)
            if name:
                return self._make(name, mention, text, "organization")
        if words and words[0] == "the" and head in SOURCE_WORDS:
            # "Two senior officials said … “…,” the sources added": the group just described
            described = self._described_subject(mention.start, "they")
            if described is not None:
                return self._make(described.name, mention, text, described.type)
        institution = _institution(words)
        if institution:  # "the army", "the navy’s press office", "the rebels’ communique"
            return self._make(institution, mention, text, "organization")
        if words and words[0] == "the" and not _plural_word(head) and any(
                w in lex.nominal_heads for w in words[1:]):  # "the attorney general"
            named = self.coref.named_next(mention.start)
            if named:
                return self._make(named, mention, text, "person", text)
        if words and words[-1] in FINAL_NEVER:
            return None  # "a short statement to", "the minister said": a misread, no one
        if len(words) == 2 and words[0] in INDEFINITE_ARTICLES and not _names_a_kind_of_speaker(
                words[1:], text):
            return None  # "a rare", "a controversial": a description cut before its noun
        # "the minister" with no minister named, "a press release" from no body named: an
        # unnamed source, described as the article describes it.
        return self._make(text, mention, text, "anonymous")

    def _named_inside(self, text: str, mention: Mention) -> Speaker | None:
        """"psychiatrist Dr Amina Wekesa speaking to reporters", "Ilse Varga has", "Civic Alliance
        spokesman Sir Menzies Campbell": the person named in the phrase is the speaker; failing
        one, the body ("Trump's post", "UNICEF"). A name after a preposition ("an official in
        the Ministry of Ports") or before the noun it qualifies ("a Kelby constable") is
        not who spoke."""
        runs = [(offset, words) for match in NAME_RUN_RE.finditer(text)
                for offset, words in split_run(match.start(), match.group())
                if not _after_preposition(text, offset)
                and not _qualifies_a_noun(text, offset + len(" ".join(words)))]
        for offset, words in reversed(runs):  # the name a description leads up to
            person = self._person_run(words)
            if person:
                self.coref.confirm(person)
                return self._make(person, mention, text, "person", _role_before(text, offset))
        for offset, words in runs:
            written = " ".join(words)
            if is_role_word(written):
                continue  # "the COAS": an office's initials, not a body
            if is_organization(written) or is_acronym(written) or is_place(written):
                return self._make(_whole_name(text, offset) or written, mention, text,
                                  "organization")
        return None

    def _issued_by(self, text: str, mention: Mention) -> Speaker | None:
        """"a statement from the Ministry of Health", "a letter by the union": the body named
        after what it issued."""
        match = ISSUED_BY_RE.search(text)
        if match is None:
            return None
        name = _whole_name(text, match.end())
        if name and (is_organization(name) or is_acronym(name) or is_place(name)):
            return self._make(name, mention, text, "organization")
        return None

    def _person_run(self, words: list[str]) -> str | None:
        written = " ".join(words)
        if written.lower() in lexicons().title_phrases:
            return None
        run = read_name_run(written)
        if run.name and not is_organization(run.name):
            return self.coref.fullest(run.name)
        if len(words) >= 2 and words[0].rstrip(".") in lexicons().titles \
                and not is_organization(written) and not not_a_name(words[-1]) \
                and not is_acronym(run.surname):  # "Speaker NA": the office of a body
            return self.coref.fullest(run.surname)  # "Mr Brady", "Senator Rehman"
        if self.coref.by_last.get(written):
            return self.coref.fullest(written)
        return None

    def _body_spoken_for(self, pos: int) -> str | None:
        """The body a spokesperson speaks for: "the Home Office (HO) Spokesperson",
        "spokesperson for the Water Board", written before ``pos`` (or just after it)."""
        if self._spokes is None:  # every such phrase of the document, found once
            self._spokes = [(m.start(), m.group("before") or m.group("after"))
                            for m in SPOKES_FOR_RE.finditer(self.text)]
        i = bisect_left(self._spokes, (pos + SPOKES_AHEAD,)) - 1
        if i >= 0 and pos - self._spokes[i][0] <= SPOKES_REACH:
            return self._spokes[i][1]
        return None

    def _issuer(self, pos: int) -> Speaker | None:
        """"Tana Highway Builders said in a statement that … “…,” the statement read": the
        subject of the last sentence that said something in a statement, release or
        communique, before ``pos``."""
        found = None
        for match in ISSUED_IN_RE.finditer(self.text, max(0, pos - ISSUER_REACH), pos):
            found = match
        if found is None:
            return None
        start = last_sentence_start(self.text, max(0, found.start() - SENTENCE_REACH),
                                    found.start())
        subject = sentence_subject(tokens(self.text, start, found.start()))
        if subject is None or subject.kind == "pronoun":
            return None
        speaker = self._resolve(subject, None)
        return speaker if speaker is not None and speaker.type != "anonymous" else None

    def _body_just_named(self, mention: Mention) -> str | None:
        """"Harbour group Veldt said it welcomed … “…,” a spokesman told the Ledger":
        a spokesperson for no one named speaks for the organisation just named as a subject."""
        found = self.coref.antecedent(mention.start, "it")
        return found[1] if found and mention.start - found[0] <= SPOKESPERSON_REACH else None

    def organization_named(self, words: list[str], pos: int) -> str | None:
        """"the union’s statement", "the club": the organisation named last before ``pos``
        with a matching word ("Port and Dock Workers Federation", "Meridian City FC"); none
        when the last such name lists two ("Eastport FC and Westvale FC")."""
        if not words or words[0] not in ("the", "its"):
            return None
        grammar = lexicons().grammar
        owner = next((strip_possessive(w) for w in words if w.endswith(POSSESSIVE)), None)
        head = owner or words[-1]
        best_at, best = -1, None
        for word in grammar.get("org_" + head, (head.capitalize(),)):
            low = max(0, pos - ORGANIZATION_REACH)
            # on a slice: a search from ``low`` would see the word character before it
            for at in reversed([m.start() for m in
                                whole_word_re(word).finditer(self.text[low:pos])]):
                at += low
                if at <= best_at:
                    break
                name = self._organization_at(at, word)
                if name is not None:
                    best_at, best = at, name
                    break
        return best or None

    def _organization_at(self, at: int, word: str) -> str | None:
        """The capitalised name around ``text[at]`` holding ``word``; "" when the name lists
        two bodies with that word ("Eastport FC and Westvale FC"); None when there is none."""
        lo = max(0, at - 80)
        for match in ORG_RUN_RE.finditer(self.text, lo, at + 160):
            if match.start() <= at < match.end():
                name = match.group()
                if sum(word in part.split() for part in name.split(" and ")) > 1:
                    return ""
                return name if " " in name else None
        return None


@lru_cache(maxsize=256)
def whole_word_re(word: str) -> re.Pattern:
    """``word`` as a whole word; compiled once, not for every nominal of every document."""
    return re.compile(rf"\b{re.escape(word)}\b")


# What a body issues: "the statement", "a news release" speak for the body just named.
_GRAMMAR = lexicons().grammar
# What a body issues ("the statement", "a news release"): it speaks for its issuer.
ISSUED_WORDS = _GRAMMAR["issued"]
_ISSUED = "|".join(sorted(ISSUED_WORDS, key=len, reverse=True))
# "a statement from the Ministry of Health": the body named after it.
ISSUED_BY_RE = re.compile(rf"\b(?:{_ISSUED}) (?:from|by|of) (?:the |its )?")
# "… said in a statement", "announced in its communique": the issuer is that sentence's subject.
ISSUED_IN_RE = re.compile(r"\b(?:said|says|announced|stated|added|declared|warned|noted)"
                          rf" in (?:a|an|its|their|the|his|her) (?:[\w\-]+ )?(?:{_ISSUED})")
ISSUER_REACH = 600  # characters back to the sentence that names a statement's issuer
SENTENCE_REACH = 400  # characters searched back for the sentence before a pronoun
CUE_REACH = 40  # characters between a quotation's close and a pronoun that attributes it
ORGANIZATION_REACH = 5000  # characters back to the body an organisation nominal names
SOURCE_WORDS = _GRAMMAR["source_groups"]  # "the sources" names the group described before
FINAL_NEVER = _GRAMMAR["final_never"]  # a description never ends in one: "a statement to"
INDEFINITE_ARTICLES = _GRAMMAR["indefinite_articles"]
SPOKES_REACH = 3000  # characters back to "the Foreign Office Spokesperson" a pronoun may mean
SPOKES_AHEAD = 80  # "…,” said the spokesperson of the Water Board": just after the cue
SPOKESPERSON_REACH = 400  # characters back to the organisation an unnamed spokesperson speaks for
SPOKESPEOPLE = _GRAMMAR["spokespeople"]
_SPOKES = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(SPOKESPEOPLE)) + ")"
_BODY = r"[A-Z][\w\-]*(?:(?: of| for| and| on)? [A-Z][\w\-]*)*"
# "the Home Office (HO) Spokesperson", "a spokesperson for the Water Board"; every
# repetition of a body's words consumes a space and a capital, so the match is linear.
SPOKES_FOR_RE = re.compile(
    rf"\b[Tt]he (?P<before>{_BODY}) (?:\([A-Z]+\) )?{_SPOKES}"
    rf"|{_SPOKES} (?:of|for) the (?P<after>{_BODY})")


def _after_preposition(text: str, offset: int) -> bool:
    words = [w.lower() for w in WORD_RE.findall(text[:offset])]
    while words and words[-1] in lexicons().grammar["determiners"]:
        words.pop()
    return bool(words) and words[-1] in lexicons().grammar["inner_prepositions"]


def _qualifies_a_noun(text: str, end: int) -> bool:
    """"a Kelby constable", "the Harbour Board spokesman": a name followed by the common
    noun it qualifies."""
    words = WORD_RE.findall(text, end)
    return bool(words) and words[0].islower() and words[0] in lexicons().nominal_heads


_NAME_WORD = r"(?:[A-Z][\w\-]*|of|for|the|and|on)"
WHOLE_NAME_RE = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD})*")


def _whole_name(text: str, offset: int) -> str | None:
    """"The United Nations Office for the Coordination of Humanitarian Affairs": a body's
    name runs on through "of", "for", "the" and "and" to its last capitalised word."""
    match = WHOLE_NAME_RE.match(text, offset)
    if match is None:
        return None
    words = match.group().split()
    while words and not words[-1][0].isupper():
        words.pop()
    return " ".join(words) or None


def _role_before(text: str, offset: int) -> str | None:
    """"Liberal Democrat foreign affairs spokesman": the role written before a name, when its
    last word is a role noun (not "morning Ruth Adjei")."""
    role = text[:offset].strip(" ,")
    words = WORD_RE.findall(role.lower())
    if not words or words[-1] not in lexicons().nominal_heads:
        return None
    return role


def _institution(words: list[str]) -> str | None:
    """The one body of a country a definite description names by its head or its owner ("the
    army" -> Army, "the navy’s press office" -> Navy), capitalised as a name."""
    if not words or words[0] not in ("the", "its"):
        return None
    institutions = lexicons().grammar["institutions"]
    for word in words[1:]:
        bare = strip_possessive(word).rstrip("’'")
        if bare in institutions:
            return bare.capitalize()
    return None


def _names_a_kind_of_speaker(words: list[str], text: str) -> bool:
    """A description's words hold a noun known to speak: a role or person noun ("official",
    "shopkeeper"), a group in the plural ("protesters"), a body, or a capitalised name."""
    lex = lexicons()
    return any(strip_possessive(w) in lex.nominal_heads or w in lex.organizations
               or _plural_word(w) for w in words) or any(c.isupper() for c in text[1:])


def _plural_word(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _plural(speaker: Speaker) -> bool:
    """"Officials at the ministry", "sources": a description whose head noun is plural."""
    lex = lexicons()
    words = [w for w in speaker.name.lower().split()
             if w not in lex.grammar["inner_prepositions"]]
    head = next((w for w in words if w in lex.nominal_heads), words[-1] if words else "")
    return _plural_word(head)


def _stands_for(speaker: Speaker, pronoun: str) -> bool:
    """"he"/"she" for a person or one unnamed source; "it" for an organisation; "they" for
    either kind of group."""
    plural = _plural(speaker)
    if pronoun in ("he", "she"):
        return speaker.type == "person" or (speaker.type == "anonymous" and not plural)
    if pronoun == "it":
        return speaker.type == "organization"
    if pronoun in ("they", "we"):
        return speaker.type == "organization" or (speaker.type == "anonymous" and plural)
    return False


def _english(pronoun: str) -> str:
    return {"il": "he", "elle": "she", "ils": "they", "elles": "they"}.get(pronoun, pronoun)


def _fits(previous: Speaker, pronoun: str, coref: Coreference) -> bool:
    """Whether a pronoun with no antecedent can stand for the previous quote's speaker."""
    if pronoun == "it":
        return previous.type == "organization"
    if pronoun in ("they", "we"):
        return previous.type in ("organization", "anonymous")
    if previous.type == "person":
        gender = coref.person_gender(previous.name)
        return gender in (None, pronoun) or pronoun == "i"
    return previous.type in ("organization", "anonymous")
