"""Speaker sanity (issue 10, class 10): whatever the article, a speaker's name is a name.

A property test builds news-like text from templates written here (people with titles and
honorifics, organisations, capitals, anonymous sources, pronouns, cues before and after the
quote, partial quotes, noise sentences) and checks every attributed speaker; a second test runs
the shared sanity script over the first 1,000 unlabelled real articles when they are present.
"""
import random
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import extract

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED = PROJECT_ROOT.parent / "shared"
UNLABELLED = SHARED / "data" / "realnews-unlabelled" / "app-2025.jsonl"
SANITY_SCRIPT = SHARED / "eval" / "speaker_sanity.py"
MAX_MALFORMED_SHARE = "0.005"

PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its",
            "their", "this", "that"}
# Every verb and preposition the templates below put near a name.
VERBS = {"said", "says", "told", "added", "wrote", "insists", "insisted", "warned", "urged",
         "stressed", "thundered", "accused", "visited", "laid", "was", "is", "met", "spoke",
         "read", "quoted", "saying", "telling", "vowing", "voiced", "faulted", "arrived",
         "chaired", "opened", "rejected", "announced"}
PREPOSITIONS = {"at", "in", "on", "of", "for", "by", "to", "from", "with", "after", "before",
                "across", "near", "during", "about"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "ul", "ud", "de", "van", "von", "da"}

PEOPLE = [
    ("Amina Wekesa", "she"), ("Kwame Osei", "he"), ("Grace Otieno", "she"),
    ("Faiz-ul-Hasan Rizvi", "he"), ("Abdul Sattar Jabbar al-Rubaie", "he"),
    ("Tahira Nausheen Qureshi", "she"), ("Abdullah bin Hamad al-Mansouri", "he"),
    ("Mehmet Emin Karaboğa", "he"), ("Rokeya Khatun Mollah", "she"), ("Zhu Yuxin", "she"),
    ("Kobina Asare-Bekoe", "he"), ("Ifeoluwa Adebanjo-Nwosu", "she"),
    ("Ahmed Fathy el-Sherbiny", "he"), ("Nurul Absar Bhuiyan", "he"), ("Salma Idris", "she"),
]
HONORIFICS = ["", "", "Maulana ", "Allama ", "Sheikh ", "Mufti ", "Begum ", "Sardar ", "Mian ",
              "Syed ", "Dr ", "Mr ", "Ms "]
TITLES = [
    "", "Federal Minister for Information and Broadcasting ",
    "Minister of State for Finance, Revenue and Economic Affairs ",
    "Cabinet Secretary for Roads, Transport and Public Works ", "Port authority spokeswoman ",
    "Foreign Office Spokesperson ", "Opposition leader ", "London-based economist ",
    "Workers’ Union of Ghana deputy chairman ", "Provincial Relief Minister ",
]
NOMINALS = ["the minister", "the spokesperson", "the lawyer", "the party chief",
            "the 40-year-old shopkeeper", "the WHO director", "the senator"]
ORGANISATIONS = ["The Foreign Office", "The Ministry of Water Resources", "Jamaat-e-Islami",
                 "Tana Highway Builders", "The Public Utility Workers’ Union",
                 "The navy’s press office", "Tehreek-e-Tajiran-e-Sarhad", "The regulator"]
CAPITALS = ["Nairobi", "Ankara", "Islamabad", "Tehran", "Dhaka", "Abuja", "Cairo"]
PLACES = ["Punjab", "Sindh", "Mombasa", "Peshawar", "Lagos", "Basra", "Kumasi"]
ANONYMOUS = ["people familiar with the talks", "a senior port official",
             "two officials who asked not to be named", "a Western diplomat", "sources",
             "a nurse in the emergency department"]
CUES = ["said", "told reporters", "added", "warned", "insisted", "stressed"]
QUOTES = ["The berths are ready and the cranes are working.",
          "We will not accept this decision under any circumstances.",
          "Nobody has told us when the water will come back.",
          "The talks have been useful but they are not finished.",
          "Every day of closure costs our members money."]
PARTIALS = ["reckless disregard for safety", "to finish before the rains",
            "deep reservations about the timetable", "final and not open to renegotiation"]
NOISE = ["Prices rose by nine percent in {place} last month.",
         "{place} has been under smog for a week.",
         "The meeting ended late on Tuesday.",
         "Talks are due to resume next week in {place}"]


TEMPLATES = [
    "“{qc},” {surname} {cue}.",
    "“{qc},” said {full}.",
    "{full} visited {place} on Monday. “{qc},” {pronoun} {cue}.",
    "{full} visited camps across {place}.{Pronoun} said: “{q}”",
    "{full} {cue} on Monday: “{q}”",
    "{full}, replying to the minister on social media, wrote: “{q}”",
    "{full} laid the blame on the shipping lines, telling a news conference in {place}, “{q}”",
    "{full} met reporters in {place}. “{qc},” {nominal} {cue}.",
    "“{qc},” thundered {nominal} at a rally in {place}.",
    "{org} said in a statement: “{q}” “{qc},” it said.",
    "“{qc},” {capital} said.",
    "{capital} insists that the plan is “{partial}.”",
    "“{qc},” as noted by state broadcaster KBC.",
    "“{qc},” {full} was quoted as saying.",
    "In remarks carried by state media, {full} said: “{q}”",
    "“{qc},” according to a statement from {org_inside}.",
    "{full} accused {org_inside} of a “{partial}.”",
    "{full} toured {place} on Sunday, vowing “{partial}.”",
    "“{qc},” {anonymous} {cue}.",
    "{Anonymous} {cue}: “{q}”",
    "“{qc},” {anonymous} said, with {capital} maintaining that talks would resume.",
    "The {nominal_head} {cue}: “{q}”",
    "{noise}",
]


