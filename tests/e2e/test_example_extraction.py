"""The extractor on the bundled example articles: the quotations a reader marks, and no others."""

import pytest

from extractors import extract
from tests.e2e.example_corpus import (
    example_articles,
    expected_by_file,
    expected_quotes,
    speaker_matches,
)

# Floors for the whole corpus, below what the extractor achieves, so a regression fails.
MIN_RECALL = 0.96
MIN_SPEAKER_ACCURACY = 0.95


@pytest.fixture(scope="module")
def extracted():
    return {name: (article, extract(article.text)) for name, article in example_articles().items()}


def covering_quote(article, quotes, probe):
    position = article.text.index(probe)
    return next((q for q in quotes if q.start <= position < q.end), None)


def test_every_example_file_is_read_and_has_expectations(extracted):
    assert set(extracted) == set(expected_by_file())
    assert len(extracted) >= 12


def test_offsets_index_the_stored_text_exactly(extracted):
    for article, quotes in extracted.values():
        for quote in quotes:
            assert article.text[quote.start:quote.end] == quote.text
            if quote.speaker:
                assert article.text[quote.speaker.start:quote.speaker.end] == quote.speaker.mention


def test_marked_quotations_are_found_and_attributed(extracted):
    expected = expected_quotes()
    found, right, misses = 0, 0, []
    for item in expected:
        article, quotes = extracted[item.file]
        quote = covering_quote(article, quotes, item.probe)
        if quote is None:
            misses.append(f"missed {item.file}: {item.probe!r}")
            continue
        found += 1
        speaker = quote.speaker
        if speaker_matches(item, speaker and speaker.name, speaker and speaker.type):
            right += 1
        else:
            misses.append(f"speaker {item.file}: {item.probe!r} -> "
                          f"{speaker and speaker.name!r}, expected {item.speaker!r}")
    recall, accuracy = found / len(expected), right / max(found, 1)
    report = "\n".join(misses)
    assert recall >= MIN_RECALL, f"recall {recall:.3f}\n{report}"
    assert accuracy >= MIN_SPEAKER_ACCURACY, f"speaker accuracy {accuracy:.3f}\n{report}"


def test_scare_quotes_and_titles_are_not_reported(extracted):
    reported = []
    for name, entry in expected_by_file().items():
        article, quotes = extracted[name]
        for phrase in entry["not_quotes"]:
            if covering_quote(article, quotes, phrase):
                reported.append(f"{name}: {phrase!r}")
    assert not reported, "reported as quotes: " + "; ".join(reported)
