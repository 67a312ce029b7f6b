"""Quote lists are rendered without marshmallow; the schema stays the contract they must match."""

from datetime import date

from api.v1.schemas import QuoteSchema, quote_json
from models import queries
from models.queries import QuoteFilters
from tests.api.factories import said, store


def store_varied_quotes(engine) -> None:
    """Quotes with and without speaker, speaker row, role, cue, outlet and date."""
    store(engine, [
        said("Teodora Lasku", "The ferry timetable stays as it is", role="Harbour Master"),
        said("a spokesperson for the port", "We do not comment on rumours",
             speaker_type="anonymous", confidence=0.55),
        said("the ministry", "Talks resume on Monday", speaker_type="organization",
             kind="partial"),
    ], title="Ferry", outlet="Coastal Courier", published=date(2025, 1, 31),
        unattributed=("Nobody asked the crews",))
    store(engine, [said("Kofi Mensah", "Dates are for historians")], title="Undated",
          outlet=None, published=None)


def test_fast_quote_rendering_equals_the_schema_dump(db_sessions, db_engine):
    store_varied_quotes(db_engine)
    with db_sessions() as session:
        rows = queries.quote_page(session, QuoteFilters(), limit=50).rows
    assert len(rows) == 5
    schema = QuoteSchema()
    for row in rows:
        dumped = schema.dump(row)
        assert quote_json(row) == dumped
        assert list(quote_json(row)) == list(dumped)  # the same field order too
    rendered = [quote_json(row) for row in rows]
    # The variety the comparison must cover, so it cannot pass on uniform rows.
    assert any(q["speaker"] is None for q in rendered)
    assert any(q["speaker"] and q["speaker"]["id"] is None for q in rendered)
    assert any(q["cue"] is None for q in rendered) and any(q["cue"] for q in rendered)
    assert any(q["outlet"] is None for q in rendered)
    assert {q["published"] for q in rendered} == {"2025-01-31", None}
    assert any(q["speaker"] and q["speaker"]["role"] == "Harbour Master" for q in rendered)


def test_listed_quote_equals_the_quote_inside_its_detail(client, db_engine):
    store_varied_quotes(db_engine)
    for listed in client.get("/v1/quotes").json["items"]:
        detail = client.get(f"/v1/quotes/{listed['id']}").json
        assert {key: detail[key] for key in listed} == listed
