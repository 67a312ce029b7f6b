"""Request ids (honoured from and echoed in X-Request-ID) and JSON access and error logs."""

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request
from pythonjsonlogger.json import JsonFormatter

from api.auth import KEY_PARAMETERS

REQUEST_ID_HEADER = "X-Request-ID"
# Echoing a client's id into logs and headers is only safe for short, printable ids.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
access_log = logging.getLogger("quotewire.access")
# Anything shaped like an API key (see models.api_keys), and the value of any parameter a
# key might be sent in, is never logged.
KEY_SHAPED = re.compile(r"qw_[A-Za-z0-9_%-]+")
_KEY_NAMES = "|".join(map(re.escape, sorted(KEY_PARAMETERS)))
KEY_PARAMETER_VALUE = re.compile(rf"(^|[&;])({_KEY_NAMES})=[^&;]*", re.IGNORECASE)


def configure_logging(level: str, json_logs: bool) -> None:
    """Send quotewire's logs to stderr, one JSON object a line unless told otherwise."""
    handler = logging.StreamHandler(sys.stderr)
    if json_logs:
        handler.setFormatter(JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("quotewire")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def init_request_logging(app: Flask) -> None:
    app.before_request(_start_request)
    app.after_request(_finish_request)


def _start_request() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response):
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    access_log.info("request", extra={
        "request_id": request_id,
        "method": request.method,
        "path": scrub_keys(request.path),
        "query": scrub_keys(request.query_string.decode("latin-1")),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
        "remote_addr": request.remote_addr,
    })
    return response


def scrub_keys(text: str) -> str:
    """`text` (a path or query string) with every API key in it replaced by `[REDACTED]`."""
    text = KEY_PARAMETER_VALUE.sub(r"\1\2=[REDACTED]", text)
    return KEY_SHAPED.sub("[REDACTED]", text)
