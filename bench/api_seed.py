"""Fill an SQLite database with a synthetic corpus of N quotes for the API benchmark.

    .venv/bin/python bench/api_seed.py var/bench/api.db --quotes 1000000

Rows are generated directly with bulk inserts (no extraction: this measures the API, not the
extractor), through the real migrations, so the indexes and the FTS5 triggers are the ones the
service runs with. Speakers and outlets follow a Zipf-like skew, as in real news; about 2% of
documents have no published date; a third of the documents were run by 2 to 5 outlets (the
first publication is the earliest, the others 0 to 30 days later). Every quote is a statement
of its own. Deterministic for a given seed.
"""

import argparse
import hashlib
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.migrate import upgrade
from models.names import normalize_name, normalize_outlet_name, search_words
from models.tables import fts_rowid_for

QUOTES_PER_DOCUMENT = 10
SYNDICATED_SHARE = 1 / 3  # documents with 2 to 5 publications
FIRST_DAY = date(2019, 1, 1)
DAYS = 6 * 365
WORD_TEXT = (
    "the a we will not this our people government minister said council budget harbour "
    "strike ferry election vote court ruling drought farmers flood river border traders "
    "hospital report recall heater drones defence base transfer club season water prices "
    "housing homes schools teachers police security officials ministry deal talks peace war "
    "economy jobs wages tax taxes contract tender review ethics documents evidence promise "
    "future years months week today tomorrow never always again nothing everything clear "
    "difficult important serious decision plan plans money cost costs safety public families"
)
FIRST_TEXT = ("Ana Omar Zoe Ilse Bram Nadia Conrad Elif Tobias Priya Stellan Ottilie Teodora Anton "
         "Marek Sofia Jonas Leila Hugo Ines Kofi Mira Pavel Rosa Samir Lena Dario Yara")
LAST_TEXT = ("Haddad Muller Varga Osei Ferreira Pratt Sandoval Brennan Halvorsen Okoro Lind Lasku "
        "Reyes Novak Silva Moreau Berg Costa Farah Ivanova Kowalski Mensah Rossi Sato Weber "
        "Nguyen Petrov Larsen Duarte Quinn")
WORDS, FIRST, LAST = WORD_TEXT.split(), FIRST_TEXT.split(), LAST_TEXT.split()


def quote_id(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:16]


def zipf_index(rng: random.Random, n: int) -> int:
    """An index in [0, n) skewed towards 0 (a few speakers are quoted far more than most)."""
    return min(n - 1, int(n ** rng.random()) - 1)


def sentence(rng: random.Random) -> str:
    words = [WORDS[zipf_index(rng, len(WORDS))] for _ in range(rng.randint(6, 18))]
    return " ".join(words).capitalize()


def outlet_rows(count: int) -> list[tuple]:
    """(id, name, normalized_name) of each outlet."""
    names = [f"The {LAST[i % len(LAST)]} {('Times', 'Post', 'Wire', 'Courier')[i % 4]} {i}"
             for i in range(count)]
    return [(i + 1, n, normalize_outlet_name(n)) for i, n in enumerate(names)]


def speaker_rows(count: int) -> tuple[list, list, list]:
    """Speakers (id, name, normalized_name, surname, type), their aliases (speaker_id, alias,
    normalized_alias) and search words (word, speaker_id)."""
    rows, aliases = [], []
    for i in range(count):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        rows.append((i + 1, name, normalize_name(name), name.split()[-2].lower(), "person"))
        aliases.append((i + 1, name, normalize_name(name)))
    words = [(word, speaker_id) for speaker_id, _, normalized in aliases
             for word in search_words(normalized)]
    return rows, aliases, words


def seed_outlets(db: sqlite3.Connection, count: int) -> None:
    db.executemany("INSERT INTO outlets (id, name, normalized_name, created_at) "
                   "VALUES (?, ?, ?, '2026-01-01 00:00:00')", outlet_rows(count))


def seed_speakers(db: sqlite3.Connection, count: int) -> None:
    rows, aliases, words = speaker_rows(count)
    db.executemany("INSERT INTO speakers (id, name, normalized_name, surname, type, created_at) "
                   "VALUES (?, ?, ?, ?, ?, '2026-01-01 00:00:00')", rows)
    db.executemany("INSERT INTO speaker_aliases (speaker_id, alias, normalized_alias) "
                   "VALUES (?, ?, ?)", aliases)
    db.executemany("INSERT INTO speaker_words (word, speaker_id) VALUES (?, ?)", words)


