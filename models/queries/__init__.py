"""Every query the API makes, as named functions over a Session (no HTTP here), one module
per resource; the names every caller uses are gathered here.

Collections use keyset pagination. Quotes and documents are ordered by published date, then
id, newest first by default; rows with no published date come last in either direction. That
order is walked in two phases (dated rows through the (published, id) indexes with a row-value
comparison, then undated rows by id), so every page costs the same however deep it is, and the
plain composite indexes serve both phases on SQLite and PostgreSQL alike.
"""

from models.queries.changes import change_stamp_reader
from models.queries.corrections import (
    change_page,
    correction_page,
    corrections_of,
    merged_into,
)
from models.queries.documents import (
    DocumentFilters,
    document_exists,
    document_page,
    document_rows,
    document_with_counts,
    publications_of_document,
    quotes_of_document,
)
from models.queries.outlets import OutletProfile, outlet_exists, outlet_page, outlet_profile
from models.queries.paging import (
    MAX_ROW_ID,
    CountKey,
    DatedKey,
    NameKey,
    Page,
    every_row,
    fits_row_id,
)
from models.queries.publications import outlet_ids_named
from models.queries.quotes import (
    QuoteFilters,
    QuoteProvenance,
    filtered_quotes,
    iter_quotes,
    quote_page,
    quote_rows,
    quote_with_provenance,
)
from models.queries.speakers import (
    SpeakerProfile,
    speaker_exists,
    speaker_page,
    speaker_profile,
    speakers_matching,
    speakers_named,
)

__all__ = [
    "MAX_ROW_ID", "CountKey", "DatedKey", "DocumentFilters", "NameKey", "OutletProfile", "Page",
    "QuoteFilters", "QuoteProvenance", "SpeakerProfile", "change_page", "change_stamp_reader",
    "correction_page", "corrections_of", "document_exists", "document_page", "document_rows",
    "document_with_counts", "every_row", "filtered_quotes", "fits_row_id", "iter_quotes",
    "merged_into", "outlet_exists", "outlet_ids_named", "outlet_page", "outlet_profile",
    "publications_of_document", "quote_page", "quote_rows", "quote_with_provenance",
    "quotes_of_document", "speaker_exists", "speaker_page", "speaker_profile",
    "speakers_matching", "speakers_named",
]
