"""/v1/outlets: the publications documents come from, and the quotes they carried."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import session
from api.v1.collections import (
    ETAG_HEADER,
    LINK_HEADER,
    QUOTES_200,
    decode_name_key,
    document_get,
    encode_name_key,
    problems,
    quote_collection,
    quote_exports,
    v1_blueprint,
)
from api.v1.pagination import link_header
from api.v1.schemas import (
    OutletDetailSchema,
    OutletPageSchema,
    OutletQuerySchema,
    QuoteFilterSchema,
    QuotePageSchema,
)
from models import queries

blp = v1_blueprint("outlets", __name__, "/v1/outlets", "News outlets.")
auth.public(blp)


@blp.route("")
class OutletCollection(MethodView):
    @blp.arguments(OutletQuerySchema, location="query")
    @blp.response(200, OutletPageSchema, headers={**LINK_HEADER, **ETAG_HEADER})
    @document_get(blp, "listOutlets", collection=True)
    def get(self, args):
        """List outlets by name; search by part of a name."""
        page = queries.outlet_page(session(), name=args.get("name"), limit=args["limit"],
                                   after=decode_name_key(args.get("cursor")))
        token = encode_name_key(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)


@blp.route("/<int:outlet_id>")
class OutletItem(MethodView):
    @blp.response(200, OutletDetailSchema, headers=ETAG_HEADER)
    @problems(blp, e404="No outlet has this id.")
    @document_get(blp, "getOutlet")
    def get(self, outlet_id):
        """Get an outlet: document and quote counts, date range, most quoted speakers."""
        profile = queries.outlet_profile(session(), outlet_id)
        if profile is None:
            abort(404, message=f"No outlet has the id {outlet_id}.")
        return profile


@blp.route("/<int:outlet_id>/quotes")
class OutletQuotes(MethodView):
    @blp.arguments(QuoteFilterSchema, location="query")
    @blp.response(200, QuotePageSchema, headers={**LINK_HEADER, **ETAG_HEADER},
                  description=QUOTES_200)
    @quote_exports(blp)
    @problems(blp, e404="No outlet has this id.")
    @document_get(blp, "listOutletQuotes", collection=True)
    def get(self, args, outlet_id):
        """List the quotes an outlet published, newest first; the /v1/quotes filters apply."""
        if not queries.outlet_exists(session(), outlet_id):
            abort(404, message=f"No outlet has the id {outlet_id}.")
        return quote_collection(args, outlet_id=outlet_id)
