"""The body size limit for bodies sent without a Content-Length (chunked).

Werkzeug stops reading such a body at MAX_CONTENT_LENGTH and hands over the truncated bytes,
so an over-limit JSON body failed as "invalid JSON" (400). This reads the body up to the
limit, looks one byte past it, and answers 413 when there is more.
"""

from flask import current_app, request
from flask_smorest import abort


def refuse_oversized_streamed_body() -> None:
    """before_request (every route): 413 for a chunked body beyond MAX_CONTENT_LENGTH."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is None or request.content_length is not None:
        return
    if not request.environ.get("wsgi.input_terminated"):
        return  # Werkzeug gives such a request an empty body: nothing to refuse
    body = request.get_data(cache=True)
    if len(body) >= limit and request.environ["wsgi.input"].read(1):
        abort(413, message=f"The body is larger than the server accepts ({limit} bytes).")
