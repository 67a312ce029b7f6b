"""/v1/extract: find the quotes in posted text without storing anything.

Anyone may call it, so its work is bounded (README, "Limits"): the body's size (413 beyond
QUOTEWIRE_EXTRACT_MAX_BYTES), the quotes answered (the first QUOTEWIRE_EXTRACT_MAX_QUOTES, with
`truncated: true`), the CPU time spent (422 beyond QUOTEWIRE_EXTRACT_CPU_SECONDS), and how many
extractions run at once (503 with Retry-After beyond QUOTEWIRE_EXTRACT_CONCURRENCY).
"""

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.cpu_budget import CpuBudgetExceeded, cpu_budget
from api.extract_slots import extraction_slots
from api.v1.collections import BAD_JSON, StrictParser, problems, v1_blueprint
from api.v1.fields import NO_NUL_PATTERN
from api.v1.schemas import ExtractRequestSchema, ExtractResultSchema
from extractors import extract

PLAIN_TEXT = "text/plain"
BUSY_RETRY_SECONDS = 1
BODY_TYPES = {"application/json": {"schema": ExtractRequestSchema},
              PLAIN_TEXT: {"schema": {"type": "string", "minLength": 1,
                                      "pattern": NO_NUL_PATTERN},
                           "example": "“We will not back down,” the mayor said."}}


class JsonOrTextParser(StrictParser):
    """Reads a text/plain body as `{"text": body}`, so `curl --data-binary @article.txt` works."""

    def _raw_load_json(self, req):
        if req.mimetype != PLAIN_TEXT:
            return super()._raw_load_json(req)
        charset = req.mimetype_params.get("charset", "utf-8")
        try:
            return {"text": req.get_data().decode(charset)}
        except (LookupError, UnicodeDecodeError):
            abort(400, message=f"The text/plain body is not valid {charset}: send UTF-8, or "
                               "name the body's encoding in `Content-Type: text/plain; "
                               "charset=…`.")


blp = v1_blueprint("extract", __name__, "/v1/extract",
                   "Quote extraction on demand (nothing is stored).")
blp.ARGUMENTS_PARSER = JsonOrTextParser()
auth.public(blp)


@blp.before_request
def bound_the_body() -> None:
    """Refuse a body that is not JSON or plain text, or larger than the extraction cap."""
    if request.method != "POST":
        return
    if not request.is_json and request.mimetype != PLAIN_TEXT:
        abort(415, message="Send the body as application/json or text/plain.")
    cap = current_app.config["QUOTEWIRE"].extract_max_bytes
    request.max_content_length = cap  # also bounds a chunked body, which has no length
    if (request.content_length or 0) > cap:
        abort(413, message=f"The body is {request.content_length:,} bytes; /v1/extract "
                           f"accepts at most {cap:,}. Send the text in parts.")


@blp.route("")
class Extraction(MethodView):
    @blp.arguments(ExtractRequestSchema)
    @blp.response(200, ExtractResultSchema)
    @problems(blp, e400=BAD_JSON + " Or a text/plain body that is not in its charset.",
              e413="The body is larger than /v1/extract accepts.",
              e415="The body is neither application/json nor text/plain.",
              e422="The body is not valid, or extracting it took more CPU time than "
                   "one request may use.",
              e503="Other extractions are running: retry after Retry-After seconds.")
    @blp.doc(operationId="extractQuotes", requestBody={"content": BODY_TYPES})
    def post(self, body):
        """Extract the quotes in a text and return them with speakers; nothing is stored.

        Send JSON (`{"text": "…"}`) or the bare text as `text/plain`. The answer holds at
        most a configured number of quotes (1,000 by default), the first in the text, and
        `truncated` says whether the text held more.
        """
        with extraction_slots().slot() as free:
            if not free:
                abort(503, message="The server is extracting as many texts as it runs at once; "
                                   "retry shortly.",
                      headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
            return bounded_extraction(body["text"], current_app.config["QUOTEWIRE"])


def bounded_extraction(text: str, settings) -> dict:
    """The first quotes of `text`, within the request's CPU budget (422 beyond it)."""
    try:
        with cpu_budget(settings.extract_cpu_seconds):
            quotes = extract(text)
            kept = [quote.to_record(None) for quote in quotes[:settings.extract_max_quotes]]
    except CpuBudgetExceeded:
        abort(422, message=f"Extracting this text took more than "
                           f"{settings.extract_cpu_seconds:g} s of CPU time, the most one "
                           "request may use. Send a shorter text.")
    return {"quotes": kept, "truncated": len(quotes) > len(kept)}
