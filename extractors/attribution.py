"""Attribution: an ordered sieve of named rules, each reading a short window by the quote.

Windows are bounded by the paragraph, the neighbouring quotes and a fixed number of
characters, and cut at sentence boundaries, so a rule never looks further than a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.classification import MIN_UNCUED_WORDS, word_count
from extractors.coreference import is_acronym, is_place
from extractors.lexicons import lexicons
from extractors.mentions import (
    FRENCH_AUXILIARIES,
    PHRASE_BREAKS,
    Mention,
    is_cap,
    is_cue_verb,
    is_verb,
    phrase_after,
    sentence_subject,
    subject_before,
)
from extractors.names import is_organization
from extractors.segmentation import (
    Paragraphs,
    Token,
    first_sentence_end,
    last_sentence_start,
    tokens,
)
from extractors.spans import QuoteSpan

BEFORE_CHARS = 200
AFTER_CHARS = 160
MAX_INDENT = 8  # spaces allowed before a quote that opens its paragraph
MAX_CUE_DISTANCE = 32  # tokens from the quote to the cue after it
ADDRESSEE_VERBS = lexicons().grammar["addressee_verbs"]
ACCORDING = lexicons().grammar["according"]
INVERTED_PRONOUNS = lexicons().grammar["inverted_pronouns"]
SPEECH_VERBS = lexicons().speech_verbs
DASHES = frozenset("—–-―")
COORDINATORS = lexicons().grammar["coordinators"]
PARTICIPLE_LEADS = lexicons().grammar["participle_leads"]


@dataclass(frozen=True)
class Attribution:
    """Which rule attributed a quote, to which mention, through which cue words."""

    rule: str
    mention: Mention
    cue_start: int
    cue_end: int


class DocumentContext:
    """The text, its paragraphs and its quote spans, shared by the rules."""

    def __init__(self, text: str, spans: list[QuoteSpan]) -> None:
        self.text = text
        self.spans = spans
        self.paragraphs = Paragraphs(text)
        self._before: dict[int, tuple[int, int]] = {}
        # Looked up many times per quote by the rules: computed once.
        self.opens = [s.start - len(s.open_mark) for s in spans]
        self.closes = [s.end + len(s.close_mark) for s in spans]
        self.paragraph_of = [self.paragraphs.index(s.start) for s in spans]

    def open_pos(self, i: int) -> int:
        return self.opens[i]

    def close_pos(self, i: int) -> int:
        return self.closes[i]

    def paragraph(self, i: int) -> tuple[int, int]:
        return self.paragraphs.bounds(self.paragraph_of[i])

    def before_window(self, i: int) -> tuple[int, int]:
        """From the sentence start (or the previous quote) to the opening mark."""
        if i not in self._before:
            self._before[i] = self._find_before_window(i)
        return self._before[i]

    def _find_before_window(self, i: int) -> tuple[int, int]:
        end = self.open_pos(i)
        para_start = self.paragraph(i)[0]
        if self.opens_paragraph(i):
            end = self._colon_before(para_start, end)
        start = max(self.paragraphs.bounds(self.paragraphs.index(end))[0], end - BEFORE_CHARS)
        if i > 0 and self.close_pos(i - 1) > start:
            start = min(self.close_pos(i - 1), end)
        return last_sentence_start(self.text, start, end), end

    def opens_paragraph(self, i: int) -> bool:
        """The quote's opening mark starts its paragraph (a few spaces aside).

        Only a short stretch is looked at, so a one-paragraph megabyte costs nothing here.
        """
        para_start, end = self.paragraph(i)[0], self.open_pos(i)
        return end - para_start <= MAX_INDENT and not self.text[para_start:end].strip()

    def _colon_before(self, para_start: int, end: int) -> int:
        """A paragraph that opens with a quote may be introduced by one ending in a colon."""
        pos = para_start
        while pos > 0 and self.text[pos - 1].isspace() and para_start - pos < 8:
            pos -= 1
        return pos if pos > 0 and self.text[pos - 1] == ":" else end

    def after_window(self, i: int) -> tuple[int, int]:
        """From the closing mark to the sentence end (or the next quote)."""
        start = self.close_pos(i)
        end = min(self.paragraph(i)[1], start + AFTER_CHARS)
        if i + 1 < len(self.spans) and self.open_pos(i + 1) < end:
            end = max(self.open_pos(i + 1), start)
        return start, first_sentence_end(self.text, start, end)


def _phrases_by_word() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    """Multi-word cues indexed by their first and by their last word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicons().cue_phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
        by_last.setdefault(phrase[-1], []).append(phrase)
    return by_first, by_last


