"""Quote spans: marks of every kind paired inside a paragraph, apostrophes left alone."""
from extractors.spans import find_quote_spans


def contents(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_curly_straight_and_guillemet_marks_are_paired():
    text = ("“We are ready,” the mayor said. \"We were always ready,\" her deputy added. "
            "«Nothing will change», a resident replied.")
    assert contents(text) == ["We are ready,", "We were always ready,", "Nothing will change"]


def test_apostrophes_are_not_quotation_marks():
    text = "Pakistan’s envoy said: “We don’t accept the Taliban’s terms, and we won't.”"
    assert contents(text) == ["We don’t accept the Taliban’s terms, and we won't."]


def test_single_quotes_nested_in_double_quotes_stay_inside_the_outer_quote():
    text = "“He told us, ‘Hold the line,’ and we did,” the captain said."
    assert contents(text) == ["He told us, ‘Hold the line,’ and we did,"]


def test_doubled_apostrophes_and_a_triple_closing_are_paired():
    text = "''She kept saying, 'Not yet,''' the aide recalled. ''Then she left.''"
    assert contents(text) == ["She kept saying, 'Not yet,'", "Then she left."]


def test_a_quote_over_several_paragraphs_is_one_span_a_paragraph():
    text = ("“The first paragraph of the statement runs on.\n\n"
            "“The second paragraph ends the statement,” the minister said.")
    assert contents(text) == ["The first paragraph of the statement runs on.",
                              "The second paragraph ends the statement,"]


def test_an_unbalanced_mark_is_recovered_at_the_paragraph_end():
    text = "He said “this never closes and\n\nThe next paragraph has “a real quote” in it."
    assert contents(text) == ["this never closes and", "a real quote"]


def test_marks_inside_markup_attributes_are_ignored():
    text = '<tweet author="@someone" date="today">“Great rally tonight,” she wrote.</tweet>'
    assert contents(text) == ["Great rally tonight,"]


def test_elided_years_are_not_opening_marks():
    text = "Back in the ’90s, he said, “We built this town.”"
    assert contents(text) == ["We built this town."]


def test_an_unclosed_quote_ends_at_its_own_paragraph_end_however_many_blank_lines_follow():
    text = ("“The vote was rigged\n\n\n\nNobody spoke for an hour.\n\n"
            "“Then we left,” she said.\n\n“And we never came back\n")
    spans = find_quote_spans(text)
    assert contents(text) == ["The vote was rigged", "Then we left,", "And we never came back"]
    assert [s.unclosed for s in spans] == [True, False, True]

