"""A generated news corpus: deterministic, invented text (no real article is copied).

Used by the storage tests (crash and concurrency runs) and by bench/ingest_bench.py.
Article i is the same on every machine and every run: it depends on (seed, i) only.
"""

import json
import random
from functools import cache
from pathlib import Path

SYLLABLES = ["ka", "lo", "mir", "an", "del", "su", "ra", "ven", "to", "bel", "or", "is",
             "nu", "gar", "el", "fi", "mon", "ta", "rek", "wyn", "ha", "zo", "pel", "dra"]
PLACES = ["PORT ELLIS", "KARSVIK", "MIDDLEFORD", "SAN TORVAL", "OSTRAVEN", "BELLHAVEN"]
OUTLETS = ["The Harbour Ledger", "Valley Wire", "The Meridian Post", "Northgate Courier"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct."]
ROLES = ["the port director", "a spokeswoman for the council", "the finance minister",
         "a local shopkeeper", "the union's chief negotiator", "a hospital administrator"]
VERBS = ["said", "added", "warned", "insisted", "explained", "argued"]
TOPICS = ["the ferry contract", "the new budget", "flood defences", "the hospital wing",
          "ticket prices", "the harbour dredging", "school meals", "the border crossing"]
CLAIMS = ["We will not accept {t} as it stands", "Nobody has explained {t} to the families",
          "Our numbers on {t} are better than last year", "This is about {t} and nothing else",
          "I have asked for a full review of {t}", "People are tired of waiting for {t}"]


def person_name(rng: random.Random) -> str:
    """An invented two-part name such as 'Kalo Venmir'."""
    def part() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{part()} {part()}"


def _paragraph(rng: random.Random, people: list[tuple[str, str]]) -> str:
    name, role = rng.choice(people)
    claim = rng.choice(CLAIMS).format(t=rng.choice(TOPICS))
    surname = name.split()[-1]
    forms = [
        f"“{claim},” {rng.choice(VERBS)} {name}, {role}.",
        f"{name}, {role}, said: “{claim}.”",
        f"“{claim},” {surname} {rng.choice(VERBS)}. “We will keep talking.”",
        f"Officials met on Tuesday to discuss {rng.choice(TOPICS)}, a dispute that has run "
        f"for months and drawn crowds to the town hall. Council papers show the cost of "
        f"{rng.choice(TOPICS)} rising by {rng.randint(2, 40)} per cent since the last review, "
        f"and a vote on {rng.choice(TOPICS)} is expected before the summer recess.",
    ]
    return rng.choice(forms)


@cache
def recurring_people(seed: int, count: int = 3000) -> tuple[str, ...]:
    """The people who appear in many articles (the rest appear once or twice)."""
    rng = random.Random(seed)
    return tuple(person_name(rng) for _ in range(count))


def article(i: int, seed: int = 7) -> dict:
    """Article number i of the corpus, as a JSON-ready dict."""
    rng = random.Random(seed * 1_000_003 + i)
    pool = recurring_people(seed)
    people = [(rng.choice(pool) if rng.random() < 0.6 else person_name(rng), rng.choice(ROLES))
              for _ in range(3)]
    year = 2015 + rng.randrange(10)
    dateline = f"{rng.choice(PLACES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)} — "
    body = [dateline + f"Talks over {rng.choice(TOPICS)} stalled again in {year}, "
            f"article {i} of the generated corpus reports."]
    body += [_paragraph(rng, people) for _ in range(rng.randint(6, 14))]
    return {"id": f"gen-{seed}-{i}", "title": f"Generated article {i}",
            "outlet": rng.choice(OUTLETS), "url": f"https://example.org/{year}/{i}",
            "text": "\n\n".join(body)}


REPRINT_EVERY = 4


def reprint(original: dict, i: int) -> dict:
    """Wire copy run by another outlet, dated (the original is not, so it is the earliest):
    every other one the same text, the rest an edit (a new first paragraph), same quotes."""
    copy = {**original, "id": f"{original['id']}-reprint", "published": f"2024-05-{i % 28 + 1:02d}",
            "outlet": OUTLETS[(OUTLETS.index(original["outlet"]) + 1) % len(OUTLETS)],
            "url": original["url"] + "/reprint"}
    if (i // REPRINT_EVERY) % 2:
        rest = original["text"].split("\n\n", 1)[1]
        copy["text"] = f"From our wire service, article {i}.\n\n{rest}"
    return copy


def write_jsonl(path: Path, start: int, count: int, seed: int = 7,
                reprints: bool = False) -> Path:
    """Write articles start..start+count-1 to one .jsonl file (with `reprints`, after every
    REPRINT_EVERY-th article, its reprint by another outlet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(start, start + count):
            original = article(i, seed)
            handle.write(json.dumps(original, ensure_ascii=False) + "\n")
            if reprints and i % REPRINT_EVERY == REPRINT_EVERY - 1:
                handle.write(json.dumps(reprint(original, i), ensure_ascii=False) + "\n")
    return path


def write_corpus(folder: Path, count: int, per_file: int = 1000, seed: int = 7,
                 reprints: bool = False) -> Path:
    """Write `count` articles as .jsonl files of `per_file` lines under `folder` (reprints
    besides, if asked: see write_jsonl)."""
    for number, start in enumerate(range(0, count, per_file)):
        write_jsonl(folder / f"part-{number:04d}.jsonl", start, min(per_file, count - start),
                    seed, reprints)
    return folder
