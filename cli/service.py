"""Commands that run or describe the service: serve, migrate, openapi."""

import os
import sys
from pathlib import Path

import click

from config import Config

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = PROJECT_ROOT / "gunicorn.conf.py"


def gunicorn_argv() -> list[str]:
    """The exact command `quotewire serve` runs (the Dockerfile runs `quotewire serve` too)."""
    return [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF), "wsgi:app"]


@click.command()
@click.option("--migrate", "migrate_first", is_flag=True,
              help="Bring the database schema up to date before serving.")
def serve(migrate_first: bool) -> None:
    """Serve the API with gunicorn (settings: gunicorn.conf.py and QUOTEWIRE_* variables)."""
    if migrate_first:
        _upgrade_database()
    argv = gunicorn_argv()
    os.chdir(PROJECT_ROOT)  # so gunicorn imports wsgi.py from the project
    os.execv(argv[0], argv)


@click.command()
def migrate() -> None:
    """Create or upgrade the database schema (QUOTEWIRE_DATABASE_URL) to the newest revision."""
    _upgrade_database()


def _upgrade_database() -> None:
    from models.migrate import upgrade

    url = Config.from_env().database_url
    upgrade(url)
    click.echo(f"database is up to date: {_redacted(url)}", err=True)


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

    app = create_app(Config(database_url="sqlite://", json_logs=False))
    return app.extensions["quotewire.api"].spec.to_yaml()


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
