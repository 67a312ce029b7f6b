"""Server CPU per request, by kind: what a refused POST /v1/extract costs beside a read.

gunicorn as `quotewire serve` runs it (4 workers) over the example articles, with the extract
limit at 1 per hour so that, once every worker has spent its one extraction, every maximal
body is refused (429); then, one request after another from one client, N requests of each
kind, and the workers' CPU time (bench/extract_load.py's accounting) divided by N.

    .venv/bin/python bench/request_cost.py [--requests 1000]

Prints one line per kind; the figures go into bench/results/limits.md's notes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract_load import (  # noqa: E402 - bench/ is this script's own directory
    maximal_body,
    raw_post,
    server_cpu_seconds,
    stored_examples,
)

from config import Config  # noqa: E402
from tests.api.live import gunicorn_process  # noqa: E402

REFUSING = {"QUOTEWIRE_RATE_LIMITS": "1", "QUOTEWIRE_RATE_LIMIT_EXTRACT": "1 per hour",
            "QUOTEWIRE_RATE_LIMIT": "1000000 per minute", "QUOTEWIRE_DRAIN_SECONDS": "0"}


def request_bytes(method: str, path: str, body: bytes | None = None) -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if body is None:
        return (head + "\r\n").encode()
    return (head + f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n").encode() \
        + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests of each kind")
    args = parser.parse_args()
    body = maximal_body("quotes and cues only", Config().extract_max_bytes)
    kinds = {"refused POST /v1/extract, maximal body": request_bytes("POST", "/v1/extract", body),
             "refused POST /v1/extract, empty body": request_bytes("POST", "/v1/extract", b""),
             "cached GET /v1/quotes?limit=20": request_bytes("GET", "/v1/quotes?limit=20"),
             "GET of an unknown path (404)": request_bytes("GET", "/v1/nothing"),
             "GET /healthz": request_bytes("GET", "/healthz")}
    with tempfile.TemporaryDirectory() as where, gunicorn_process(
            stored_examples(Path(where)), workers=4, env=REFUSING) as (base, master):
        port = int(base.rsplit(":", 1)[1])
        refused_in_a_row = 0
        while refused_in_a_row < 40:  # until every worker has spent its one extraction
            status, _ = raw_post(port, "127.0.0.5", kinds["refused POST /v1/extract, maximal body"])
            refused_in_a_row = refused_in_a_row + 1 if status == 429 else 0
        raw_post(port, "127.0.0.5", kinds["cached GET /v1/quotes?limit=20"])  # fill the cache
        for kind, request in kinds.items():
            statuses: dict[int, int] = {}
            cpu, started = server_cpu_seconds(master.pid), time.perf_counter()
            for _ in range(args.requests):
                status, _ = raw_post(port, "127.0.0.5", request)
                statuses[status] = statuses.get(status, 0) + 1
            cpu = server_cpu_seconds(master.pid) - cpu
            wall = time.perf_counter() - started
            print(f"{kind:40} {cpu / args.requests * 1000:5.2f} ms server CPU, "
                  f"{wall / args.requests * 1000:5.2f} ms wall per request; statuses {statuses}")


if __name__ == "__main__":
    main()
