"""Time `GET /v1/quotes?speaker=…` by a part of a name on a seeded corpus (no page cache).

    .venv/bin/python bench/api_seed.py var/bench/api.db --quotes 1000000      # once
    .venv/bin/python bench/speaker_search_bench.py var/bench/api.db

Through the Flask test client in one process, every answer computed afresh (the page cache
always misses), so the numbers are the cost of the speaker lookup in speaker_words plus the
quote page it filters. The seeded speakers are named "<First> <Last> <n>" from 28 first names
and 30 surnames, so one surname names about 670 speakers and one first name about 710: the
ambiguous searches are the expensive case. Writes bench/results/speaker_search_<engine>.md;
for PostgreSQL, copy the corpus there with bench/api_seed_postgres.py and pass its URL.
"""

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from results_file import machine, write_keeping_notes

RESULTS = Path(__file__).resolve().parent / "results"
NOTES_HEADING = "## Reading these numbers"
QUERIES = (
    ("full name, one speaker", "ana haddad 0"),
    ("first name and surname, ~24 speakers", "ana haddad"),
    ("surname alone, ~670 speakers", "varga"),
    ("first name alone, ~710 speakers", "ilse"),
    ("surname, oldest first", "varga&sort=published"),
    ("a word no name has", "nobody"),
)


def timed(client, path: str, requests: int) -> tuple[list[float], float, dict]:
    """Wall ms of each request, CPU ms per request, and the last answer."""
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.json)
    walls = []
    cpu_started = time.process_time()
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        walls.append((time.perf_counter() - started) * 1000)
    return walls, (time.process_time() - cpu_started) / requests * 1000, answer.json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="an SQLite file made by bench/api_seed.py, or a database URL")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    from api import create_app
    from api.v1.page_cache import EXTENSION_KEY, PageCache
    from config import Config

    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    app = create_app(Config(database_url=url, json_logs=False, log_level="WARNING"))
    app.extensions[EXTENSION_KEY] = PageCache(itertools.count().__next__, 1 << 24)
    client = app.test_client()
    engine = app.extensions["quotewire.database"].engine
    rows = []
    for name, query in QUERIES:
        walls, cpu, page = timed(client, f"/v1/quotes?speaker={query}", args.requests)
        rows.append(f"| {name} | `{query}` | {len(page['matched_speakers'])} | "
                    f"{len(page['items'])} | {statistics.median(walls):.1f} | "
                    f"{statistics.quantiles(walls, n=20)[-1]:.1f} | {max(walls):.1f} | "
                    f"{cpu:.1f} |")
        print(rows[-1], flush=True)
    generated = "\n".join([
        "# Speaker search by part of a name",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {machine()}, Python {sys.version.split()[0]}",
        f"- Data: {engine.dialect.name}, made by `bench/api_seed.py` (see its docstring)",
        f"- Method: `bench/speaker_search_bench.py`, {args.requests} requests per row through "
        "the Flask test client, page cache missing every time; a page is 50 quotes",
        "",
        "| search | `speaker=` | speakers matched (listed, at most 100) | quotes on page 1 "
        "| p50 ms | p95 ms | max ms | CPU ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows, ""])
    write_keeping_notes(RESULTS / f"speaker_search_{engine.dialect.name}.md", generated,
                        NOTES_HEADING)


if __name__ == "__main__":
    main()
