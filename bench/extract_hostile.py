"""Linear time on hostile input: 1 MB of each hostile shape against 1 MB of ordinary prose.

Each input is extracted once (after a warm-up) and timed in CPU seconds; the report gives each
time as a multiple of the prose time. A catastrophic regular expression or a quadratic scan
shows up as a factor in the hundreds; a linear pipeline stays within a small factor.

    .venv/bin/python bench/extract_hostile.py [--size 1000000]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors import extract

PROSE = ("The council met on Tuesday to discuss the budget. “We cannot keep postponing these "
         "repairs,” Maria Delgado said after the vote. Officials said the plan would be "
         "published later this month, and a senior aide told reporters, “Nothing is decided.”"
         "\n\n")


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE: dict[str, Callable[[int], str]] = {
    "ordinary prose": lambda n: repeat_to(PROSE, n),
    "unmatched opening marks": lambda n: repeat_to("“ word ", n),
    "unmatched straight marks": lambda n: repeat_to('" a ', n),
    "alternating apostrophes": lambda n: repeat_to("' ’ ‘ ", n),
    "one endless sentence": lambda n: repeat_to("and then he said that the council would ", n),
    "endless quoted sentence": lambda n: "“" + repeat_to("we will never stop talking and ", n),
    "wall of capitalised words": lambda n: repeat_to("Khawaja Mohammad Asif Defense Minister ", n),
    "deeply nested quotes": lambda n: repeat_to("“‘“‘«‹", n // 2) + repeat_to("›»’”’”", n // 2),
    "quotes and cues only": lambda n: repeat_to("“Yes,” he said. ", n),
    "commas and cues": lambda n: repeat_to("said, told, according to, ", n),
    "markup": lambda n: repeat_to('<tweet author="@x" date="y">“Hello there, friends” ', n),
    "no spaces": lambda n: repeat_to("abcdefghij", n),
}


def cpu_seconds(text: str) -> tuple[float, int]:
    start = time.process_time()
    quotes = extract(text)
    return time.process_time() - start, len(quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    args = parser.parse_args()
    extract(HOSTILE["ordinary prose"](10_000))
    base, _ = cpu_seconds(HOSTILE["ordinary prose"](args.size))
    print(f"| input ({args.size:,} characters) | CPU s | × prose | quotes |")
    print("|---|---:|---:|---:|")
    for name, make in HOSTILE.items():
        seconds, quotes = cpu_seconds(make(args.size))
        print(f"| {name} | {seconds:.3f} | {seconds / base:.2f} | {quotes:,} |")


if __name__ == "__main__":
    main()
