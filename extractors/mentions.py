"""Speaker mentions: the noun phrase next to a speech verb, read off a short token window.

Two readers: ``subject_before`` walks left from a verb ("the senior official said",
"Nazir Ahmed, a cloth trader in Kandahar, told"), ``phrase_after`` walks right from an
inverted verb ("said Mr. Roggio", "according to a source close to the talks"). Both stop after
a dozen tokens, so they cost the same on any input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicons import lexicons
from extractors.segmentation import Token

MAX_PHRASE = 14  # tokens in one speaker phrase ("Minister of State for Finance and Revenue …")
MAX_APPOSITIVE = 18  # tokens between the commas of an appositive

# Bound once: these are looked up for nearly every token of every window.
_LEX = lexicons()
_GRAMMAR = _LEX.grammar
SPEECH_VERBS = _LEX.speech_verbs
PRONOUNS = _LEX.pronouns
ABBREVIATIONS = _LEX.abbreviations
FRENCH_SPEECH_VERBS = _LEX.french_speech_verbs
FRENCH_AUXILIARIES = _GRAMMAR["french_auxiliaries"]
DETERMINERS = _GRAMMAR["determiners"]
INDEFINITE = _GRAMMAR["indefinite"]
INNER_PREPOSITIONS = _GRAMMAR["inner_prepositions"]
PHRASE_BREAKS = _GRAMMAR["phrase_breaks"]
NAME_PARTICLES = _GRAMMAR["name_particles"]
LEADING_CAPS = _GRAMMAR["leading_caps"]
CALENDAR = _GRAMMAR["calendar"]
ASPECT_VERBS = _GRAMMAR["aspect_verbs"]
IRREGULAR_PAST = _GRAMMAR["irregular_past"]
DANGLING_DETERMINERS = _GRAMMAR["dangling_determiners"]
CUE_MODIFIERS = _LEX.cue_modifiers
HONORIFICS = _LEX.honorifics
ROLE_HEADS = _GRAMMAR["role_heads"]
RELATIVES = _GRAMMAR["relatives"]  # a description that starts with one is a clause, no role
SCENE_PREPOSITIONS = _GRAMMAR["scene_prepositions"]
ORIGIN_PREPOSITIONS = _GRAMMAR["origin_prepositions"]
LIST_COORDINATORS = _GRAMMAR["list_coordinators"]
PLACE_PREPOSITIONS = _GRAMMAR["place_prepositions"]
POST_NOMINALS = _GRAMMAR["post_nominals"]
INDEFINITE_ARTICLES = _GRAMMAR["indefinite_articles"]
TITLE_INNER_WORDS = _GRAMMAR["title_inner_words"]
NAME_PREFIXES = _GRAMMAR["name_prefixes"]


@dataclass(frozen=True)
class Mention:
    """A speaker phrase in the text: its offsets, its shape and its name part if any."""

    start: int
    end: int
    kind: str  # pronoun | name | nominal
    name: str  # the name as written, titles removed; the phrase itself for nominals
    role: str | None
    indefinite: bool


def is_word(tok: Token) -> bool:
    return tok.text[0].isalnum()


PREFIXED_NAME_RE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(NAME_PREFIXES, key=len, reverse=True))) + ")-[A-Z]")
PREFIX_INITIALS = frozenset(prefix[0] for prefix in NAME_PREFIXES)  # tested before the regex


def is_cap(tok: Token) -> bool:
    """A capitalised word, or a name joined to its particle ("al-Hinai", "el-Sherbiny")."""
    if tok.text[0].isupper():
        return tok.text not in CALENDAR
    return tok.text[0] in PREFIX_INITIALS and PREFIXED_NAME_RE.match(tok.text) is not None


def is_verb(tok: Token) -> bool:
    """A lower-case speech verb form: "said", "tells", "adding"."""
    return tok.text[0].islower() and tok.text in SPEECH_VERBS


def is_cue_verb(toks: list[Token], k: int) -> bool:
    """A speech verb used as a verb: not "the remarks", "her answer", "the woman’s quotes"."""
    if not is_verb(toks[k]):
        return False
    if toks[k].text in ASPECT_VERBS and k + 1 < len(toks) and toks[k + 1].text == "to":
        return False  # "Israel continues to block the aid"
    if k == 0:
        return True
    prev = toks[k - 1].text.lower()
    if prev in FRENCH_AUXILIARIES and toks[k].text in FRENCH_SPEECH_VERBS:
        return True  # "a déclaré": "a" is the French auxiliary here, not the article
    if prev in CUE_MODIFIERS and k >= 2 and toks[k - 2].text.lower() in DANGLING_DETERMINERS:
        return False  # "her first term", "the last word": an adjective, then a noun
    return prev not in DETERMINERS and not prev.endswith(("’s", "'s"))


def is_name_dot(toks: list[Token], k: int) -> bool:
    """A full stop that belongs to a name: after "Mr", "Sen" or an initial such as "J"."""
    if toks[k].text != "." or k == 0:
        return False
    prev = toks[k - 1]
    return prev.end == toks[k].start and (
        prev.text in ABBREVIATIONS or (len(prev.text) == 1 and prev.text.isupper()))


def pronoun_mention(tok: Token) -> Mention | None:
    if tok.text.lower() in PRONOUNS:
        return Mention(tok.start, tok.end, "pronoun", tok.text, None, False)
    return None


def subject_before(toks: list[Token], j: int, low: int = 0) -> Mention | None:
    """Read the speaker phrase ending at ``toks[j]`` (the word before a speech verb)."""
    if j < low:
        return None
    if toks[j].text == ")":
        j = _skip_parenthesis(toks, j, low)
        if j < low:
            return None
    if toks[j].text == ",":
        return _appositive_subject(toks, j, low)
    if toks[j].text.lower() in DANGLING_DETERMINERS:
        return None  # "a priority in his first term": no phrase ends in "his"
    mention = pronoun_mention(toks[j])
    if mention:
        return mention
    k = _walk_left(toks, j, low)
    if k - 3 >= low and toks[k - 1].text.lower() in PLACE_PREPOSITIONS and \
            toks[k - 2].text.endswith("ing") and toks[k - 2].text.islower():
        # "Protesters marching through the streets chanted": the place belongs to the
        # participle; the subject is the phrase before it
        outer = subject_before(toks, k - 3, low)
        if outer is not None:
            return outer
    mention = build_mention(toks[k:j + 1])
    if mention is not None and mention.kind == "nominal" and \
            toks[k].text.lower() in SCENE_PREPOSITIONS:
        return _name_after_scene(toks, k, j)
    if mention is None:
        # "footage of Trump saying": the phrase after the last preposition is the speaker.
        last_prep = max((n for n in range(k, j) if toks[n].text.lower() in INNER_PREPOSITIONS),
                        default=-1)
        if last_prep >= 0:
            mention = build_mention(toks[last_prep + 1:j + 1])
    return mention


def _name_after_scene(toks: list[Token], k: int, j: int) -> Mention | None:
    """A phrase opened by "at", "in", "on" or "during" says when or where words were said,
    not who said them ("At one point calling the plan “…”", "in a blog post saying"): the
    speaker is a name written right after it ("In a radio interview Okafor declared"), else
    none."""
    if not is_cap(toks[j]):
        return None
    m = j
    while m > k + 1 and (is_cap(toks[m - 1]) or is_name_dot(toks, m - 1)):
        m -= 1
    if toks[m - 1].text.lower() == "the" and m - 1 > k + 1:
        m -= 1  # "In a statement the Foreign Office said"
    before = toks[m - 1].text.lower()
    if before in DETERMINERS or before in INNER_PREPOSITIONS:
        return None  # "in a Facebook post", "in a statement to Wired": part of the scene
    mention = build_mention(toks[m:j + 1])
    return mention if mention is not None and mention.kind == "name" else None


def _skip_parenthesis(toks: list[Token], j: int, low: int) -> int:
    """Step back over "(D-N.Y.)" after a name; return the index before the "(" or -1."""
    for k in range(j - 1, max(low - 1, j - 10), -1):
        if toks[k].text == "(":
            return k - 1
    return -1


def _walk_left(toks: list[Token], j: int, low: int) -> int:
    """Return the index of the first token of the phrase ending at ``toks[j]``."""
    k = j
    while k >= low and j - k < MAX_PHRASE:
        tok = toks[k]
        if not is_word(tok):
            if not (is_name_dot(toks, k) or tok.text in "-’'"):
                break
        elif tok.text.lower() in DETERMINERS:
            if k - 1 < low or toks[k - 1].text.lower() not in INNER_PREPOSITIONS:
                return k
            k -= 1  # "Mr. Morgan of the Sierra Club": the determiner of an inner phrase
        elif _breaks_phrase(tok) or (k != j and is_verb(tok)) or tok.text in CALENDAR:
            break  # "On Tuesday Foreign Secretary Ilse Varga": the weekday is no part of it
        k -= 1
    return k + 1


def _breaks_phrase(tok: Token) -> bool:
    lower = tok.text.lower()
    return lower in PHRASE_BREAKS or lower in PRONOUNS or tok.text in LEADING_CAPS


def _appositive_subject(toks: list[Token], j: int, low: int) -> Mention | None:
    """"Nazir Ahmed, a cloth trader in Kandahar, told": the name before the appositive."""
    before_origins = _before_origin_appositives(toks, j, low)
    if before_origins != j:
        # "Johnnie Okafor, of Springfield, Va., said": past a home town, the phrase before
        # it is the subject, or the name before an appositive of its own
        return _appositive_subject(toks, before_origins, low) or (
            subject_before(toks, before_origins - 1, low)
            if toks[before_origins - 1].text != "," else None)
    k = j - 1
    while k >= low and j - k <= MAX_APPOSITIVE and toks[k].text != ",":
        if (toks[k].text in ";:“”\"" and not _nickname_mark(toks, k)) or (
                toks[k].text == "." and not is_name_dot(toks, k)):
            return None
        k -= 1
    if k < low or toks[k].text != ",":
        return None
    first_comma = _before_origin_appositives(toks, k, low)
    head = subject_before(toks, first_comma - 1, low) if toks[first_comma - 1].text != "," \
        else None
    inner = build_mention(toks[k + 1:j])
    if head is None:
        return None
    if inner is not None and inner.kind == "name" and (
            head.kind == "nominal" or _is_title_run(toks, low, k)):
        # "the firm's head of intelligence, Dr Priya Venkataraman, said"; "The Minister of
        # State for Labour and Employment, Md. Nurul Absar Bhuiyan, said"
        return Mention(inner.start, inner.end, "name", inner.name, _phrase(head), False)
    role = _phrase(inner) if inner is not None and inner.kind == "nominal" \
        and inner.name.split()[0].lower() not in RELATIVES else head.role
    return Mention(head.start, head.end, head.kind, head.name, role, head.indefinite)



def _before_origin_appositives(toks: list[Token], comma: int, low: int) -> int:
    """"Donna Reyes, 61, of Brookfield, Md., who followed the count, said": an age, a home town
    and its state are more appositives between the name and its verb. Returns the comma
    after the name."""
    if comma + 1 < len(toks) and toks[comma + 1].text.lower() in LIST_COORDINATORS:
        return comma  # "to the United States, China, and the United Nations": a list
    while True:
        before = comma - 1
        while before >= low and comma - before <= MAX_ORIGIN and toks[before].text != ",":
            before -= 1
        if before < low or toks[before].text != "," or not _is_origin(toks[before + 1:comma]):
            return comma
        comma = before


MAX_ORIGIN = 6  # tokens of an age or a home town between commas


def _is_origin(phrase: list[Token]) -> bool:
    """"61", "of Brookfield", "from Lahore", "Md.", "Punjab": an age or a place, no speaker."""
    if not phrase:
        return False
    first = phrase[0].text
    if first.isdigit() or first.lower() in ORIGIN_PREPOSITIONS:
        return True
    words = [t.text for t in phrase if t.text != "."]
    return len(words) == 1 and words[0][0].isupper() and (
        words[0] in _LEX.places or words[0] in ABBREVIATIONS)


def _is_title_run(toks: list[Token], low: int, comma: int) -> bool:
    """The words before an appositive's comma hold a title or role word ("The Minister of
    State for Labour and Employment, Md. Nurul Absar Bhuiyan, said")."""
    titles = _LEX.titles
    return any(t.text in titles or t.text in ROLE_HEADS for t in toks[max(low, comma - 12):comma])


