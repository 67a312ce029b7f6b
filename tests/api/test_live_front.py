"""Against a real gunicorn: what it answers itself (over-long request lines, huge headers,
broken HTTP) is problem+json too, and so are the app's answers to doubled slashes, chunked
bodies over the limit and forged Host headers."""

import json
import socket
from urllib.parse import urlsplit

import pytest

from tests.api.factories import store_corpus
from tests.api.live import gunicorn
from tests.conftest import empty_all_tables

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def served(database_url, engine):
    empty_all_tables(engine)
    store_corpus(engine)
    try:
        with gunicorn(database_url, workers=1) as base:
            yield urlsplit(base)
    finally:
        empty_all_tables(engine)


def exchange(served, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `raw` bytes as they are; return the status, headers and body of the answer."""
    with socket.create_connection((served.hostname, served.port), timeout=10) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # gunicorn may answer and close before reading all of a refused request
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip()
               for k, _, v in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, body


def request(served, target: str, *extra_headers: str, body: bytes = b"",
            method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    lines = [f"{method} {target} HTTP/1.1", f"Host: {served.netloc}", "Connection: close",
             *extra_headers]
    return exchange(served, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


def assert_problem(answer, status: int) -> dict:
    code, headers, body = answer
    assert code == status, (code, body[:300])
    assert headers["content-type"] == PROBLEM, headers
    problem = json.loads(body)
    assert problem["status"] == status and problem["detail"]
    return problem


def test_an_overlong_query_string_is_a_414_problem(served):
    problem = assert_problem(request(served, "/v1/quotes?q=" + "a" * 100_000), 414)
    assert "8190" in problem["detail"]


def test_huge_headers_are_a_431_problem(served):
    assert_problem(request(served, "/v1/quotes", "X-Big: " + "b" * 20_000), 431)
    many = [f"X-Many-{n}: x" for n in range(150)]
    assert_problem(request(served, "/v1/quotes", *many), 431)


@pytest.mark.parametrize("raw", [b"GARBAGE\r\n\r\n", b"GET /v1/quotes HTTP/9.9\r\n\r\n",
                                 b"G\x00T / HTTP/1.1\r\nHost: x\r\n\r\n"])
def test_a_broken_request_is_a_400_problem(served, raw):
    assert_problem(exchange(served, raw), 400)


def test_a_doubled_slash_is_a_404_problem(served):
    assert_problem(request(served, "/v1//quotes"), 404)


def test_a_chunked_body_over_the_limit_is_413(served):
    chunk = b"x" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(40)) + b"0\r\n\r\n"
    answer = request(served, "/v1/extract", "Content-Type: application/json",
                     "Transfer-Encoding: chunked", body=chunks, method="POST")
    assert_problem(answer, 413)


def test_link_headers_ignore_a_forged_host(served):
    lines = ["GET /v1/quotes?limit=1 HTTP/1.1", "Host: evil.example", "Connection: close"]
    code, headers, _ = exchange(served, ("\r\n".join(lines) + "\r\n\r\n").encode())
    assert code == 200 and headers["link"].startswith("</v1/quotes?limit=1&cursor=")


def test_a_chunked_body_within_the_limit_is_read_whole(served):
    body = json.dumps({"text": "“We will not back down,” the mayor said. " * 2000}).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part)
                      for part in (body[i:i + 4096] for i in range(0, len(body), 4096)))
    code, _, answer = request(served, "/v1/extract", "Content-Type: application/json",
                              "Transfer-Encoding: chunked", body=chunks + b"0\r\n\r\n",
                              method="POST")
    assert code == 200, answer[:300]
    assert len(json.loads(answer)["quotes"]) == 2000
