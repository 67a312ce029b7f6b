"""Bounds on the shape of a JSON body, checked before it is parsed.

The standard parser recurses once per nesting level (about 1,000 levels raise RecursionError)
and refuses integers beyond 4,300 digits with a ValueError that is not a JSONDecodeError:
both would be 500s. No quotewire request needs more than a few levels or long numbers, so a
body beyond these bounds is refused before the parser sees it. The scan is linear: strings are
skipped by one regular expression that cannot fail (so never backtracks), and brackets are
summed in C.
"""

import re
from itertools import accumulate

MAX_DEPTH = 32
MAX_NUMBER_CHARS = 100
# A string literal, or an unterminated one up to the end of the body: never fails to match.
STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
# A run of number characters longer than the bound, found only where such a run starts.
LONG_NUMBER = re.compile(rb"(?<![-+.0-9eE])[-+.0-9eE]{%d}" % (MAX_NUMBER_CHARS + 1))
# Opening brackets become +1, closing ones -1 (as a signed byte); everything else goes.
BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JSONLimitError(ValueError):
    """A JSON body beyond quotewire's bounds; the message says which, for the client."""


def check_json_bounds(raw: bytes) -> None:
    """Raise JSONLimitError when JSON text `raw` nests too deep or holds too long a number."""
    structure = STRING.sub(b"", raw)
    if nesting_depth(structure) > MAX_DEPTH:
        raise JSONLimitError(f"The JSON body is nested more than {MAX_DEPTH} levels deep.")
    if LONG_NUMBER.search(structure):
        raise JSONLimitError(
            f"The JSON body holds a number longer than {MAX_NUMBER_CHARS} characters.")


def nesting_depth(structure: bytes) -> int:
    """The deepest bracket nesting in JSON text whose strings were removed (or, when that is
    at most MAX_DEPTH, the number of opening brackets, which bounds it)."""
    steps = structure.translate(BRACKET_STEPS, NOT_BRACKETS)
    if steps.count(1) <= MAX_DEPTH:  # the usual body: one object, a list or two
        return steps.count(1)
    return max(accumulate(memoryview(steps).cast("b")), default=0)
