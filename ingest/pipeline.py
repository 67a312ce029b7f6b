"""Extraction in a process pool, results in input order, with a bounded number in flight.

Extraction is CPU-bound and the store has one writer, so `--workers N` runs the extractor in
N processes while the calling process reads input and writes results. At most
IN_FLIGHT_PER_WORKER chunks per worker, or `ahead` jobs when the caller asks for more, are
queued, so memory stays flat on any corpus size.
Workers are spawned (never forked: no process inherits an open database connection) and
exit on their own when the process that started them dies, even by SIGKILL.
"""

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from extractors import Quote, extract

CHUNK_SIZE = 8
IN_FLIGHT_PER_WORKER = 4
PARENT_CHECK_SECONDS = 1.0

# The quotes, why the extractor failed on this text, or None for a job without text.
Result = list[Quote] | str | None


def extract_texts(texts: list[str | None]) -> list[Result]:
    """Extract each text (None: nothing to extract); an extractor error fails that text only."""
    results: list[Result] = []
    for text in texts:
        if text is None:
            results.append(None)
            continue
        try:
            results.append(extract(text))
        except Exception as exc:  # one bad article must not stop a corpus
            results.append(f"extractor failed: {type(exc).__name__}: {exc}")
    return results


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to `size` consecutive items."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extracted_in_order(jobs: Iterable[tuple[Any, str | None]], workers: int = 1,
                       ahead: int = 0) -> Iterator[tuple[Any, Result]]:
    """For each (payload, text) job yield (payload, result), in the order the jobs came.

    A writer that stores a batch of B results at a time passes `ahead=B`: while it writes
    one batch the workers extract the next, instead of running out of queued work a few
    chunks into the write and waiting for it to end."""
    if workers <= 1:
        for chunk in chunked(jobs, CHUNK_SIZE):
            yield from zip([p for p, _ in chunk], extract_texts([t for _, t in chunk]),
                           strict=True)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))
    try:
        pending: deque = deque()
        in_flight = max(workers * IN_FLIGHT_PER_WORKER, -(-ahead // CHUNK_SIZE) + workers)
        for chunk in chunked(jobs, CHUNK_SIZE):
            with sigint_blocked():  # a worker spawned here inherits the mask
                future = pool.submit(extract_texts, [t for _, t in chunk])
            pending.append(([p for p, _ in chunk], future))
            if len(pending) >= in_flight:
                yield from _finished(pending.popleft())
        while pending:
            yield from _finished(pending.popleft())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


@contextmanager
def sigint_blocked():
    """SIGINT held back in the block, and from birth in any worker spawned in it.

    Ctrl-C reaches every process of the terminal's group: the workers leave it to the
    parent (even while still importing, before any handler of theirs exists), which stops
    the run cleanly; they exit with it. A SIGINT held back here reaches the parent at the
    block's end."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: a watcher thread ends the worker once `parent_pid` is gone."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _finished(entry) -> Iterator[tuple[Any, Result]]:
    payloads, future = entry
    yield from zip(payloads, future.result(), strict=True)
