"""Graceful drain under a real gunicorn: on SIGTERM /readyz answers 503 at once while requests
are still served; then the listener closes, requests in flight finish, and the process exits 0.
"""

import json
import signal
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.api.live import gunicorn_process

pytestmark = pytest.mark.slow
TEXT = "“The bridge opens in June,” said Mayor Ilse Varga.".encode()
WAIT_SECONDS = 60  # a bound for a loaded machine, not a timing: the drain at stake is 600 s


def status_of(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_for(condition, what: str):
    """Poll `condition` until it returns something true; fail after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"gave up waiting for {what}")


def draining_problem(base: str) -> dict | None:
    """/readyz's problem document once it answers 503, else None."""
    status, body = status_of(f"{base}/readyz")
    return body if status == 503 else None


def worker_count(master) -> int:
    return len(Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split())


def start_request_without_its_last_bytes(base: str) -> socket.socket:
    """A POST /v1/extract whose body is not all sent: a worker is busy with it until it is."""
    address = urlsplit(base)
    connection = socket.create_connection((address.hostname, address.port), timeout=30)
    head = (f"POST /v1/extract HTTP/1.1\r\nHost: {address.netloc}\r\n"
            f"Content-Type: text/plain\r\nContent-Length: {len(TEXT)}\r\n"
            "Connection: close\r\n\r\n").encode()
    connection.sendall(head + TEXT[:-5])
    return connection


def finish_and_read(connection: socket.socket) -> bytes:
    connection.sendall(TEXT[-5:])
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    connection.close()
    return answer


def test_sigterm_drains_then_finishes_requests_in_flight_and_exits(database_url, engine):
    drain = {"QUOTEWIRE_DRAIN_SECONDS": "3"}
    with gunicorn_process(database_url, workers=2, env=drain) as (base, master):
        assert status_of(f"{base}/readyz")[0] == 200
        in_flight = start_request_without_its_last_bytes(base)
        master.send_signal(signal.SIGTERM)

        problem = wait_for(lambda: draining_problem(base), "/readyz to answer 503")
        assert "shutting down" in problem["detail"]
        assert status_of(f"{base}/healthz")[0] == 200  # everything else is still served
        assert status_of(f"{base}/v1/quotes")[0] == 200

        # The drain is over when gunicorn stops its workers: the idle one exits, the busy
        # one finishes its request first.
        wait_for(lambda: worker_count(master) == 1, "the idle worker to exit after the drain")
        answer = finish_and_read(in_flight)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert b"Mayor Ilse Varga" in answer
        assert master.wait(timeout=WAIT_SECONDS) == 0


def test_a_second_sigterm_cuts_the_drain_short(database_url, engine):
    with gunicorn_process(database_url, env={"QUOTEWIRE_DRAIN_SECONDS": "600"}) as (base, master):
        master.send_signal(signal.SIGTERM)
        wait_for(lambda: draining_problem(base), "/readyz to answer 503")
        master.send_signal(signal.SIGTERM)
        assert master.wait(timeout=WAIT_SECONDS) == 0  # not the 600 s drain
