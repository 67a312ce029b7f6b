"""Brings a database's schema to the newest Alembic revision, and says when it is not there."""

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from models.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


# Full-text parts the migrations manage by hand, per engine (autogenerate must leave them be).
HAND_MANAGED = {("column", "search_vector"), ("index", "ix_quotes_search_vector"),
                ("index", "ix_quotes_fts_key")}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """False for SQLite's FTS5 table, its shadow tables and its key index, and PostgreSQL's
    tsvector column and GIN index, which no model describes."""
    if type_ == "table" and name and name.startswith("quotes_fts"):
        return False
    return (type_, name) not in HAND_MANAGED


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Apply every migration up to `revision` (idempotent: a current database is left as is)."""
    command.upgrade(alembic_config(database_url), revision)


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
