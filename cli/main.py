"""`quotewire`: extract, ingest and serve quotes; migrate, keys and the OpenAPI document."""

import click

from cli.extract import extract
from cli.ingest import ingest
from cli.keys import keys
from cli.reextract import reextract
from cli.service import migrate, openapi, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """quotewire finds direct quotations in news articles and serves them over HTTP."""


for command in (extract, ingest, reextract, serve, migrate, keys, openapi):
    main.add_command(command)

if __name__ == "__main__":
    main()
