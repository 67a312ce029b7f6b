"""Coreference: which named person or organisation a pronoun or a role nominal stands for.

One pass over the document collects the capitalised runs that name people ("Air Commodore
Tariq Malik", "Mr Osei", "Faiz ul Hasan") and organisations ("the Water Board"), each
marked salient when it stands where a sentence's subject stands. A pronoun then takes the
nearest salient mention of the right kind before it ("he" a person of a compatible gender,
"it" an organisation); a role nominal ("the deputy mayor", "the spokesperson") the person
last named with that role. Mentions inside quotations, objects ("told Radio Meridian", "met Mr
Varga"), possessors ("Lind's post") and subjects of reported clauses ("he said Prime Minister
Halvorsen proposed") do not compete: news refers back to the one it quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from extractors.lexicons import lexicons
from extractors.mentions import CALENDAR, ROLE_HEADS
from extractors.names import (
    EITHER,
    RUN_CACHE_SIZE,
    NameRun,
    first_name_agrees,
    is_organization,
    is_role_word,
    read_name_run,
    strip_possessive,
)
from extractors.segmentation import last_sentence_start


def _name_run_re() -> re.Pattern:
    """Capitalised words, with name particles between them ("Faiz ul Hasan", "Karim
    al-Sayed", "Ursula von der Leyen"). Every repetition consumes a space and a capital, and
    a particle is one of a fixed list, so the match is linear."""
    particles = "|".join(sorted(lexicons().grammar["name_particles"], key=len, reverse=True))
    return re.compile(rf"[A-Z][\w\-]*\.?(?: (?:(?:{particles}) (?:(?:{particles}) )?"
                      rf"|(?:{particles})-)?[A-Z][\w\-]*\.?)*")


NAME_RUN_RE = _name_run_re()  # one capitalised word or more
LOOKBACK = 2000  # characters searched back for a pronoun's antecedent
MAX_FORMS = 8  # written forms kept per surname: bounds the work of every name lookup
NAMED_AFTER_REACH = 600  # characters after "a spokesman" to the spokesman then named
LEDE_REACH = 600  # characters after a lede's description to the name it stands for
ROLE_LOOKBACK = 4000  # characters searched back for the person a role nominal names
ROLE_REACH = 160  # characters from a name to the role words written around it
CONTEXT = 60  # characters read either side of a mention to judge its position
SENTENCE_CONTEXT = 300  # characters read back to the start of a mention's sentence
WORD_RE = re.compile(r"[\w’'\-]+")
POSSESSIVE = ("’s", "'s", "’", "'")


class DocMention(NamedTuple):
    """A person or organisation named in the text (whether it stands as a subject, and the
    person's gender, are judged only for the mentions a pronoun looks at)."""

    start: int
    end: int
    name: str
    kind: str  # person | organization


def _lex_group(name: str) -> frozenset[str]:
    return lexicons().grammar.get(name, frozenset())


class Coreference:
    """The people and organisations of one document, in order, built on first use."""

    def __init__(self, text: str, quote_bounds: list[tuple[int, int]]) -> None:
        self.text = text
        self.quote_starts = [q[0] for q in quote_bounds]
        self.quote_ends = [q[1] for q in quote_bounds]
        self.by_last: dict[str, list[str]] = {}
        self.by_given: dict[str, list[str]] = {}  # "Bilal" -> "Bilal Rahman Qureshi", …
        self.gender: dict[str, str] = {}
        self.confirmed: set[str] = set()
        self._runs: list[tuple[int, Sequence[str], NameRun]] | None = None
        self._run_starts: list[int] = []
        self._mentions: dict[int, DocMention | None] = {}
        self._evidenced: dict[str, bool] = {}  # surname -> some run shows it is a person's
        self._roles: dict[str, dict[str, list[tuple[int, str]]]] = {}
        self._fullest: dict[tuple[str, str], str] = {}
        self._lower: str | None = None

    # -- building, in three stages, each on first use: most quotes need only the names ------

    def build(self) -> None:
        """The names of the document: every capitalised run read, surnames and genders."""
        if self._runs is not None:
            return
        text = self.text
        runs: list[tuple[int, Sequence[str], NameRun]] = []
        named: list[tuple[int, NameRun]] = []  # the runs of two words or more teach names
        speech_verbs = lexicons().speech_verbs
        word_after = WORD_AFTER_RE.match
        for match in NAME_RUN_RE.finditer(text):
            run = match.group()
            if " " not in run:  # most runs: one word, which is no full name
                single = read_single_word(run)
                if single is None:
                    continue  # "The", "He", "Calling": never a name
                runs.append((match.start(), *single))
                after = word_after(text, match.end())
                if after is not None and after.group(1) in speech_verbs:
                    self._learn_speaker_word(match.start(), run)
                continue
            for start, words in split_run(match.start(), run):
                read = read_name_run(" ".join(words))
                runs.append((start, words, read))
                named.append((start, read))
        headline_end = _title_case_headline_end(text)
        for start, run in named:
            if start >= headline_end:  # "Harbour Mom Corners Okafor On His Refusal …"
                self._learn_name(run)
        # Most one-word runs ("The", "Monday", "Karachi") can name no one (see _mention):
        # dropped once here, every lookup that walks the runs has fewer to read.
        by_last = self.by_last
        self._runs = [entry for entry in runs if len(entry[1]) > 1 or entry[1][0] in by_last
                      or _may_name_alone(entry[1][0])]
        self._run_starts = [start for start, _, _ in self._runs]

    def _learn_speaker_word(self, start: int, word: str) -> None:
        """"…, samuel Okonkwo, said": one capitalised word that is a speech verb's subject
        is a person's surname when nothing says it is a place, a body or a role."""
        if is_place(word) or is_organization(word) or is_acronym(word) or is_role_word(word) \
                or self._after_the(start) or word in CALENDAR or word in lexicons().titles \
                or word.endswith("."):  # "Easton, Pa., said", "Washington, D.C., said"
            return
        self.by_last.setdefault(word, [])
        self.confirmed.add(word)

    def _mention_at(self, index: int) -> DocMention | None:
        """The person or organisation the ``index``-th capitalised run names, if any; judged
        once, and only for the runs a lookup reaches."""
        if index not in self._mentions:
            self._mentions[index] = self._mention(*self._runs[index])
        return self._mentions[index]

    def _evidenced_surname(self, surname: str) -> bool:
        """Some run of this surname shows a sign of a person's name (see _evidenced_run)."""
        if surname in self.confirmed:
            return True
        if surname not in self._evidenced:
            self._evidenced[surname] = any(
                self._evidenced_run(start, words, run)
                for start, words, run in self._runs if run.surname == surname)
        return self._evidenced[surname]

    def roles(self, head: str) -> dict[str, list[tuple[int, str]]]:
        """Role keys ending in ``head`` ("foreign minister", "spokesperson") -> (where,
        person), read only around the places the head word is written (for nominals)."""
        if head not in self._roles:
            self._roles[head] = self._find_roles(head)
        return self._roles[head]

    def _find_roles(self, head: str) -> dict[str, list[tuple[int, str]]]:
        self.build()
        roles: dict[str, list[tuple[int, str]]] = {}
        seen: set[int] = set()
        for at in self._word_positions(head):
            first = bisect_left(self._run_starts, at - ROLE_REACH)
            last = bisect_left(self._run_starts, at + len(head) + ROLE_REACH)
            for index in range(first, last):
                if index in seen:
                    continue
                seen.add(index)
                if not self._may_hold_role(index, head):
                    continue  # most runs near a head word: no role around them holds it
                mention = self._mention_at(index)
                if mention is not None and mention.kind == "person":
                    self._add_roles(mention, head, roles)
        for found in roles.values():
            found.sort()
        return roles

    def _word_positions(self, word: str) -> list[int]:
        """Where ``word`` is written as a whole word, in any case (a plain string search: a
        regular expression per head word would be compiled for every document)."""
        if self._lower is None:
            self._lower = _lower_keeping_offsets(self.text)
        lower, found, at = self._lower, [], self._lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_word_char(lower[at - 1])) and \
                    (end == len(lower) or not _is_word_char(lower[end])):
                found.append(at)
            at = lower.find(word, end)
        return found

    def _add_roles(self, mention: DocMention, head: str,
                   roles: dict[str, list[tuple[int, str]]]) -> None:
        run_role = read_name_run(self.text[mention.start:mention.end]).role
        before = self._role_before(mention.start) if self._holds(
            head, mention.start - ROLE_BEFORE_CHARS, mention.start) else None
        for role in (run_role, before, self._role_after(mention.end)):
            for key in role_keys(role) if role else ():
                if key.endswith(head):
                    roles.setdefault(key, []).append((mention.start, mention.name))

    def _may_hold_role(self, index: int, head: str) -> bool:
        """Whether a role read before, in or after the ``index``-th run can end in ``head``:
        judging the run and reading its roles is slow, and only a few runs have one."""
        start, words, _ = self._runs[index]
        end = start + len(" ".join(words))
        if self._holds(head, start - ROLE_BEFORE_CHARS, end):
            return True
        after = self._role_after(end)
        return after is not None and head in after.lower()

    def _holds(self, head: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` may hold the role word ``head``: a role key ending in
        it holds it, in lower case. Lower case maps each ASCII letter on its own, so a
        string search is exact for an ASCII head; any other head is never ruled out."""
        return not head.isascii() or head in self.text[max(0, start):end].lower()

    def _learn_name(self, run: NameRun) -> None:
        if run.gender:
            known = self.gender.setdefault(run.surname, run.gender)
            if known != run.gender:
                self.gender[run.surname] = EITHER  # Bill and Hillary Clinton
        if run.name is None:
            return
        forms = self.by_last.setdefault(run.surname, [])
        if run.name not in forms and len(forms) < MAX_FORMS:
            forms.append(run.name)
            given = run.name.split()[0]
            if given in FIRST_NAMES:  # not "Varga" of "Varga Express", a run taken for a name
                self.by_given.setdefault(given, []).append(run.name)

    def _mention(self, start: int, words: Sequence[str], run: NameRun) -> DocMention | None:
        # build() kept only the one-word runs that may name someone ("Osei", "KBC")
        end = start + len(" ".join(words))
        if self.in_quote(start):
            return None
        kind, name = self._classify(start, " ".join(words), words, run)
        if kind is None:
            return None
        return DocMention(start, end, name, kind)

    def _classify(self, start: int, written: str, words: Sequence[str],
                  run: NameRun) -> tuple[str | None, str]:
        if is_place(written):
            return None, written
        if is_organization(written) or is_acronym(written) or self._org_noun_after(start, words) \
                or self._org_noun_before(start):
            return "organization", written
        if self._after_the(start):
            return None, written
        if is_role_word(words[-1]) and run.name is None:
            return None, written  # "Tory Leader", "Senator": a role, not a name
        if run.name is not None:
            return "person", self.fullest(run.name)
        if len(words) >= 2 and words[0].rstrip(".") in lexicons().titles \
                and run.surname not in CALENDAR and not is_acronym(run.surname):
            return "person", run.surname  # "Mr Osei", "Senator Achebe"; not "Chairman PPP"
        if len(words) == 1 and words[0] in self.by_last:
            return "person", words[0]  # "Osei added": its full form is chosen on use
        return None, written

    def _evidenced_run(self, start: int, words: Sequence[str], run: NameRun) -> bool:
        """A run is a person's name only with some sign of it: a title or honorific, a known
        first name, a role before or after it, or a speech verb it is the subject of. "MV
        Sea Lantern", "National Water Plan" and "East Africa" have none."""
        if run.name is None:
            return len(words) >= 2 and words[0].rstrip(".") in lexicons().titles
        if run.role or run.gender or words[0] in lexicons().honorifics:
            return True
        end = start + len(" ".join(words))
        return bool(self._role_before(start) or self._role_after(end)
                    or _speech_verb_after(self.text, end))

    def _role_before(self, start: int) -> str | None:
        """"Water Board spokesperson Amina Wekesa", "an engineer Kofi Mensah",
        "Federal Minister for Information and Broadcasting Raheela Siddiqui", "Jordan's
        Minister of Water and Irrigation, Raed al-Hawamdeh"."""
        role = None
        words = self.text[max(0, start - 30):start].split()
        if words and self.text[start - 1:start] == " " and (
                words[-1].lower() in ROLE_BEFORE_ENDS or words[-1] in ROLE_HEADS):
            # most names: no role noun right before them, and no need for the slow regex
            match = ROLE_BEFORE_RE.search(self.text, max(0, start - CONTEXT), start)
            role = _ending_in_role_noun(match.group(1)) if match else None
        return role or title_phrase_before(self.text, start)

    def _role_after(self, end: int) -> str | None:
        """"Grace Otieno, a senior port official at Kilindini Harbour, said"."""
        match = ROLE_AFTER_RE.match(self.text, end)
        if match is None:
            return None
        words = WORD_RE.findall(match.group(1).lower())
        if not words or words[-1] in lexicons().organizations:
            return None
        return DESCRIBED + match.group(1)

    def _org_noun_after(self, start: int, words: Sequence[str]) -> bool:
        """"the opposition Civic Alliance group", "the Tehreek-e-Insaf party"."""
        end = start + len(" ".join(words))
        after = WORD_RE.match(self.text, end + 1) if self.text[end:end + 1] == " " else None
        return after is not None and after.group() in lexicons().organizations

    def _org_noun_before(self, start: int) -> bool:
        """"the Basra-based group Green Shatt", "the party Tehreek-e-Insaf"."""
        before = self.text[max(0, start - 30):start]
        words = WORD_RE.findall(before)
        return bool(words) and words[-1] in lexicons().organizations and \
            before.endswith(words[-1] + " ")  # not "over the ruling. Justice Oduya"

    def _after_the(self, pos: int) -> bool:
        """"the Harbour Ledger", "the Water Board": a person's name takes no article."""
        return self.text[max(0, pos - 4):pos].lower() == "the "

    def _is_subject(self, start: int, end: int) -> bool:
        """Where a sentence's subject stands: not an object, a possessor or inside a reported
        clause, and not after "the" (a person's name takes no article)."""
        text = self.text
        before = text[max(0, start - CONTEXT):start]
        words = WORD_RE.findall(before)
        last = words[-1].lower() if words and before.endswith(" ") else ""
        if text.startswith(POSSESSIVE, end) or before.endswith("("):
            return False  # "Trump’s post"; "(APP)" in a dateline
        if last in _lex_group("object_leads") and not SENTENCE_LEAD_RE.search(before):
            return False  # "told Radio Meridian", but not "For Osei, …" opening a sentence
        if self._pronoun_opens_sentence(start):
            return False  # "He said the answer was drafted with Lord Ashby": he is the subject
        return not _reported_clause(before)

    def _pronoun_opens_sentence(self, pos: int) -> bool:
        """The sentence holding ``pos`` opens with a personal pronoun ("He said …")."""
        low = max(0, pos - SENTENCE_CONTEXT)
        para = self.text.rfind("\n", low, pos) + 1 or low
        start = last_sentence_start(self.text, max(low, para), pos)
        start += len(self.text[start:pos]) - len(self.text[start:pos].lstrip(" “\"‘"))
        return PRONOUN_SUBJECT_RE.match(self.text, start, pos) is not None

    # -- lookups ---------------------------------------------------------------------------

    def in_quote(self, pos: int) -> bool:
        i = bisect_left(self.quote_starts, pos + 1) - 1
        return i >= 0 and pos < self.quote_ends[i]

    def person_gender(self, name: str) -> str | None:
        """The gender a person's first name says, else the one their surname was given with
        an honorific ("Ms Okafor") unless two people of that surname differ."""
        genders = lexicons().first_name_gender
        words = name.split()
        first = next((genders[w] for w in words[:-1] if w in genders), None)
        if first:
            return first
        known = self.gender.get(words[-1]) if words else None
        return known if known != EITHER else None

    def fullest(self, name: str, pronoun: str = "") -> str:
        """The fullest form in the document of a person's name ("Asif" -> "Khawaja Asif")."""
        key = (name, pronoun)
        if key not in self._fullest:
            self._fullest[key] = self._find_fullest(name, pronoun)
        return self._fullest[key]

    def _find_fullest(self, name: str, pronoun: str) -> str:
        self.build()
        words = [strip_possessive(w) for w in name.split()]
        if not words:
            return name
        best = " ".join(words)
        for candidate in self.by_last.get(words[-1], ()):
            cand_words = candidate.split()
            if len(cand_words) > len(best.split()) and all(w in cand_words for w in words) \
                    and first_name_agrees(candidate, pronoun):
                best = candidate
        if best == words[0]:
            return self._full_by_given(best, pronoun)
        return best

    def _full_by_given(self, given: str, pronoun: str) -> str:
        """"PM Bilal said": a known first name alone is the person named in full with it
        first, when everyone so named shares one surname (two Alis of different families: no
        one)."""
        forms = [form for form in self.by_given.get(given, ())
                 if first_name_agrees(form, pronoun)]
        if not forms or len({form.split()[-1] for form in forms}) > 1:
            return given
        return max(forms, key=lambda form: len(form.split()))

    def agrees(self, name: str, gender: str | None, pronoun: str) -> bool:
        """Whether a pronoun can stand for the named person: "she" never for Mr Holt or Bill
        Brennan; a person of unknown gender for either."""
        if pronoun not in ("he", "she"):
            return True
        return (gender or self.person_gender(name)) in (None, pronoun)

    def confirm(self, name: str) -> None:
        """A rule attributed a quote to this name: it is a person's, whatever else says."""
        self.confirmed.add(name.split()[-1])

    def antecedent(self, pos: int, pronoun: str, salient_only: bool = True,
                   evidenced_only: bool = True) -> tuple[int, str] | None:
        """The nearest salient person ("he", "she") or organisation ("it") before ``pos``,
        with where it is named; with ``salient_only`` False any such mention, with
        ``evidenced_only`` False also a capitalised run that has no sign of being a person's
        name but may be one."""
        self.build()
        want = "organization" if pronoun == "it" else "person"
        index = bisect_left(self._run_starts, pos) - 1
        while index >= 0 and pos - self._run_starts[index] <= LOOKBACK:
            mention = self._mention_at(index)
            index -= 1
            if mention is None or mention.kind != want or mention.end > pos or (
                    salient_only and not self._is_subject(mention.start, mention.end)):
                continue
            if want == "organization":
                return mention.start, mention.name
            name = self.fullest(mention.name, pronoun)
            if evidenced_only and not self._evidenced_surname(name.split()[-1]):
                continue
            gender = self.person_gender(mention.name) if " " in mention.name else None
            if self.agrees(name, gender, pronoun):
                return mention.start, name
        return None

    def named_next(self, pos: int) -> str | None:
        """"The chief justice has denied … Justice Amara Oduya said": when no person is named
        before ``pos``, the first person named as a subject within the next sentences, if
        a speech verb follows the name (a lede's description, then its name)."""
        self.build()
        index = bisect_left(self._run_starts, pos)
        if any(self._is_person(i) for i in range(index)):
            return None
        while index < len(self._runs) and self._run_starts[index] - pos <= LEDE_REACH:
            mention = self._mention_at(index)
            index += 1
            if mention is not None and mention.kind == "person" and \
                    self._is_subject(mention.start, mention.end) and \
                    _speech_verb_after(self.text, mention.end):
                return self.fullest(mention.name)
        return None

    def _is_person(self, index: int) -> bool:
        mention = self._mention_at(index)
        return mention is not None and mention.kind == "person"

    def by_role_after(self, phrase: str, pos: int) -> str | None:
        """"But a spokesman stressed … “…,” union spokesman Dr Kamal Haddad said": the person
        named just after ``pos`` with the role an indefinite description states."""
        for named in self._named_with_role(phrase):
            after = [name for at, name in named if pos < at <= pos + NAMED_AFTER_REACH]
            if after:
                return after[0]
        return None

    def by_role(self, phrase: str, pos: int) -> str | None:
        """The person last named before ``pos`` with the role a nominal states ("the deputy
        mayor", "the DG", "the Kenyan minister")."""
        for named in self._named_with_role(phrase):
            before = [(at, name) for at, name in named if at < pos]
            if before:
                at, name = before[-1]
                if pos - at <= ROLE_LOOKBACK or len({n for _, n in named}) == 1:
                    return name
        return None

    def _named_with_role(self, phrase: str):
        """The people named with the role a phrase states, most specific key first ("deputy
        prime minister", then "prime minister", "minister"); a vague one-word role ("the
        official") finds no one."""
        words = [w for w in WORD_RE.findall(phrase.lower()) if w not in DETERMINER_WORDS]
        while words and words[-1] in lexicons().cue_modifiers:
            words.pop()  # "the mayor meanwhile"
        roles = self.roles(words[-1]) if words else {}
        for size in range(min(4, len(words)), 0, -1):
            key = " ".join(words[-size:])
            if key in roles and (size > 1 or key not in _lex_group("vague_roles")):
                yield roles[key]


# The lower-case word right after a name, past a comma: "Okonkwo said", "Okonkwo, said".
WORD_AFTER_RE = re.compile(r",? ([a-z]+)")
# The words before a name that may state a role: capitalised ones (an organisation), then up
# to four lower-case ones ending in a role noun. Bounded repetitions: linear.
ROLE_BEFORE_RE = re.compile(r"((?:[A-Z][\w\-]* (?:and )?){0,6}(?:[a-z][\w\-]* ){0,4})$")
# The last word before a name when a role is written before it: a role noun, or a word the
# role reading drops ("the", "and").
ROLE_BEFORE_ENDS = lexicons().nominal_heads | {"the", "a", "an", "this", "that", "its", "his",
                                               "her", "their", "and"}
# ", a senior police official at …," / ", the former foreign minister,"
ROLE_AFTER_RE = re.compile(r", (?:a|an|the) ((?:[\w\-]+ ){0,4}?[\w\-]+)(?=[,.]| at | of | in "
                           r"| from | for | with | who )")


def _ending_in_role_noun(phrase: str) -> str | None:
    words = [w for w in WORD_RE.findall(phrase.lower()) if w not in DETERMINER_WORDS]
    while words and words[-1] == "and":
        words.pop()
    if not words or words[-1] not in lexicons().nominal_heads:
        return None
    return " ".join(words)


CAPITAL_DETERMINERS = frozenset(["The", "A", "An", "This", "That", "These", "Those", "Its",
                                 "His", "Her", "Their", "Our", "My", "Another"])
DETERMINER_WORDS = frozenset(["the", "a", "an", "this", "that", "its", "his", "her", "their"])


DESCRIBED = "\x00"  # marks a role read from an appositive ("…, a 40-year-old clearing agent,")


# The parts of a joint role: "Deputy Prime Minister and Foreign Minister", "Mayor, Senator".
ROLE_PARTS_RE = re.compile(r"\s+(?:and|&)\s+|,\s*")


@lru_cache(maxsize=RUN_CACHE_SIZE)
def role_keys(role: str) -> frozenset[str]:
    """Lower-case keys a role is found by: every run of one to four of its words that ends
    in a role noun, within each part of a joint role ("Deputy Prime Minister and Foreign
    Minister Senator" gives "deputy prime minister", "foreign minister", "senator" …); an
    appositive's description also by its last words whatever its noun ("clearing agent")."""
    heads = lexicons().nominal_heads
    described = role.startswith(DESCRIBED)
    keys = set()
    for part in ROLE_PARTS_RE.split(role.lstrip(DESCRIBED).lower()):
        words = WORD_RE.findall(part)
        for end, word in enumerate(words, 1):
            if word in heads or (described and end == len(words)):
                keys.update(" ".join(words[start:end]) for start in range(max(0, end - 4), end))
    return frozenset(keys)


TITLE_CHARS = 160  # characters read back from a name for the title written before it
ROLE_BEFORE_CHARS = max(CONTEXT, TITLE_CHARS)  # all that _role_before reads
TITLE_CONNECTORS = frozenset(["of", "for", "and", "the", "on", "&"])
MAX_TITLE_WORDS = 12


def title_phrase_before(text: str, start: int) -> str | None:
    """The capitalised title written before a name, through "of", "for", "and" and the
    commas of a list, ending right before the name or its comma ("Cabinet Secretary for
    Roads, Transport and Public Works, Amina Wekesa"); None when it holds no title word."""
    before = text[max(0, start - TITLE_CHARS):start]
    comma = before.endswith(", ")
    if comma:
        before = before[:-2]
    elif not before.endswith(" "):
        return None
    words = before.split()
    taken = []
    for word in reversed(words[-MAX_TITLE_WORDS:]):
        bare = word.rstrip(",")
        if not bare or not (bare[0].isupper() or bare in TITLE_CONNECTORS) \
                or bare.endswith(("’s", "'s")):
            break
        taken.append(word)
    while taken and taken[-1].rstrip(",") in TITLE_CONNECTORS:
        taken.pop()
    phrase = " ".join(reversed(taken)).strip(", ")
    titles = lexicons().titles
    if not any(w.rstrip(",") in titles or w.rstrip(",") in ROLE_HEADS for w in taken):
        return _description_before(words) if comma else None
    return phrase or None


def _description_before(words: list[str]) -> str | None:
    """"The congress’s president, Comrade Ibrahim Yakubu": a lower-case description ending
    in a role noun, set off by a comma before the name."""
    taken = []
    for word in reversed(words[-5:]):
        if word.lower() in DETERMINER_WORDS or not word[0].isalpha() or word.endswith(","):
            break
        taken.append(word)
    if not taken or taken[0].lower() not in lexicons().nominal_heads:
        return None
    return DESCRIBED + " ".join(reversed(taken))


SPLIT_WORDS = _lex_group("leading_caps") | CAPITAL_DETERMINERS


def _lower_keeping_offsets(text: str) -> str:
    """The text in lower case, one character for one ("İ".lower() is two characters, which
    would shift every position after it)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _title_case_headline_end(text: str) -> int:
    """Where a first line written in Title Case ends (0 when there is none): every word of
    such a headline is capitalised, so its runs of capitals are no names."""
    end = text.find("\n", 0, HEADLINE_CHARS)
    words = text[:end].split() if end > 0 else []
    if len(words) < 4:
        return 0
    capitalised = sum(1 for word in words if word[:1].isupper())
    return end if capitalised >= 0.8 * len(words) else 0


HEADLINE_CHARS = 300


def _skipped_word(word: str) -> bool:
    """A sentence-opening word, a pronoun or a participle ("Calling"): never a name."""
    return word in SPLIT_WORDS or word.lower() in PRONOUNS or (
        word.endswith("ing") and word not in FIRST_NAMES)


PRONOUNS = lexicons().pronouns
FIRST_NAMES = lexicons().first_name_gender


@lru_cache(maxsize=RUN_CACHE_SIZE)
def read_single_word(word: str) -> tuple[tuple[str], NameRun] | None:
    """A one-word run as the name index keeps it, None for a word that is never a name.
    Cached: one-word runs are most runs, and a few thousand words make up nearly all of them
    (runs of several words are far more varied, and are not cached here)."""
    if _skipped_word(word):
        return None
    return (word,), NameRun(None, word.replace(".", ""), None, None)


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _may_name_alone(word: str) -> bool:
    """One capitalised word that names a body ("KBC", "Ministry") whatever the document."""
    return is_acronym(word) or is_organization(word)


def split_run(start: int, run: str) -> list[tuple[int, list[str]]]:
    """Cut a run where a new sentence's first word was glued on ("Town Hall He", "Punjab The
    Minister") and drop an opening participle ("Calling Nairobi")."""
    lead = SPLIT_WORDS
    pronouns = lexicons().pronouns
    if " " not in run:  # most runs: one capitalised word
        return [] if _skipped_word(run) else [(start, [run])]
    out: list[tuple[int, list[str]]] = []
    words: list[str] = []
    pos = start
    word_start = start
    for word in run.split(" "):
        if words and (word in lead or word.lower() in pronouns or _ends_sentence(words[-1])):
            out.append((word_start, words))
            words = []
        if not words:
            word_start = pos
            if word in lead or word.lower() in pronouns or (
                    word.endswith("ing") and word not in lexicons().first_name_gender):
                pos += len(word) + 1
                continue
        words.append(word)
        pos += len(word) + 1
    if words:
        out.append((word_start, words))
    return out


# A personal pronoun opening a sentence: a name later in it is not its subject.
PRONOUN_SUBJECT_RE = re.compile(r"(?:He|She|They|We|I) ")
# A lead word opening its sentence: "For Zarif", "According to Mr Dar".
SENTENCE_LEAD_RE = re.compile(r"(?:^|[.!?”\"]\s+|\n\s*)(?:[A-Z]\w*)(?: to)? $")
APPOSITIVE_RE = re.compile(r"(?:, [^,;.“”\"]{1,60}){1,2}, ")


def _speech_verb_after(text: str, end: int) -> bool:
    """"Tariq Malik said", "Osei also told", "Marit Dahl, now 71, said": a speech verb
    within two words, after one appositive at most."""
    appositive = APPOSITIVE_RE.match(text, end)
    if appositive:
        end = appositive.end() - 1
    words = WORD_RE.findall(text, end, end + 30)[:2]
    return any(w in lexicons().speech_verbs for w in words)


def _ends_sentence(word: str) -> bool:
    """"on malaria. G20 ministers": a full stop after a word that is no initial, title or
    abbreviation ends the sentence, and the run."""
    if not word.endswith("."):
        return False
    bare = word.rstrip(".")
    lex = lexicons()
    return len(bare) > 2 and bare not in lex.abbreviations and bare not in lex.titles


REPORTED_RE = re.compile(r"(?:^|[^”\"’,\s])\s+(\w+)(?:\s+that)?\s+$")


def _reported_clause(before: str) -> bool:
    """"He said Prime Minister Halvorsen proposed": a name right after a speech verb (or its
    "that") that does not follow a quotation is the subject of what was reported."""
    match = REPORTED_RE.search(before[-40:])
    return bool(match) and match.group(1) in lexicons().speech_verbs and \
        match.group(1) not in _lex_group("addressee_verbs")


def is_place(name: str) -> bool:
    """A country, capital, region or city; datelines write them in capitals ("ISLAMABAD")."""
    places = lexicons().places
    return name in places or (name.isupper() and name.title() in places)


def is_acronym(name: str) -> bool:
    """"KBC", "UNICEF", "NEPRA": an all-capital word of two or more letters stands for a body."""
    return " " not in name and len(name) >= 2 and name.isupper() and name.isalpha()
