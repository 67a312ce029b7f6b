"""/v1/corrections: every correction people made, and those whose quote is gone."""

from flask.views import MethodView

from api import auth
from api.database import session
from api.v1.changes import decode_change_cursor
from api.v1.collections import list_get, v1_blueprint
from api.v1.correction_schemas import CorrectionPageSchema, CorrectionQuerySchema
from api.v1.pagination import link_header
from models import queries

blp = v1_blueprint("corrections", __name__, "/v1/corrections",
                   "Corrections people made to quotes, speakers and documents.")
auth.public(blp)


@blp.route("")
class CorrectionCollection(MethodView):
    @list_get(blp, CorrectionQuerySchema, CorrectionPageSchema, "listCorrections")
    def get(self, args):
        """List corrections, oldest first; `orphaned=true` lists those whose quote is gone."""
        page = queries.correction_page(session(), orphaned=args.get("orphaned"),
                                       limit=args["limit"],
                                       after=decode_change_cursor(args.get("cursor")))
        token = None if page.next_key is None else str(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)
