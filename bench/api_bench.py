"""Measure the read API under gunicorn with wrk, in one run, and write bench/results/api.md.

    apt-get install -y wrk                                   # the load generator
    .venv/bin/python bench/api_seed.py var/bench/api.db      # 1,000,000 quotes, ~3 minutes
    flock /tmp/quotewire-bench.lock .venv/bin/python bench/api_bench.py var/bench/api.db
    .venv/bin/python bench/api_bench.py var/bench/api.db --in-process   # ms per request, no wrk
    .venv/bin/python bench/api_bench.py postgresql://postgres@127.0.0.1:5432/quotewire_bench \
        --output bench/results/api_postgresql.md     # on PostgreSQL (api_seed_postgres.py)

gunicorn runs exactly as `quotewire serve` configures it (gunicorn.conf.py, default workers,
JSON access log); wrk runs on the same machine over loopback, 16 connections. Each worker keeps
rendered answers in its page cache, so every query is measured twice: WARM, one URL asked
again and again (cache hits), and COLD, a cycle through 4,000 different URLs of the same kind,
more than the workers' caches hold, so every answer is computed afresh. Aims (issue 5): every
query at least half the /healthz throughput, p99 under 50 ms, the page 1,000 deep within 1.5x
of page 1.
"""

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api_seed import FIRST_DAY, WORDS  # noqa: E402 - bench/ is this script's own directory
from results_file import machine, write_keeping_notes  # noqa: E402

from tests.api.live import gunicorn  # noqa: E402

CONNECTIONS = 16
DEEP_PAGE = 1000
# More distinct URLs than the 4 workers' page caches hold together (16 MB each, ~22 KB a page).
COLD_URLS = 4000
NOTES_HEADING = "## Reading these numbers"
LATENCY_RE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
# wrk asks for each path of the file named by QW_PATHS in turn, one path a line.
CYCLE_LUA = """
local paths = {}
for line in io.lines(os.getenv("QW_PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass
class Scenario:
    name: str
    paths: list[str]  # one path: warm (cache hits); many: cold (a cycle of cache misses)

    @property
    def cold(self) -> bool:
        return len(self.paths) > 1


def wrk(base: str, paths: list[str], seconds: int) -> dict:
    """Run wrk over `paths`; return requests/s, p50 and p99 in ms, and error counts."""
    with tempfile.TemporaryDirectory() as scratch:
        script, listing = Path(scratch, "cycle.lua"), Path(scratch, "paths.txt")
        script.write_text(CYCLE_LUA, encoding="utf-8")
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
        if len(paths) > 1:
            command += ["-s", str(script)]
        out = subprocess.run([*command, base + paths[0]], capture_output=True, text=True,
                             check=True, env={**os.environ, "QW_PATHS": str(listing)}).stdout
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY_RE.findall(out)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latencies["50"], "p99": latencies["99"],
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": errors.group(1) if errors else ""}


# --- what to ask for ------------------------------------------------------------------------------

def database_url(db: str) -> str:
    """The SQLAlchemy URL of `db`: a URL as given, or an SQLite file's path."""
    return db if "://" in db else f"sqlite:///{Path(db).resolve()}"