def pieces(rng: random.Random) -> dict[str, str]:
    """The words one sentence template is filled with, chosen by a seeded generator."""
    name, pronoun = rng.choice(PEOPLE)
    prefix = rng.choice(TITLES) or rng.choice(HONORIFICS)
    quote, org, nominal = rng.choice(QUOTES), rng.choice(ORGANISATIONS), rng.choice(NOMINALS)
    anonymous, place = rng.choice(ANONYMOUS), rng.choice(PLACES)
    return {
        "full": prefix + name, "surname": name.split()[-1], "pronoun": pronoun,
        "Pronoun": pronoun.capitalize(), "q": quote, "qc": quote[:-1],
        "partial": rng.choice(PARTIALS), "cue": rng.choice(CUES), "place": place,
        "org": org, "org_inside": org[0].lower() + org[1:] if org.startswith("The ") else org,
        "capital": rng.choice(CAPITALS), "anonymous": anonymous,
        "Anonymous": anonymous[0].upper() + anonymous[1:], "nominal": nominal,
        "nominal_head": nominal.split()[-1], "noise": rng.choice(NOISE).format(place=place),
    }


# A template and a seed for its words: two draws a sentence keep generation cheap.
SENTENCE = st.tuples(st.sampled_from(TEMPLATES), st.integers(0, 2**32 - 1)).map(
    lambda drawn: drawn[0].format(**pieces(random.Random(drawn[1]))))


@st.composite
def article(draw) -> str:
    """A few sentences of news copy, run together or split into lines and paragraphs."""
    sentences = draw(st.lists(SENTENCE, min_size=1, max_size=8))
    separators = draw(st.lists(st.sampled_from([" ", "\n\n", "\n"]), min_size=len(sentences),
                               max_size=len(sentences)))
    return "".join(s + sep for s, sep in zip(sentences, separators, strict=True)).strip()


def malformed_name_reason(name: str, speaker_type: str) -> str | None:
    """Why a speaker name is not a name, or None when it is well formed."""
    words = name.replace("’", "'").split()
    if not words:
        return "empty"
    last = words[-1].strip(".,;:'\"").lower()
    first = words[0].split("-")[0]
    if name.lower() in PRONOUNS:
        return "a bare pronoun"
    if last in PRONOUNS:
        return "ends in a pronoun"
    if last in VERBS or last in PREPOSITIONS:
        return "ends in a verb or preposition"
    if first[:1].islower() and first.lower() not in NAME_PARTICLES and speaker_type != "anonymous":
        return "starts with a lowercase word without being anonymous"
    return None


def check_quotes(text: str) -> None:
    for quote in extract(text):
        assert text[quote.start:quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text
        speaker = quote.speaker
        if speaker is None:
            continue
        assert text[speaker.start:speaker.end] == speaker.mention
        reason = malformed_name_reason(speaker.name, speaker.type)
        assert reason is None, (f"speaker {speaker.name!r} ({speaker.type}) {reason}, "
                                f"for {quote.text!r} in {text!r}")


@settings(max_examples=100, deadline=None)
@given(article())
def test_generated_news_never_yields_a_malformed_speaker_name(text):
    check_quotes(text)


@pytest.mark.parametrize("name, speaker_type, malformed", [
    ("Grace Otieno", "person", False),
    ("Abdul Sattar Jabbar al-Rubaie", "person", False),
    ("al-Rubaie", "person", False),
    ("a senior port official", "anonymous", False),
    ("it", "organization", True),
    ("Punjab He", "person", True),
    ("Port authority spokeswoman Grace Otieno laid", "unknown", True),
    ("the party chief at", "unknown", True),
    ("the minister", "person", True),
])
def test_the_sanity_rule_itself(name, speaker_type, malformed):
    assert (malformed_name_reason(name, speaker_type) is not None) == malformed


@pytest.mark.slow
@pytest.mark.skipif(not (UNLABELLED.exists() and SANITY_SCRIPT.exists()),
                    reason="unlabelled real news or the shared sanity script not present")
def test_real_unlabelled_news_has_few_malformed_speaker_names(tmp_path):
    articles = tmp_path / "first-1000.jsonl"
    with UNLABELLED.open(encoding="utf-8") as source:
        articles.write_text("".join(islice(source, 1000)), encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        extracted = subprocess.run([sys.executable, "-m", "cli.main", "extract", str(articles)],
                                   cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.PIPE,
                                   text=True, timeout=300)
    assert extracted.returncode == 0, extracted.stderr
    sanity = subprocess.run([sys.executable, str(SANITY_SCRIPT), str(predictions),
                             MAX_MALFORMED_SHARE, "app-2025 first 1,000"],
                            capture_output=True, text=True, timeout=120)
    assert sanity.returncode == 0, sanity.stdout + sanity.stderr
