"""The Spark job in local mode beside `quotewire extract` and `quotewire ingest --workers 2`,
back to back on one generated corpus, then `quotewire load` of its output into PostgreSQL.

    flock /tmp/quotewire-bench.lock .venv/bin/python bench/spark_bench.py --articles 100000 \
        --postgres postgresql://postgres@127.0.0.1:5432/postgres

The corpus is the ingest benchmark's (tests/storage/corpus.py, ~1.5 kB and ~10 quotes an
article, .jsonl files of 1,000 lines) under var/bench/. CPU is user + system of each command
and its whole process tree (the JVM and Spark's Python workers included), so "articles per
core-second" compares the commands' work, whatever else the machine was doing. The generated
part of bench/results/spark.md is rewritten; the notes after NOTES_HEADING are kept.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results_file import machine, write_keeping_notes  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from extractors import EXTRACTOR_VERSION  # noqa: E402
from tests.storage.corpus import write_corpus  # noqa: E402

QUOTEWIRE = str(ROOT / ".venv" / "bin" / "quotewire")
NOTES_HEADING = "## Reading the numbers"


def tree_cpu(pid: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of `pid` and every descendant (Linux /proc). pyspark
    never waits for its JVM, so the kernel's children counts miss it: it is sampled instead."""
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            seen[current] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError):
            continue


def measured(argv: list[str], env: dict) -> dict:
    """Run a command to its end: wall seconds, CPU seconds (the process tree's, sampled
    every 0.2 s: a short-lived child between samples is missed), last line."""
    seen: dict[int, float] = {}
    started = time.monotonic()
    with subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, cwd=ROOT) as process:
        while process.poll() is None:
            tree_cpu(process.pid, seen)
            time.sleep(0.2)
        stdout, stderr = process.communicate()
    wall = time.monotonic() - started
    if process.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{stderr[-2000:]}")
    cpu = sum(seen.values())
    lines = (stdout.strip() or stderr.strip()).splitlines()
    return {"wall": wall, "cpu": cpu, "said": lines[-1] if lines else "",
            "load": os.getloadavg()[0]}


def scratch_database(postgres_url: str, name: str) -> str:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") \
        + f"/{name}"


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    work = ROOT / "var" / "bench"
    corpus = work / f"corpus-{args.articles}"
    if not corpus.exists():
        write_corpus(corpus, args.articles)
    output = work / f"spark-{args.articles}"
    env = dict(os.environ)
    runs = {}
    runs["extract"] = measured(["sh", "-c", f"exec {QUOTEWIRE} extract {corpus} > /dev/null"],
                              env)
    runs["spark-extract"] = measured([QUOTEWIRE, "spark-extract", str(corpus), str(output),
                                      "--format", "jsonl", "--master", "local[2]",
                                      "--overwrite"], env)
    for command, argv in (("ingest --workers 2", ["ingest", "--workers", "2", str(corpus)]),
                          ("load", ["load", str(output)])):
        url = scratch_database(args.postgres, f"qw_spark_bench_{command.split()[0]}")
        db_env = dict(env, QUOTEWIRE_DATABASE_URL=url)
        subprocess.run([QUOTEWIRE, "migrate"], env=db_env, check=True, capture_output=True)
        runs[command] = measured([QUOTEWIRE, *argv], db_env)
    corpus_bytes = sum(path.stat().st_size for path in corpus.glob("*.jsonl"))
    write_keeping_notes(ROOT / "bench" / "results" / "spark.md",
                        report(runs, args.articles, corpus_bytes, folder_bytes(output)),
                        NOTES_HEADING)


def report(runs: dict, articles: int, corpus_bytes: int, parquet_bytes: int) -> str:
    rows = "\n".join(
        f"| `quotewire {name}` | {run['wall']:.0f} s | {articles / run['wall']:.0f} | "
        f"{run['cpu']:.0f} s | {articles / run['cpu']:.0f} | {run['load']:.1f} | "
        f"`{run['said'][:160]}` |" for name, run in runs.items())
    return (f"# Spark job benchmark\n\n"
            f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n- machine: {machine()}\n"
            f"- Python {sys.version.split()[0]}, pyspark 4.0.1 (local[2]), "
            f"extractor {EXTRACTOR_VERSION}\n"
            f"- corpus: {articles} generated articles (tests/storage/corpus.py), "
            f"{corpus_bytes / 1e6:.0f} MB of .jsonl; job output {parquet_bytes / 1e6:.0f} MB "
            f"of Parquet\n"
            f"- ingest and load into PostgreSQL (a fresh database each); run back to back in "
            f"the order listed\n"
            f"- CPU: user + system of the command's process tree (JVM and Python workers "
            f"included), sampled every 0.2 s; PostgreSQL's own server CPU is not counted\n\n"
            f"| command | wall | articles/s | CPU | articles per core-second | "
            f"load avg at end | last line |\n|---|---|---|---|---|---|---|\n{rows}\n")


if __name__ == "__main__":
    main()
