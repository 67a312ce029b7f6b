"""What every correction view shares: who is writing, and refusals as problem+json."""

from flask_smorest import abort

from api import auth
from ingest.corrections import Author, CorrectionRefused


def author(note: str) -> Author:
    """The correction's author: this request's API key, and its note."""
    return Author(auth.key_name(), note)


def attempt(write, *args, **kwargs):
    """Run a write of ingest/; a refusal answers 404, 409 or 422 with its reason."""
    try:
        return write(*args, **kwargs)
    except CorrectionRefused as refused:
        abort(refused.status, message=str(refused))
