"""Storage: SQLAlchemy models, engine and session setup, and the queries the API makes.

Nothing here knows about HTTP. Callers own transactions (`with session.begin():`).

`Base` is loaded on first use (PEP 562), not when the package is: importing a light module
of it (models.scopes) must not load SQLAlchemy, which the CLI's --help would pay for.
"""

__all__ = ["Base"]


def __getattr__(name: str):
    if name == "Base":
        from models.base import Base

        return Base
    raise AttributeError(f"module 'models' has no attribute {name!r}")
