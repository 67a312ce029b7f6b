"""/v1/outlets: the publications documents come from, and the quotes they carried."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import session
from api.v1.collections import (
    decode_name_key,
    encode_name_key,
    export_rows,
    item_get,
    list_get,
    quote_collection,
    quote_list_get,
    v1_blueprint,
)
from api.v1.pagination import link_header
from api.v1.representations import EXPORT_TYPES, wanted_type
from api.v1.schemas import (
    OutletDetailSchema,
    OutletPageSchema,
    OutletQuerySchema,
    OutletSchema,
    path_parameter,
)
from models import queries

blp = v1_blueprint("outlets", __name__, "/v1/outlets", "News outlets.")
auth.public(blp)
OUTLET_ID = path_parameter("outlet_id", "An outlet's id.", 3)
OUTLET = OutletSchema()
OUTLET_CSV_COLUMNS = ("id", "name")


@blp.route("")
class OutletCollection(MethodView):
    @list_get(blp, OutletQuerySchema, OutletPageSchema, "listOutlets")
    def get(self, args):
        """List outlets by name; search by part of a name."""
        def fetch(a_session, limit, after):
            return queries.outlet_page(a_session, name=args.get("name"), limit=limit,
                                       after=after)

        after, mimetype = decode_name_key(args.get("cursor")), wanted_type()
        if mimetype in EXPORT_TYPES:
            return export_rows(fetch, after, OUTLET.dump, OUTLET_CSV_COLUMNS, "outlets",
                               mimetype)
        page = fetch(session(), args["limit"], after)
        token = encode_name_key(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)


@blp.route("/<int:outlet_id>", parameters=[OUTLET_ID])
class OutletItem(MethodView):
    @item_get(blp, OutletDetailSchema, "getOutlet", e404="No outlet has this id.")
    def get(self, outlet_id):
        """Get an outlet: document and quote counts, date range, most quoted speakers."""
        profile = queries.outlet_profile(session(), outlet_id)
        if profile is None:
            abort(404, message=f"No outlet has the id {outlet_id}.")
        return profile


@blp.route("/<int:outlet_id>/quotes", parameters=[OUTLET_ID])
class OutletQuotes(MethodView):
    @quote_list_get(blp, "listOutletQuotes", e404="No outlet has this id.")
    def get(self, args, outlet_id):
        """List the quotes an outlet published, newest first; the /v1/quotes filters apply."""
        if not queries.outlet_exists(session(), outlet_id):
            abort(404, message=f"No outlet has the id {outlet_id}.")
        return quote_collection(args, outlet_id=outlet_id)
