"""The database a command uses, said once on stderr, and its errors said in one line.

SQLAlchemy is imported inside these functions, not at the top (see cli/main.py)."""

import sys

import click

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
SUPPORTED_FORMS = "sqlite:///PATH or postgresql://USER@HOST:PORT/NAME"


def database_errors() -> tuple[type[Exception], ...]:
    """What a wrong URL or an unreachable server raises before any quotewire code runs."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    return ArgumentError, NoSuchModuleError, OperationalError


def is_database_error(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be used. Without SQLAlchemy loaded no command
    touched a database, so nothing raised can be such an error (and SQLAlchemy stays unloaded)."""
    return "sqlalchemy.exc" in sys.modules and isinstance(exc, database_errors())


def announced_database_url() -> str:
    """QUOTEWIRE_DATABASE_URL (or the default), after saying on stderr which one it is."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from config import Config, redacted_url

    url = Config.from_env().database_url
    click.echo(f"database: {redacted_url(url)}", err=True)
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise click.ClickException(f"QUOTEWIRE_DATABASE_URL is not a database URL: "
                                   f"expected {SUPPORTED_FORMS}") from None
    if backend not in SUPPORTED_BACKENDS:
        raise click.ClickException(f"unsupported database {backend!r} in "
                                   f"QUOTEWIRE_DATABASE_URL: expected {SUPPORTED_FORMS}")
    return url


def connect(tune_for_bulk_writes: bool = False):
    """An engine on the announced database, its schema checked (see `require_schema`);
    tuned for a bulk writer (models.dialect) when asked."""
    from models.dialect import tune_for_bulk_writes as tuned
    from models.engine import make_engine

    engine = make_engine(announced_database_url())
    if tune_for_bulk_writes:
        tuned(engine)
    require_schema(engine)
    return engine


def require_schema(engine) -> None:
    """Stop with one line when the schema is not the one this code needs (never migrated, or
    older than the code: after an upgrade, before `quotewire migrate`)."""
    from models.migrate import head_revision, schema_mismatch

    problem = schema_mismatch(engine, head_revision(engine.url.render_as_string(False)))
    if problem:
        raise click.ClickException(problem)


def database_error_line(exc: Exception) -> str:
    """One line for a database that cannot be used: the driver's first line, no traceback."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    if isinstance(exc, NoSuchModuleError):
        return f"unsupported database URL: expected {SUPPORTED_FORMS}"
    if isinstance(exc, ArgumentError):
        return f"invalid database URL: {_first_line(exc)}"
    return f"cannot use the database: {_first_line(getattr(exc, 'orig', None) or exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
