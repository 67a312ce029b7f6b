"""The HTTP API: the app factory wires configuration, database, logging and blueprints."""

from flask import Flask
from flask_cors import CORS
from sqlalchemy.exc import DBAPIError

from api import health, v1
from api.database import init_database
from api.errors import handle_database_error, handle_unexpected_exception
from api.limits import RateLimitResponses, init_rate_limits, keyed_blueprints
from api.metrics import init_metrics
from api.openapi import QuotewireApi, api_settings, spec_kwargs
from api.request_log import REQUEST_ID_HEADER, configure_logging, init_request_logging
from config import Config


def create_app(config: Config | None = None) -> Flask:
    """Build the quotewire WSGI app from `config` (default: the environment)."""
    config = config or Config.from_env()
    configure_logging(config.log_level, config.json_logs)
    app = Flask(__name__)
    app.config.update(api_settings())
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.config["QUOTEWIRE"] = config
    init_database(app, config.database_url)
    init_request_logging(app)
    init_rate_limits(app, config, extract=v1.extract.blp, keyed=keyed_blueprints(v1.BLUEPRINTS))
    if config.metrics:
        init_metrics(app)
    CORS(app, origins=config.cors_origins,
         expose_headers=["Link", "ETag", "Retry-After", REQUEST_ID_HEADER])
    api = QuotewireApi(app, spec_kwargs={**spec_kwargs(),
                                         "extra_plugins": [RateLimitResponses()]})
    api.register_blueprint(health.blp)
    v1.register(app, api)
    app.register_error_handler(Exception, handle_unexpected_exception)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.extensions["quotewire.api"] = api
    return app
