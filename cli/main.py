"""`quotewire`: serve the API, migrate the database, write the OpenAPI document, and more."""

import click

from cli.service import migrate, openapi, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """quotewire finds direct quotations in news articles and serves them over HTTP."""


main.add_command(serve)
main.add_command(migrate)
main.add_command(openapi)
main.add_command(__import__("cli.extract").extract.extract)  # quotewire extract PATH…
main.add_command(__import__("cli.keys").keys.keys)  # quotewire keys create|list|revoke
main.add_command(__import__("cli.ingest").ingest.ingest)  # quotewire ingest PATH…
main.add_command(__import__("cli.reextract").reextract.reextract)  # quotewire reextract

if __name__ == "__main__":
    main()
