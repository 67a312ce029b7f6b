"""Reads stay fast while clients hammer POST /v1/extract: a bounded load test on loopback.

Starts gunicorn as `quotewire serve` runs it (default settings: workers, rate limits, extract
caps) over a small SQLite store of the example articles; then, for each phase, several
extract clients, each from its own loopback address (127.0.0.11, .12, …, so each has its own
rate-limit budget, as distinct hosts would), post maximal bodies (just under the extract cap,
in the costliest hostile shapes of bench/extract_hostile.py) as fast as they are answered,
while one reader asks GET /v1/quotes… one request at a time and times every answer (from 40
addresses in turn, 127.0.1.1 to 127.0.1.40, so the reads stay within the per-address limit as
many ordinary readers would). Every loop is bounded in requests and seconds and the whole run
stops by itself.

    .venv/bin/python bench/extract_load.py [--seconds 30] [--clients 6] [--server-nice -5]

--server-nice (root only, for negative values) runs gunicorn and the reader at that niceness:
on a development machine shared with other work it stands in for a machine of the server's
own, where nothing else competes with it. The flood clients get the same niceness: clients
starved of CPU answer slowly, and gunicorn's sync worker lingers after each answer until its
client has closed (up to 2 s), which would measure slow clients rather than the limits.

Phases: reads alone (the baseline); one client extracting back to back (what one running
extraction costs the reads); the flood clients all refused at once (what answering refusals
costs); the flood at the default settings; the same flood with rate limits off
(QUOTEWIRE_RATE_LIMITS=0: what the per-request bounds give against clients from more addresses
than the limits can tell apart). Also measures, in
process, the CPU time of each hostile shape at the default extract cap. Writes
bench/results/limits.md.
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract_hostile import HOSTILE, cpu_seconds  # noqa: E402 - bench/ is this script's own directory
from results_file import machine, write_keeping_notes  # noqa: E402

from config import Config  # noqa: E402
from tests.api.live import gunicorn_process  # noqa: E402

OUTPUT = ROOT / "bench" / "results" / "limits.md"
NOTES_HEADING = "## Reading the numbers"
READER_ADDRESSES = [f"127.0.1.{n}" for n in range(1, 41)]
MAX_REQUESTS_PER_CLIENT = 5_000
READ_PATHS = ("/v1/quotes?limit=20", "/v1/quotes?limit=5&kind=full", "/v1/speakers?limit=10",
              "/v1/quotes?q=bridge", "/v1/outlets", "/v1/quotes?limit=50&sort=published")
# The shapes that cost the most CPU per byte (bench/results/limits.md, first table).
FLOOD_SHAPES = ("quotes and cues only", "unmatched straight marks", "markup",
                "deeply nested quotes", "ordinary prose")
P99_AIM_MS = 100


def maximal_body(shape: str, cap: int) -> bytes:
    """The shape's text, as many UTF-8 bytes as the cap allows."""
    body = HOSTILE[shape](cap).encode()[:cap]
    return body.decode("utf-8", "ignore").encode()


