"""Interactive API docs at /docs: Swagger UI served from bundled assets, so it works offline."""

from flask import Blueprint, Response, redirect, render_template_string, url_for

from api import auth

blp = Blueprint("docs", __name__, url_prefix="/docs", static_folder="static",
                static_url_path="/static")
auth.public(blp)
home = auth.public(Blueprint("home", __name__))

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>quotewire API</title>
  <link rel="icon" type="image/png" href="{{ asset('swagger-ui/favicon-32x32.png') }}">
  <link rel="stylesheet" href="{{ asset('swagger-ui/swagger-ui.css') }}">
</head>
<body>
  <div id="swagger-ui" data-spec-url="{{ spec_url }}"></div>
  <script src="{{ asset('swagger-ui/swagger-ui-bundle.js') }}"></script>
  <script src="{{ asset('docs.js') }}"></script>
</body>
</html>
"""


@blp.get("/")
@blp.get("")  # registered first, so url_for() names /docs
def docs_page() -> Response:
    """The Swagger UI page for the v1 OpenAPI document."""
    html = render_template_string(
        PAGE, spec_url=url_for("api-docs.openapi_json"),
        asset=lambda name: url_for("docs.static", filename=name))
    return Response(html, mimetype="text/html")


@home.get("/")
def home_page() -> Response:
    """The server's root: people who open it in a browser want the docs."""
    return redirect(url_for("docs.docs_page"))
