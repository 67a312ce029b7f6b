"""Version 1 of the public API: one blueprint per resource, all under /v1."""

from flask import Flask
from flask_smorest import Api

from api import auth, docs
from api.v1 import documents, extract, outlets, quotes, speakers

BLUEPRINTS = (quotes.blp, speakers.blp, outlets.blp, documents.blp, extract.blp)


def register(app: Flask, api: Api) -> None:
    """Mount the v1 resources, the docs page and the bearer-key security scheme."""
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.blp)
    auth.register_security_scheme(api.spec)
    auth.declare_public(app, "api-docs")  # flask-smorest's own blueprint serving the spec
