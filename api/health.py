"""Liveness and readiness probes, for load balancers and orchestrators."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy.exc import SQLAlchemyError

from api import auth
from api.database import database
from api.drain import is_draining
from models.migrate import schema_mismatch

blp = Blueprint("health", __name__, description="Liveness and readiness probes.")
auth.public(blp)


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.doc(operationId="getHealth")
    def get(self):
        """Answer 200 while the process is up."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, description="The database cannot be reached, its schema is not "
                                       "at this version's migration, or the instance is "
                                       "shutting down.")
    @blp.doc(operationId="getReadiness")
    def get(self):
        """Answer 200 when the database answers and its schema is current, 503 otherwise."""
        if is_draining():
            abort(503, message="This instance is shutting down: it finishes the requests it "
                               "has and stops; send new ones elsewhere.")
        handle = database()
        try:
            mismatch = schema_mismatch(handle.engine, handle.head_revision)
        except SQLAlchemyError:
            abort(503, message="The database cannot be reached.")
        if mismatch:
            abort(503, message=mismatch)
        return {"status": "ok"}
