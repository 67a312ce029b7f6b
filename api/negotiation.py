"""406 Not Acceptable for a request whose Accept header no answer of its route can satisfy,
on every route, before any work is done (`Accept: text/csv` on a route that only answers JSON
would otherwise get JSON it did not ask for).

A view answers JSON unless it says otherwise with `@offers(...)`; the few routes outside the
API's views (the docs page, metrics) are listed here. Error answers are problem+json whatever
the Accept header says, as RFC 9457 intends.
"""

from apispec import BasePlugin
from flask import current_app, request
from flask_smorest import abort

from api.errors import PROBLEM_CONTENT_TYPE
from api.json_encoding import JSON_MIMETYPE

NOT_ACCEPTABLE = "NOT_ACCEPTABLE_RESPONSE"
# Routes that are not API views; None: anything goes (files, a redirect).
OTHER_ROUTES = {
    "static": None, "docs.static": None, "home.home_page": None,
    "docs.docs_page": ("text/html",),
    "prometheus_metrics": ("text/plain", "application/openmetrics-text"),
}


def offers(*mimetypes: str):
    """Declare the representations a view answers in (JSON alone when not declared)."""
    def decorate(view):
        view.offered_types = mimetypes
        return view
    return decorate


def offered_types() -> tuple[str, ...] | None:
    """What the matched route's view answers in; None when anything goes."""
    if request.endpoint in OTHER_ROUTES:
        return OTHER_ROUTES[request.endpoint]
    view = current_app.view_functions.get(request.endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        method = request.method.lower()
        view = getattr(view_class, method, None) or getattr(view_class, "get", None)
    return getattr(view, "offered_types", (JSON_MIMETYPE,))


def refuse_unacceptable() -> None:
    """before_request: 406 when no representation the route offers is acceptable."""
    if request.method == "OPTIONS" or request.endpoint is None or not request.accept_mimetypes:
        return
    offered = offered_types()
    if offered is not None and request.accept_mimetypes.best_match(offered) is None:
        abort(406, message="This resource is available as " + ", ".join(offered) + ".")


class NotAcceptableResponses(BasePlugin):
    """apispec plugin: every operation documents its 406 answer (problem+json)."""

    def init_spec(self, spec):
        spec.components.response(NOT_ACCEPTABLE, {
            "description": "None of the types in Accept is one this operation answers in.",
            "content": {PROBLEM_CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"}}},
        })

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            operation.setdefault("responses", {}).setdefault("406", NOT_ACCEPTABLE)
