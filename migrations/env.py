"""Alembic environment: migrates the database named by the caller or by QUOTEWIRE_DATABASE_URL."""

from alembic import context

# Importing the model modules registers every table on Base.metadata, for autogenerate.
import models.api_keys
import models.corrections
import models.tables  # noqa: F401
from config import Config
from models import Base
from models.engine import make_engine
from models.migrate import include_object

config = context.config


def database_url() -> str:
    return config.attributes.get("database_url") or Config.from_env().database_url


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=Base.metadata,
                      literal_binds=True, render_as_batch=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=True, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
