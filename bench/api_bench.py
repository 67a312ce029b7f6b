"""Measure the read API under gunicorn with wrk, in one run, and write bench/results/api.md.

    apt-get install -y wrk                                   # the load generator
    .venv/bin/python bench/api_seed.py var/bench/api.db      # 1,000,000 quotes, ~3 minutes
    .venv/bin/python bench/api_bench.py var/bench/api.db     # ~2 minutes

gunicorn runs exactly as `quotewire serve` configures it (gunicorn.conf.py, default workers,
JSON access log to a file); wrk runs on the same machine over loopback. Each scenario gets a
warm-up and then a fixed-length run at 16 connections. Aims (issue 5): every query at least
half the /healthz throughput, p99 under 50 ms, the page 1,000 deep within 1.5x of page 1.
"""

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.api.live import gunicorn  # noqa: E402

CONNECTIONS = 16
DEEP_PAGE = 1000
LATENCY_RE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, seconds: int) -> dict:
    """Run wrk against `url`; return requests/s, p50 and p99 in ms, and error counts."""
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY_RE.findall(out)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latencies["50"], "p99": latencies["99"],
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": errors.group(1) if errors else ""}


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def deep_cursor(base: str, pages: int) -> str:
    """The cursor of page `pages`, found by following `next` from page 1 like a client."""
    cursor = None
    for _ in range(pages - 1):
        query = f"?cursor={cursor}" if cursor else ""
        cursor = get_json(f"{base}/v1/quotes{query}")["next"]
    return cursor


def scenario_parameters(db_path: Path) -> dict:
    """Pick realistic filter values from the data: the most quoted speaker, a big outlet."""
    db = sqlite3.connect(db_path)
    speaker_id, = db.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
                             "GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    name, = db.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    outlet_id, = db.execute("SELECT outlet_id FROM quotes GROUP BY outlet_id "
                            "ORDER BY count(*) DESC LIMIT 1 OFFSET 2").fetchone()
    quotes, = db.execute("SELECT count(*) FROM quotes").fetchone()
    db.close()
    return {"speaker": name, "outlet_id": outlet_id, "quotes": quotes}


def scenarios(base: str, params: dict) -> list[tuple[str, str]]:
    speaker = urllib.parse.quote(params["speaker"].lower())
    cursor = deep_cursor(base, DEEP_PAGE)
    return [
        ("/healthz (ceiling)", f"{base}/healthz"),
        ("quotes by speaker (name)", f"{base}/v1/quotes?speaker={speaker}"),
        ("quotes by outlet and date range",
         f"{base}/v1/quotes?outlet_id={params['outlet_id']}&from=2021-01-01&to=2021-06-30"),
        ("full-text (q=harbour strike)", f"{base}/v1/quotes?q=harbour+strike"),
        ("quotes page 1", f"{base}/v1/quotes"),
        (f"quotes page {DEEP_PAGE:,}", f"{base}/v1/quotes?cursor={cursor}"),
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
    cpu = names[0] if names else cpu
    return (f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def report(rows: list[tuple[str, str, dict]], params: dict, seconds: int) -> str:
    ceiling = rows[0][2]["rps"]
    page1 = next(r for name, _, r in rows if name == "quotes page 1")
    lines = [
        "# API read benchmark", "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}; load average when the run ended: "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine "
        "competes with both gunicorn and wrk)",
        f"- Data: {params['quotes']:,} quotes in SQLite (WAL), made by `bench/api_seed.py`",
        f"- Server: gunicorn as `quotewire serve` configures it (gunicorn.conf.py defaults: "
        f"{os.environ.get('QUOTEWIRE_WORKERS', 'min(4, 2 x cores)')} sync workers), "
        "JSON access log on",
        f"- Load: wrk 4.1 (Debian package `wrk`), 2 threads, {CONNECTIONS} connections, "
        f"{seconds} s per scenario after a 3 s warm-up, same machine, loopback",
        "- Reproduce: `bench/api_seed.py var/bench/api.db`, then "
        "`bench/api_bench.py var/bench/api.db`",
        "",
        "| scenario | req/s | vs ceiling | p50 ms | p99 ms | errors | aim met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, _, r in rows:
        share = r["rps"] / ceiling
        aims = [r["p99"] < 50, r["non_2xx"] == 0]
        if name != rows[0][0]:
            aims.append(share >= 0.5)
        if name.startswith(f"quotes page {DEEP_PAGE:,}"):
            aims.append(r["p99"] <= 1.5 * page1["p99"] and r["rps"] >= page1["rps"] / 1.5)
        lines.append(f"| {name} | {r['rps']:,.0f} | {share:.0%} | {r['p50']:.1f} | "
                     f"{r['p99']:.1f} | {r['non_2xx']} {r['socket_errors']} | "
                     f"{'yes' if all(aims) else 'NO'} |")
    lines += ["", "URLs (host elided):", ""]
    lines += [f"- {name}: `{url.split('/', 3)[3]}`" for name, url, _ in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "api.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    params = scenario_parameters(args.db)
    workers = int(os.environ.get("QUOTEWIRE_WORKERS", min(4, 2 * (os.cpu_count() or 1))))
    url = f"sqlite:///{args.db.resolve()}"
    with gunicorn(url, workers=workers, log_level="INFO") as base:
        rows = []
        for name, target in scenarios(base, params):
            wrk(target, 3)
            result = wrk(target, args.seconds)
            print(f"{name}: {result}", file=sys.stderr)
            rows.append((name, target, result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(rows, params, args.seconds), encoding="utf-8")
    print(args.output.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
