"""Ingestion benchmark: a generated corpus into SQLite and into PostgreSQL.

    flock /tmp/quotewire-bench.lock .venv/bin/python bench/ingest_bench.py --engines sqlite
    flock /tmp/quotewire-bench.lock .venv/bin/python bench/ingest_bench.py --engines postgresql \
        --postgres postgresql://postgres@127.0.0.1:5432/postgres

(defaults: --articles 100000 --workers 2). Each run keeps its engine's result in
var/bench/ingest_bench-<articles>.json and rewrites the table with every engine's latest.
Real articles instead of generated ones (the APP articles of ../shared/data, say):

    flock /tmp/quotewire-bench.lock .venv/bin/python bench/ingest_bench.py \
        --corpus ../shared/data/realnews-unlabelled/app-2025.jsonl \
        --output bench/results/ingest_app.md

Generates the corpus once (tests/storage/corpus.py: invented text, ~1.5 kB and ~10 quotes an
article) under var/bench/, then for each engine makes an empty database, runs
`quotewire ingest` on the corpus as a subprocess (a clean run, then the same command again,
which must store nothing), samples the resident memory of the whole process tree and the CPU
of the ingest and of a local PostgreSQL server (all of its processes: run it when no one else
uses that server), and writes bench/results/ingest.md. The PostgreSQL database is a scratch
one, made and dropped here.
"""

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results_file import machine, write_keeping_notes  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from extractors import EXTRACTOR_VERSION  # noqa: E402
from tests.storage.corpus import write_corpus  # noqa: E402

QUOTEWIRE = str(ROOT / ".venv" / "bin" / "quotewire")
SCRATCH_DB = f"qw_ingest_bench_{os.getpid()}"
NOTES_HEADING = "## Reading the numbers"


def tree_rss_bytes(pid: int, field: str = "VmRSS") -> int:
    """Resident memory of a process and all its descendants (Linux /proc).

    VmRSS counts memory-mapped database pages too (shared, reclaimable page cache);
    RssAnon is the processes' own memory.
    """
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(status.split(f"{field}:")[1].split()[0]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError):
            continue
    return total


def postgres_cpu_seconds() -> float:
    """CPU seconds of the local PostgreSQL server's processes, exited backends included (the
    postmaster's children times); 0 when no server runs on this machine."""
    total = 0
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if entry.name.isdigit() and "(postgres)" in stat:
            fields = stat.rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(argv: list[str], env: dict) -> tuple[float, tuple[int, int], str, float]:
    """Run a command: (seconds, peak tree RSS and RssAnon, stdout, CPU seconds of the tree)."""
    cpu_before = children_cpu_seconds()
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak, peak_anon = 0, 0

    def sample() -> None:
        nonlocal peak, peak_anon
        while process.poll() is None:
            peak = max(peak, tree_rss_bytes(process.pid))
            peak_anon = max(peak_anon, tree_rss_bytes(process.pid, "RssAnon"))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, (peak, peak_anon), out.strip(), children_cpu_seconds() - cpu_before


def fresh_database(engine_name: str, postgres_url: str | None) -> str:
    if engine_name == "sqlite":
        path = ROOT / "var" / "bench" / f"ingest-bench-{os.getpid()}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH_DB}"))
        connection.execute(text(f"CREATE DATABASE {SCRATCH_DB}"))
    admin.dispose()
    return str(make_url(postgres_url).set(database=SCRATCH_DB))


def drop_scratch(postgres_url: str) -> None:
    admin = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH_DB}"))
    admin.dispose()


def counts(url: str) -> tuple[int, int, int]:
    from models.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        result = tuple(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                       for table in ("documents", "quotes", "speakers"))
    engine.dispose()
    return result


def bench_engine(engine_name: str, corpus: Path, workers: int, postgres_url: str | None) -> dict:
    url = fresh_database(engine_name, postgres_url)
    env = {**os.environ, "QUOTEWIRE_DATABASE_URL": url}
    subprocess.run([QUOTEWIRE, "migrate"], env=env, check=True, capture_output=True)
    argv = [QUOTEWIRE, "ingest", "--workers", str(workers), str(corpus)]
    load_before, server_before = os.getloadavg()[0], postgres_cpu_seconds()
    seconds, peak, summary, cpu = run_measured(argv, env)
    load_after = os.getloadavg()[0]
    server_cpu = postgres_cpu_seconds() - server_before if engine_name == "postgresql" else 0.0
    documents, quotes, speakers = counts(url)
    again_seconds, again_peak, again_summary, _ = run_measured(argv, env)
    if counts(url) != (documents, quotes, speakers):
        raise SystemExit("the second run changed the store")
    if engine_name == "postgresql":
        drop_scratch(postgres_url)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{make_url(url).database}{suffix}").unlink(missing_ok=True)
    return {"engine": engine_name, "seconds": seconds, "peak": peak, "documents": documents,
            "quotes": quotes, "speakers": speakers, "summary": summary,
            "again_seconds": again_seconds, "again_peak": again_peak,
            "again_summary": again_summary, "cpu": cpu, "server_cpu": server_cpu,
            "load": (load_before, load_after)}


