"""Marks that are not reported speech: scare quotes, titles, names and terms being named."""
import pytest

from extractors import extract
from extractors.classification import naming_cue


def quoted(text):
    return [q.text for q in extract(text)]


@pytest.mark.parametrize("text", [
    "Residents say the so-called “renewal plan” is a plan to sell the park.",
    "Drivers complain that the scheme, which the council calls the “green corridor,” "
    "has doubled their journeys.",
    "The survey, titled “Where the trams stopped running and why it matters,” came out "
    "on Monday.",
    "She wrote the documentary “Salt on the windows” in a single winter.",
    "Fans of the club, known as “the Herons,” stayed away.",
    "Members of the fan group «Les Corbeaux du Port» marched to the ground.",
    "Speaking on Radio Harbour’s “Morning Desk,” Mayor Ida Brekke said the ferry would run.",
    "In an appearance on “The Late Tide,” the minister said he had no regrets.",
    "In his 2019 book, “Saving Like a Farmer,” Mr. Osei suggested starting with a jar.",
    "At the end of her rendition of the anthem “A River Runs Home,” she added a verse.",
    "On this week’s broadcast of “Harbour Sunday,” the governor said the bridge would open.",
])
def test_names_titles_and_scare_quotes_are_not_quotes(text):
    assert quoted(text) == []


@pytest.mark.parametrize("text, quote", [
    ("According to the report, “Wards were closed without any warning to families.”",
     "Wards were closed without any warning to families."),
    ("He said in the call, “We will not sign anything until the audit is finished.”",
     "We will not sign anything until the audit is finished."),
    ("The mayor said the budget was “a disgrace to the city.”", "a disgrace to the city."),
    ("The vote went through at midnight. “Absolutely Right,” she said.", "Absolutely Right,"),
])
def test_speech_next_to_a_cue_noun_is_still_reported(text, quote):
    assert quoted(text) == [quote]


def test_naming_cue_groups():
    assert naming_cue("The paper, titled ") == "title"
    assert naming_cue("She reviewed the book ") == "title"
    assert naming_cue("Officials call the ") == "naming"
    assert naming_cue("It was a short phone call. ") is None
    assert naming_cue("According to the report, ") is None
    assert naming_cue("He proclaimed the article a ") is None
