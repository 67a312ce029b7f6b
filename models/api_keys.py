"""API keys for writes: shown once when made, stored only as a SHA-256 hash.

A key is `qw_` and 43 URL-safe characters (256 random bits). Its first 11 characters are kept
in the clear as a prefix, to find the row and to let people tell their keys apart; the hash of
the whole key is compared in constant time.
"""

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.base import Base
from models.scopes import SCOPES
from models.tables import UTCDateTime, utc_now

KEY_MARK = "qw_"
PREFIX_LENGTH = 11
MAX_KEY_LENGTH = 200
# What a key can look like; anything else (a NUL, say) is refused before the database sees it.
KEY_SHAPE = re.compile(rf"qw_[A-Za-z0-9_-]{{1,{MAX_KEY_LENGTH - len(KEY_MARK)}}}")


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(PREFIX_LENGTH), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # None: the key never expires. From this instant on, requests with it are refused.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the key may write, comma-separated: ingest, correct, admin (admin may do all).
    scopes: Mapped[str] = mapped_column(String(100), default="ingest", server_default="ingest")

    def expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or utc_now())

    def allows(self, scope: str) -> bool:
        """Whether the key may make writes of `scope` (an admin key may make any)."""
        granted = set(self.scopes.split(","))
        return scope in granted or "admin" in granted


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh, high-entropy API key."""
    return KEY_MARK + secrets.token_urlsafe(32)


def create_api_key(session: Session, name: str, expires_at: datetime | None = None,
                   scopes: tuple[str, ...] = ("ingest",)) -> tuple[ApiKey, str]:
    """Store a new key named `name` (valid until `expires_at`, or for ever) that may make the
    writes of `scopes` (SCOPES); return the row and the key, which is never stored."""
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise ValueError(f"scopes are some of {', '.join(SCOPES)}, not {sorted(unknown)}")
    key = new_key()
    row = ApiKey(name=name, key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH],
                 expires_at=expires_at, scopes=",".join(s for s in SCOPES if s in scopes))
    session.add(row)
    session.flush()
    return row, key


def api_key_named(session: Session, name: str) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.name == name))


def list_api_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.name)))


def find_api_key(session: Session, presented: str) -> ApiKey | None:
    """The key row matching `presented`, compared in constant time; None if there is none.

    An expired key is returned too (check `expired()`), so the caller can say why it fails."""
    if not KEY_SHAPE.fullmatch(presented):
        return None
    digest = hash_key(presented)
    candidates = session.scalars(
        select(ApiKey).where(ApiKey.prefix == presented[:PREFIX_LENGTH]))
    for row in candidates:
        if hmac.compare_digest(row.key_hash, digest):
            return row
    return None


def revoke_api_key(session: Session, name: str) -> bool:
    """Delete the key named `name`; False when there is none."""
    row = api_key_named(session, name)
    if row is None:
        return False
    session.delete(row)
    return True