def seed_documents_and_quotes(db, rng, quotes: int, outlets: int, speakers: int) -> None:
    started, done = time.perf_counter(), 0
    for doc_rows, quote_rows, publication_rows in batches(rng, quotes, outlets, speakers):
        db.executemany(
            "INSERT INTO documents (id, sha256, title, outlet_id, published, text, source, "
            "extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', "
            "'2026-01-01 00:00:00')", doc_rows)
        db.executemany(
            f"INSERT INTO quotes ({', '.join(QUOTE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(QUOTE_COLUMNS))})", quote_rows)
        db.executemany(
            "INSERT INTO publications (document_id, identity, outlet_id, url, title, published, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00')", publication_rows)
        db.commit()
        done += len(quote_rows)
        print(f"\r{done:,} quotes ({time.perf_counter() - started:.0f} s)", end="",
              file=sys.stderr)
    print(file=sys.stderr)


QUOTE_COLUMNS = ("id", "fts_rowid", "document_id", "speaker_id", "start", '"end"', "text",
                 "kind", "status", "speaker_name", "mention", "speaker_type", "cue", "rule",
                 "confidence", "extractor_version", "published", "outlet_id", "statement_id")
DOCUMENT_BATCH = 2000


def batches(rng: random.Random, quotes: int, outlets: int, speakers: int):
    """The rows of every document, in batches of DOCUMENT_BATCH documents: (documents (id,
    sha256, title, outlet_id, published, text, source), quotes (QUOTE_COLUMNS),
    publications (document_id, identity, outlet_id, url, title, published))."""
    documents = quotes // QUOTES_PER_DOCUMENT
    for first in range(0, documents, DOCUMENT_BATCH):
        doc_rows, quote_rows, publication_rows = [], [], []
        for d in range(first, min(first + DOCUMENT_BATCH, documents)):
            doc_id = quote_id(f"doc{d}")
            outlet = zipf_index(rng, outlets) + 1
            published = (None if rng.random() < 0.02
                         else FIRST_DAY + timedelta(days=rng.randrange(DAYS)))
            said = [sentence(rng) for _ in range(QUOTES_PER_DOCUMENT)]
            text = "\n\n".join(f"“{s},” someone said." for s in said)
            doc_rows.append((doc_id, hashlib.sha256(text.encode()).hexdigest(), f"Report {d}",
                             outlet, published, text, "bench"))
            publication_rows += publications(rng, doc_id, outlet, published, outlets)
            offset = 0
            for k, words in enumerate(said):
                qid = quote_id(f"q{d}:{k}")
                speaker = zipf_index(rng, speakers) + 1
                quote_rows.append((
                    qid, fts_rowid_for(qid), doc_id, speaker, offset + 1,
                    offset + 1 + len(words), words, rng.choice(("full", "full", "partial")),
                    "attributed", f"Speaker {speaker}", "he", "person", "said",
                    "quote-then-cue", round(rng.uniform(0.4, 1.0), 2), "bench", published,
                    outlet, qid))
                offset += len(words) + 20
        yield doc_rows, quote_rows, publication_rows


def publications(rng: random.Random, doc_id: str, outlet: int, published, outlets: int) -> list:
    """The document's publications: its first outlet's, and for a third of documents 1 to 4
    more by other outlets, later."""
    extra = rng.randint(1, 4) if rng.random() < SYNDICATED_SHARE else 0
    ran = [outlet]
    while len(ran) < 1 + min(extra, outlets - 1):
        other = zipf_index(rng, outlets) + 1
        if other not in ran:
            ran.append(other)
    rows = []
    for number, by in enumerate(ran):
        day = published + timedelta(days=rng.randint(0, 30)) if published and number else published
        url = f"https://outlet{by}.example/{doc_id}"
        rows.append((doc_id, quote_id(f"{by}:{url}")[:16] * 2, by, url, f"Report {doc_id}", day))
    return rows


def count_statements(db: sqlite3.Connection) -> None:
    """Each quote is a statement of its own here."""
    db.execute("INSERT INTO statements (id, quote_count, first_quote_id, first_published) "
               "SELECT statement_id, 1, id, published FROM quotes")
    db.commit()


def count_speakers_quotes(db: sqlite3.Connection) -> None:
    """Fill speakers.quote_count, which the service's writers keep and these inserts bypass."""
    db.execute("UPDATE speakers SET quote_count = "
               "(SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id)")
    db.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--speakers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; remove it first")
    args.path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(f"sqlite:///{args.path.resolve()}")
    db = sqlite3.connect(args.path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    rng = random.Random(args.seed)
    seed_outlets(db, args.outlets)
    seed_speakers(db, args.speakers)
    db.commit()
    seed_documents_and_quotes(db, rng, args.quotes, args.outlets, args.speakers)
    count_speakers_quotes(db)
    count_statements(db)
    db.execute("ANALYZE")
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
