"""/v1/speakers: who is quoted, how often, where; and each speaker's quotes."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import session
from api.v1.collections import (
    ETAG_HEADER,
    LINK_HEADER,
    QUOTES_200,
    decode_count_key,
    document_get,
    encode_count_key,
    problems,
    quote_collection,
    quote_exports,
    v1_blueprint,
)
from api.v1.pagination import link_header
from api.v1.schemas import (
    QuoteFilterSchema,
    QuotePageSchema,
    SpeakerDetailSchema,
    SpeakerPageSchema,
    SpeakerQuerySchema,
)
from models import queries

blp = v1_blueprint("speakers", __name__, "/v1/speakers", "People and bodies who are quoted.")
auth.public(blp)


@blp.route("")
class SpeakerCollection(MethodView):
    @blp.arguments(SpeakerQuerySchema, location="query")
    @blp.response(200, SpeakerPageSchema, headers={**LINK_HEADER, **ETAG_HEADER})
    @document_get(blp, "listSpeakers", collection=True)
    def get(self, args):
        """List speakers, most quoted first; search by name or alias."""
        page = queries.speaker_page(session(), name=args.get("name"), limit=args["limit"],
                                    after=decode_count_key(args.get("cursor")))
        token = encode_count_key(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)


@blp.route("/<int:speaker_id>")
class SpeakerItem(MethodView):
    @blp.response(200, SpeakerDetailSchema, headers=ETAG_HEADER)
    @problems(blp, e404="No speaker has this id.")
    @document_get(blp, "getSpeaker")
    def get(self, speaker_id):
        """Get a speaker: aliases, roles, quote count, first and last quoted, outlets."""
        profile = queries.speaker_profile(session(), speaker_id)
        if profile is None:
            abort(404, message=f"No speaker has the id {speaker_id}.")
        return profile


@blp.route("/<int:speaker_id>/quotes")
class SpeakerQuotes(MethodView):
    @blp.arguments(QuoteFilterSchema, location="query")
    @blp.response(200, QuotePageSchema, headers={**LINK_HEADER, **ETAG_HEADER},
                  description=QUOTES_200)
    @quote_exports(blp)
    @problems(blp, e404="No speaker has this id.")
    @document_get(blp, "listSpeakerQuotes", collection=True)
    def get(self, args, speaker_id):
        """List one speaker's quotes, newest first; the /v1/quotes filters apply."""
        if not queries.speaker_exists(session(), speaker_id):
            abort(404, message=f"No speaker has the id {speaker_id}.")
        return quote_collection(args, speaker_id=speaker_id)
