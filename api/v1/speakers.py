"""/v1/speakers: who is quoted, how often, where; and each speaker's quotes."""

from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import session
from api.v1.collections import (
    decode_count_key,
    encode_count_key,
    export_rows,
    item_get,
    list_get,
    quote_collection,
    quote_list_get,
    v1_blueprint,
)
from api.v1.pagination import link_header
from api.v1.representations import EXPORT_TYPES, wanted_type
from api.v1.schemas import (
    SpeakerDetailSchema,
    SpeakerPageSchema,
    SpeakerQuerySchema,
    SpeakerSummarySchema,
    path_parameter,
)
from models import queries

blp = v1_blueprint("speakers", __name__, "/v1/speakers", "People and bodies who are quoted.")
auth.public(blp)
SPEAKER_ID = path_parameter("speaker_id", "A speaker's id.", 42)
SPEAKER_SUMMARY = SpeakerSummarySchema()
SPEAKER_CSV_COLUMNS = ("id", "name", "type", "role", "quote_count")


@blp.route("")
class SpeakerCollection(MethodView):
    @list_get(blp, SpeakerQuerySchema, SpeakerPageSchema, "listSpeakers")
    def get(self, args):
        """List speakers, most quoted first; search by name or alias."""
        def fetch(a_session, limit, after):
            return queries.speaker_page(a_session, name=args.get("name"), limit=limit,
                                        after=after)

        after, mimetype = decode_count_key(args.get("cursor")), wanted_type()
        if mimetype in EXPORT_TYPES:
            return export_rows(fetch, after, SPEAKER_SUMMARY.dump, SPEAKER_CSV_COLUMNS,
                               "speakers", mimetype)
        page = fetch(session(), args["limit"], after)
        token = encode_count_key(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)


@blp.route("/<int:speaker_id>", parameters=[SPEAKER_ID])
class SpeakerItem(MethodView):
    @item_get(blp, SpeakerDetailSchema, "getSpeaker", e404="No speaker has this id.")
    def get(self, speaker_id):
        """Get a speaker: aliases, roles, quote count, first and last quoted, outlets."""
        profile = queries.speaker_profile(session(), speaker_id)
        if profile is None:
            abort(404, message=f"No speaker has the id {speaker_id}.")
        return profile


@blp.route("/<int:speaker_id>/quotes", parameters=[SPEAKER_ID])
class SpeakerQuotes(MethodView):
    @quote_list_get(blp, "listSpeakerQuotes", e404="No speaker has this id.")
    def get(self, args, speaker_id):
        """List one speaker's quotes, newest first; the /v1/quotes filters apply."""
        if not queries.speaker_exists(session(), speaker_id):
            abort(404, message=f"No speaker has the id {speaker_id}.")
        return quote_collection(args, speaker_id=speaker_id)
