"""Lexicon loading: the data files in ``lexicons/``, read once and frozen."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
RULE_PASSES = ("quote", "document", "fallback")  # the order the passes run in


def read_entries(name: str) -> list[str]:
    """Return the non-blank, non-comment lines of ``lexicons/<name>``."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class RuleRow:
    """One line of rules.tsv: an attribution rule, the pass it runs in, its confidence."""

    name: str
    pass_name: str  # quote | document | fallback
    confidence: float
    matches: str  # an example of what it matches, for people reading the table


def parse_rule_table(lines: list[str]) -> tuple[RuleRow, ...]:
    """Read the rows of a rule table (rules.tsv without its comments), checking each."""
    rows = []
    for line in lines:
        name, pass_name, confidence, matches = line.split("\t")
        if pass_name not in RULE_PASSES:
            raise ValueError(f"rules.tsv: rule {name!r} has an unknown pass {pass_name!r}")
        rows.append(RuleRow(name, pass_name, float(confidence), matches))
    return tuple(rows)


@dataclass(frozen=True)
class Lexicons:
    """Every word list the rules consult, as sets for constant-time lookup."""

    speech_verbs: frozenset[str]  # every inflected form, lower case (French ones included)
    french_speech_verbs: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]  # multi-word cues as word tuples, lower case
    titles: frozenset[str]  # single-word titles, as written ("Sen.", "Minister")
    title_phrases: frozenset[str]  # every title, multi-word ones included, lower case
    nominal_heads: frozenset[str]
    organizations: frozenset[str]  # lower case words and phrases
    pronouns: dict[str, str]  # pronoun -> speaker type
    abbreviations: frozenset[str]
    cue_modifiers: frozenset[str]
    rules: tuple[RuleRow, ...]  # rules.tsv, in sieve order
    grammar: dict[str, frozenset[str]]  # closed-class word groups
    naming_cues: dict[str, frozenset[tuple[str, ...]]]  # group -> word tuples (naming_cues.tsv)
    first_name_gender: dict[str, str]  # first name as written -> "he" or "she"
    honorifics: frozenset[str]  # forms of address before a name, without a full stop
    honorific_gender: dict[str, str]  # honorific -> "he" or "she", where it says
    places: frozenset[str]  # countries, capitals, regions and cities, as written
    portfolios: frozenset[str]  # fields of a ministry written before a name ("Maritime Affairs")
    speech_nouns: frozenset[str]  # nouns before a partial quote that report speech ("pledge")


@cache
def lexicons() -> Lexicons:
    """Load every lexicon file once."""
    verbs = {form.lower() for line in read_entries("speech_verbs.txt") for form in line.split()}
    french = {form.lower() for line in read_entries("speech_verbs_fr.txt")
              for form in line.split()}
    titles = read_entries("titles.txt")
    honorifics = [line.split("\t") for line in read_entries("honorifics.tsv")]
    pronouns = dict(line.split("\t") for line in read_entries("pronouns.txt"))
    abbreviations = set(read_entries("abbreviations.txt"))
    abbreviations.update(t.rstrip(".") for t in titles if t.endswith("."))
    return Lexicons(
        speech_verbs=frozenset(verbs | french),
        french_speech_verbs=frozenset(french),
        cue_phrases=tuple(tuple(p.lower().split()) for p in read_entries("cue_phrases.txt")),
        # Tokens drop the full stop of "Sen.", so both spellings are kept.
        titles=frozenset(f for t in titles for w in t.split() for f in (w, w.rstrip("."))),
        title_phrases=frozenset(t.lower() for t in titles),
        nominal_heads=frozenset(w.lower() for w in read_entries("nominal_speakers.txt")),
        organizations=frozenset(w.lower() for w in read_entries("organizations.txt")),
        pronouns=pronouns,
        abbreviations=frozenset(abbreviations),
        cue_modifiers=frozenset(w.lower() for w in read_entries("cue_modifiers.txt")),
        rules=parse_rule_table(read_entries("rules.tsv")),
        grammar={group: frozenset(words.split()) for group, words in
                 (line.split("\t") for line in read_entries("grammar_words.tsv"))},
        naming_cues=_naming_cues(),
        first_name_gender=dict(line.split("\t") for name in ("first_names.tsv",
                                                             "first_names_world.tsv")
                               for line in read_entries(name)),
        honorifics=frozenset(word for word, _ in honorifics),
        honorific_gender={word: gender for word, gender in honorifics if gender != "-"},
        places=frozenset(line.split("\t")[0] for line in read_entries("places.txt")),
        portfolios=frozenset(read_entries("portfolios.txt")),
        speech_nouns=frozenset(read_entries("speech_nouns.txt")),
    )


def _naming_cues() -> dict[str, frozenset[tuple[str, ...]]]:
    groups: dict[str, set[tuple[str, ...]]] = {
        group: set() for group in (
            "title", "work", "naming", "naming_verb", "show_lead", "work_noun")}
    for line in read_entries("naming_cues.tsv"):
        group, phrase = line.split("\t")
        groups[group].add(tuple(phrase.lower().split()))
    return {group: frozenset(phrases) for group, phrases in groups.items()}
