"""Brings a database's schema to the newest Alembic revision."""

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


# Full-text parts the migrations manage by hand, per engine (autogenerate must leave them be).
HAND_MANAGED = {("column", "search_vector"), ("index", "ix_quotes_search_vector")}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """False for SQLite's FTS5 table and its shadow tables and PostgreSQL's tsvector column
    and GIN index, which no model describes."""
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
