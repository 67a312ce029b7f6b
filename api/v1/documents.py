"""/v1/documents: stored articles, their quotes, and ingesting a new one (API key needed)."""

from flask import url_for
from flask.views import MethodView
from flask_smorest import abort

from api import auth
from api.database import database, session
from api.v1.collections import (
    BAD_JSON,
    decode_dated_key,
    encode_dated_key,
    export_rows,
    item_get,
    list_get,
    problems,
    quote_collection,
    quote_list_get,
    require_json_body,
    v1_blueprint,
)
from api.v1.correction_schemas import (
    DocumentCorrectionSchema,
    RestoreSchema,
    TakedownQuerySchema,
)
from api.v1.pagination import link_header
from api.v1.representations import EXPORT_TYPES, wanted_type
from api.v1.schemas import (
    DOCUMENT_ID_EXAMPLE,
    DocumentDetailSchema,
    DocumentPageSchema,
    DocumentQuerySchema,
    DocumentSummarySchema,
    IngestResultSchema,
    NewDocumentSchema,
    path_parameter,
)
from api.v1.writes import attempt, author
from articles import Article
from ingest.document_edits import correct_document
from ingest.store import store_article
from ingest.takedowns import restore, take_down
from models import queries
from models.queries import DocumentFilters

blp = v1_blueprint("documents", __name__, "/v1/documents",
                   "Stored articles; POST ingests one (needs an API key).")
auth.key_for_writes(blp)
blp.before_request(require_json_body)
LOCATION_HEADER = {"Location": {"description": "The new document's URL (a path).",
                                "schema": {"type": "string", "example": "/v1/documents/"
                                                                        + DOCUMENT_ID_EXAMPLE}}}
DOCUMENT_SUMMARY = DocumentSummarySchema()
DOCUMENT_CSV_COLUMNS = ("id", "title", "url", "author", "outlet_id", "outlet_name", "published",
                        "external_id", "source", "sha256", "extractor_version", "ingested_at",
                        "quote_count", "publication_count")
DOCUMENT_ID = path_parameter("document_id", "A document's id (16 hex digits).",
                             DOCUMENT_ID_EXAMPLE)


@blp.route("")
class DocumentCollection(MethodView):
    @list_get(blp, DocumentQuerySchema, DocumentPageSchema, "listDocuments")
    def get(self, args):
        """List documents, newest first; filter by outlet and date."""
        filters = DocumentFilters(outlet=args.get("outlet"), outlet_id=args.get("outlet_id"),
                                  date_from=args.get("date_from"), date_to=args.get("date_to"))

        def fetch(a_session, limit, after):
            return queries.document_page(a_session, filters, limit=limit, after=after,
                                         newest_first=args["sort"] == "-published")

        after, mimetype = decode_dated_key(args.get("cursor")), wanted_type()
        if mimetype in EXPORT_TYPES:
            return export_rows(fetch, after, DOCUMENT_SUMMARY.dump, DOCUMENT_CSV_COLUMNS,
                               "documents", mimetype)
        page = fetch(session(), args["limit"], after)
        token = encode_dated_key(page.next_key)
        return {"items": page.rows, "next": token}, 200, link_header(token)

    @auth.needs_scope("ingest")
    @blp.arguments(NewDocumentSchema)
    @blp.response(201, IngestResultSchema, description="Stored: the document and its quotes.",
                  headers=LOCATION_HEADER)
    @blp.alt_response(200, schema=IngestResultSchema, success=True,
                      description="This text was already stored: `status` says whether this "
                                  "publication of it is new, was updated, or was unchanged.")
    @problems(blp, e400=BAD_JSON, e401="No valid API key.",
              e413="The body is larger than the server accepts.",
              e415="The body is not application/json.")
    @problems(blp, e403="The key lacks the `ingest` scope.",
              e409="This text was taken down: restore it first.")
    @blp.doc(operationId="ingestDocument", security=auth.WRITE_SECURITY)
    def post(self, article):
        """Ingest one article: extract its quotes and store both, or record a new publication
        of a text already stored (idempotent)."""
        result = store_article(database().sessions, Article(**article))
        if result.status == "taken_down":
            abort(409, message=f"This text is document {result.document_id}, which was taken "
                               "down: restore it first (POST /v1/documents/"
                               f"{result.document_id}/restore).")
        document = queries.document_with_counts(session(), result.document_id)
        quotes = queries.quotes_of_document(session(), result.document_id)
        body = {"status": result.status, "document": document, "quotes": quotes}
        if result.status != "new":
            return body, 200
        return body, 201, {"Location": url_for(".DocumentItem", document_id=result.document_id)}


