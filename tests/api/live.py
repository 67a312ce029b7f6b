"""A real gunicorn serving quotewire on a free loopback port, for end-to-end tests."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, workers: int = 2, log_level: str = "WARNING",
             env: dict[str, str] | None = None):
    """Run `quotewire serve`'s gunicorn command against `database_url`; yield its base URL.

    Rate limits are off and SIGTERM stops at once (no drain) unless `env` says otherwise: the
    tests and benchmarks that use this send far more requests than one client may.
    """
    with gunicorn_process(database_url, workers, log_level, env) as (base, _):
        yield base


@contextmanager
def gunicorn_process(database_url: str, workers: int = 2, log_level: str = "WARNING",
                     env: dict[str, str] | None = None):
    """As gunicorn(), yielding (base URL, the master's Popen) for tests that signal it."""
    port = free_port()
    env = {**os.environ, "QUOTEWIRE_RATE_LIMITS": "0", "QUOTEWIRE_DRAIN_SECONDS": "0",
           **(env or {}), "QUOTEWIRE_DATABASE_URL": database_url,
           "QUOTEWIRE_BIND": f"127.0.0.1:{port}", "QUOTEWIRE_WORKERS": str(workers),
           "QUOTEWIRE_LOG_LEVEL": log_level}
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
               "wsgi:app"]
    # Logs go to a file, not a pipe: a pipe nobody reads would block a busy server.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_ready(base, process, log)
            yield base, process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(base: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited: {log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not become ready within {STARTUP_SECONDS} s")
