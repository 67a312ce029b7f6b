"""/v1/extract: find the quotes in posted text without storing anything."""

from flask.views import MethodView

from api import auth
from api.v1.collections import BAD_JSON, problems, require_json_body, v1_blueprint
from api.v1.schemas import ExtractRequestSchema, ExtractResultSchema
from extractors import extract

blp = v1_blueprint("extract", __name__, "/v1/extract",
                   "Quote extraction on demand (nothing is stored).")
auth.public(blp)
blp.before_request(require_json_body)


@blp.route("")
class Extraction(MethodView):
    @blp.arguments(ExtractRequestSchema)
    @blp.response(200, ExtractResultSchema)
    @problems(blp, e400=BAD_JSON, e413="The body is larger than the server accepts.",
              e415="The body is not application/json.")
    @blp.doc(operationId="extractQuotes")
    def post(self, body):
        """Extract the quotes in a text and return them with speakers; nothing is stored."""
        return {"quotes": [quote.to_record(None) for quote in extract(body["text"])]}
