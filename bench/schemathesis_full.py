"""schemathesis with every check, 1,000 examples per operation, against a real gunicorn on each
engine: the long contract run that CI's short one (tests/api/test_live_server.py) stands for.

For each engine: a fresh database (an SQLite file, or a PostgreSQL database made for the run
and dropped after it), migrated, holding the example articles (`quotewire ingest`) and one API
key that may make every write (admin); gunicorn as `quotewire serve` runs it (4 workers) on a
free loopback port with rate limits off (the run sends far more requests than one client may);
then

    st --config-file schemathesis.toml run openapi.yaml --checks all --max-examples 1000
       --seed 7 --generation-codec ascii --workers 2 --header "Authorization: Bearer KEY"
       --url http://127.0.0.1:PORT

(ASCII strings: longer non-ASCII parameters, percent-encoded, can pass gunicorn's request-line
limit, which is answered before the app.) Counts every check's verdicts from schemathesis's
NDJSON report and writes bench/results/schemathesis.md.

    .venv/bin/python bench/schemathesis_full.py [--engines sqlite,postgresql] [--examples 1000]

PostgreSQL: QUOTEWIRE_PG_URL names the server (default postgresql://postgres@127.0.0.1:5432/postgres).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import machine, write_keeping_notes  # noqa: E402

from models.api_keys import create_api_key  # noqa: E402
from models.engine import make_engine, make_session_factory  # noqa: E402
from models.migrate import upgrade  # noqa: E402
from tests.api.live import gunicorn  # noqa: E402

OUTPUT = ROOT / "bench" / "results" / "schemathesis.md"
NOTES_HEADING = "## Reading the numbers"
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("QUOTEWIRE_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
WORKERS = 4  # what `quotewire serve` starts on this machine: min(4, 2 x cores)


@contextmanager
def database(engine_name: str, where: Path):
    """The URL of a fresh database of `engine_name`, dropped afterwards (PostgreSQL)."""
    if engine_name == "sqlite":
        yield f"sqlite:///{where / 'schemathesis.db'}"
        return
    import psycopg
    from psycopg import sql

    name = f"qw_st_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            info = psycopg.conninfo.conninfo_to_dict(ADMIN_URL)
            password = f":{info['password']}" if info.get("password") else ""
            yield (f"postgresql+psycopg://{info.get('user', 'postgres')}{password}@"
                   f"{info.get('host', '127.0.0.1')}:{info.get('port', 5432)}/{name}")
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


def seeded(url: str) -> str:
    """Migrate, ingest the example articles, and return a new API key that may make every
    write (corrections and takedowns too, not only ingests)."""
    upgrade(url)
    subprocess.run([str(BIN / "quotewire"), "ingest", str(ROOT / "examples" / "articles")],
                   env={**os.environ, "QUOTEWIRE_DATABASE_URL": url}, check=True,
                   capture_output=True, timeout=300)
    engine = make_engine(url)
    try:
        with make_session_factory(engine).begin() as session:
            return create_api_key(session, "schemathesis", scopes=("admin",))[1]
    finally:
        engine.dispose()


def st_command(base: str, key: str, examples: int, seed: int, report: Path) -> list[str]:
    return [str(BIN / "st"), "--config-file", str(ROOT / "schemathesis.toml"), "run",
            str(ROOT / "openapi.yaml"), "--checks", "all",
            "--max-examples", str(examples), "--seed", str(seed), "--generation-codec", "ascii",
            "--workers", "2", "--header", f"Authorization: Bearer {key}", "--url", base,
            "--no-color", "--report", "ndjson", "--report-ndjson-path", str(report)]


def verdicts(report: Path) -> tuple[Counter, int]:
    """(check name, status) counts over every test case, and how many test cases there were."""
    counts, cases = Counter(), 0
    with report.open(encoding="utf-8") as events:
        for line in events:
            finished = json.loads(line).get("ScenarioFinished")
            if not finished:
                continue
            for checks in finished["recorder"].get("checks", {}).values():
                cases += 1
                counts.update((check["name"], check["status"]) for check in checks)
    return counts, cases


def run_engine(engine_name: str, examples: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as where, database(engine_name, Path(where)) as url:
        key = seeded(url)
        report = Path(where) / "events.ndjson"
        with gunicorn(url, workers=WORKERS) as base:
            load_before, started = os.getloadavg()[0], time.monotonic()
            run = subprocess.run(st_command(base, key, examples, seed, report),
                                 capture_output=True, text=True, timeout=6 * 3600)
            seconds, load_after = time.monotonic() - started, os.getloadavg()[0]
        counts, cases = verdicts(report)
    output = run.stdout.strip().splitlines()
    # schemathesis's own count ("14343 generated, 14343 passed, 2 skipped") and its last word.
    generated = next((output[i + 1].strip() for i, line in enumerate(output[:-1])
                      if line.strip() == "Test cases:"), "")
    verdict = output[-1].strip("= ") if output else ""
    return {"engine": engine_name, "exit": run.returncode, "seconds": seconds, "cases": cases,
            "counts": counts, "load": (load_before, load_after),
            "summary": f"{generated}; {verdict}",
            "failures": found(run.stdout) if run.returncode else ""}


def found(output: str) -> str:
    """schemathesis's report of what went wrong: its FAILURES and ERRORS sections onwards."""
    starts = [at for at in (output.find("= FAILURES ="), output.find("= ERRORS =")) if at >= 0]
    return output[min(starts):] if starts else output[-20000:]


