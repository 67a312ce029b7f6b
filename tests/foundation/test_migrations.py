"""The Alembic migrations build exactly the schema the models describe, on either engine."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import models.api_keys
import models.tables  # noqa: F401
from models import Base
from models.migrate import include_object


def test_migrated_database_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
