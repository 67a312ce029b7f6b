"""The extractor version: a rules version plus a hash of the lexicons and the rule code, so it
moves with any change that could change the output, even one whose author forgot to bump
RULES_VERSION (a refactor that keeps the output identical moves it too: re-extracting is then
wasted work, never wrong)."""
from __future__ import annotations

import zlib
from pathlib import Path

# Bump when a rule changes, so the version says so; the hash suffix moves on its own.
RULES_VERSION = "0.8"

EXTRACTOR_DIR = Path(__file__).resolve().parent
LEXICON_DIR = EXTRACTOR_DIR / "lexicons"


def lexicon_digest() -> str:
    """Short hash of every lexicon file's name and contents."""
    return f"{_crc_of_files(0, LEXICON_DIR, ('.txt', '.tsv')):08x}"


def source_digest() -> str:
    """Short hash of the lexicons and of every extractor module but this one, the modules of
    subpackages (the sieve's rules) included."""
    crc = _crc_of_files(0, LEXICON_DIR, (".txt", ".tsv"))
    crc = _crc_of_files(crc, EXTRACTOR_DIR, (".py",), skip="version.py", recursive=True)
    return f"{crc:08x}"


def _crc_of_files(crc: int, folder: Path, suffixes: tuple[str, ...], skip: str = "",
                  recursive: bool = False) -> int:
    """CRC-32 over the files' names and contents: a change detector, not a signature, and
    zlib loads in a fraction of the time hashlib's OpenSSL does (every `quotewire extract`
    computes it at start-up)."""
    paths = folder.rglob("*") if recursive else folder.iterdir()
    for path in sorted(paths):
        relative = path.relative_to(folder).as_posix()
        if path.suffix in suffixes and relative != skip:
            crc = zlib.crc32(relative.encode(), crc)
            crc = zlib.crc32(path.read_bytes(), crc)
    return crc


EXTRACTOR_VERSION = f"{RULES_VERSION}+{source_digest()}"
