"""The app's database handle and one session per request, closed when the request ends."""

from dataclasses import dataclass

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from models.engine import make_engine, make_session_factory
from models.migrate import alembic_config

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


def head_revision(database_url: str) -> str:
    """The Alembic head revision of the migrations shipped with this code."""
    return ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()


def schema_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at (None when it was never migrated).

    Raises SQLAlchemy's OperationalError when the database cannot be reached.
    """
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_mismatch(engine: Engine, expected: str) -> str | None:
    """Why the database's schema cannot serve this code, or None when it is at `expected`."""
    current = schema_revision(engine)
    if current == expected:
        return None
    return (f"Database schema at {current or 'none (never migrated)'}, expected {expected}: "
            "run `quotewire migrate`.")


def schema_problem(database_url: str) -> str | None:
    """Why `database_url` cannot serve requests yet (unreachable or not migrated), or None."""
    engine = make_engine(database_url)
    try:
        return schema_mismatch(engine, head_revision(database_url))
    except SQLAlchemyError as error:
        return f"The database cannot be reached: {getattr(error, 'orig', error)}."
    finally:
        engine.dispose()


def _close_session(_exc) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
