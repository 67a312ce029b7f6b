"""`quotewire`: extract, ingest and serve quotes; migrate, keys and the OpenAPI document.

Every command module imports at its top only what building its options needs (click, config,
articles): the libraries a command works with (SQLAlchemy, the extractor, Flask, trafilatura)
are imported when it runs, so `quotewire --help` or `extract` does not load the others.
tests/foundation/test_startup.py checks which modules each command loads.
"""

import click

from cli.corrections import corrections, documents
from cli.database import database_error_line, is_database_error
from cli.extract import extract
from cli.ingest import ingest
from cli.keys import keys
from cli.reextract import reextract
from cli.service import migrate, openapi, serve
from cli.spark import load, spark_extract


class QuotewireGroup(click.Group):
    """A database that is unreachable or wrongly named ends a command with one line, not a
    traceback from deep inside the driver."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not is_database_error(exc):
                raise
            raise click.ClickException(database_error_line(exc)) from None


@click.group(cls=QuotewireGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "--version", "-V", package_name="quotewire",
                      message="quotewire %(version)s")
def main() -> None:
    """quotewire finds direct quotations in news articles and serves them over HTTP."""


for command in (extract, ingest, reextract, serve, migrate, keys, openapi, corrections,
                documents, spark_extract, load):
    main.add_command(command)

if __name__ == "__main__":
    main()