PHRASES_BY_FIRST, PHRASES_BY_LAST = _phrases_by_word()


def _matches(toks: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return k >= 0 and k + len(phrase) <= len(toks) and all(
        toks[k + n].text.lower() == w for n, w in enumerate(phrase))


def cue_length(toks: list[Token], k: int) -> int:
    """Number of tokens of the cue starting at ``toks[k]`` (0 when there is none)."""
    lower = toks[k].text.lower()
    if lower not in CUE_WORDS:
        return 0  # most tokens: no lookup further
    for phrase in PHRASES_BY_FIRST.get(lower, ()):
        if _matches(toks, k, phrase):
            return len(phrase)
    return 1 if is_cue_verb(toks, k) else 0


def cue_ending_at(toks: list[Token], k: int) -> int:
    """Index of the first token of a cue that ends at ``toks[k]``, or -1."""
    lower = toks[k].text.lower()
    if lower not in CUE_WORDS:
        return -1
    for phrase in PHRASES_BY_LAST.get(lower, ()):
        if _matches(toks, k - len(phrase) + 1, phrase):
            return k - len(phrase) + 1
    return k if is_cue_verb(toks, k) else -1


# Latin letters, accented ones included ("ajouté"); the set lookup is case-sensitive. (A
# plain character range: \w-based classes cost a third more on every window.)
LOWER_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")
# Every word that can start or end a cue (a speech verb is a one-word cue).
CUE_WORDS = frozenset(lexicons().speech_verbs | set(PHRASES_BY_FIRST) | set(PHRASES_BY_LAST))


# ... and the first words of phrases as a sentence starts them ("Selon X, «…»").
GATE_WORDS = CUE_WORDS | {word.capitalize() for word in PHRASES_BY_FIRST} | \
    lexicons().speech_nouns


def has_cue_word(text: str, start: int, end: int) -> bool:
    """Say whether ``text[start:end]`` holds any cue word at all (most windows by a scare
    quote hold none, and are then never tokenised)."""
    return not GATE_WORDS.isdisjoint(LOWER_WORD_RE.findall(text, start, end))


def _is_according(toks: list[Token], k: int) -> bool:
    return toks[k].text.lower() in ACCORDING


def _french_inversion(toks: list[Token], k: int) -> Attribution | None:
    """«…», dit-il / «…», a-t-elle ajouté: French writes the pronoun after the verb, joined to
    it by hyphens; the pronoun part of the word is the speaker mention."""
    tok = toks[k]
    verb, dash, pronoun = tok.text.rpartition("-")
    if not dash or pronoun.lower() not in INVERTED_PRONOUNS:
        return None
    verb = verb.removesuffix("-t").lower()
    mention = Mention(tok.end - len(pronoun), tok.end, "pronoun", pronoun, None, False)
    if verb in SPEECH_VERBS:
        return Attribution("quote-then-cue", mention, tok.start, tok.start + len(verb))
    if verb in FRENCH_AUXILIARIES and k + 1 < len(toks) and is_verb(toks[k + 1]):
        return Attribution("quote-then-cue", mention, toks[k + 1].start, toks[k + 1].end)
    return None


def skip_modifiers_left(toks: list[Token], j: int, low: int) -> int:
    modifiers = lexicons().cue_modifiers
    while j >= low and toks[j].text.lower() in modifiers:
        j -= 1
    return j


def quote_then_cue(ctx: DocumentContext, i: int) -> Attribution | None:
    """“…,” Roggio said / “…,” said Mr. Roggio / “…,” he said / “…,” according to X."""
    start, end = ctx.after_window(i)
    lead = ctx.text[start:start + 3].lstrip(" ,;")
    if not has_cue_word(ctx.text, start, end) and not (lead and lead[0] in DASHES):
        return None
    toks = tokens(ctx.text, start, end)
    k = 0
    while k < len(toks) and toks[k].text in ",;":
        k += 1
    if k >= len(toks):
        return None
    if toks[k].text in DASHES:
        return _dash_signature(toks, k)
    n = cue_length(toks, k)
    if n and (k > 0 or _ends_open(ctx, i)):
        return _inverted_cue(toks, k, n)
    if n:
        return None  # “indecent” remarks against …: a phrase in marks, then a noun, no cue
    if "-" in toks[k].text:
        inverted = _french_inversion(toks, k)
        if inverted:
            return inverted
    if toks[k].text.lower() in FRENCH_AUXILIARIES and k + 1 < len(toks) \
            and is_cue_verb(toks, k + 1):
        return _inverted_cue(toks, k, 2)  # «…», a déclaré Claire Fontaine
    v, n = _first_cue(toks, k)
    if v < 0 or _is_according(toks, v):
        return None
    if _sentence_closed(ctx, i) and (len(toks) - v - n > 6 or _stopped_by_quote(ctx, i, end)):
        return None  # “….” Reid said both men are … : a new sentence, not this quote's cue
    j = skip_modifiers_left(toks, v - 1, k)
    mention = subject_before(toks, j, k)
    if mention is None or not _adjacent(toks, k, mention):
        mention = _name_then_appositive(toks, k)
    if mention is None:
        return None
    return Attribution("quote-then-cue", mention, toks[v].start, toks[v + n - 1].end)


def _ends_open(ctx: DocumentContext, i: int) -> bool:
    """“…,” said X / “…?” asked X: a quotation the cue is inverted after ends in a comma or
    its own stop, inside the marks or just after them."""
    span = ctx.spans[i]
    content = ctx.text[span.start:span.end].rstrip(" '’\"”")  # a quote inside ends it
    return bool(content) and content[-1] in ",?!.—–-…"


def fronted_clause_cue(ctx: DocumentContext, i: int) -> Attribution | None:
    """"Regretting the envoy’s “indecent” remarks, he said that …": a phrase in marks inside
    a participle clause that opens the sentence is the words of the main clause's subject,
    named right after the clause's comma."""
    text = ctx.text
    open_pos = ctx.open_pos(i)
    low = ctx.paragraph(i)[0]
    sentence = last_sentence_start(text, max(low, open_pos - BEFORE_CHARS), open_pos)
    first = LOWER_WORD_RE.match(text, sentence + len(text[sentence:open_pos]) -
                                len(text[sentence:open_pos].lstrip()))
    if first is None or not first.group().endswith("ing") or not first.group()[0].isupper():
        return None
    start, end = ctx.after_window(i)
    toks = tokens(text, start, end)
    comma = next((n for n, tok in enumerate(toks) if tok.text in ",.;:"), -1)
    if comma < 0 or toks[comma].text != ",":
        return None
    v, n = _first_cue(toks, comma)
    if v < 0 or _is_according(toks, v):
        return None
    mention = subject_before(toks, skip_modifiers_left(toks, v - 1, comma + 1), comma + 1)
    if mention is None or mention.start != toks[comma + 1].start:
        return None
    return Attribution("partial-quote", mention, toks[v].start, toks[v + n - 1].end)


def _first_cue(toks: list[Token], k: int) -> tuple[int, int]:
    """Position and length of the first cue after ``toks[k]``, before any quote mark."""
    for v in range(k + 1, min(len(toks), k + MAX_CUE_DISTANCE)):
        if toks[v].text in "“”\"‘":
            break
        n = cue_length(toks, v)
        if n:
            return v, n
    return -1, 0


def _sentence_closed(ctx: DocumentContext, i: int) -> bool:
    span = ctx.spans[i]
    content = ctx.text[max(span.start, span.end - 3):span.end].rstrip()
    return content.endswith(".")


def _stopped_by_quote(ctx: DocumentContext, i: int, window_end: int) -> bool:
    return i + 1 < len(ctx.spans) and window_end == ctx.open_pos(i + 1)


def _adjacent(toks: list[Token], k: int, mention: Mention) -> bool:
    """The speaker phrase starts the cue, or only a few descriptive words come before it."""
    n = k
    limit = MAX_DESCRIPTION if _after_comma(toks, mention) else 5
    while n < len(toks) and toks[n].start < mention.start:
        tok = toks[n]
        if n - k >= limit or tok.text.lower() in PHRASE_BREAKS or is_verb(tok) \
                or tok.text in ".;:":
            return False
        n += 1
    return True


MAX_DESCRIPTION = 12  # tokens of a description before an appositive name


def _after_comma(toks: list[Token], mention: Mention) -> bool:
    """"the firm's head of intelligence, Dr Priya Venkataraman, said": a name set off by
    commas after the description it names."""
    before = [t for t in toks if t.end <= mention.start]
    return bool(before) and before[-1].text == ","


def _name_then_appositive(toks: list[Token], k: int) -> Mention | None:
    """“…,” Nate Silver, the polling guru who founded a site, tweeted."""
    mention = phrase_after(toks, k)
    if mention is None or mention.kind == "pronoun":
        return None
    n = k
    while n < len(toks) and toks[n].end <= mention.end:
        n += 1
    return mention if n < len(toks) and toks[n].text == "," else None


def _inverted_cue(toks: list[Token], k: int, n: int) -> Attribution | None:
    if _is_according(toks, k):
        mention = phrase_after(toks, k + n)
        rule = "according-to"
    elif toks[k].text.lower() in ADDRESSEE_VERBS:
        return None
    else:
        mention = phrase_after(toks, k + n)
        rule = "quote-then-cue"
    if mention is None:
        return None
    return Attribution(rule, mention, toks[k].start, toks[k + n - 1].end)


def _dash_signature(toks: list[Token], k: int) -> Attribution | None:
    mention = phrase_after(toks, k + 1)
    if mention is None or mention.kind != "name":
        return None
    return Attribution("dash-signature", mention, toks[k].start, toks[k].end)


def cue_then_quote(ctx: DocumentContext, i: int, partial: bool) -> Attribution | None:
    """He told AFP, “…” / Nazir Ahmed, a trader, said: “…” / said the plan was “a …”."""
    start, end = ctx.before_window(i)
    if not has_cue_word(ctx.text, start, end) and not ctx.text[start:end].rstrip().endswith(":"):
        return None
    toks = tokens(ctx.text, start, end)
    for k in range(len(toks) - 1, max(-1, len(toks) - 40), -1):
        first = cue_ending_at(toks, k)
        if first < 0:
            continue
        attribution = _subject_of_cue(toks, first, k, partial)
        if attribution and attribution.rule == "partial-quote" \
                and not _names_a_speaker(attribution.mention):
            return _matrix_cue(toks, first, partial) or attribution
        return attribution
    if toks and toks[-1].text == ":":
        mention = sentence_subject(toks)
        if mention:
            return Attribution("colon-introduction", mention, toks[-1].start, toks[-1].end)
    return _speech_noun(toks) if partial else None


SPEECH_NOUN_REACH = 6  # tokens between a speech noun and the quote it introduces


def _speech_noun(toks: list[Token]) -> Attribution | None:
    """"gave contractors a blunt deadline on Wednesday “to finish before the rains”", "a pledge
    to “rebuild every school”": a noun of speech just before a phrase in marks makes it the
    words of the sentence's subject."""
    nouns = lexicons().speech_nouns
    for k in range(len(toks) - 1, max(-1, len(toks) - 1 - SPEECH_NOUN_REACH), -1):
        if toks[k].text.lower() in nouns and k > 0 and not is_cap(toks[k]):
            mention = sentence_subject(toks[:k])
            if mention is None:
                return None
            return Attribution("partial-quote", mention, toks[k].start, toks[k].end)
    return None


def _names_a_speaker(mention: Mention) -> bool:
    """A pronoun or a person's name; not "the US", "Israel" or "the agency", which as the
    subject of a reported clause are what is reported on, not who reports."""
    if mention.kind == "pronoun":
        return True
    return mention.kind == "name" and not (is_place(mention.name) or is_organization(
        mention.name) or is_acronym(mention.name))


def _matrix_cue(toks: list[Token], before: int, partial: bool) -> Attribution | None:
    """"Ms Lind said the ministry had agreed to pay after “weeks of haggling”": a phrase
    reported inside a reported clause is the words of the outer clause's speaker."""
    for k in range(before - 1, -1, -1):
        if toks[k].text in ".;:":
            return None
        first = cue_ending_at(toks, k)
        if first >= 0:
            outer = _subject_of_cue(toks, first, k, partial)
            if outer is None:
                return None
            return Attribution("partial-quote", outer.mention, outer.cue_start, outer.cue_end)
    return None


def _subject_of_cue(toks: list[Token], first: int, last: int,
                    partial: bool) -> Attribution | None:
    cue_start, cue_end = toks[first].start, toks[last].end
    if _is_according(toks, first):
        mention = phrase_after(toks, last + 1)
        return Attribution("according-to", mention, cue_start, cue_end) if mention else None
    words_between = len(toks) - last - 1
    rule = "partial-quote" if partial and words_between > 2 else "cue-then-quote"
    j = skip_modifiers_left(toks, first - 1, 0)
    if _is_participle(toks, first, j):
        mention = _earlier_cue_subject(toks, j) or sentence_subject(toks[:max(j, 0)])
        return Attribution("participle-cue", mention, cue_start, cue_end) if mention else None
    mention = subject_before(toks, j) if j >= 0 else None
    if mention is None and toks[first].text.lower() not in ADDRESSEE_VERBS:
        mention = phrase_after(toks, last + 1)
        if mention is not None and mention.kind != "name":
            mention = None
    if mention is None:
        return None
    return Attribution(rule, mention, cue_start, cue_end)


def _is_participle(toks: list[Token], first: int, j: int) -> bool:
    """", saying", "upon saying", "and added": the subject is the clause's, further left."""
    if j >= 0 and toks[j].text.lower() in COORDINATORS:
        return True  # "Trump called on her to resign and said, “…”"
    if not toks[first].text.endswith("ing"):
        return False
    return j < 0 or toks[j].text == "," or toks[j].text.lower() in PARTICIPLE_LEADS


def _earlier_cue_subject(toks: list[Token], j: int) -> Mention | None:
    """"…, Spicer said, adding, “…”": the subject of the speech verb before the participle."""
    for k in range(j - 1, max(-1, j - 20), -1):
        if is_cue_verb(toks, k) and not toks[k].text.endswith("ing"):  # not "Howard's comment"
            return subject_before(toks, skip_modifiers_left(toks, k - 1, 0))
    return None


def preceding_subject(ctx: DocumentContext, i: int) -> Attribution | None:
    """"Kofi Mensah, a market trader, made an appeal. ¶ “We ask the council …”": a quotation
    with no cue of its own, right after a sentence of the reporter's (in its paragraph, or
    ending the paragraph before), is the words of that sentence's subject."""
    span = ctx.spans[i]
    if word_count(ctx.text, span.start, span.end) < MIN_UNCUED_WORDS:
        return None
    start, end = _previous_sentence(ctx, i)
    if end <= start or (i > 0 and ctx.close_pos(i - 1) > start):
        return None  # no sentence of the reporter's, or one that holds a quotation
    toks = tokens(ctx.text, start, end)
    mention = sentence_subject(toks)
    if mention is None or (mention.kind == "nominal" and not _heads_a_speaker(mention)):
        return None  # "A mood of unease hung over the hall."
    return Attribution("preceding-subject", mention, mention.start, mention.end)


def _heads_a_speaker(mention: Mention) -> bool:
    """A description holding a noun that can speak: a person's role or an organisation."""
    lex = lexicons()
    return any(form in lex.nominal_heads or form in lex.organizations
               for word in mention.name.lower().split() for form in (word, word.rstrip("s")))


def _previous_sentence(ctx: DocumentContext, i: int) -> tuple[int, int]:
    """The sentence just before the quote's opening mark: in its paragraph, or the last one
    of the paragraph before when the quote opens its own."""
    text = ctx.text
    para_start = ctx.paragraph(i)[0]
    end = ctx.open_pos(i)
    if ctx.opens_paragraph(i):
        index = ctx.paragraph_of[i] - 1
        if index < 0:
            return 0, 0
        para_start, end = ctx.paragraphs.bounds(index)
    low = max(para_start, end - BEFORE_CHARS * 2)  # bounded: a paragraph may be the article
    stripped = text[low:end].rstrip()
    if not stripped.endswith((".", "!", "?")):
        return 0, 0
    end = low + len(stripped)
    return last_sentence_start(text, low, end - 1), end
