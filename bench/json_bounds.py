"""CPU cost of api.json_limits' check on the largest bodies the API accepts, beside the cost
of parsing them, and write bench/results/json_bounds.md.

The check runs on every JSON body of POST /v1/documents and /v1/extract before webargs parses
it. Bodies are QUOTEWIRE_MAX_BODY_BYTES (2 MiB) each: an article (the usual shape), and three
shapes built to make the scan work hardest, all within the bounds (so scanned whole). CPU
milliseconds, the best of several rounds.

    .venv/bin/python bench/json_bounds.py [--rounds 7]
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.json_limits import check_json_bounds  # noqa: E402
from bench.results_file import machine, write_keeping_notes  # noqa: E402
from config import Config  # noqa: E402

LIMIT = Config.max_body_bytes
NOTES_HEADING = "## Reading"
SENTENCE = "“We will not back down,” the mayor said on Tuesday, \\\"again\\\". "


def bodies() -> dict[str, bytes]:
    article = ('{"text": "' + SENTENCE * (LIMIT // len(SENTENCE.encode()) - 1) + '"}').encode()
    return {
        "article (one object, 2 MiB of text)": article,
        "shallow brackets `[[1],[1],…]`": b"[" + b"[1]," * (LIMIT // 4 - 1) + b"[1]]",
        "escaped quotes in one string": b'{"text": "' + b'\\"' * (LIMIT // 2 - 8) + b'"}',
        "numbers `[1234567890,…]`": b"[" + b"1234567890," * (LIMIT // 11 - 1) + b"1]",
    }


def cpu_ms(work, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    lines = ["# JSON body bounds: CPU per body", "",
             f"`bench/json_bounds.py --rounds {rounds}` on {machine()}.", "",
             "| body (2 MiB) | check, ms | json.loads, ms |", "|---|---|---|"]
    for name, body in bodies().items():
        check = cpu_ms(lambda body=body: check_json_bounds(body), rounds)
        parse = cpu_ms(lambda body=body: json.loads(body), rounds)
        lines.append(f"| {name} | {check:.1f} | {parse:.1f} |")
    text = "\n".join(lines) + "\n"
    write_keeping_notes(ROOT / "bench" / "results" / "json_bounds.md", text, NOTES_HEADING)
    print(text)


if __name__ == "__main__":
    main()