def _nickname_mark(toks: list[Token], k: int) -> bool:
    """A mark around a one-word nickname inside a name: Ottilie "Tilly" Lind."""
    def cap(n: int) -> bool:
        return 0 <= n < len(toks) and is_cap(toks[n])

    def mark(n: int) -> bool:
        return 0 <= n < len(toks) and toks[n].text in "“”\""

    closing = mark(k - 2) and cap(k - 1) and cap(k - 3) and cap(k + 1)
    opening = mark(k + 2) and cap(k + 1) and cap(k - 1) and cap(k + 3)
    return closing or opening


def _phrase(mention: Mention | None) -> str | None:
    return mention.name if mention else None


def phrase_after(toks: list[Token], i: int, high: int | None = None) -> Mention | None:
    """Read the speaker phrase starting at ``toks[i]`` (after "said" or "according to")."""
    high = len(toks) if high is None else min(high, len(toks))
    if i >= high:
        return None
    mention = pronoun_mention(toks[i])
    if mention:
        return mention
    k = i
    while k < high and k - i < MAX_PHRASE:
        tok = toks[k]
        if not is_word(tok):
            if not (is_name_dot(toks, k) or (tok.text in "-’'" and k + 1 < high)):
                break
        elif _ends_phrase_after(toks, i, k):
            break
        k += 1
    while k > i and toks[k - 1].text.lower() in INNER_PREPOSITIONS:
        k -= 1
    return build_mention(toks[i:k])


