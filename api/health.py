"""Liveness and readiness probes, for load balancers and orchestrators."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from api import auth
from api.database import database
from models.engine import database_reachable

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
    @blp.alt_response(503, description="The database cannot be reached.")
    @blp.doc(operationId="getReadiness")
    def get(self):
        """Answer 200 when the database answers a query, 503 when it does not."""
        if not database_reachable(database().engine):
            abort(503, message="The database cannot be reached.")
        return {"status": "ok"}
