"""What the benchmarks share when they write bench/results/*.md: the machine line, and
keeping the hand-written reading of the numbers when a run rewrites the generated part."""

import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or platform.machine())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{os.cpu_count()} CPUs ({cpu}), {memory} GiB RAM, {platform.platform()}"


def write_keeping_notes(path: Path, generated: str, notes_heading: str) -> None:
    """Write `generated` to `path`, followed by whatever `path` held from `notes_heading` on:
    the notes people wrote about the last run survive the next one (and should then be
    re-read against the new numbers)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    heading, notes = old.partition(notes_heading)[1:]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generated + (f"\n{heading}{notes}" if heading else ""), encoding="utf-8")