@blp.route("/<string:document_id>", parameters=[DOCUMENT_ID])
class DocumentItem(MethodView):
    @item_get(blp, DocumentDetailSchema, "getDocument", e404="No document has this id.")
    def get(self, document_id):
        """Get a document: its text, metadata, publications and number of quotes."""
        return document_or_404(document_id)

    @auth.needs_scope("correct")
    @blp.arguments(DocumentCorrectionSchema)
    @blp.response(200, DocumentDetailSchema, description="The document as it is now.")
    @problems(blp, e401="No valid API key.", e403="The key lacks the `correct` scope.",
              e404="No document has this id.",
              e409="Another publication of the document has that outlet and url.",
              e415="The body is not application/json.",
              e422="The body is not valid, or names no publication of this document.")
    @blp.doc(operationId="correctDocument", security=auth.WRITE_SECURITY)
    def patch(self, correction, document_id):
        """Correct a document's metadata: a publication's (the one named, else the earliest)
        title, url, author, outlet or date, or the document's external_id and source."""
        note = correction.pop("note")
        publication_id = correction.pop("publication_id", None)
        attempt(correct_document, database().engine, document_id, correction, author(note),
                publication_id)
        return document_or_404(document_id)

    @auth.needs_scope("admin")
    @blp.arguments(TakedownQuerySchema(), location="query")
    @blp.response(204, description="Taken down: its quotes have left every read.")
    @problems(blp, e401="No valid API key.", e403="The key lacks the `admin` scope.",
              e404="No document has this id.", e409="It is taken down already.")
    @blp.doc(operationId="takeDownDocument", security=auth.WRITE_SECURITY)
    def delete(self, args, document_id):
        """Take a document down: it and its quotes leave every read at once, and an ingest of
        the same text is refused until it is restored."""
        attempt(take_down, database().engine, document_id, author(args["note"]))


def document_or_404(document_id: str):
    row = queries.document_with_counts(session(), document_id, with_text=True)
    if row is None:
        abort(404, message=f"No document has the id {document_id!r}.")
    return {"row": row, "publications": queries.publications_of_document(session(), document_id)}


@blp.route("/<string:document_id>/restore", parameters=[DOCUMENT_ID])
class DocumentRestore(MethodView):
    @auth.needs_scope("admin")
    @blp.arguments(RestoreSchema)
    @blp.response(200, DocumentDetailSchema, description="Restored: extracted afresh, with "
                                                         "its publications and corrections.")
    @problems(blp, e401="No valid API key.", e403="The key lacks the `admin` scope.",
              e404="No document taken down has this id.", e409="It is not taken down.",
              e415="The body is not application/json.")
    @blp.doc(operationId="restoreDocument", security=auth.WRITE_SECURITY)
    def post(self, args, document_id):
        """Restore a taken-down document."""
        attempt(restore, database().engine, document_id, author(args["note"]))
        return document_or_404(document_id)


@blp.route("/<string:document_id>/quotes", parameters=[DOCUMENT_ID])
class DocumentQuotes(MethodView):
    @quote_list_get(blp, "listDocumentQuotes", e404="No document has this id.")
    def get(self, args, document_id):
        """List a document's quotes; the /v1/quotes filters apply."""
        if not queries.document_exists(session(), document_id):
            abort(404, message=f"No document has the id {document_id!r}.")
        return quote_collection(args, document_id=document_id)
