"""/v1/changes: every quote created, updated or deleted, in commit order, for mirrors."""

from flask.views import MethodView

from api import auth
from api.database import session
from api.v1.collections import document_get, v1_blueprint
from api.v1.correction_schemas import ChangePageSchema, ChangeQuerySchema
from api.v1.pagination import public_path
from models import queries

blp = v1_blueprint("changes", __name__, "/v1/changes",
                   "The change feed: follow it to mirror the store.")
auth.public(blp)
LINK = {"Link": {"description": 'RFC 8288 link to the next page: `<url>; rel="next"`; only '
                                "when more changes are waiting now.",
                 "schema": {"type": "string"}}}


@blp.route("")
class ChangeFeed(MethodView):
    @blp.arguments(ChangeQuerySchema(), location="query")
    @blp.response(200, ChangePageSchema, headers=LINK)
    @document_get(blp, "listChanges")
    def get(self, args):
        """List quote changes in commit order, after a cursor: created, updated, deleted.

        A change becomes visible only after every change before it, so following `next`
        from any process sees each change exactly once.
        """
        after = decode_change_cursor(args.get("after"))
        page = queries.change_page(session(), limit=args["limit"], after=after)
        last = page.rows[-1].id if page.rows else after
        token = None if last is None else str(last)
        headers = {}
        if page.next_key is not None:
            headers["Link"] = (f'<{public_path()}?limit={args["limit"]}&after={token}>; '
                               'rel="next"')
        return {"items": page.rows, "next": token}, 200, headers


def decode_change_cursor(token: str | None) -> int | None:
    """The position a cursor of POSITION_CURSOR's form names (larger than any stored one is
    brought within them without moving past the end)."""
    return None if token is None else min(int(token), queries.MAX_ROW_ID)