def report(results: list[dict], corpus_line: str, workers: int) -> str:
    lines = [
        "# Ingestion benchmark", "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"extractor {EXTRACTOR_VERSION}",
        f"- corpus: {corpus_line}",
        f"- command: `quotewire ingest --workers {workers} <corpus>` on an empty, migrated "
        "database, then the same command again (everything unchanged)",
        "- peak RSS: the ingest process and its extraction workers together, sampled every 0.2 s; "
        "RSS counts the memory-mapped SQLite file (page cache), anon is the processes' own "
        "memory",
        "- CPU: user + system seconds of the ingest process and its workers, plus (PostgreSQL) "
        "the local server's processes; `2-core capacity` = articles / (all that CPU s / 2), what "
        "the same work would reach with both cores to itself",
        "- aim (issue 16): at least 800 articles/s with 100,000 generated articles, 500/s with "
        "the 13,396 APP articles of ../shared/data/realnews-unlabelled, both engines",
        "", "| engine | articles/s | quotes/s | articles | quotes | speakers | time "
        "| peak RSS (anon) | CPU ms/article (ingest + server) | 2-core capacity "
        "| load avg (start, end) "
        "| re-run (unchanged) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['documents'] / r['seconds']:.0f} | "
            f"{r['quotes'] / r['seconds']:.0f} | {r['documents']} | {r['quotes']} | "
            f"{r['speakers']} | {r['seconds']:.0f} s | {r['peak'][0] / 2**20:.0f} MiB "
            f"({r['peak'][1] / 2**20:.0f} MiB) | "
            f"{1000 * r['cpu'] / r['documents']:.1f} + "
            f"{1000 * r.get('server_cpu', 0) / r['documents']:.1f} | "
            f"{r['documents'] / ((r['cpu'] + r.get('server_cpu', 0)) / 2):.0f} articles/s | "
            f"{r['load'][0]:.1f}, {r['load'][1]:.1f} | "
            f"{r['again_seconds']:.0f} s ({r['documents'] / r['again_seconds']:.0f} articles/s) |")
    lines += ["", "Summary lines printed by the command:", ""]
    lines += [f"- {r['engine']}: `{r['summary']}`; again: `{r['again_summary']}`"
              for r in results]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="a PostgreSQL URL whose server may hold a scratch database")
    parser.add_argument("--corpus", type=Path,
                        help="articles to ingest (a file or folder) instead of generated ones")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/ingest.md")
    args = parser.parse_args()
    if args.corpus:
        corpus, name = args.corpus.resolve(), args.corpus.stem
        files = [corpus] if corpus.is_file() else sorted(corpus.rglob("*.jsonl"))
        corpus_line = f"`{args.corpus}`"
    else:
        corpus, name = ROOT / "var" / "bench" / f"corpus-{args.articles}", str(args.articles)
        if not corpus.exists():
            write_corpus(corpus, args.articles, per_file=5000)
        files = sorted(corpus.glob("*.jsonl"))
        corpus_line = f"{args.articles} generated articles (tests/storage/corpus.py)"
    corpus_line += f", {sum(p.stat().st_size for p in files) / 1e6:.0f} MB of .jsonl"
    # Each engine's latest result is kept, so the engines can be run one command each.
    saved = ROOT / "var" / "bench" / f"ingest_bench-{name}.json"
    saved.parent.mkdir(parents=True, exist_ok=True)
    results = {r["engine"]: r for r in json.loads(saved.read_text())} if saved.exists() else {}
    for name in args.engines.split(","):
        results[name] = bench_engine(name, corpus, args.workers, args.postgres)
        saved.write_text(json.dumps(list(results.values()), indent=1))
    results = [results[name] for name in ("sqlite", "postgresql") if name in results]
    write_keeping_notes(args.output, report(results, corpus_line, args.workers), NOTES_HEADING)
    print(args.output.read_text())


if __name__ == "__main__":
    main()
