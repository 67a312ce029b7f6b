"""`quotewire keys create|list|revoke`: API keys for the write endpoints."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import click

from cli.database import connect
from models.scopes import SCOPES


@contextmanager
def _session():
    """One transaction on QUOTEWIRE_DATABASE_URL; the engine is disposed afterwards."""
    from models.engine import make_session_factory

    engine = connect()
    try:
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()


@click.group()
def keys() -> None:
    """Make, list and revoke API keys (QUOTEWIRE_DATABASE_URL)."""


@keys.command("create")
@click.argument("name")
@click.option("--expires", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              help="Refuse the key from this UTC date (YYYY-MM-DD) or time on.")
@click.option("--days", type=click.IntRange(min=1), help="Refuse the key N days from now.")
@click.option("--scope", "scopes", type=click.Choice(SCOPES), multiple=True,
              help="What it may write (repeat for several): ingest (the default), correct, "
                   "admin (takedowns, and all the rest).")
def create(name: str, expires: datetime | None, days: int | None,
           scopes: tuple[str, ...]) -> None:
    """Make a key named NAME and print it once: only its hash is stored."""
    from sqlalchemy.exc import IntegrityError

    from models.api_keys import api_key_named, create_api_key

    name = name.strip()
    if not name or len(name) > 100:
        raise click.BadParameter("give a name of 1 to 100 characters", param_hint="NAME")
    expires_at = _expiry(expires, days)
    try:
        with _session() as session:
            if api_key_named(session, name) is not None:
                raise click.ClickException(f"a key named {name!r} already exists")
            row, key = create_api_key(session, name, expires_at, scopes or ("ingest",))
    except IntegrityError:
        raise click.ClickException(f"a key named {name!r} already exists") from None
    click.echo(key)
    until = f"valid until {expires_at.isoformat()}" if expires_at else "never expires"
    click.echo(f"key {row.name!r} created (prefix {row.prefix}, scopes {row.scopes}, {until}); "
               "it will not be shown "
               "again. Send it as `Authorization: Bearer <key>`.", err=True)


def _expiry(expires: datetime | None, days: int | None) -> datetime | None:
    """When a new key stops working (UTC), from --expires or --days; None for never."""
    from models.tables import utc_now

    if expires is not None and days is not None:
        raise click.UsageError("give --expires or --days, not both")
    if days is not None:
        return utc_now() + timedelta(days=days)
    if expires is None:
        return None
    expires_at = expires.replace(tzinfo=UTC)
    if expires_at <= utc_now():
        raise click.BadParameter(f"{expires_at.isoformat()} is already past",
                                 param_hint="--expires")
    return expires_at


@keys.command("list")
def list_keys() -> None:
    """List keys: name, prefix, scopes, created, last used and expiry (never the keys)."""
    from models.api_keys import list_api_keys

    with _session() as session:
        for row in list_api_keys(session):
            used = row.last_used_at.isoformat() if row.last_used_at else "never"
            expiry = _expiry_note(row)
            click.echo(f"{row.name}\t{row.prefix}…\t{row.scopes}"
                       f"\tcreated {row.created_at.isoformat()}"
                       f"\tlast used {used}\t{expiry}")


def _expiry_note(row) -> str:
    if row.expires_at is None:
        return "never expires"
    return ("expired " if row.expired() else "expires ") + row.expires_at.isoformat()


@keys.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Delete the key named NAME; requests using it are refused from then on."""
    from models.api_keys import revoke_api_key

    with _session() as session:
        if not revoke_api_key(session, name):
            raise click.ClickException(f"no key named {name!r}")
    click.echo(f"key {name!r} revoked", err=True)
