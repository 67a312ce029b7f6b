"""Version 1 of the public API: one blueprint per resource, all under /v1."""

from flask import Flask
from flask_smorest import Api
from werkzeug.routing import UnicodeConverter, ValidationError

from api import auth, docs
from api.v1 import changes, corrections, documents, extract, index, outlets, quotes, speakers
from api.v1.fields import ENUMS, Choice

BLUEPRINTS = (index.blp, quotes.blp, speakers.blp, outlets.blp, documents.blp, extract.blp,
              corrections.blp, changes.blp)


def register(app: Flask, api: Api) -> None:
    """Mount the v1 resources, the docs page and the bearer-key security scheme."""
    app.url_map.converters["string"] = StorableString  # before any rule is added
    app.url_map.converters["quote_id"] = QuoteIdSegment
    api.register_converter(QuoteIdSegment, lambda converter: {"type": "string"})
    api.ma_plugin.converter.add_attribute_function(nullable_reference)
    api.ma_plugin.converter.add_attribute_function(enum_reference)
    register_enums(api.spec)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.blp)
    app.register_blueprint(docs.home)
    auth.register_security_scheme(api.spec)
    auth.declare_public(app, "api-docs")  # flask-smorest's own blueprint serving the spec


def nullable_reference(self, field, ret, **kwargs) -> dict:
    """Spell a nullable nested object `allOf: [$ref], nullable: true` (OpenAPI 3.0).

    apispec writes `anyOf: [{type: object, nullable: true}, $ref]`, which client generators
    read as "any object", losing the nested type.
    """
    alternatives = ret.get("anyOf")
    if field.allow_none and alternatives and len(alternatives) == 2:
        refs = [a for a in alternatives if "$ref" in a]
        if len(refs) == 1 and {"type": "object", "nullable": True} in alternatives:
            del ret["anyOf"]
            return {"allOf": refs, "nullable": True}
    return {}


class StorableString(UnicodeConverter):
    """A path segment the database can store: one with a NUL matches no route, so it is a 404.

    PostgreSQL refuses NUL in text parameters; a lookup by such an id would be a 500.
    """

    def to_python(self, value: str) -> str:
        if "\x00" in value:
            raise ValidationError()
        return value


class QuoteIdSegment(StorableString):
    """A quote id in a path: never "counts", which is /v1/quotes/counts's own segment, so an
    OPTIONS there allows only what that route does (not also PATCH, a quote's)."""

    def to_python(self, value: str) -> str:
        if value == "counts":
            raise ValidationError()
        return super().to_python(value)


def register_enums(spec) -> None:
    """Name each enum once, as a shared component schema that fields and parameters refer to."""
    for choices in ENUMS:
        spec.components.schema(choices.__name__, {
            "type": "string", "description": " ".join(choices.__doc__.split()),
            "enum": [choice.value for choice in choices],
            "x-enum-varnames": [choice.name for choice in choices],
            "example": next(iter(choices)).value})


def enum_reference(self, field, ret, **kwargs) -> dict:
    """An apispec attribute function: a `Choice` field refers to its enum's component.

    A bare `$ref` when nothing else describes the field; otherwise `allOf: [$ref]` beside the
    default, description or nullable flag, which OpenAPI 3.0 ignores next to a bare `$ref`.
    """
    if not isinstance(field, Choice):
        return {}
    ret.pop("type", None)
    ret.pop("enum", None)
    reference = {"$ref": f"#/components/schemas/{field.choices.__name__}"}
    if ret:
        ret["allOf"] = [reference]
        return {}
    return reference
