"""/v1/speakers: who is quoted, how often, where; and each speaker's quotes."""

from flask import redirect, url_for
from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import database, session
from api.v1.collections import (
    decode_count_key,
    encode_count_key,
    export_rows,
    item_get,
    list_get,
    problems,
    quote_collection,
    quote_list_get,
    require_json_body,
    v1_blueprint,
)
from api.v1.correction_schemas import SpeakerEditSchema, SpeakerMergeSchema
from api.v1.pagination import link_header
from api.v1.representations import EXPORT_TYPES, wanted_type
from api.v1.schemas import (
    SpeakerDetailSchema,
    SpeakerPageSchema,
    SpeakerQuerySchema,
    SpeakerSummarySchema,
    path_parameter,
)
from api.v1.writes import attempt, author
from ingest.speaker_edits import edit_speaker, merge_by_hand
from models import queries

blp = v1_blueprint("speakers", __name__, "/v1/speakers",
                   "People and bodies who are quoted; PATCH and merge correct them (needs a "
                   "key).")
auth.key_for_writes(blp)
blp.before_request(require_json_body)
WRITE_PROBLEMS = {"e401": "No valid API key.", "e403": "The key lacks the `correct` scope.",
                  "e404": "No speaker has this id.", "e409": "Another speaker has that name.",
                  "e415": "The body is not application/json.", "e422": "The body is not valid."}
MOVED = {"Location": {"description": "The speaker it was merged into.",
                      "schema": {"type": "string", "example": "/v1/speakers/42"}}}
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
    @blp.alt_response(301, description="Merged into another speaker: `Location` names it.",
                      headers=MOVED)
    def get(self, speaker_id):
        """Get a speaker: aliases, roles, quote count, first and last quoted, outlets; a
        speaker merged into another answers 301 to it."""
        return profile_or_404(speaker_id, follow=True)

    @auth.needs_scope("correct")
    @blp.arguments(SpeakerEditSchema)
    @blp.response(200, SpeakerDetailSchema, description="The speaker as it is now.")
    @problems(blp, **WRITE_PROBLEMS)
    @blp.doc(operationId="editSpeaker", security=auth.WRITE_SECURITY)
    def patch(self, edit, speaker_id):
        """Correct a speaker's canonical name, type or aliases (recorded as corrections)."""
        note = edit.pop("note")
        attempt(edit_speaker, database().engine, speaker_id, edit, author(note))
        return profile_or_404(speaker_id)


def profile_or_404(speaker_id: int, follow: bool = False):
    profile = queries.speaker_profile(session(), speaker_id)
    if profile is not None:
        return profile
    into = queries.merged_into(session(), speaker_id) if follow else None
    if into is not None:
        return redirect(url_for(".SpeakerItem", speaker_id=into), 301)
    abort(404, message=f"No speaker has the id {speaker_id}.")


@blp.route("/<int:speaker_id>/merge", parameters=[SPEAKER_ID])
class SpeakerMerge(MethodView):
    @auth.needs_scope("correct")
    @blp.arguments(SpeakerMergeSchema)
    @blp.response(200, SpeakerDetailSchema, description="Merged: the surviving speaker.")
    @problems(blp, **{**WRITE_PROBLEMS, "e422": "The body is not valid, or `into` names no "
                                                "speaker, or this one."})
    @blp.doc(operationId="mergeSpeaker", security=auth.WRITE_SECURITY)
    def post(self, merge, speaker_id):
        """Merge this speaker into another: its quotes and aliases move there, and its id
        answers 301 to the survivor from then on."""
        if not queries.speaker_exists(session(), speaker_id):  # before any fault in the body
            abort(404, message=f"No speaker has the id {speaker_id}.")
        attempt(merge_by_hand, database().engine, speaker_id, merge["into"],
                author(merge["note"]))
        return profile_or_404(merge["into"])


@blp.route("/<int:speaker_id>/quotes", parameters=[SPEAKER_ID])
class SpeakerQuotes(MethodView):
    @quote_list_get(blp, "listSpeakerQuotes", e404="No speaker has this id.")
    def get(self, args, speaker_id):
        """List one speaker's quotes, newest first; the /v1/quotes filters apply."""
        if not queries.speaker_exists(session(), speaker_id):
            abort(404, message=f"No speaker has the id {speaker_id}.")
        return quote_collection(args, speaker_id=speaker_id)