def data_parameters(url: str) -> dict:
    """Filter values from the data: speakers most quoted first, the third biggest outlet."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as db:
        speakers = db.execute(text("SELECT name FROM speakers ORDER BY quote_count DESC, id "
                                   "LIMIT :n"), {"n": COLD_URLS}).scalars().all()
        outlets = db.execute(text("SELECT outlet_id FROM quotes GROUP BY outlet_id "
                                  "ORDER BY count(*) DESC")).scalars().all()
        quotes = db.execute(text("SELECT count(*) FROM quotes")).scalar()
    engine.dispose()
    return {"speakers": speakers, "outlets": outlets, "quotes": quotes,
            "engine": "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)"}


def speaker_path(name: str) -> str:
    return f"/v1/quotes?speaker={urllib.parse.quote(name.lower())}"


def outlet_dates_path(outlet_id: int, first: date) -> str:
    return f"/v1/quotes?outlet_id={outlet_id}&from={first}&to={first + timedelta(days=180)}"


def text_path(words: tuple[str, ...]) -> str:
    return "/v1/quotes?q=" + "+".join(words)


def cursor_paths(get_json, pages: int) -> list[str]:
    """The paths of pages 2 to `pages` + 1 of /v1/quotes, found by following `next`."""
    paths, cursor = [], None
    for _ in range(pages):
        cursor = get_json("/v1/quotes" + (f"?cursor={cursor}" if cursor else ""))["next"]
        paths.append(f"/v1/quotes?cursor={cursor}")
    return paths


def scenarios(get_json, params: dict) -> list[Scenario]:
    outlets, pages = params["outlets"], cursor_paths(get_json, COLD_URLS)
    weeks = [FIRST_DAY + timedelta(weeks=k) for k in range(COLD_URLS // len(outlets) + 1)]
    word_pairs = itertools.combinations(WORDS[2:], 2)  # "the a" would be a stop-word query
    return [
        Scenario("/healthz (ceiling)", ["/healthz"]),
        Scenario("quotes by speaker (name)", [speaker_path(params["speakers"][0])]),
        Scenario("quotes by outlet and date range",
                 [outlet_dates_path(outlets[2], date(2021, 1, 1))]),
        Scenario("full-text (q=harbour strike)", [text_path(("harbour", "strike"))]),
        Scenario("quotes page 1", ["/v1/quotes"]),
        Scenario(f"quotes page {DEEP_PAGE:,}", [pages[DEEP_PAGE - 2]]),
        Scenario(f"COLD by speaker ({COLD_URLS:,} most quoted)",
                 [speaker_path(name) for name in params["speakers"]]),
        Scenario(f"COLD by outlet and 6 months ({COLD_URLS:,} pairs)",
                 [outlet_dates_path(o, w) for w, o in itertools.product(weeks, outlets)]
                 [:COLD_URLS]),
        Scenario(f"COLD full-text ({COLD_URLS:,} word pairs)",
                 [text_path(pair) for pair in itertools.islice(word_pairs, COLD_URLS)]),
        Scenario(f"COLD pages 2 to {COLD_URLS + 1:,}", pages),
    ]


# --- the report ---------------------------------------------------------------------------------

def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def aims_met(scenario: Scenario, result: dict, ceiling: dict, page1: dict) -> bool:
    aims = [result["p99"] < 50, result["non_2xx"] == 0]
    if result is not ceiling:
        aims.append(result["rps"] >= ceiling["rps"] / 2)
    if scenario.name == f"quotes page {DEEP_PAGE:,}" and page1 is not None:
        aims.append(result["p99"] <= 1.5 * page1["p99"] and result["rps"] >= page1["rps"] / 1.5)
    return all(aims)


def report(rows: list[tuple[Scenario, dict, str]], params: dict, seconds: int, workers: int
           ) -> str:
    ceiling = rows[0][1]
    page1 = next((r for s, r, _ in rows if s.name == "quotes page 1"), None)  # --cold-only
    lines = [
        "# API read benchmark", "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}, Python {platform.python_version()}; the last column is the "
        "load average (1, 5, 15 min) as each "
        "scenario started (other work on the machine competes with gunicorn and wrk)",
        f"- Data: {params['quotes']:,} quotes in {params['engine']}, made by `bench/api_seed.py`"
        + (" (`bench/api_seed_postgres.py --quotes`)" if params["engine"] == "PostgreSQL"
           else ""),
        f"- Server: gunicorn as `quotewire serve` configures it ({workers} sync workers), "
        "JSON access log on, page cache on",
        f"- Load: wrk (Debian package `wrk`), 2 threads, {CONNECTIONS} connections, {seconds} s "
        "per scenario after a 3 s warm-up, same machine, loopback",
        "- WARM: one URL again and again (page-cache hits after the first). COLD: wrk cycles "
        f"through {COLD_URLS:,} different URLs of the kind, more than the caches hold, so "
        "every answer is computed afresh",
        "- Reproduce: see bench/README-api.md",
        "",
        "| scenario | req/s | vs ceiling | p50 ms | p99 ms | errors | aim met | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for scenario, r, load in rows:
        lines.append(
            f"| {scenario.name} | {r['rps']:,.0f} | {r['rps'] / ceiling['rps']:.0%} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['non_2xx']} {r['socket_errors']} | "
            f"{'yes' if aims_met(scenario, r, ceiling, page1) else 'NO'} | {load} |")
    lines += ["", "URLs (host elided; COLD rows: the first of the cycle):", ""]
    lines += [f"- {s.name}: `{s.paths[0]}`" for s, _, _ in rows]
    return "\n".join(lines) + "\n"


def run_wrk(args, params: dict) -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    workers = int(os.environ.get("QUOTEWIRE_WORKERS", min(4, 2 * (os.cpu_count() or 1))))
    with gunicorn(database_url(args.db), workers=workers, log_level="INFO") as base:
        def get_json(path: str) -> dict:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                return json.load(response)

        rows = []
        for scenario in scenarios(get_json, params):
            if args.cold_only and not (scenario.cold or "ceiling" in scenario.name):
                continue
            load = load_average()
            wrk(base, scenario.paths, 3)
            result = wrk(base, scenario.paths, args.seconds)
            print(f"{scenario.name}: {result}", file=sys.stderr)
            rows.append((scenario, result, load))
    write_keeping_notes(args.output, report(rows, params, args.seconds, workers), NOTES_HEADING)
    print(args.output.read_text(encoding="utf-8"))


# --- in-process ---------------------------------------------------------------------------------

def run_in_process(args, params: dict) -> None:
    """CPU ms per request through the Flask test client: cache always missing, and hitting."""
    from api import create_app
    from api.v1.page_cache import EXTENSION_KEY, PageCache
    from config import Config

    app = create_app(Config(database_url=database_url(args.db), json_logs=False,
                            rate_limits=False,
                            log_level="WARNING"))
    client = app.test_client()
    budget = app.config["QUOTEWIRE"].page_cache_bytes

    def get_json(path: str) -> dict:
        return client.get(path).json

    print(f"| scenario (in-process, {args.requests} requests) | cold CPU ms | warm CPU ms |")
    print("| --- | ---: | ---: |")
    for scenario in scenarios(get_json, params)[:6]:
        timings = []
        for changing_stamp in (True, False):
            stamps = itertools.count() if changing_stamp else itertools.repeat(0)
            app.extensions[EXTENSION_KEY] = PageCache(stamps.__next__, budget)
            timings.append(cpu_ms_per_request(client, scenario.paths[0], args.requests))
        print(f"| {scenario.name} | {timings[0]:.2f} | {timings[1]:.2f} |")


def cpu_ms_per_request(client, path: str, requests: int) -> float:
    assert client.get(path).status_code == 200, path
    started = time.process_time()
    for _ in range(requests):
        client.get(path)
    return (time.process_time() - started) / requests * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="an SQLite file made by api_seed.py, or a database URL")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "api.md")
    parser.add_argument("--in-process", action="store_true",
                        help="CPU ms per request through the Flask test client; no wrk")
    parser.add_argument("--requests", type=int, default=200,
                        help="requests per scenario with --in-process")
    parser.add_argument("--cold-only", action="store_true",
                        help="only /healthz and the COLD scenarios (computed answers)")
    args = parser.parse_args()
    params = data_parameters(database_url(args.db))
    if args.in_process:
        run_in_process(args, params)
    else:
        run_wrk(args, params)


if __name__ == "__main__":
    main()
