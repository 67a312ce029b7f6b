"""Commands that run or describe the service: serve, migrate, openapi."""

import importlib.util
import os
import sys
from pathlib import Path

import click

from cli.database import announced_database_url

# A module of the package, not a file beside it, so a wheel install can serve too.
GUNICORN_CONFIG = "python:cli.gunicorn_conf"


def gunicorn_argv() -> list[str]:
    """The exact command `quotewire serve` runs (the Dockerfile runs `quotewire serve` too).

    gunicorn works in the folder that holds wsgi.py (the checkout, or site-packages), so that
    no config.py or wsgi.py in the caller's folder is imported in place of quotewire's.
    """
    code_folder = Path(importlib.util.find_spec("wsgi").origin).parent
    return [sys.executable, "-m", "gunicorn", "--config", GUNICORN_CONFIG,
            "--chdir", str(code_folder), "wsgi:app"]


@click.command()
@click.option("--migrate", "migrate_first", is_flag=True,
              help="Bring the database schema up to date before serving.")
@click.option("--bind", metavar="HOST:PORT",
              help="Listen address [default: QUOTEWIRE_BIND, 127.0.0.1:8000].")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes [default: QUOTEWIRE_WORKERS, min(4, 2 x cores)].")
def serve(migrate_first: bool, bind: str | None, workers: int | None) -> None:
    """Serve the API with gunicorn (settings: cli/gunicorn_conf.py and QUOTEWIRE_* variables)."""
    url = announced_database_url()
    if migrate_first:
        _upgrade_database(url)
    # The workers resolve nothing again: they use the database this process just named.
    os.environ["QUOTEWIRE_DATABASE_URL"] = url
    if bind:
        os.environ["QUOTEWIRE_BIND"] = bind
    if workers:
        os.environ["QUOTEWIRE_WORKERS"] = str(workers)
    argv = gunicorn_argv()
    os.execv(argv[0], argv)


@click.command()
def migrate() -> None:
    """Create or upgrade the database schema (QUOTEWIRE_DATABASE_URL) to the newest revision."""
    _upgrade_database(announced_database_url())


def _upgrade_database(url: str) -> None:
    from models.migrate import upgrade

    upgrade(url)
    click.echo("database schema is up to date", err=True)


@click.command()
@click.option("--check", "check_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Fail if this file differs from the spec the code generates.")
@click.option("--output", "-o", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the spec here instead of to stdout.")
def openapi(check_path: Path | None, output_path: Path | None) -> None:
    """Print the OpenAPI document generated from the code (YAML)."""
    spec = generated_spec_yaml()
    if check_path:
        if not check_path.exists() or check_path.read_text(encoding="utf-8") != spec:
            raise click.ClickException(
                f"{check_path} differs from the spec the code generates; "
                f"run `quotewire openapi -o {check_path}` and commit the result.")
        click.echo(f"{check_path} matches the code", err=True)
    elif output_path:
        output_path.write_text(spec, encoding="utf-8")
    else:
        click.echo(spec, nl=False)


def generated_spec_yaml() -> str:
    from api import create_app
    from config import Config

    app = create_app(Config(database_url="sqlite://", json_logs=False))
    return app.extensions["quotewire.api"].spec.to_yaml()

