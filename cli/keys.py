"""`quotewire keys create|list|revoke`: API keys for the write endpoints."""

from contextlib import contextmanager

import click
from sqlalchemy.exc import IntegrityError

from cli.database import announced_database_url, require_schema
from models.api_keys import api_key_named, create_api_key, list_api_keys, revoke_api_key
from models.engine import make_engine, make_session_factory


@contextmanager
def _session():
    """One transaction on QUOTEWIRE_DATABASE_URL; the engine is disposed afterwards."""
    engine = make_engine(announced_database_url())
    try:
        require_schema(engine)
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()


@click.group()
def keys() -> None:
    """Make, list and revoke API keys (QUOTEWIRE_DATABASE_URL)."""


@keys.command("create")
@click.argument("name")
def create(name: str) -> None:
    """Make a key named NAME and print it once: only its hash is stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise click.BadParameter("give a name of 1 to 100 characters", param_hint="NAME")
    try:
        with _session() as session:
            if api_key_named(session, name) is not None:
                raise click.ClickException(f"a key named {name!r} already exists")
            row, key = create_api_key(session, name)
    except IntegrityError:
        raise click.ClickException(f"a key named {name!r} already exists") from None
    click.echo(key)
    click.echo(f"key {row.name!r} created (prefix {row.prefix}); it will not be shown again. "
               "Send it as `Authorization: Bearer <key>`.", err=True)


@keys.command("list")
def list_keys() -> None:
    """List keys: name, prefix, created and last used (never the keys themselves)."""
    with _session() as session:
        for row in list_api_keys(session):
            used = row.last_used_at.isoformat() if row.last_used_at else "never"
            click.echo(f"{row.name}\t{row.prefix}…\tcreated {row.created_at.isoformat()}"
                       f"\tlast used {used}")


@keys.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Delete the key named NAME; requests using it are refused from then on."""
    with _session() as session:
        if not revoke_api_key(session, name):
            raise click.ClickException(f"no key named {name!r}")
    click.echo(f"key {name!r} revoked", err=True)