def _ends_phrase_after(toks: list[Token], i: int, k: int) -> bool:
    tok = toks[k]
    lower = tok.text.lower()
    if lower == "and" and k > i and k + 1 < len(toks) and is_cap(toks[k - 1]) \
            and is_cap(toks[k + 1]) and _has_title(toks[i:k]):
        return False  # "Minister of State for Finance and Revenue Bilal Chaudhry"
    if lower in PHRASE_BREAKS or tok.text in CALENDAR or (k != i and is_verb(tok)):
        return True  # but "state broadcaster KBC": a phrase may open with a verb's form
    if k != i and tok.text[0].islower() and lower not in INNER_PREPOSITIONS and (
            lower.endswith("ed") or lower in IRREGULAR_PAST):
        return True  # "The campaign shrugged off …", "Ana Li made …": a past tense ends it
    if k != i and lower in PRONOUNS:
        return True
    if k != i and lower in DETERMINERS and toks[k - 1].text.lower() not in INNER_PREPOSITIONS:
        return True
    if lower == "of" and toks[k - 1].text.lower() in DETERMINERS:
        return False  # "one of those advisers"
    if lower in SCENE_PREPOSITIONS and k + 1 < len(toks) and \
            toks[k + 1].text.lower() in INDEFINITE_ARTICLES:
        return True  # "the party chief at a rally in Mombasa": where, not who
    return lower in INNER_PREPOSITIONS and not _has_head(toks[i:k])


