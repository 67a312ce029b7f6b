"""Extraction speed over the whole pipeline: JSONL in, extract, JSONL records out.

Runs over the PolNeAR train texts when ../shared/data/polnear/train.jsonl exists, else over
generated articles. Reports MB of article text per CPU second on one core (best of several
rounds; CPU time, so other work on a shared machine does not count against it) and the peak
memory of the process.

    .venv/bin/python bench/extract_speed.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import EXTRACTOR_VERSION, extract  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"

NAMES = ["Maria Delgado", "Khawaja Asif", "Tom Becker", "Aisha Rahman", "Jonas Lindqvist"]
SENTENCES = [
    "The council met on Tuesday to discuss the budget for the coming year.",
    "“We cannot keep postponing these repairs,” {name} said after the vote.",
    "{name}, a member of the finance committee, told reporters, “The numbers are clear.”",
    "Officials said the plan would be published later this month.",
    "“It is a matter of trust,” said {name}. “People want to see the roads fixed.”",
    "According to a senior aide, the mayor’s office “has no plans to raise taxes.”",
    "The U.S. Department of Transportation did not respond to a request for comment.",
]


def generated_documents(count: int = 800) -> list[str]:
    """Articles made of the sentences above, about the size of a news story."""
    rng = random.Random(7)
    docs = []
    for _ in range(count):
        paragraphs = [" ".join(rng.choice(SENTENCES).format(name=rng.choice(NAMES))
                               for _ in range(3)) for _ in range(12)]
        docs.append("\n\n".join(paragraphs))
    return docs


def load_lines() -> tuple[list[str], str]:
    if TRAIN.exists():
        return TRAIN.read_text(encoding="utf-8").splitlines(), f"PolNeAR train ({TRAIN.name})"
    docs = generated_documents()
    return [json.dumps({"id": str(n), "text": t}) for n, t in enumerate(docs)], "generated"


def run_once(lines: list[str]) -> tuple[float, int, int]:
    """Parse each JSONL line, extract, serialise every quote: the path `quotewire extract` takes."""
    text_bytes = quotes = 0
    start = time.process_time()  # CPU time of this process: one core, whatever else runs
    for line in lines:
        doc = json.loads(line)
        text = doc["text"]
        text_bytes += len(text.encode("utf-8"))
        for quote in extract(text):
            json.dumps(quote.to_record(doc["id"]), ensure_ascii=False)
            quotes += 1
    return time.process_time() - start, text_bytes, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    lines, source = load_lines()
    extract("warm up the lexicons “once,” he said.")
    timings = [run_once(lines) for _ in range(args.rounds)]
    seconds, text_bytes, quotes = min(timings)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"source: {source}, {len(lines)} documents, {text_bytes / 1e6:.2f} MB of text")
    print(f"extractor {EXTRACTOR_VERSION} on Python {platform.python_version()}, "
          f"{platform.processor() or platform.machine()}")
    print(f"best of {args.rounds}: {seconds:.3f} CPU s, {text_bytes / 1e6 / seconds:.2f} MB/s, "
          f"{quotes} quotes, {quotes / seconds:,.0f} quotes/s")
    print(f"all rounds (s): {', '.join(f'{t[0]:.3f}' for t in timings)}")
    print(f"peak RSS: {peak_kib / 1024:.1f} MiB (whole process, corpus lines held in memory)")


if __name__ == "__main__":
    main()
