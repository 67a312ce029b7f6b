"""Extraction speed over the whole pipeline: JSONL read as `quotewire extract` reads it,
extract, JSONL records out.

Runs over the PolNeAR train texts when ../shared/data/polnear/train.jsonl exists, else over
generated articles. Reports MB of article text per CPU second on one core (best of several
rounds; CPU time, so other work on a shared machine does not count against it), the peak
memory of the process, and the extraction's speed as a fraction of one regular-expression
scan for capitalised words over the same documents read the same way, timed in the same run
(issue 16 asks for at least 0.3): a ratio holds across machines and loads where MB/s do not.

    .venv/bin/python bench/extract_speed.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles import Article  # noqa: E402
from cli.extract import document_id, iter_documents, quote_line  # noqa: E402
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


def input_file(tmp: Path) -> tuple[Path, str]:
    if TRAIN.exists():
        return TRAIN, f"PolNeAR train ({TRAIN.name})"
    path = tmp / "generated.jsonl"
    path.write_text("".join(json.dumps({"id": str(n), "text": t}) + "\n"
                            for n, t in enumerate(generated_documents())), encoding="utf-8")
    return path, "generated"


# The yardstick: one pass of a simple regular expression over the text, nothing kept.
CAPITALISED_WORD_RE = re.compile(r"\b[A-Z]\w*")


def scan_once(path: Path) -> float:
    """Read the file as run_once does and find every capitalised word: the least work any
    reader of the text does, to compare the extraction with."""
    start = time.process_time()
    for item in iter_documents((str(path),)):
        if isinstance(item, Article):
            CAPITALISED_WORD_RE.findall(item.text)
    return time.process_time() - start


def run_once(path: Path) -> tuple[float, int, int]:
    """Read the file as `quotewire extract` does (articles.read_articles), extract, serialise
    every quote: the command's whole path but the write to stdout."""
    text_bytes = quotes = 0
    start = time.process_time()  # CPU time of this process: one core, whatever else runs
    for item in iter_documents((str(path),)):
        if not isinstance(item, Article):
            raise SystemExit(str(item))
        doc_id = document_id(item)
        text_bytes += len(item.text.encode("utf-8"))
        for quote in extract(item.text):
            quote_line(quote, doc_id)
            quotes += 1
    return time.process_time() - start, text_bytes, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, source = input_file(Path(tmp))
        lines = sum(1 for line in path.open(encoding="utf-8") if line.strip())
        extract("warm up the lexicons “once,” he said.")
        load_before = os.getloadavg()[0]
        timings, scans = [], []
        for _ in range(args.rounds):  # alternated, so both see the same load
            timings.append(run_once(path))
            scans.append(scan_once(path))
        load_after = os.getloadavg()[0]
    seconds, text_bytes, quotes = min(timings)
    scan = min(scans)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"source: {source}, {lines} documents, {text_bytes / 1e6:.2f} MB of text")
    print(f"extractor {EXTRACTOR_VERSION} on Python {platform.python_version()}, "
          f"{platform.processor() or platform.machine()}")
    print(f"best of {args.rounds}: {seconds:.3f} CPU s, {text_bytes / 1e6 / seconds:.2f} MB/s, "
          f"{quotes} quotes, {quotes / seconds:,.0f} quotes/s")
    print(f"all rounds (s): {', '.join(f'{t[0]:.3f}' for t in timings)}")
    print(f"capitalised-word scan, same reading: {scan:.3f} CPU s, "
          f"{text_bytes / 1e6 / scan:.2f} MB/s; extraction at {scan / seconds:.3f}x its speed")
    print(f"peak RSS: {peak_kib / 1024:.1f} MiB (whole process, input streamed from the file)")
    print(f"load average (1 min) before/after: {load_before:.2f} / {load_after:.2f} on "
          f"{os.cpu_count()} CPUs (idle is well under 1; CPU seconds grow on a busy machine)")


if __name__ == "__main__":
    main()
