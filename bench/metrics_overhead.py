"""CPU cost of the Prometheus request metrics, per request, measured in-process.

Serves GET requests through Flask's test client (no sockets, no gunicorn, so the numbers are
the app's own work) with metrics off, on with an in-memory registry (tests, `flask run`), and
on in gunicorn's multiprocess mode (samples written to files in PROMETHEUS_MULTIPROC_DIR).
Each mode runs in its own process, because prometheus_client picks its storage when first
imported; the modes take turns, several times over, so that a burst of load elsewhere on a
shared machine hits them alike. Reports CPU microseconds per request, the best of all rounds:
CPU time, so other work on the machine counts against it as little as possible.

    .venv/bin/python bench/metrics_overhead.py [--requests 2000] [--rounds 3] [--turns 3]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = ("/healthz", "/v1/quotes?limit=5")
MODES = ("off", "in-memory", "multiprocess")


def measure(mode: str, requests: int, rounds: int) -> dict[str, float]:
    """CPU µs per request for each path, in this process (run by `--child MODE`)."""
    sys.path.insert(0, str(ROOT))
    from api import create_app
    from config import Config
    from models.migrate import upgrade

    database_url = f"sqlite:///{tempfile.mkdtemp()}/metrics-bench.db"
    upgrade(database_url)
    app = create_app(Config(database_url=database_url, log_level="WARNING", rate_limits=False,
                            metrics=mode != "off"))
    client = app.test_client()
    return {path: best_cpu_us(client, path, requests, rounds) for path in PATHS}


def best_cpu_us(client, path: str, requests: int, rounds: int) -> float:
    for _ in range(200):  # warm-up: first requests build caches and metric children
        client.get(path)
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(requests):
            client.get(path)
        best = min(best, (time.process_time() - started) / requests * 1e6)
    return best


def run_child(mode: str, requests: int, rounds: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    with tempfile.TemporaryDirectory() as samples:
        if mode == "multiprocess":
            env["PROMETHEUS_MULTIPROC_DIR"] = samples
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--requests", str(requests),
             "--rounds", str(rounds)], env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.requests, args.rounds)))
        return
    results = {mode: {path: float("inf") for path in PATHS} for mode in MODES}
    for _ in range(args.turns):
        for mode in MODES:
            for path, cpu_us in run_child(mode, args.requests, args.rounds).items():
                results[mode][path] = min(results[mode][path], cpu_us)
    print(f"CPU µs per request, best of {args.turns} turns x {args.rounds} rounds of "
          f"{args.requests} requests (Flask test client, SQLite, empty database)\n")
    print("| path | " + " | ".join(MODES) + " | overhead (multiprocess - off) |")
    print("| --- |" + " ---: |" * (len(MODES) + 1))
    for path in PATHS:
        row = [results[mode][path] for mode in MODES]
        cells = " | ".join(f"{value:.0f}" for value in row)
        print(f"| `{path}` | {cells} | {row[2] - row[0]:+.0f} µs ({row[2] / row[0] - 1:+.1%}) |")


if __name__ == "__main__":
    main()
