"""The app's database handle and one session per request, closed when the request ends."""

from dataclasses import dataclass

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from models.engine import make_engine, make_session_factory
from models.migrate import head_revision

EXTENSION_KEY = "quotewire.database"


@dataclass(frozen=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    # The newest migration this code knows, read once from migrations/ at start-up.
    head_revision: str


def init_database(app: Flask, database_url: str) -> Database:
    engine = make_engine(database_url)
    database = Database(engine, make_session_factory(engine), head_revision(database_url))
    app.extensions[EXTENSION_KEY] = database
    app.teardown_appcontext(_close_session)
    return database


def database() -> Database:
    return current_app.extensions[EXTENSION_KEY]


def session() -> Session:
    """The current request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return g.db_session


def _close_session(_exc) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