def one_request(host: str, port: int, source: str, method: str, path: str,
                body: bytes | None = None) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=60, source_address=(source, 0))
    try:
        headers = {"Content-Type": "text/plain"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        connection.close()


def raw_post(port: int, source: str, request: bytes) -> tuple[int, float]:
    """Send a prepared request and read the answer to its end, with as little client work as
    possible (the flood clients share this machine's CPU with the server)."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60,
                                  source_address=(source, 0)) as connection:
        with contextlib.suppress(OSError):  # a refused body may be cut short by the server
            connection.sendall(request)
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := connection.recv(65536):
                answer += chunk
    status = int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else 0
    return status, time.perf_counter() - started


def extract_client(port: int, source: str, body: bytes, seconds: float, niceness: int,
                   results) -> None:
    os.setpriority(os.PRIO_PROCESS, 0, niceness)
    request = (f"POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
               "Connection: close\r\n\r\n").encode() + body
    statuses, durations = Counter(), []
    deadline = time.monotonic() + seconds
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() > deadline:
            break
        status, took = raw_post(port, source, request)
        statuses[status] += 1
        if status == 200:
            durations.append(took)
    results.put(("extract", statuses, durations, time.process_time()))


def reader(port: int, seconds: float, niceness: int, results) -> None:
    os.setpriority(os.PRIO_PROCESS, 0, niceness)
    statuses, durations = Counter(), []
    deadline = time.monotonic() + seconds
    for n in range(MAX_REQUESTS_PER_CLIENT * 10):
        if time.monotonic() > deadline:
            break
        status, took = one_request("127.0.0.1", port,
                                   READER_ADDRESSES[n % len(READER_ADDRESSES)], "GET",
                                   READ_PATHS[n % len(READ_PATHS)])
        statuses[status] += 1
        durations.append(took)
    results.put(("read", statuses, durations, time.process_time()))


def server_cpu_seconds(master: int) -> float:
    """CPU seconds used so far by gunicorn: the master, its running workers, and the workers
    it has replaced (max_requests recycles them during a run; their time is in the master's
    cutime and cstime once reaped)."""
    ticks = sum(_stat(master)[11:15])  # utime, stime, cutime, cstime
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        with contextlib.suppress(FileNotFoundError):  # a worker that has just exited
            ticks += sum(_stat(int(pid))[11:13])
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[int]:
    """The numeric fields of /proc/PID/stat after the command name (utime is [11])."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return [int(field) if field.lstrip("-").isdigit() else 0 for field in fields]


def run_phase(port: int, master: int, clients: int, seconds: float, cap: int,
              niceness: int) -> dict:
    results = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=reader, args=(port, seconds, niceness, results))]
    for n in range(clients):
        body = maximal_body(FLOOD_SHAPES[n % len(FLOOD_SHAPES)], cap)
        processes.append(multiprocessing.Process(
            target=extract_client,
            args=(port, f"127.0.0.{11 + n}", body, seconds, niceness, results)))
    load_before, server_before = os.getloadavg()[0], server_cpu_seconds(master)
    for process in processes:
        process.start()
    gathered = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    reads = next(item[:2] for kind, *item in gathered if kind == "read")
    extract_statuses, extract_durations = Counter(), []
    for kind, statuses, durations, _ in gathered:
        if kind == "extract":
            extract_statuses += statuses
            extract_durations += durations
    return {"reads": reads, "extract": (extract_statuses, extract_durations),
            "load": (load_before, os.getloadavg()[0]),
            "cpu": (server_cpu_seconds(master) - server_before,
                    sum(item[-1] for item in gathered))}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def phase_row(name: str, result: dict) -> str:
    statuses, durations = result["reads"]
    extract_statuses, extract_durations = result["extract"]
    answered = ", ".join(f"{status or 'no answer'}: {count:,}"
                         for status, count in sorted(extract_statuses.items()))
    extract_p50 = f"{statistics.median(extract_durations) * 1000:.0f}" \
        if extract_durations else "-"
    met = "yes" if percentile(durations, 0.99) < P99_AIM_MS and set(statuses) == {200} else "NO"
    return (f"| {name} | {len(durations):,} | {percentile(durations, 0.5):.1f} | "
            f"{percentile(durations, 0.99):.1f} | {max(durations) * 1000:.1f} | {met} | "
            f"{answered or '-'} | {extract_p50} | {result['cpu'][0]:.1f} | "
            f"{result['cpu'][1]:.1f} | {result['load'][0]:.2f} → {result['load'][1]:.2f} |")


def hostile_table(cap: int) -> list[str]:
    lines = [f"| input ({cap:,} bytes, the default cap) | CPU s | quotes |", "|---|---:|---:|"]
    worst = 0.0
    for name in HOSTILE:
        text = maximal_body(name, cap).decode()
        seconds, quotes = cpu_seconds(text)
        worst = max(worst, seconds)
        lines.append(f"| {name} | {seconds:.3f} | {quotes:,} |")
    lines.append(f"\nWorst: {worst:.2f} s of CPU (extraction only, before serialising).")
    return lines


