"""The extractor version: a rules version plus a hash of the lexicons and the rule code, so it
moves with any change that could change the output, even one whose author forgot to bump
RULES_VERSION (a refactor that keeps the output identical moves it too: re-extracting is then
wasted work, never wrong)."""
from __future__ import annotations

import hashlib
from pathlib import Path

# Bump when a rule changes, so the version says so; the hash suffix moves on its own.
RULES_VERSION = "0.8"

EXTRACTOR_DIR = Path(__file__).resolve().parent
LEXICON_DIR = EXTRACTOR_DIR / "lexicons"


def lexicon_digest() -> str:
    """Short hash of every lexicon file's name and contents."""
    digest = hashlib.sha256()
    _add_files(digest, LEXICON_DIR, (".txt", ".tsv"))
    return digest.hexdigest()[:8]


def source_digest() -> str:
    """Short hash of the lexicons and of every extractor module but this one, the modules of
    subpackages (the sieve's rules) included."""
    digest = hashlib.sha256()
    _add_files(digest, LEXICON_DIR, (".txt", ".tsv"))
    _add_files(digest, EXTRACTOR_DIR, (".py",), skip="version.py", recursive=True)
    return digest.hexdigest()[:8]


def _add_files(digest, folder: Path, suffixes: tuple[str, ...], skip: str = "",
               recursive: bool = False) -> None:
    paths = folder.rglob("*") if recursive else folder.iterdir()
    for path in sorted(paths):
        relative = path.relative_to(folder).as_posix()
        if path.suffix in suffixes and relative != skip:
            digest.update(relative.encode())
            digest.update(path.read_bytes())


EXTRACTOR_VERSION = f"{RULES_VERSION}+{source_digest()}"
