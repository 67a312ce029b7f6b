"""Measure GET /v1/quotes/counts under gunicorn with wrk; write bench/results/counts_<engine>.md.

    .venv/bin/python bench/api_seed.py var/bench/api.db      # 1,000,000 quotes, once
    flock /tmp/quotewire-bench.lock .venv/bin/python bench/counts_bench.py sqlite:///$PWD/var/bench/api.db
    flock /tmp/quotewire-bench.lock .venv/bin/python bench/counts_bench.py postgresql://postgres@127.0.0.1:5432/qw_bench

Every answer is computed: the page cache is off (QUOTEWIRE_PAGE_CACHE_BYTES=0) and wrk cycles
through many URLs of each kind, so no two requests in a row read the same rows. Aims (issue
13), at 16 connections: counts by month for any one speaker and by outlet for any 6-month
range, p99 under 50 ms; the most quoted speakers over all data under 250 ms.
"""

import argparse
import json
import os
import platform
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api_bench import CONNECTIONS, wrk  # noqa: E402 - bench/ is this script's own directory
from api_seed import DAYS, FIRST_DAY  # noqa: E402
from results_file import machine, write_keeping_notes  # noqa: E402

from tests.api.live import gunicorn  # noqa: E402

NOTES_HEADING = "## Reading these numbers"
SPEAKERS = 4000  # the most quoted, in order: the heaviest series are among them
SEQUENTIAL = 20  # requests timed one at a time for the single-URL scenario


def most_quoted_speakers(get_json, count: int) -> list[int]:
    ids, cursor = [], None
    while len(ids) < count:
        page = get_json("/v1/speakers?limit=200" + (f"&cursor={cursor}" if cursor else ""))
        ids += [speaker["id"] for speaker in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    return ids[:count]


def six_month_windows() -> list[str]:
    starts = [FIRST_DAY + timedelta(days=day) for day in range(0, DAYS - 181, 1)]
    return [f"from={start}&to={start + timedelta(days=180)}" for start in starts]


def scenarios(get_json) -> list[tuple[str, list[str], float]]:
    """(name, paths, aim in ms for p99)."""
    speakers = most_quoted_speakers(get_json, SPEAKERS)
    windows = six_month_windows()
    return [
        ("by month, one speaker (4,000 most quoted)",
         [f"/v1/quotes/counts?group_by=month&speaker_id={s}" for s in speakers], 50),
        ("by month, one speaker (ranks 101-4,000)",
         [f"/v1/quotes/counts?group_by=month&speaker_id={s}" for s in speakers[100:]], 50),
        ("by outlet, 6-month ranges",
         [f"/v1/quotes/counts?group_by=outlet&{w}" for w in windows], 50),
        ("top 20 speakers, all data", ["/v1/quotes/counts?group_by=speaker&limit=20"], 250),
        ("top 20 speakers, 6-month ranges",
         [f"/v1/quotes/counts?group_by=speaker&limit=20&{w}" for w in windows], 250),
    ]


def sequential_ms(base: str, path: str, requests: int) -> list[float]:
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--output", type=Path, help="default: bench/results/counts_<engine>.md")
    args = parser.parse_args()
    workers = int(os.environ.get("QUOTEWIRE_WORKERS", min(4, 2 * (os.cpu_count() or 1))))
    engine = args.database_url.split(":", 1)[0].split("+", 1)[0]
    args.output = args.output or ROOT / "bench" / "results" / f"counts_{engine}.md"
    rows = []
    with gunicorn(args.database_url, workers=workers, log_level="WARNING",
                  env={"QUOTEWIRE_PAGE_CACHE_BYTES": "0"}) as base:
        def get_json(path: str) -> dict:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                return json.load(response)

        total = get_json("/v1/quotes/counts?group_by=year")["total"]
        for name, paths, aim in scenarios(get_json):
            load = load_average()
            time.sleep(5)  # requests wrk gave up on may still hold the workers
            one_by_one = sequential_ms(base, paths[0], SEQUENTIAL) if len(paths) == 1 else None
            wrk(base, paths, 3)
            result = wrk(base, paths, args.seconds)
            print(f"{name}: {result} {one_by_one and one_by_one[-1]}", file=sys.stderr)
            rows.append((name, paths, aim, result, one_by_one, load))
    write_keeping_notes(args.output, report(rows, engine, total, workers, args.seconds),
                        NOTES_HEADING)
    print(args.output.read_text(encoding="utf-8"))


def report(rows, engine: str, total: int, workers: int, seconds: int) -> str:
    lines = [
        f"# Counts benchmark ({engine})", "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}, Python {platform.python_version()}; the last column is the "
        "load average (1, 5, 15 min) as each scenario started",
        f"- Data: {total:,} quotes in {engine}, made by `bench/api_seed.py`",
        f"- Server: gunicorn as `quotewire serve` configures it ({workers} sync workers), "
        "page cache off (every answer computed)",
        f"- Load: wrk, 2 threads, {CONNECTIONS} connections, {seconds} s per scenario after a "
        "3 s warm-up, cycling through every URL of the kind; one-URL rows are also timed "
        f"{SEQUENTIAL} times one request at a time",
        "- Reproduce: `bench/counts_bench.py` (see its docstring)", "",
        "| scenario | URLs | req/s | p50 ms | p99 ms | one at a time, p50 / max ms | errors | aim "
        "(p99) | met | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, paths, aim, r, one_by_one, load in rows:
        alone = (f"{one_by_one[len(one_by_one) // 2]:.1f} / {one_by_one[-1]:.1f}" if one_by_one
                 else "-")
        # wrk leaves requests slower than its 2 s timeout out of the latencies: they fail it.
        met = r["p99"] < aim and r["non_2xx"] == 0 and not r["socket_errors"] and r["rps"] > 0
        lines.append(f"| {name} | {len(paths):,} | {r['rps']:,.0f} | {r['p50']:.1f} | "
                     f"{r['p99']:.1f} | {alone} | {r['non_2xx']} {r['socket_errors']} | "
                     f"{aim:.0f} ms | {'yes' if met else 'NO'} | {load} |")
    lines += ["", "URLs (host elided; the first of each cycle):", ""]
    lines += [f"- {name}: `{paths[0]}`" for name, paths, *_ in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
