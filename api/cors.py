"""CORS: reads from any origin (or the ones configured), writes only from origins named for
them, and only the methods each route has.

Flask-CORS computes the headers; this module picks its options per request, because they
depend on the route (its methods) and on the origin (may it write?), which Flask-CORS's own
path-based resources cannot express. The `null` origin (sandboxed frames, local files) is
never granted anything.
"""

from functools import cache

from flask import Flask, request
from flask_cors.core import get_cors_options, set_cors_headers

from api.request_log import REQUEST_ID_HEADER

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
EXPOSED_HEADERS = ["Link", "ETag", REQUEST_ID_HEADER, "Retry-After"]
ALLOWED_HEADERS = ["Accept", "Authorization", "Content-Type", "If-None-Match", REQUEST_ID_HEADER]
PREFLIGHT_MAX_AGE = 600


def init_cors(app: Flask, read_origins: tuple[str, ...], write_origins: tuple[str, ...]) -> None:
    """Answer CORS requests and preflights on every route of `app` by the policy above."""
    writers = frozenset(origin.lower() for origin in write_origins)

    @cache
    def policy(rule_methods: frozenset, may_write: bool):
        """(the methods granted, Flask-CORS's options) for a route and a kind of origin."""
        methods = rule_methods if may_write else rule_methods & READ_METHODS
        origins = list(write_origins) if may_write else list(read_origins)
        return methods, get_cors_options(app, {
            "origins": origins, "send_wildcard": origins == ["*"], "methods": sorted(methods),
            "expose_headers": EXPOSED_HEADERS, "allow_headers": ALLOWED_HEADERS,
            "max_age": PREFLIGHT_MAX_AGE, "supports_credentials": False})

    @app.after_request
    def add_cors_headers(response):
        if request.url_rule is None:
            return response
        response.vary.add("Origin")  # whether and how CORS headers appear depends on it
        origin = request.headers.get("Origin")
        if not origin or origin.lower() == "null":
            return response
        methods, options = policy(frozenset(request.url_rule.methods), origin.lower() in writers)
        if _method_asked_for() in methods:
            set_cors_headers(response, options)
        return response

def _method_asked_for() -> str:
    """The method a preflight asks about, or the request's own method."""
    if request.method == "OPTIONS":
        return request.headers.get("Access-Control-Request-Method", "OPTIONS").upper()
    return request.method
