"""Storage: SQLAlchemy models, engine and session setup, and the queries the API makes.

Nothing here knows about HTTP. Callers own transactions (`with session.begin():`).
"""

from models.base import Base

__all__ = ["Base"]
