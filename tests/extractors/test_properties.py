"""Property tests: on any text the extractor never fails and every offset is exact."""
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import extract, sentence_span

MARKS = "\"'“”‘’«»„‹›"
PIECES = st.sampled_from([
    " ", "\n", "\n\n", ",", ".", ":", "—", "―", "said", "says", "told", "according to", "he",
    "she", "officials", "Mr.", "Sen.", "Khawaja Asif", "the minister", "a source", "U.S.",
    "don’t", "Pakistan’s", "(D-N.Y.)", "<tweet a=\"b\">", "''", "'''",
    *MARKS,
])
NEWSLIKE = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)


def check_offsets(text: str) -> None:
    for quote in extract(text):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start:quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0
        if quote.speaker is not None:
            speaker = quote.speaker
            assert 0 <= speaker.start <= speaker.end <= len(text)
            assert text[speaker.start:speaker.end] == speaker.mention
            assert speaker.type in {"person", "organization", "anonymous", "unknown"}
        if quote.cue is not None:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text
        assert (quote.status == "attributed") == (quote.speaker is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_fails_and_offsets_are_exact(text):
    check_offsets(text)


@settings(max_examples=400, deadline=None)
@given(NEWSLIKE)
def test_newslike_fragments_never_fail_and_offsets_are_exact(text):
    check_offsets(text)


@settings(max_examples=200, deadline=None)
@given(NEWSLIKE, st.integers(0, 400), st.integers(0, 400))
def test_sentence_span_stays_in_range(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    left, right = sentence_span(text, start, end)
    assert 0 <= left <= start and end <= right <= len(text)
