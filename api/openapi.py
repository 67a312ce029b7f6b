"""quotewire's flask-smorest Api: spec settings and the problem+json error path in one place."""

import flask_smorest

from api.errors import ProblemSchema, handle_http_exception

API_TITLE = "quotewire"
API_VERSION = "v1"
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
    return {"info": {"description": API_DESCRIPTION}}
