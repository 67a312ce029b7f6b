"""Rate limits (Flask-Limiter): per client address for the whole API, per API key for writes,
and a stricter per-address limit for POST /v1/extract.

Counters live in Redis when QUOTEWIRE_REDIS_URL is set (one budget shared by every worker and
host), otherwise in each worker's memory. A refused request answers 429 problem+json with
Retry-After through the app's one error path (api.errors).

The client address is the TCP peer (`REMOTE_ADDR`), unless QUOTEWIRE_TRUSTED_PROXIES says how
many proxies in front append to X-Forwarded-For: only then is that header believed, and only
as many hops from its right end as there are proxies (werkzeug's ProxyFix).
"""

import hashlib
import math
import time

from apispec import BasePlugin
from flask import Blueprint, Flask, current_app, request
from flask_limiter import ApplicationLimit, Limiter
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix

from api import auth
from api.errors import PROBLEM_CONTENT_TYPE
from config import Config

EXTENSION_KEY = "quotewire.limiter"
RATE_LIMITED = "RateLimited"  # the OpenAPI response component every /v1 operation refers to
WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]
# A slow or unreachable Redis must not hold requests: give up quickly and count in memory.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def init_rate_limits(app: Flask, config: Config, *, extract: Blueprint,
                     keyed: list[Blueprint]) -> Limiter | None:
    """Apply the configured limits: every /v1 request per address, `keyed` blueprints' writes
    per API key, and POST on `extract` per address; None when rate limits are off."""
    if config.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.trusted_proxies)
    if not config.rate_limits:
        return None
    check_limits(config)
    limiter = Limiter(
        client_address, app=app,
        application_limits=[ApplicationLimit(
            config.rate_limit, error_message=f"Too many requests from this address: the API "
                                             f"allows {config.rate_limit} per client address.")],
        storage_uri=config.redis_url or "memory://",
        storage_options=REDIS_OPTIONS if config.redis_url else {},
        strategy="sliding-window-counter", key_prefix=config.rate_limit_prefix,
        swallow_errors=True, in_memory_fallback_enabled=True)
    limiter.request_filter(outside_the_api)
    limiter.limit(config.rate_limit_extract, methods=["POST"], error_message=(
        f"Too many extractions from this address: POST /v1/extract allows "
        f"{config.rate_limit_extract} per client address."))(extract)
    for blueprint in keyed:
        limiter.limit(config.rate_limit_writes, key_func=api_key_or_address,
                      methods=WRITE_METHODS, error_message=(
                          f"Too many writes with this API key: writes allow "
                          f"{config.rate_limit_writes} per key."))(blueprint)
    app.after_request(add_retry_after)
    app.extensions[EXTENSION_KEY] = limiter
    return limiter


def keyed_blueprints(blueprints) -> list[Blueprint]:
    """The blueprints whose policy asks for an API key on writes (api.auth.key_for_writes)."""
    return [blp for blp in blueprints
            if auth.require_key_for_writes in blp.before_request_funcs.get(None, [])]


def check_limits(config: Config) -> None:
    """Refuse to start with a limit Flask-Limiter cannot read, naming its variable."""
    for variable, value in (("QUOTEWIRE_RATE_LIMIT", config.rate_limit),
                            ("QUOTEWIRE_RATE_LIMIT_WRITES", config.rate_limit_writes),
                            ("QUOTEWIRE_RATE_LIMIT_EXTRACT", config.rate_limit_extract)):
        try:
            parse_many(value)
        except ValueError:
            raise ValueError(f"{variable} must read like '600 per minute', got {value!r}") \
                from None


def client_address() -> str:
    """The address a request came from (see the module docstring about proxies)."""
    return request.remote_addr or "unknown"


def api_key_or_address() -> str:
    """The bearer key's digest (the key itself is never stored), else the client address."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "key:" + hashlib.sha256(token.strip().encode()).hexdigest()[:32]
    return "address:" + client_address()


def outside_the_api() -> bool:
    """Health probes, /metrics and the docs page are never limited: only /v1 is."""
    return not request.path.startswith("/v1/")


def add_retry_after(response):
    """after_request: on a 429, say in seconds when the breached limit has room again."""
    if response.status_code != 429:
        return response
    breached = current_app.extensions[EXTENSION_KEY].current_limit
    if breached is not None:
        seconds = max(1, math.ceil(breached.reset_at - time.time()))
        response.headers["Retry-After"] = str(seconds)
    return response


class RateLimitResponses(BasePlugin):
    """apispec plugin: every /v1 operation documents its 429 answer (problem+json)."""

    def init_spec(self, spec):
        spec.components.response(RATE_LIMITED, {
            "description": "Too many requests from this client address (or, for writes, "
                           "with this API key): wait as long as Retry-After says.",
            "headers": {"Retry-After": {"description": "Seconds until the limit has room.",
                                        "schema": {"type": "integer", "minimum": 1}}},
            "content": {PROBLEM_CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"}}},
        })

    def operation_helper(self, path=None, operations=None, **kwargs):
        if not (path or "").startswith("/v1/"):
            return
        for operation in (operations or {}).values():
            operation.setdefault("responses", {}).setdefault("429", RATE_LIMITED)
