"""The HTTP API: the app factory wires configuration, database, logging and blueprints."""

from flask import Flask
from sqlalchemy.exc import DBAPIError

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
