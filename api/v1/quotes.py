"""/v1/quotes: quotes filtered by speaker, outlet, date, text and more; one quote's provenance."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import database, session
from api.negotiation import offers
from api.v1.collections import (
    ETAG_HEADER,
    LINK_HEADER,
    document_get,
    item_get,
    problems,
    quote_collection,
    quote_list_get,
    require_json_body,
    v1_blueprint,
)
from api.v1.correction_schemas import CorrectionListSchema, QuoteCorrectionSchema
from api.v1.counts import COUNTS_200, QuoteCountQuerySchema, QuoteCountsSchema, count_answer
from api.v1.representations import CSV, JSON
from api.v1.schemas import (
    QUOTE_ID_EXAMPLE,
    QuoteDetailSchema,
    QuoteQuerySchema,
    QuoteSearchPageSchema,
    SpeakerSummarySchema,
    path_parameter,
)
from api.v1.writes import attempt, author
from ingest.quote_corrections import correct_quote
from models import queries

blp = v1_blueprint("quotes", __name__, "/v1/quotes",
                   "Direct quotations and their provenance; PATCH corrects one (needs a key).")
auth.key_for_writes(blp)
blp.before_request(require_json_body)
QUOTE_ID = path_parameter("quote_id", "A quote's id (16 hex digits).", QUOTE_ID_EXAMPLE)
MAX_MATCHED_SPEAKERS = 100
SPEAKER_SUMMARIES = SpeakerSummarySchema(many=True)


@blp.route("")
class QuoteCollection(MethodView):
    @quote_list_get(blp, "listQuotes", QuoteQuerySchema, QuoteSearchPageSchema)
    def get(self, args):
        """List quotes, newest first; filters compose."""
        if args.get("speaker") is None:
            return quote_collection(args)
        return quote_collection(args, describe_page=lambda: matched_speakers(args["speaker"]))


def matched_speakers(name: str) -> dict:
    """Which speakers a `speaker` filter matched, so no page is left unexplained."""
    found = queries.speakers_named(session(), name, limit=MAX_MATCHED_SPEAKERS)
    return {"matched_speakers": SPEAKER_SUMMARIES.dump(found)}


@blp.route("/counts")
class QuoteCounts(MethodView):
    @offers(JSON, CSV)
    @blp.arguments(QuoteCountQuerySchema(), location="query")
    @blp.response(200, QuoteCountsSchema, headers={**LINK_HEADER, **ETAG_HEADER},
                  description=COUNTS_200)
    @blp.alt_response(200, content_type=CSV, success=True, schema={"type": "string"},
                      description=COUNTS_200)
    @problems(blp, e422="A filter or `group_by` is not valid, or the answer would hold too "
                        "many periods.",
              e503="The counts took too long and were stopped: narrow the filters.",
              e400="The cursor is not valid.")
    @document_get(blp, "countQuotes")
    def get(self, args):
        """Count quotes by speaker, outlet, speaker type, kind, status or period (one or two
        of them); every /v1/quotes filter applies, and each count links to its quotes."""
        return count_answer(args)


@blp.route("/<quote_id:quote_id>", parameters=[QUOTE_ID])
class QuoteItem(MethodView):
    @item_get(blp, QuoteDetailSchema, "getQuote", e404="No quote has this id.")
    def get(self, quote_id):
        """Get one quote with full provenance: document, outlet, offsets, sentence, rule."""
        return quote_or_404(quote_id)

    @auth.needs_scope("correct")
    @blp.arguments(QuoteCorrectionSchema)
    @blp.response(200, QuoteDetailSchema, description="Corrected: the quote as it is now.")
    @problems(blp, e401="No valid API key.", e403="The key lacks the `correct` scope.",
              e404="No quote has this id.", e415="The body is not application/json.",
              e422="The body is not a valid correction, or the stored data refuses it: "
                   "`speaker_id` names no speaker, or `status: attributed` would leave the "
                   "quote with no speaker.")
    @blp.doc(operationId="correctQuote", security=auth.WRITE_SECURITY)
    def patch(self, correction, quote_id):
        """Correct a quote's speaker, speaker type, kind or status (`rejected`: not a
        quotation); kept across re-extraction, listed in its corrections."""
        note = correction.pop("note")
        attempt(correct_quote, database().engine, quote_id, correction, author(note))
        return quote_or_404(quote_id)


def quote_or_404(quote_id: str):
    found = queries.quote_with_provenance(session(), quote_id)
    if found is None:
        abort(404, message=f"No quote has the id {quote_id!r}.")
    return found


@blp.route("/<quote_id:quote_id>/corrections", parameters=[QUOTE_ID])
class QuoteCorrections(MethodView):
    @item_get(blp, CorrectionListSchema, "listQuoteCorrections",
              e404="No quote, or correction of one, has this id.")
    def get(self, quote_id):
        """List a quote's corrections, oldest first (also once its quote is gone)."""
        found = queries.corrections_of(session(), "quote", quote_id)
        if not found and queries.quote_with_provenance(session(), quote_id) is None:
            abort(404, message=f"No quote has the id {quote_id!r}.")
        return {"items": found}
