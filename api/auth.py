"""Who may call what: every blueprint declares its policy, and writes need an API key.

Reads are public. Writes (POST, PUT, PATCH, DELETE) need `Authorization: Bearer <key>`, a key
made with `quotewire keys create NAME`, and each write operation names the scope it needs
(`needs_scope`). The key is looked up on every request, so a revoked key answers 401 at once on
every worker. A test asserts that every blueprint declared a policy.
"""

from functools import wraps

from flask import Blueprint, Flask, g, request
from flask_smorest import abort

from api.database import session
from models.api_keys import find_api_key
from models.tables import utc_now

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_SCHEME = "bearerAuth"
CHALLENGE = 'Bearer realm="quotewire"'
# Use as `@blp.doc(security=WRITE_SECURITY)` on every operation that needs a key.
WRITE_SECURITY = [{SECURITY_SCHEME: []}]


def allow_anyone() -> None:
    """Policy: every method of this blueprint is public."""


def require_key_for_writes() -> None:
    """Policy: reads are public; any other method needs a valid API key."""
    if request.method in SAFE_METHODS:
        return
    token = _bearer_token()
    if token is None:
        _unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
    with session().begin():
        key = find_api_key(session(), token)
        if key is None:
            _unauthorized("The API key is not valid.")
        if key.expired():
            _unauthorized(f"The API key expired at {key.expires_at.isoformat()}: ask for a new "
                          "one (`quotewire keys create NAME`).")
        key.last_used_at = utc_now()
        g.api_key_name = key.name
        g.api_key_allows = key.allows


def needs_scope(scope: str):
    """Decorate a write view: a valid key without `scope` answers 403."""
    def decorate(view):
        @wraps(view)
        def checked(*args, **kwargs):
            allows = g.get("api_key_allows")
            if allows is None or not allows(scope):
                abort(403, message=f"This API key may not do this: it needs the `{scope}` "
                                   "scope (`quotewire keys create NAME --scope "
                                   f"{scope}`).")
            return view(*args, **kwargs)
        return checked
    return decorate


def key_name() -> str:
    """The name of the key this write request was made with."""
    return g.api_key_name


POLICIES = (allow_anyone, require_key_for_writes)
# Query parameters a client might put a key in; URLs end up in logs, proxies and histories.
KEY_PARAMETERS = frozenset({"api_key", "apikey", "api-key", "access_token", "key", "token"})


def refuse_keys_in_url() -> None:
    """before_request (every route): a key in the query string is refused, never looked up."""
    if KEY_PARAMETERS.intersection(name.lower() for name in request.args):
        abort(400, message="API keys are never accepted in the URL, where logs and proxies keep "
                           "them: send `Authorization: Bearer <key>` instead, and revoke a key "
                           "that was sent this way (`quotewire keys revoke NAME`).")


def public(blp: Blueprint) -> Blueprint:
    """Declare that `blp` needs no authentication."""
    blp.before_request(allow_anyone)
    return blp


def key_for_writes(blp: Blueprint) -> Blueprint:
    """Declare that `blp` serves reads publicly and writes only with an API key."""
    blp.before_request(require_key_for_writes)
    return blp


def declare_public(app: Flask, blueprint_name: str) -> None:
    """Declare an already registered blueprint public (flask-smorest's own spec blueprint)."""
    app.before_request_funcs.setdefault(blueprint_name, []).append(allow_anyone)


def register_security_scheme(spec) -> None:
    spec.components.security_scheme(SECURITY_SCHEME, {
        "type": "http", "scheme": "bearer",
        "description": "An API key made with `quotewire keys create NAME`.",
    })


def _bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def _unauthorized(detail: str) -> None:
    abort(401, message=detail, headers={"WWW-Authenticate": CHALLENGE})
