"""Each rule of the sieve, called on its own on a sentence written for these tests."""
from extractors.attribution import DocumentContext
from extractors.rules.according_to import according_to
from extractors.rules.colon_introduction import colon_introduction
from extractors.rules.continuation import continuation
from extractors.rules.cue_then_quote import cue_then_quote
from extractors.rules.dash_signature import dash_signature
from extractors.rules.partial_quote import partial_quote
from extractors.rules.participle_cue import participle_cue
from extractors.rules.preceding_subject import preceding_subject
from extractors.rules.quote_then_cue import quote_then_cue
from extractors.rules.unattributed import NO_CUE, unattributed
from extractors.sieve import SIEVE, attribute
from extractors.spans import find_quote_spans


def context(text: str) -> DocumentContext:
    return DocumentContext(text, find_quote_spans(text))


def said(rule, text: str, i: int = 0, partial: bool = False) -> tuple[str, str, str] | None:
    """(rule, speaker mention, cue) as ``rule`` reads quote ``i`` of ``text``, or None."""
    att = rule(context(text), i, partial)
    if att is None:
        return None
    return att.rule, text[att.mention.start:att.mention.end], text[att.cue_start:att.cue_end]


def test_quote_then_cue_reads_the_speaker_after_the_quote():
    text = "“The bridge will open in May,” Ana Li said."
    assert said(quote_then_cue, text) == ("quote-then-cue", "Ana Li", "said")


def test_quote_then_cue_reads_an_inverted_speaker():
    text = "“The bridge will open in May,” said Mayor Ana Li."
    assert said(quote_then_cue, text) == ("quote-then-cue", "Mayor Ana Li", "said")


def test_quote_then_cue_is_tentative_on_a_description_after_a_closed_sentence():
    att = quote_then_cue(context("“We are ready for the flood.” said the engineer."), 0, False)
    assert att.tentative
    assert not quote_then_cue(context("“We are ready,” said the engineer."), 0, False).tentative


def test_quote_then_cue_leaves_a_signature_and_according_to_to_their_rules():
    assert said(quote_then_cue, "“Build it and they will come.” — Ana Li") is None
    assert said(quote_then_cue, "“The talks have stalled,” according to a diplomat.") is None


def test_dash_signature_reads_the_name_after_a_dash():
    text = "“Build it and they will come.” — Ana Li"
    assert said(dash_signature, text) == ("dash-signature", "Ana Li", "—")


def test_dash_signature_wants_a_name():
    assert said(dash_signature, "“Build it and they will come.” — and they did.") is None


def test_according_to_after_the_quote():
    text = "“The talks have stalled,” according to a senior diplomat."
    assert said(according_to, text) == ("according-to", "a senior diplomat", "according to")


def test_according_to_before_the_quote():
    text = "According to Ana Li, “the talks have stalled for a month.”"
    assert said(according_to, text) == ("according-to", "Ana Li", "According to")


def test_cue_then_quote_reads_the_subject_of_the_verb_before_the_quote():
    text = "Ana Li told reporters, “We will rebuild the bridge.”"
    assert said(cue_then_quote, text) == ("cue-then-quote", "Ana Li", "told")


def test_cue_then_quote_leaves_a_participle_to_its_rule():
    text = "The mayor shrugged off the complaint, telling reporters, “We will rebuild it.”"
    assert said(cue_then_quote, text) is None


def test_participle_cue_reads_the_subject_of_the_clause():
    text = "The mayor shrugged off the complaint, telling reporters, “We will rebuild it.”"
    assert said(participle_cue, text) == ("participle-cue", "The mayor", "telling")


def test_participle_cue_after_and_shares_the_subject():
    text = "Ana Li thanked the crews and added, “We will rebuild the bridge.”"
    assert said(participle_cue, text) == ("participle-cue", "Ana Li", "added")


def test_colon_introduction_reads_the_subject_of_the_sentence_before_the_colon():
    text = "Ana Li was blunt about the delay: “We will rebuild the bridge.”"
    assert said(colon_introduction, text) == ("colon-introduction", "Ana Li", ":")


def test_colon_introduction_leaves_a_speech_verb_to_its_rule():
    assert said(colon_introduction, "Ana Li said: “We will rebuild the bridge.”") is None


def test_partial_quote_reads_the_subject_of_the_governing_verb():
    text = "Ana Li said the plan was “a costly mistake” for the town."
    assert said(partial_quote, text, partial=True) == ("partial-quote", "Ana Li", "said")
    assert said(partial_quote, text, partial=False) is None


def test_partial_quote_inside_a_reported_clause_is_the_outer_speakers():
    text = "Ana Li said the council had agreed to pay after “weeks of haggling” last spring."
    assert said(partial_quote, text, partial=True) == ("partial-quote", "Ana Li", "said")


def test_partial_quote_after_a_noun_of_speech():
    text = "The mayor made a pledge to “rebuild every bridge” by spring."
    assert said(partial_quote, text, partial=True)[::2] == ("partial-quote", "pledge")


def test_continuation_gives_an_uncued_quote_the_speaker_before_it():
    text = "“We will rebuild the bridge,” Ana Li said.\n“It will take a year and cost a lot.”"
    ctx = context(text)
    found = [attribute(ctx, i, False, SIEVE.quote_rules) for i in range(2)]
    assert found[1] is None
    filled = continuation(ctx, ["full", "full"], found)
    assert filled[1].rule == "continuation"
    assert text[filled[1].mention.start:filled[1].mention.end] == "Ana Li"


def test_preceding_subject_gives_a_full_uncued_quote_the_subject_before_it():
    text = "Ana Li, the mayor, made an appeal to the council.\n“Give us the money for the bridge.”"
    filled = preceding_subject(context(text), ["full"], [None])
    assert filled[0].rule == "preceding-subject"
    assert text[filled[0].mention.start:filled[0].mention.end] == "Ana Li"
    assert preceding_subject(context(text), ["partial"], [None]) == [None]


def test_preceding_subject_wants_a_subject_that_can_speak():
    text = "A mood of unease hung over the hall.\n“Nobody will come to the market in this rain.”"
    assert preceding_subject(context(text), ["full"], [None]) == [None]


def test_unattributed_says_why():
    text = "“Nobody will come to the market in this rain,” the crowd said."
    assert unattributed(text, None) == NO_CUE
    att = quote_then_cue(context(text), 0, False)
    assert "“the crowd”" in unattributed(text, att)
