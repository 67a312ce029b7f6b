"""What a long-running writer already knows is committed: outlet ids, speakers, aliases.

Rows are never renumbered, so an id seen committed stays right for the whole run, even with
other writers at work, with one exception: a bare-surname speaker merged into a full name
(ingest.speaker_merges) is deleted. The writer that merges forgets it here; another writer
finds out when a write naming it fails, and then forgets everything (`forget_speakers`)
before it tries again. What a transaction creates is held apart until that transaction
commits, and forgotten if it rolls back. Whether a bare surname joins a full name is never
answered from here: that can change as other writers add people.
"""

from dataclasses import dataclass, field
from typing import NamedTuple


class KnownSpeaker(NamedTuple):
    id: int
    role: str | None
    type: str


@dataclass
class Known:
    outlets: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, KnownSpeaker] = field(default_factory=dict)  # by normalised name
    aliases: set[tuple[int, str]] = field(default_factory=set)


class StoreCache:
    """Committed knowledge plus the current transaction's own, kept apart until it commits."""

    def __init__(self) -> None:
        self.committed = Known()
        self.pending = Known()

    def outlet(self, key: str) -> int | None:
        return self.pending.outlets.get(key) or self.committed.outlets.get(key)

    def speaker(self, key: str) -> KnownSpeaker | None:
        return self.pending.speakers.get(key) or self.committed.speakers.get(key)

    def forget_speaker(self, key: str) -> None:
        """The speaker called `key` was merged away: its id is no longer valid."""
        self.pending.speakers.pop(key, None)
        self.committed.speakers.pop(key, None)

    def forget_speakers(self) -> None:
        """Forget every speaker and alias (another writer may have merged some away)."""
        self.committed.speakers.clear()
        self.committed.aliases.clear()

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
