"""/v1/quotes: quotes filtered by speaker, outlet, date, text and more; one quote's provenance."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import session
from api.v1.collections import (
    ETAG_HEADER,
    LINK_HEADER,
    QUOTES_200,
    document_get,
    problems,
    quote_collection,
    quote_exports,
    v1_blueprint,
)
from api.v1.schemas import QuoteDetailSchema, QuotePageSchema, QuoteQuerySchema
from models import queries

blp = v1_blueprint("quotes", __name__, "/v1/quotes", "Direct quotations and their provenance.")
auth.public(blp)


@blp.route("")
class QuoteCollection(MethodView):
    @blp.arguments(QuoteQuerySchema, location="query")
    @blp.response(200, QuotePageSchema, headers={**LINK_HEADER, **ETAG_HEADER},
                  description=QUOTES_200)
    @quote_exports(blp)
    @document_get(blp, "listQuotes", collection=True)
    def get(self, args):
        """List quotes, newest first; filters compose."""
        return quote_collection(args)


@blp.route("/<string:quote_id>")
class QuoteItem(MethodView):
    @blp.response(200, QuoteDetailSchema, headers=ETAG_HEADER)
    @problems(blp, e404="No quote has this id.")
    @document_get(blp, "getQuote")
    def get(self, quote_id):
        """Get one quote with full provenance: document, outlet, offsets, sentence, rule."""
        found = queries.quote_with_provenance(session(), quote_id)
        if found is None:
            abort(404, message=f"No quote has the id {quote_id!r}.")
        return found
