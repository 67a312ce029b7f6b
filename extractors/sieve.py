"""The attribution sieve: the rules of ``lexicons/rules.tsv``, found by name, run in its order.

``RULE_FUNCTIONS`` is the one place a rule name meets its code. The table and this mapping are
checked against each other when the module is imported, so a rule added to one and not the
other fails at once rather than being skipped in silence.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extractors.attribution import Attribution, DocumentContext
from extractors.lexicons import RULE_PASSES, RuleRow, lexicons
from extractors.rules.according_to import according_to
from extractors.rules.colon_introduction import colon_introduction
from extractors.rules.continuation import continuation
from extractors.rules.cue_then_quote import cue_then_quote
from extractors.rules.dash_signature import dash_signature
from extractors.rules.partial_quote import partial_quote
from extractors.rules.participle_cue import participle_cue
from extractors.rules.preceding_subject import preceding_subject
from extractors.rules.quote_then_cue import quote_then_cue
from extractors.rules.unattributed import unattributed

Found = list[Attribution | None]
QuoteRule = Callable[[DocumentContext, int, bool], Attribution | None]  # (ctx, quote, partial)
DocumentRule = Callable[[DocumentContext, list[str], Found], Found]  # (ctx, kinds, found)
FallbackRule = Callable[[str, Attribution | None], str]  # (text, attribution) -> reason

RULE_FUNCTIONS: dict[str, Callable] = {
    "quote-then-cue": quote_then_cue,
    "dash-signature": dash_signature,
    "according-to": according_to,
    "cue-then-quote": cue_then_quote,
    "participle-cue": participle_cue,
    "colon-introduction": colon_introduction,
    "partial-quote": partial_quote,
    "continuation": continuation,
    "preceding-subject": preceding_subject,
    "unattributed": unattributed,
}


@dataclass(frozen=True)
class Sieve:
    """The rules of a rule table, by pass, in the table's order."""

    quote_rules: tuple[QuoteRule, ...]
    document_rules: tuple[DocumentRule, ...]
    fallback: FallbackRule
    confidence: dict[str, float]  # rule name -> confidence, the fallback's included
    fallback_confidence: float


def build_sieve(rows: tuple[RuleRow, ...]) -> Sieve:
    """The sieve a rule table describes; ValueError when table and code disagree."""
    check_rule_table(rows)
    fallback = next(row for row in rows if row.pass_name == "fallback")
    return Sieve(
        quote_rules=_functions(rows, "quote"),
        document_rules=_functions(rows, "document"),
        fallback=RULE_FUNCTIONS[fallback.name],
        confidence={row.name: row.confidence for row in rows},
        fallback_confidence=fallback.confidence,
    )


def _functions(rows: tuple[RuleRow, ...], pass_name: str) -> tuple[Callable, ...]:
    return tuple(RULE_FUNCTIONS[row.name] for row in rows if row.pass_name == pass_name)


def check_rule_table(rows: tuple[RuleRow, ...]) -> None:
    """Every row names a function, every function has one row, the passes come in the order
    they run, and there is one fallback."""
    names = [row.name for row in rows]
    problems = [f"no function for the rule {name!r}" for name in names
                if name not in RULE_FUNCTIONS]
    problems += [f"no row for the rule {name!r}" for name in RULE_FUNCTIONS if name not in names]
    problems += [f"the rule {name!r} is listed twice" for name in sorted(set(names))
                 if names.count(name) > 1]
    order = [RULE_PASSES.index(row.pass_name) for row in rows]
    if order != sorted(order):
        problems.append(f"the rules must be grouped by pass, in the order {RULE_PASSES}")
    if sum(row.pass_name == "fallback" for row in rows) != 1:
        problems.append("there must be exactly one fallback rule")
    if problems:
        raise ValueError("rules.tsv and extractors/sieve.py disagree: " + "; ".join(problems))


SIEVE = build_sieve(lexicons().rules)


def run_sieve(ctx: DocumentContext, kinds: list[str], sieve: Sieve = SIEVE) -> Found:
    """Attribute every quote: the quote rules on each, then the document passes in turn."""
    found: Found = [attribute(ctx, i, kind == "partial", sieve.quote_rules)
                    for i, kind in enumerate(kinds)]
    for rule in sieve.document_rules:
        found = rule(ctx, kinds, found)
    return found


def attribute(ctx: DocumentContext, i: int, partial: bool,
              rules: tuple[QuoteRule, ...]) -> Attribution | None:
    """The first answer of the quote rules, tried in order; a tentative answer only when no
    rule after it answers."""
    tentative = None
    for rule in rules:
        found = rule(ctx, i, partial)
        if found is not None and not found.tentative:
            return found
        tentative = tentative or found
    return tentative
