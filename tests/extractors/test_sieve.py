"""The sieve: rules.tsv and the rule functions agree, and the table's order is the order run."""
import pytest

from extractors import extract
from extractors.attribution import DocumentContext
from extractors.lexicons import lexicons, parse_rule_table, read_entries
from extractors.pipeline import has_words
from extractors.sieve import RULE_FUNCTIONS, SIEVE, build_sieve, run_sieve
from extractors.spans import find_quote_spans

TABLE = read_entries("rules.tsv")


def rows_in_order(*names: str) -> list[str]:
    """The lines of rules.tsv with the rules ``names`` moved, in that order, to the top."""
    moved = [line for name in names for line in TABLE if line.startswith(name + "\t")]
    return moved + [line for line in TABLE if line not in moved]


def attribute_with(table_lines: list[str], text: str) -> list[str]:
    """The rule each quote of ``text`` gets from a sieve built from ``table_lines``."""
    sieve = build_sieve(parse_rule_table(table_lines))
    spans = [s for s in find_quote_spans(text) if has_words(text, s.start, s.end)]
    ctx = DocumentContext(text, spans)
    return [att.rule if att else None for att in run_sieve(ctx, ["full"] * len(spans), sieve)]


def test_every_rule_of_the_table_has_a_function_and_every_function_a_row():
    assert [row.name for row in lexicons().rules] == list(RULE_FUNCTIONS)


def test_the_sieve_runs_the_rule_functions_in_table_order():
    rows = lexicons().rules
    assert SIEVE.quote_rules == tuple(RULE_FUNCTIONS[r.name] for r in rows
                                      if r.pass_name == "quote")
    assert SIEVE.document_rules == tuple(RULE_FUNCTIONS[r.name] for r in rows
                                         if r.pass_name == "document")
    assert SIEVE.fallback is RULE_FUNCTIONS["unattributed"]


def test_each_rule_function_is_named_for_its_rule():
    for name, function in RULE_FUNCTIONS.items():
        assert function.__name__ == name.replace("-", "_")
        assert function.__module__ == "extractors.rules." + function.__name__


TWO_CUES = ("Mayor Ana Li told the council, “We will rebuild the bridge,” "
            "according to a city spokesman.")


def test_the_first_rule_of_the_table_that_answers_wins():
    assert attribute_with(TABLE, TWO_CUES) == ["according-to"]


def test_a_table_in_another_order_is_run_in_that_order():
    assert attribute_with(rows_in_order("cue-then-quote"), TWO_CUES) == ["cue-then-quote"]


def test_a_tentative_answer_yields_to_any_later_rule():
    text = "Ana Li told the council: “We are ready for the flood.” said the engineer."
    assert attribute_with(TABLE, text) == ["cue-then-quote"]
    assert extract("“We are ready for the flood.” said the engineer.")[0].rule == "quote-then-cue"


def test_a_rule_with_no_function_fails_loudly():
    with pytest.raises(ValueError, match="no function for the rule 'hearsay'"):
        build_sieve(parse_rule_table([*TABLE, "hearsay\tquote\t0.5\tthey say “…”"]))


def test_a_function_with_no_row_fails_loudly():
    lines = [line for line in TABLE if not line.startswith("dash-signature\t")]
    with pytest.raises(ValueError, match="no row for the rule 'dash-signature'"):
        build_sieve(parse_rule_table(lines))


def test_a_quote_rule_after_a_document_pass_fails_loudly():
    with pytest.raises(ValueError, match="grouped by pass"):
        build_sieve(parse_rule_table(rows_in_order("continuation")))


def test_an_unknown_pass_fails_loudly():
    lines = [line.replace("\tquote\t", "\tsentence\t") for line in TABLE]
    with pytest.raises(ValueError, match="unknown pass 'sentence'"):
        parse_rule_table(lines)


def test_every_rule_of_the_table_gives_its_confidence():
    quotes = extract("“The bridge will open in May,” Ana Li said.")
    assert quotes[0].confidence == SIEVE.confidence["quote-then-cue"]
