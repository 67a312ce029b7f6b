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
# An exact web origin: scheme, host and optional port, nothing a pattern could widen.
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


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


def _float(environ, name: str, default: float) -> float:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if not value > 0:
        raise ValueError(f"{name} must be more than 0, got {raw!r}")
    return value


def _flag(environ, name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off")


def _origins(environ, name: str, default: tuple[str, ...], wildcard: bool = True):
    """A comma-separated list of exact origins (`https://app.example:8443`); `*` where allowed.

    `null` is refused: it is what sandboxed frames and local files send, so anyone can be it.
    """
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    origins = tuple(part.strip().rstrip("/") for part in raw.split(",") if part.strip())
    for origin in origins:
        if origin == "*" and wildcard and len(origins) == 1:
            continue
        if not ORIGIN.fullmatch(origin):
            raise ValueError(f"{name} must be a comma-separated list of origins such as "
                             f"https://app.example{' or *' if wildcard else ''}, got {origin!r}")
    return origins


def _public_url(raw: str) -> str:
    url = raw.strip().rstrip("/")
    if url and (not url.startswith(("http://", "https://")) or "?" in url or "#" in url):
        raise ValueError(f"QUOTEWIRE_PUBLIC_URL must be an http(s) URL with no query, got {raw!r}")
    return url


@dataclass(frozen=True)
class Config:
    database_url: str = field(default_factory=default_database_url)
    log_level: str = "INFO"
    # Request bodies beyond this are refused with 413 before they are parsed.
    max_body_bytes: int = 2 * 1024 * 1024
    # Files beyond this are skipped by `quotewire ingest` with a clear reason.
    max_file_bytes: int = 10 * 1024 * 1024
    # Origins browsers may read from (`*`: any, the `null` origin excepted) and, apart from
    # those, the only origins allowed to write (none by default); see api/cors.py.
    cors_origins: tuple[str, ...] = ("*",)
    cors_write_origins: tuple[str, ...] = ()
    json_logs: bool = True
    # Prometheus request counts and latencies at /metrics.
    metrics: bool = True
    # The URL clients reach the API at (scheme, host, any path prefix), for absolute links;
    # empty: links are relative to the request, never built from its Host header.
    public_url: str = ""
    # Each worker keeps rendered GET answers up to this many bytes until the data changes;
    # 0 turns the cache off.
    page_cache_bytes: int = 16 * 1024 * 1024
    # Rate limits (Flask-Limiter notation, e.g. "600 per minute"; api/limits.py applies them).
    rate_limits: bool = True
    rate_limit: str = "600 per minute"  # per client address, every /v1 request
    rate_limit_writes: str = "120 per minute"  # per API key, writes
    rate_limit_extract: str = "10 per minute"  # per client address, POST /v1/extract
    # Where the counters live: Redis shares them across workers and hosts; None keeps them in
    # each worker's memory.
    redis_url: str | None = None
    rate_limit_prefix: str = "quotewire"
    # How many proxies in front of the app append to X-Forwarded-For; 0 trusts none of it.
    trusted_proxies: int = 0
    # One /v1/extract request: the largest body, the most quotes answered, the CPU it may use.
    extract_max_bytes: int = 128 * 1024
    extract_max_quotes: int = 1000
    extract_cpu_seconds: float = 1.0
    # At most this many extractions run at once in one server (all its workers), so reads
    # always find a free worker; the lock files live in extract_slots_dir (gunicorn.conf.py
    # makes one; None: a directory of the app's own).
    extract_concurrency: int = 1
    extract_slots_dir: str | None = None
    # Seconds the statements of one /v1/quotes/counts request may run before they are stopped
    # (503), well inside the worker timeout.
    count_seconds: float = 5.0

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
            cors_origins=_origins(environ, "QUOTEWIRE_CORS_ORIGINS", cls.cors_origins),
            cors_write_origins=_origins(environ, "QUOTEWIRE_CORS_WRITE_ORIGINS",
                                        cls.cors_write_origins, wildcard=False),
            json_logs=_flag(environ, "QUOTEWIRE_JSON_LOGS", cls.json_logs),
            metrics=_flag(environ, "QUOTEWIRE_METRICS", cls.metrics),
            public_url=_public_url(environ.get("QUOTEWIRE_PUBLIC_URL", "")),
            page_cache_bytes=_int(environ, "QUOTEWIRE_PAGE_CACHE_BYTES", cls.page_cache_bytes,
                                  minimum=0),
            rate_limits=_flag(environ, "QUOTEWIRE_RATE_LIMITS", cls.rate_limits),
            rate_limit=environ.get("QUOTEWIRE_RATE_LIMIT") or cls.rate_limit,
            rate_limit_writes=environ.get("QUOTEWIRE_RATE_LIMIT_WRITES") or cls.rate_limit_writes,
            rate_limit_extract=(environ.get("QUOTEWIRE_RATE_LIMIT_EXTRACT")
                                or cls.rate_limit_extract),
            redis_url=environ.get("QUOTEWIRE_REDIS_URL") or None,
            rate_limit_prefix=environ.get("QUOTEWIRE_RATE_LIMIT_PREFIX") or cls.rate_limit_prefix,
            trusted_proxies=_int(environ, "QUOTEWIRE_TRUSTED_PROXIES", cls.trusted_proxies,
                                 minimum=0),
            count_seconds=_float(environ, "QUOTEWIRE_COUNT_SECONDS", cls.count_seconds),
            extract_max_bytes=_int(environ, "QUOTEWIRE_EXTRACT_MAX_BYTES", cls.extract_max_bytes,
                                   minimum=1),
            extract_max_quotes=_int(environ, "QUOTEWIRE_EXTRACT_MAX_QUOTES",
                                    cls.extract_max_quotes, minimum=1),
            extract_cpu_seconds=_float(environ, "QUOTEWIRE_EXTRACT_CPU_SECONDS",
                                       cls.extract_cpu_seconds),
            extract_concurrency=_int(environ, "QUOTEWIRE_EXTRACT_CONCURRENCY",
                                     cls.extract_concurrency, minimum=1),
            extract_slots_dir=environ.get("QUOTEWIRE_EXTRACT_SLOTS_DIR") or None,
        )
