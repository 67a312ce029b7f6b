"""gunicorn settings for quotewire, every one overridable from the environment.

`quotewire serve` (and the Docker image) start gunicorn with this module
(`--config python:cli.gunicorn_conf`); the top-level gunicorn.conf.py imports it for
`gunicorn wsgi:app` run by hand in a checkout.
"""

import glob
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from multiprocessing.sharedctypes import RawValue as _RawValue

# Underscore names: gunicorn reads this module's public names as its own settings.
from gunicorn import util as _gunicorn_util

from config import Config as _Config

_settings = _Config.from_env()
_METRICS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"

bind = os.environ.get("QUOTEWIRE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUOTEWIRE_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("QUOTEWIRE_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is a bug or an attack: the worker is replaced.
timeout = int(os.environ.get("QUOTEWIRE_TIMEOUT", "30"))
# On SIGTERM, in-flight requests get this long to finish before workers are killed.
graceful_timeout = int(os.environ.get("QUOTEWIRE_GRACEFUL_TIMEOUT", "20"))
# On SIGTERM, /readyz answers 503 for this long while requests are still served, so a load
# balancer stops sending; then the graceful stop above begins (see README, "Operations").
_drain_seconds = float(os.environ.get("QUOTEWIRE_DRAIN_SECONDS", "5"))
# Made here, before any worker forks, so the master and every worker share it (post_fork).
# (The master must not import the app: prometheus_client would start before its directory.)
_draining = _RawValue("b", 0)
keepalive = int(os.environ.get("QUOTEWIRE_KEEPALIVE", "5"))
# Recycling workers now and then bounds the damage of any slow leak.
max_requests = int(os.environ.get("QUOTEWIRE_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Requests beyond these are answered by gunicorn itself, before the app (see _write_problem).
limit_request_line = 8190  # gunicorn's maximum: the method, path and query string together
limit_request_fields = 100
limit_request_field_size = 8190
# Load the app in each worker, so each opens its own database connections.
preload_app = False
# quotewire writes its own JSON access log with request ids; gunicorn's would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("QUOTEWIRE_LOG_LEVEL", "info").lower()
proc_name = "quotewire"
# gunicorn's control socket (for gunicornc) defaults to one path per user, so stopping a
# second instance deleted the first one's socket. quotewire does not need it: off, unless
# QUOTEWIRE_CONTROL_SOCKET gives this instance a path of its own.
control_socket_disable = not os.environ.get("QUOTEWIRE_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["QUOTEWIRE_CONTROL_SOCKET"]


def _make_metrics_directory() -> str | None:
    """A directory where every worker writes its metric samples, unless one was given.

    Set before any worker forks, so each worker's prometheus_client starts in multiprocess mode.
    """
    if _settings.metrics and not os.environ.get(_METRICS_DIR_ENV):
        os.environ[_METRICS_DIR_ENV] = tempfile.mkdtemp(prefix="quotewire-metrics-")
        return os.environ[_METRICS_DIR_ENV]
    return None


_made_metrics_directory = _make_metrics_directory()


def _make_extract_slots_directory() -> str | None:
    """Where every worker's /v1/extract takes its slot (api/extract_slots.py), unless given."""
    if not os.environ.get("QUOTEWIRE_EXTRACT_SLOTS_DIR"):
        os.environ["QUOTEWIRE_EXTRACT_SLOTS_DIR"] = tempfile.mkdtemp(prefix="quotewire-extract-")
        return os.environ["QUOTEWIRE_EXTRACT_SLOTS_DIR"]
    return None


_made_extract_slots_directory = _make_extract_slots_directory()


def on_starting(server):
    if _settings.metrics:
        # Samples left by an earlier run would be added to this one's.
        for stale in glob.glob(os.path.join(os.environ[_METRICS_DIR_ENV], "*.db")):
            os.remove(stale)


def when_ready(server):
    host, _, port = bind.rpartition(":")
    base = f"http://{host or '127.0.0.1'}:{port}"
    server.log.info(
        "quotewire is serving on %s - try %s/v1/quotes, %s/v1/speakers, %s/docs, %s/healthz",
        base, base, base, base, base)
    _warn_if_schema_is_not_current(server)
    server.handle_term = lambda: _drain_then_stop(server)


def post_fork(server, worker):
    from api import drain

    drain.share_flag(_draining)


def _drain_then_stop(server):
    """The master's SIGTERM: drain first; a second SIGTERM (or the drain's end) stops."""
    if _drain_seconds <= 0 or _draining.value:
        raise StopIteration  # gunicorn's own SIGTERM: close the listeners, finish requests
    _draining.value = 1
    server.log.info("SIGTERM: /readyz answers 503; serving %g s more, then stopping gracefully "
                    "(send SIGTERM again to stop now)", _drain_seconds)
    timer = threading.Timer(_drain_seconds, os.kill, (os.getpid(), signal.SIGTERM))
    timer.daemon = True
    timer.start()


def child_exit(server, worker):
    if _settings.metrics:
        from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics

        GunicornInternalPrometheusMetrics.mark_process_dead_on_child_exit(worker.pid)


def on_exit(server):
    for made in (_made_metrics_directory, _made_extract_slots_directory):
        if made:
            shutil.rmtree(made, ignore_errors=True)


def _warn_if_schema_is_not_current(server):
    """Say so at start-up, once, when requests would fail for want of `quotewire migrate`."""
    from models.migrate import schema_problem

    problem = schema_problem(_settings.database_url)
    if problem:
        server.log.warning("%s Until then requests answer 503.", problem)


# --- gunicorn's own error answers as problem+json ----------------------------------------------
# gunicorn answers requests it cannot parse or that break the limits above (400, 414, 431, 501)
# in HTML before the app sees them. Its workers call gunicorn.util.write_error for those; the
# replacement below answers RFC 9457 problem+json instead, like every other quotewire error.
# Set here, in the master, so every forked worker has it.
_FRONT_DETAILS = {
    414: f"The request line (method, path and query string) is longer than {limit_request_line} "
         "bytes: shorten the query.",
    431: f"The request headers are too large: at most {limit_request_fields} headers of "
         f"{limit_request_field_size} bytes each.",
}


def _write_problem(sock, status_int, reason, mesg):
    detail = _FRONT_DETAILS.get(status_int) or (
        f"The request is not valid HTTP: {mesg[:200]}" if status_int < 500
        else mesg[:200] or "The server failed to answer this request; it has been logged.")
    body = json.dumps({"type": "about:blank", "title": reason, "status": status_int,
                       "detail": detail}).encode("utf-8")
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
            f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n")
    _gunicorn_util.write_nonblock(sock, head.encode("latin-1") + body)


_gunicorn_util.write_error = _write_problem
