"""quotewire's flask-smorest Api: spec settings and the problem+json error path in one place."""

import hashlib
import http
import json

import flask_smorest
from apispec import BasePlugin
from flask_smorest.utils import prepare_response

from api.errors import PROBLEM_CONTENT_TYPE, ProblemSchema, handle_http_exception
from api.limits import RateLimitResponses
from api.negotiation import NotAcceptableResponses

API_TITLE = "quotewire"
# The OpenAPI document's own version, semantic versioning: the minor number moves with every
# addition to the document, the patch number with wording and examples; a breaking change
# would be /v2 and 2.0.0. tests/api/test_openapi_contract.py fails when the document changes
# and this does not (SPEC_DIGEST is its fingerprint at this version).
API_VERSION = "1.5.0"
SPEC_DIGEST = "f55d71f2c2041142"
OPENAPI_VERSION = "3.0.3"
API_DESCRIPTION = (
    "Direct quotations found in news articles, with who said them and exact provenance: "
    "the document, its outlet and date, character offsets into the stored text, the rule "
    "that attributed each quote and the extractor version."
)


class QuotewireApi(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error):
        return handle_http_exception(error)

    def _register_pagination_header(self):
        """None: quotewire pages by cursor, not by flask-smorest's offset pagination."""

    def _register_responses(self):
        """Document error responses as application/problem+json, the way they are served."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An RFC 9457 problem document.", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


def api_settings() -> dict:
    """Flask config keys that flask-smorest reads."""
    return {
        "API_TITLE": API_TITLE,
        "API_VERSION": API_VERSION,
        "OPENAPI_VERSION": OPENAPI_VERSION,
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_URL_PREFIX": "/v1",
    }


def spec_kwargs() -> dict:
    """What the OpenAPI document says beyond the routes: description, servers, and the 429
    every rate-limited operation may answer."""
    return {"info": {"description": API_DESCRIPTION},
            "servers": [{"url": "/", "description": "The server that serves this document "
                                                   "(every path starts with /v1)."}],
            "extra_plugins": [RateLimitResponses(), NotAcceptableResponses(), SchemaRules()]}


class SchemaRules(BasePlugin):
    """Rules between a body's fields, stated in its component schema (`minProperties`, `not`):
    a marshmallow schema's `openapi_rules`, for the checks its `validates_schema` makes."""

    def schema_helper(self, name, definition, **kwargs):
        return getattr(kwargs.get("schema"), "openapi_rules", None)


def spec_digest(spec: dict) -> str:
    """A fingerprint of an OpenAPI document, its own version left out (see SPEC_DIGEST)."""
    unversioned = {**spec, "info": {k: v for k, v in spec["info"].items() if k != "version"}}
    canonical = json.dumps(unversioned, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
