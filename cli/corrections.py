"""`quotewire corrections export` and `quotewire documents restore|take-down`: what people
corrected, as evaluation data, and takedowns from the command line."""

import click

from cli.database import connect


def _author(note: str):
    import getpass

    from ingest.corrections import Author

    return Author(f"cli:{getpass.getuser()}", note)


@click.group()
def corrections() -> None:
    """Corrections people made (QUOTEWIRE_DATABASE_URL)."""


@corrections.command("export")
def export() -> None:
    """Write every corrected document as gold JSONL for ../shared/eval/score.py."""
    import json

    from ingest.gold_export import gold_documents

    engine = connect()
    written = 0
    try:
        with engine.connect() as connection:
            for record in gold_documents(connection):
                click.echo(json.dumps(record, ensure_ascii=False))
                written += 1
    finally:
        engine.dispose()
    click.echo(f"{written} corrected documents written", err=True)


def _write(write, *args):
    """Run a write of ingest/ on the configured database; a refusal is a one-line error."""
    from ingest.corrections import CorrectionRefused

    engine = connect()
    try:
        return write(engine, *args)
    except CorrectionRefused as refused:
        raise click.ClickException(str(refused)) from None
    finally:
        engine.dispose()


@click.group()
def documents() -> None:
    """Take documents down and restore them (QUOTEWIRE_DATABASE_URL)."""


@documents.command("restore")
@click.argument("document_id")
@click.option("--note", default="restored", show_default=True, help="Why it comes back.")
def restore_command(document_id: str, note: str) -> None:
    """Bring a taken-down document back, extracted afresh with its corrections."""
    from ingest.takedowns import restore

    restored = _write(restore, document_id, _author(note))
    click.echo(f"document {restored.document_id} restored with {restored.quotes} quotes",
               err=True)


@documents.command("take-down")
@click.argument("document_id")
@click.option("--note", required=True, help="Why it is taken down.")
def take_down_command(document_id: str, note: str) -> None:
    """Take a document down: it and its quotes leave every read; ingest refuses its text."""
    from ingest.takedowns import take_down

    removed = _write(take_down, document_id, _author(note))
    click.echo(f"document {document_id} taken down ({removed} quotes)", err=True)
