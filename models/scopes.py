"""What an API key may write; a module of its own so the CLI can offer the choices without
loading SQLAlchemy."""

# ingest: POST /v1/documents; correct: corrections of quotes, speakers and documents;
# admin: takedowns and restores, and everything the others may do.
SCOPES = ("ingest", "correct", "admin")
