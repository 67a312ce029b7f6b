"""The HTTP API: the app factory wires configuration, database, logging and blueprints."""

import types

from flask import Flask
from flask.globals import request_ctx
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException

from api import auth, health, v1
from api.body_limit import refuse_oversized_streamed_body
from api.cors import init_cors
from api.database import init_database
from api.errors import handle_database_error, handle_unexpected_exception
from api.json_encoding import JSONProvider
from api.limits import init_rate_limits, keyed_blueprints
from api.metrics import init_metrics
from api.negotiation import refuse_unacceptable
from api.openapi import QuotewireApi, api_settings, spec_kwargs
from api.request_log import configure_logging, init_request_logging
from config import Config


def create_app(config: Config | None = None) -> Flask:
    """Build the quotewire WSGI app from `config` (default: the environment)."""
    config = config or Config.from_env()
    configure_logging(config.log_level, config.json_logs)
    app = Flask(__name__)
    app.make_default_options_response = types.MethodType(options_response, app)
    # Werkzeug would answer `/v1//quotes` with an HTML 308 that skips every error handler;
    # a doubled slash is a 404 problem like any other unknown path.
    app.url_map.merge_slashes = False
    app.json = JSONProvider(app)
    app.config.update(api_settings())
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.config["QUOTEWIRE"] = config
    init_database(app, config.database_url)
    init_request_logging(app)
    app.before_request(auth.refuse_keys_in_url)
    app.before_request(refuse_oversized_streamed_body)
    app.before_request(refuse_unacceptable)
    init_rate_limits(app, config, extract=v1.extract.blp, keyed=keyed_blueprints(v1.BLUEPRINTS))
    if config.metrics:
        init_metrics(app)
    api = QuotewireApi(app, spec_kwargs=spec_kwargs())
    api.register_blueprint(health.blp)
    v1.register(app, api)
    init_cors(app, config.cors_origins, config.cors_write_origins)
    app.register_error_handler(Exception, handle_unexpected_exception)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.extensions["quotewire.api"] = api
    return app


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def options_response(app: Flask):
    """OPTIONS: `Allow` lists the methods a request to this path would be routed for.
    werkzeug's own list also takes in rules whose converter refused the path (the PATCH of
    /v1/quotes/<id> at /v1/quotes/counts)."""
    adapter = request_ctx.url_adapter
    allowed = []
    for method in HTTP_METHODS:
        try:
            adapter.match(method=method)
        except HTTPException:
            continue
        except RoutingException:
            continue  # a redirect (a missing or extra slash): not this path's method
        allowed.append(method)
    response = app.response_class()
    response.allow.update(allowed)
    return response
