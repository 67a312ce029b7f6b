"""quotewire's settings, read from the environment in one place.

Every setting has a default that works on a laptop; production overrides them with
environment variables (see README.md, "Configuration").
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SQLITE_PATH = Path("var") / "quotewire.db"
SQLITE_FILE_RE = re.compile(r"(?P<scheme>sqlite(?:\+\w+)?:///)(?P<path>[^?]+)(?P<query>\?.*)?\Z")


def default_database_url() -> str:
    """An SQLite file under var/ in the working directory, created on first use.

    The one place the default is resolved: every command, and the gunicorn workers
    `quotewire serve` starts (it passes them the URL it resolved), use this path.
    """
    return f"sqlite:///{DEFAULT_SQLITE_PATH.resolve()}"


def absolute_database_url(url: str) -> str:
    """The URL with a relative SQLite file path made absolute against the working directory,
    so that every process (gunicorn workers work in another folder) means the same file."""
    match = SQLITE_FILE_RE.match(url)
    if match is None or match["path"].startswith(("/", ":memory:", "file:")):
        return url
    return f"{match['scheme']}{Path(match['path']).resolve()}{match['query'] or ''}"


def redacted_url(url: str) -> str:
    """The database URL with any password replaced by ***, for messages and logs."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(a URL that cannot be parsed)"


def _int(environ, name: str, default: int, minimum: int | None = None) -> int:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, got {value}")
    return value


def _flag(environ, name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Config:
    database_url: str = field(default_factory=default_database_url)
    log_level: str = "INFO"
    # Request bodies beyond this are refused with 413 before they are parsed.
    max_body_bytes: int = 2 * 1024 * 1024
    # Files beyond this are skipped by `quotewire ingest` with a clear reason.
    max_file_bytes: int = 10 * 1024 * 1024
    cors_origins: str = "*"
    json_logs: bool = True
    # Prometheus request counts and latencies at /metrics.
    metrics: bool = True
    # Each worker keeps rendered GET answers up to this many bytes until the data changes;
    # 0 turns the cache off.
    page_cache_bytes: int = 16 * 1024 * 1024

    @classmethod
    def from_env(cls, environ=None) -> "Config":
        """Build the configuration from QUOTEWIRE_* environment variables."""
        environ = os.environ if environ is None else environ
        return cls(
            database_url=absolute_database_url(
                environ.get("QUOTEWIRE_DATABASE_URL") or default_database_url()),
            log_level=environ.get("QUOTEWIRE_LOG_LEVEL", "INFO").upper(),
            max_body_bytes=_int(environ, "QUOTEWIRE_MAX_BODY_BYTES", cls.max_body_bytes),
            max_file_bytes=_int(environ, "QUOTEWIRE_MAX_FILE_BYTES", cls.max_file_bytes),
            cors_origins=environ.get("QUOTEWIRE_CORS_ORIGINS", "*"),
            json_logs=_flag(environ, "QUOTEWIRE_JSON_LOGS", cls.json_logs),
            metrics=_flag(environ, "QUOTEWIRE_METRICS", cls.metrics),
            page_cache_bytes=_int(environ, "QUOTEWIRE_PAGE_CACHE_BYTES", cls.page_cache_bytes,
                                  minimum=0),
        )