def renice_server(master: int, niceness: int) -> None:
    """Set the niceness of gunicorn's master and its workers (workers forked later inherit)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in (master, *map(int, children)):
        os.setpriority(os.PRIO_PROCESS, pid, niceness)


def whole_request_table(cap: int, database_url: str) -> list[str]:
    """CPU time of whole POST /v1/extract requests (parse, extract, serialise) in process."""
    from api import create_app

    app = create_app(Config(database_url=database_url, json_logs=False, log_level="WARNING",
                            rate_limits=False))
    client = app.test_client()
    lines = ["| maximal body (default settings, in process) | status | CPU s | quotes answered |",
             "|---|---:|---:|---:|"]
    for shape in FLOOD_SHAPES:
        body = maximal_body(shape, cap)
        started = time.process_time()
        response = client.post("/v1/extract", data=body, content_type="text/plain")
        spent = time.process_time() - started
        answered = len(response.json.get("quotes", [])) if response.status_code == 200 else "-"
        lines.append(f"| {shape} | {response.status_code} | {spent:.3f} | {answered} |")
    app.extensions["quotewire.database"].engine.dispose()
    return lines


def stored_examples(where: Path) -> str:
    url = f"sqlite:///{where / 'load.db'}"
    env = {**os.environ, "QUOTEWIRE_DATABASE_URL": url}
    quotewire = str(Path(sys.executable).parent / "quotewire")
    for command in (["migrate"], ["ingest", str(ROOT / "examples" / "articles")]):
        subprocess.run([quotewire, *command], env=env, check=True, capture_output=True)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    parser.add_argument("--clients", type=int, default=6, help="extract clients")
    parser.add_argument("--server-nice", type=int, default=0,
                        help="niceness of gunicorn and the reader (see above)")
    args = parser.parse_args()
    defaults = Config()
    cap = defaults.extract_max_bytes
    hostile = hostile_table(cap)
    rows = []
    with tempfile.TemporaryDirectory() as where:
        url = stored_examples(Path(where))
        hostile += ["", *whole_request_table(cap, url)]
        phases = (("reads alone", 0, {}),
                  ("one client extracting back to back (limits off)", 1,
                   {"QUOTEWIRE_RATE_LIMITS": "0"}),
                  (f"{args.clients} clients refused at once (extract limit 1 per hour)",
                   args.clients, {"QUOTEWIRE_RATE_LIMIT_EXTRACT": "1 per hour"}),
                  (f"{args.clients} clients, default settings", args.clients, {}),
                  (f"{args.clients} clients, rate limits off", args.clients,
                   {"QUOTEWIRE_RATE_LIMITS": "0"}))
        for name, clients, env in phases:
            # Rate limits and drain as in production unless the phase says otherwise.
            env = {"QUOTEWIRE_RATE_LIMITS": "1", "QUOTEWIRE_DRAIN_SECONDS": "0", **env}
            workers = int(os.environ.get("QUOTEWIRE_WORKERS",
                                         min(4, 2 * (os.cpu_count() or 1))))
            with gunicorn_process(url, workers=workers, env=env) as (base, master):
                port = int(base.rsplit(":", 1)[1])
                renice_server(master.pid, args.server_nice)
                result = run_phase(port, master.pid, clients, args.seconds, cap,
                                   args.server_nice)
            rows.append(phase_row(name, result))
            print(rows[-1], file=sys.stderr)
    write_keeping_notes(OUTPUT, report(rows, hostile, args, defaults, workers), NOTES_HEADING)
    print(OUTPUT.read_text(encoding="utf-8"))


def report(rows, hostile, args, defaults: Config, workers: int) -> str:
    return "\n".join([
        "# Limits: one request's work, and reads under an extract flood",
        "",
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "Other engineers share this machine: the load average (1 min) at the start and end of "
        "each phase is in the last column.",
        "",
        "```",
        f".venv/bin/python bench/extract_load.py --seconds {args.seconds:g} "
        f"--clients {args.clients} --server-nice {args.server_nice}",
        "```",
        "",
        "## The worst hostile input at the default extract cap (in process, CPU seconds)",
        "",
        "Extraction alone for every shape of `bench/extract_hostile.py`, then whole requests "
        "(the CPU budget stops any that would run over it: 422).",
        "",
        *hostile,
        "",
        f"## Reads while {args.clients} clients post maximal bodies to /v1/extract",
        "",
        f"gunicorn as `quotewire serve` runs it ({workers} sync workers), rate limits "
        f"{defaults.rate_limit} per address and {defaults.rate_limit_extract} per address "
        f"for extraction, counted in each worker's memory (no Redis); extract cap "
        f"{defaults.extract_max_bytes:,} bytes, {defaults.extract_cpu_seconds:g} s of CPU. "
        f"Each phase lasts {args.seconds:g} s; each extract client has its own loopback "
        f"address and posts one shape of {', '.join(FLOOD_SHAPES)} in turn; one reader asks "
        f"{len(READ_PATHS)} read URLs in turn, one at a time, from {len(READER_ADDRESSES)} "
        f"addresses in turn; gunicorn and every client run at nice {args.server_nice}. "
        f"Aim: read p99 under "
        f"{P99_AIM_MS} ms, every read 200.",
        "",
        "| phase | reads | read p50 ms | read p99 ms | read max ms | aim met | extract "
        "answers by status | extract 200 p50 ms | server CPU s | clients' CPU s | load |",
        "|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    main()
