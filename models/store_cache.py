"""What a long-running writer already knows is committed: outlet ids, speakers, aliases.

Rows are never renumbered, so an id seen committed stays right for the whole run, even with
other writers at work. What a transaction creates is held apart until that transaction
commits, and forgotten if it rolls back. A bare surname is never answered from here: whether
it is ambiguous can change as other writers add people.
"""

from dataclasses import dataclass, field


@dataclass
class Known:
    outlets: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # key: (id, role)
    aliases: set[tuple[int, str]] = field(default_factory=set)


class StoreCache:
    """Committed knowledge plus the current transaction's own, kept apart until it commits."""

    def __init__(self) -> None:
        self.committed = Known()
        self.pending = Known()

    def outlet(self, key: str) -> int | None:
        return self.pending.outlets.get(key) or self.committed.outlets.get(key)

    def speaker(self, key: str) -> tuple[int, str | None] | None:
        return self.pending.speakers.get(key) or self.committed.speakers.get(key)

    def has_alias(self, pair: tuple[int, str]) -> bool:
        return pair in self.pending.aliases or pair in self.committed.aliases

    def commit(self) -> None:
        """The transaction committed: what it saw and made is now known for good."""
        self.committed.outlets.update(self.pending.outlets)
        self.committed.speakers.update(self.pending.speakers)
        self.committed.aliases |= self.pending.aliases
        self.pending = Known()

    def rollback(self) -> None:
        """The transaction rolled back: forget what it made."""
        self.pending = Known()