def _has_title(toks: list[Token]) -> bool:
    return any(t.text in _LEX.titles or t.text in ROLE_HEADS for t in toks)


def _has_head(toks: list[Token]) -> bool:
    return any(is_cap(t) or _is_head(t.text.lower()) for t in toks)


def build_mention(toks: list[Token]) -> Mention | None:
    """Classify a token run as a name or a nominal phrase; None when it is neither."""
    while toks and (toks[0].text in LEADING_CAPS or toks[0].text.lower() in INNER_PREPOSITIONS
                    or not is_word(toks[0])):
        toks = toks[1:]
    while toks and not is_word(toks[-1]) and toks[-1].text != ".":
        toks = toks[:-1]
    if not toks:
        return None
    lowers = [t.text.lower() for t in toks]
    first_prep = next((n for n, w in enumerate(lowers) if w in INNER_PREPOSITIONS), len(toks))
    core = toks[:first_prep]
    if not core:
        return None
    start, end = toks[0].start, toks[-1].end
    if all(is_cap(t) or t.text == "." or t.text.lower() in NAME_PARTICLES or t.text in "-’'"
           for t in core) and is_cap(core[0]):
        named = _name_mention(core, start, end)
        if named is not None:
            return named
    if all(w in DETERMINERS for w in lowers[:first_prep]):
        if first_prep < len(toks) - 1 and lowers[first_prep] == "of" and _has_head(
                toks[first_prep + 1:]):
            # "one of the people familiar with the talks": a member of a described group
            return Mention(start, end, "nominal", _join(toks), None, True)
        return None
    if lowers[0] not in DETERMINERS and not any(
            is_cap(t) or _is_head(w) for t, w in zip(core, lowers, strict=False)):
        return None
    text_words = " ".join(t.text for t in toks)
    return Mention(start, end, "nominal", text_words, None, lowers[0] in INDEFINITE)


