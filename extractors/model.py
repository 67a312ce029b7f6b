"""Plain result objects of the extractor: a quote, its speaker and its cue."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.version import EXTRACTOR_VERSION


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: the fullest name found and the mention the quote was attributed to."""

    name: str
    mention: str
    start: int
    end: int
    type: str  # person | organization | anonymous | unknown
    role: str | None = None

    def to_record(self) -> dict:
        """The ``speaker`` object of the output contract (built by hand: asdict is slow)."""
        return {"name": self.name, "mention": self.mention, "start": self.start,
                "end": self.end, "type": self.type, "role": self.role}


@dataclass(frozen=True)
class Cue:
    """The reporting words (``said``, ``told``, ``according to``) that attribute a quote."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A direct quotation: offsets of its content inside the marks, and its attribution."""

    start: int
    end: int
    text: str
    kind: str  # full | partial
    status: str  # attributed | unattributed
    reason: str | None = None
    speaker: Speaker | None = None
    cue: Cue | None = None
    rule: str | None = None
    confidence: float = 0.0

    def to_record(self, document_id: str) -> dict:
        """Return the JSONL output line of ``quotewire extract`` for this quote."""
        return {
            "document": document_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "status": self.status,
            "reason": self.reason,
            "speaker": self.speaker.to_record() if self.speaker else None,
            "cue": {"text": self.cue.text, "start": self.cue.start, "end": self.cue.end}
            if self.cue else None,
            "rule": self.rule,
            "confidence": round(self.confidence, 2),
            "extractor_version": EXTRACTOR_VERSION,
        }
