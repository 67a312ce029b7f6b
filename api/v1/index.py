"""GET /v1: the entry point of the API, with links to everything it serves."""

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from api import auth
from api.openapi import API_TITLE, API_VERSION
from api.v1.schemas import ApiIndexSchema

blp = Blueprint("index", __name__, url_prefix="/v1",
                description="The entry point: links to every part of v1.")
auth.public(blp)
# Each link's name, and the endpoint it points to.
LINKS = {"quotes": "quotes.QuoteCollection", "speakers": "speakers.SpeakerCollection",
         "outlets": "outlets.OutletCollection", "documents": "documents.DocumentCollection",
         "extract": "extract.Extraction", "changes": "changes.ChangeFeed",
         "corrections": "corrections.CorrectionCollection", "docs": "docs.docs_page",
         "openapi": "api-docs.openapi_json"}


@blp.route("")
class ApiIndex(MethodView):
    @blp.response(200, ApiIndexSchema)
    @blp.doc(operationId="getIndex")
    def get(self):
        """Link to the collections, the extractor, the docs and the OpenAPI document."""
        links = {name: url_for(endpoint) for name, endpoint in LINKS.items()}
        return {"title": API_TITLE, "version": API_VERSION, "links": links}