def commit() -> str:
    """The commit the run tested (`+` when the working tree differed from it)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout
    return git("rev-parse", "--short", "HEAD").strip() + ("+" if git("status", "--porcelain",
                                                                     "--untracked-files=no")
                                                          else "")


def report_lines(results: list[dict], examples: int, seed: int, tested: str) -> list[str]:
    checks = sorted({name for result in results for name, _ in result["counts"]})
    lines = [
        f"# schemathesis: every check, {examples:,} examples per operation, on each engine",
        "",
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        f"Commit: {tested}.",
        "Other engineers share this machine: the 1-minute load average at the start and end "
        "of each run is in the table.", "",
        "```", ".venv/bin/python bench/schemathesis_full.py", "```", "",
        "Each engine: a fresh database with the example articles and one API key that may "
        "make every write (admin), gunicorn as "
        f"`quotewire serve` runs it ({WORKERS} workers) with rate limits off, then:", "",
        "```",
        "st --config-file schemathesis.toml run openapi.yaml --checks all "
        f"--max-examples {examples} --seed {seed} "
        "--generation-codec ascii --workers 2 --header \"Authorization: Bearer KEY\" "
        "--url http://127.0.0.1:PORT", "```", "",
        "| engine | exit | test cases checked | schemathesis says | wall time | load |",
        "|---|---:|---:|---|---:|---|"]
    for r in results:
        lines.append(f"| {r['engine']} | {r['exit']} | {r['cases']:,} | {r['summary']} | "
                     f"{r['seconds']:.0f} s | {r['load'][0]:.2f} → {r['load'][1]:.2f} |")
    lines += ["", "Verdicts per check (passed / failed / skipped, over every test case):", "",
              "| check | " + " | ".join(r["engine"] for r in results) + " |",
              "|---|" + "---:|" * len(results)]
    for name in checks:
        cells = [" / ".join(f"{r['counts'][(name, status)]:,}"
                            for status in ("success", "failure", "skip")) for r in results]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for r in results:
        if r["failures"]:
            lines += ["", f"### What schemathesis found on {r['engine']}", "", "```",
                      r["failures"][:20000].rstrip(), "```"]
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    results, tested = [], commit()  # before the run, which may take a while
    for engine_name in args.engines.split(","):
        print(f"{engine_name}: running", flush=True)
        results.append(run_engine(engine_name, args.examples, args.seed))
        print(f"{engine_name}: {results[-1]['summary']} ({results[-1]['seconds']:.0f} s)")
        print(results[-1]["failures"][:20000], flush=True)
    write_keeping_notes(OUTPUT, "\n".join(report_lines(results, args.examples, args.seed, tested)),
                        NOTES_HEADING)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
