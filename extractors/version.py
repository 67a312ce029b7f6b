"""The extractor version: a code version plus a hash of the lexicons, so it moves with either."""
from __future__ import annotations

import hashlib
from pathlib import Path

# Bump when a rule changes; lexicon edits change the hash suffix on their own.
RULES_VERSION = "0.5"

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def lexicon_digest() -> str:
    """Short hash of every lexicon file's name and contents."""
    digest = hashlib.sha256()
    for path in sorted(LEXICON_DIR.iterdir()):
        if path.suffix not in (".txt", ".tsv"):
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


EXTRACTOR_VERSION = f"{RULES_VERSION}+{lexicon_digest()}"