def without_post_nominals(words: list[str]) -> list[str]:
    """"Mohammad Yasin MP" -> "Mohammad Yasin": letters written after a name are no part of
    it; two words stay at least."""
    end = len(words)
    while end > 2 and words[end - 1] in POST_NOMINALS:
        end -= 1
    return words[:end]


def title_length(words: list[str]) -> int:
    """Number of leading words of a capitalised run that are a title or role, not the name.

    Lexicon titles ("Sen.", "Defense Minister") are skipped, and so is every word up to the
    last role head that still leaves a name ("Deputy Transport Minister Ana Li").
    """
    titles = lexicons().titles
    n = 0
    while n < len(words) - 1 and (words[n] in titles or words[n] == "."):
        n += 1
    for m in range(len(words) - 2, n - 1, -1):
        if words[m] in ROLE_HEADS:
            n = m + 1
            break
    after_titles = n
    while after_titles < len(words) - 1 and (words[after_titles] in titles
                                              or words[after_titles] == "."):
        after_titles += 1
    if len(words) - after_titles >= 2:
        return after_titles  # "Board Chairman Dr. Kofi Mensah": the title is no name either
    while n < len(words) - 1 and words[n] == ".":
        n += 1  # but "Minister Dr. Siddiqi" keeps its title: a surname alone names no one
    return n


def portfolio_length(words: list[str]) -> int:
    """Number of leading words that name a portfolio, a place or a body before the name they
    end at ("Water Resources Amina Wekesa", "Karachi Faiz ul Hasan", "KDA Kofi Mensah",
    "Special Initiatives Professor Tariq Malik"): the name starts at the first
    word that is none of those, or at a given name or honorific."""
    lex = _LEX
    for n, word in enumerate(words[:-1]):
        if n and (word in lex.first_name_gender or word in lex.honorifics):
            return n
        if not (word in lex.portfolios or word in lex.places or word.lower() in
                lex.organizations or word in lex.titles or (word.isupper() and len(word) > 1)
                or word == "."):  # "Ohio Sen. Ruth Okafor": the title's full stop
            return n if n and len(words) - n >= 2 else 0
    return 0


def role_of(words: list[str]) -> str | None:
    """The role a run of title words states; honorifics ("Mr.", "Ms.") are no role, but an
    office addressed as one ("Archbishop", "Imam") is: "the archbishop" refers back to it."""
    if all(w == "." or (w.rstrip(".") in HONORIFICS and w.lower() not in _LEX.nominal_heads)
           for w in words):
        return None
    return " ".join(words) or None


