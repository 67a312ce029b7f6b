"""Start-up benchmark: `quotewire --help` and `quotewire extract` of a one-line file, against a
bare interpreter start (`python -c pass`).

    .venv/bin/python bench/startup_bench.py [--before PATH] [--rounds 40]

Runs the commands in turns (bare, help, extract, bare, …) so that all see the same load, and
reports the median wall time and CPU time of each and its ratio to the bare start; with
valgrind installed also the instructions each executes (one run each, steady whatever the
load). `--before PATH` adds the same two commands run from another checkout (say a `git
worktree` of an older commit) with this venv, for before/after figures from one run. Writes
bench/results/startup.md, keeping its notes section.

Bytecode is written and used, as for an installed package (pip compiles it at install): a
PYTHONDONTWRITEBYTECODE in the environment would make every run compile the project's
modules again and measure that instead.
"""

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from results_file import machine, write_keeping_notes  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
QUOTEWIRE = str(ROOT / ".venv" / "bin" / "quotewire")
ARTICLE = "“The ferry will run again on Monday,” harbour master Olek Brandt said.\n"
NOTES_HEADING = "## Reading the numbers"


def commands(article: Path, before: Path | None) -> dict[str, tuple[list[str], dict]]:
    """name -> (argv, extra environment)."""
    found = {"python -c pass": ([PYTHON, "-c", "pass"], {}),
             "quotewire --help": ([QUOTEWIRE, "--help"], {}),
             "quotewire extract one.txt": ([QUOTEWIRE, "extract", str(article)], {})}
    if before is not None:
        where = {"PYTHONPATH": str(before)}
        found["before: quotewire --help"] = ([QUOTEWIRE, "--help"], where)
        found["before: quotewire extract one.txt"] = (
            [QUOTEWIRE, "extract", str(article)], where)
    return found


def environment(extra: dict) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    return {**env, **extra}


def run_once(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(argv: list[str], env: dict) -> int | None:
    """Instructions executed by one run (valgrind's callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                             *argv], env=env, capture_output=True, text=True, check=True)
    line = next(line for line in result.stderr.splitlines() if "Collected :" in line)
    return int(line.rsplit(":", 1)[1])


def measure(found: dict, rounds: int) -> dict[str, dict]:
    for argv, extra in found.values():  # writes the bytecode, warms the file cache
        run_once(argv, environment(extra))
    samples = {name: [] for name in found}
    for _ in range(rounds):
        for name, (argv, extra) in found.items():
            samples[name].append(run_once(argv, environment(extra)))
    results = {}
    for name, runs in samples.items():
        argv, extra = found[name]
        results[name] = {"wall": statistics.median(wall for wall, _ in runs),
                         "cpu": statistics.median(cpu for _, cpu in runs),
                         "instructions": instructions(argv, environment(extra))}
    return results


def report(results: dict[str, dict], rounds: int, load: tuple[float, float]) -> str:
    bare = results["python -c pass"]
    lines = [
        "# Start-up benchmark", "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine()}",
        f"- Python {platform.python_version()}; {rounds} rounds, the commands in turns; "
        "medians",
        f"- load average (start, end): {load[0]:.1f}, {load[1]:.1f}",
        "- aim: `quotewire --help` and `quotewire extract` of a one-line file within 3x a bare "
        "interpreter start",
        "", "| command | wall ms | x bare | CPU ms | x bare | instructions (M) | x bare |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        counted = (f"{r['instructions'] / 1e6:.0f} | {r['instructions'] / bare['instructions']:.2f}"
                   if r["instructions"] else "- | -")
        lines.append(f"| {name} | {1000 * r['wall']:.1f} | {r['wall'] / bare['wall']:.2f} | "
                     f"{1000 * r['cpu']:.1f} | {r['cpu'] / bare['cpu']:.2f} | {counted} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--before", type=Path,
                        help="another checkout whose commands to measure alongside")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/startup.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "one.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        load_start = os.getloadavg()[0]
        results = measure(commands(article, args.before), args.rounds)
        load = (load_start, os.getloadavg()[0])
    write_keeping_notes(args.output, report(results, args.rounds, load), NOTES_HEADING)
    print(args.output.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