def _name_mention(core: list[Token], start: int, end: int) -> Mention | None:
    """Split leading titles off a capitalised run: "Pakistan’s Defense Minister Khawaja Asif"."""
    first = 0
    while first < len(core) - 1 and core[first].text.endswith(("’s", "'s")):
        first += 1  # a possessive owner of the title, not part of the name
    n = first + title_length([t.text for t in core[first:]])
    n += portfolio_length([t.text for t in core[n:]])
    if n == len(core) - 1 and core[n].text.lower() in lexicons().nominal_heads:
        return None  # "Critics", "Officials": a capitalised common noun, not a name
    role = _join(core[first:n]) if role_of([t.text for t in core[first:n]]) else None
    kept = len(without_post_nominals([t.text for t in core[n:]]))
    name = _join(core[n:n + kept]) or _join(core)
    return Mention(start, end, "name", name, role, False)


def _is_head(word: str) -> bool:
    lex = lexicons()
    for form in (word, word[:-1] if word.endswith("s") else word):
        if form in lex.nominal_heads or form in lex.organizations:
            return True
    return False


def _join(toks: list[Token]) -> str:
    """Rebuild the written form of a token run, one space wherever the text had space
    ("Workers’ Union", "Mr. Li")."""
    out = ""
    for n, tok in enumerate(toks):
        out += " " + tok.text if n and tok.start > toks[n - 1].end else tok.text
    return out


def sentence_subject(toks: list[Token]) -> Mention | None:
    """The first noun phrase of a sentence, skipping an opening adverbial ("On Monday, …")."""
    pronouns = lexicons().pronouns
    begin = _after_dateline(toks)
    if begin < len(toks) and (toks[begin].text in LEADING_CAPS or not is_cap(toks[begin])
                              or _opens_participle_clause(toks, begin)):
        comma = next((n for n in range(min(len(toks), 25)) if toks[n].text == ","), -1)
        begin = comma + 1
    for k in range(begin, min(len(toks), begin + 12)):
        tok = toks[k]
        lower = tok.text.lower()
        if lower in pronouns and lower != "it":
            return pronoun_mention(tok)
        if (is_cap(tok) and tok.text not in LEADING_CAPS) or lower in DETERMINERS:
            mention = phrase_after(toks, k)
            if mention:
                return _appositive_name_after(toks, mention) or mention
    return None


def _opens_participle_clause(toks: list[Token], k: int) -> bool:
    """"Addressing the ceremony, the minister said", "Referring to the floods, he said": a
    capitalised participle that no first name spells, before a word that is no speech verb
    ("Fleming said" is a name), opens a clause; it names no one."""
    word = toks[k].text
    return word.endswith("ing") and word not in _LEX.first_name_gender and k + 1 < len(toks) \
        and toks[k + 1].text[:1].islower() and toks[k + 1].text not in SPEECH_VERBS


def _appositive_name_after(toks: list[Token], head: Mention) -> Mention | None:
    """"Kenya's Cabinet Secretary for Roads, Transport and Public Works, Amina Wekesa, gave":
    the name set off by commas after a title or description that opens the sentence."""
    if head.kind == "name" and not _has_title([t for t in toks
                                               if head.start <= t.start < head.end]):
        return None
    commas = []
    for n, tok in enumerate(toks):
        if tok.start < head.end:
            continue
        if tok.text == ",":
            commas.append(n)
        elif tok.text[0].islower() and tok.text not in TITLE_INNER_WORDS:
            break
        if len(commas) >= 2:
            inner = build_mention(toks[commas[-2] + 1:commas[-1]])
            if inner is not None and inner.kind == "name" and " " in inner.name:
                title = [t for t in toks[:commas[-2]] if t.start >= head.start]
                while title and title[0].text.endswith(("’s", "'s")):
                    title = title[1:]  # "Kenya’s": whose the title is, not the title
                return Mention(inner.start, inner.end, "name", inner.name, _join(title), False)
    return None


DATELINE_ENDS = frozenset([":", "—", "–", "-"])


def _after_dateline(toks: list[Token]) -> int:
    """"ISLAMABAD, Jan 06 (APP): Danish Ambassador …": the sentence starts after the colon of
    a dateline (a capitalised place, a date and an agency)."""
    if not toks or not toks[0].text.isupper() or len(toks[0].text) < 3:
        return 0
    end = next((n for n in range(min(len(toks), 14)) if toks[n].text in DATELINE_ENDS), -1)
    return end + 1
