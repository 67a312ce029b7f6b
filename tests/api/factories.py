"""Plain functions that build articles with known quotes and store them the real way.

Texts are written here for the tests. Quotes are given to `store_article` explicitly, so these
tests pin the API's behaviour, not the extractor's current accuracy.
"""

from datetime import date

from articles import Article
from extractors import Cue, Quote, Speaker
from ingest.store import store_article


def said(speaker: str, words: str, *, kind: str = "full", confidence: float = 0.9,
         role: str | None = None, speaker_type: str = "person"):
    """One line of an article: “words,” speaker said."""
    return (speaker, words, kind, confidence, role, speaker_type)


def article_with_quotes(lines, *, title: str = "A report", outlet: str | None = "The Daily Test",
                        published: date | None = date(2024, 3, 1), lead: str = "A report.",
                        unattributed: tuple[str, ...] = ()) -> tuple[Article, list[Quote]]:
    """An article made of `lines` (see `said`), with every quote's offsets worked out."""
    text, quotes = lead + "\n\n", []
    for speaker, words, kind, confidence, role, speaker_type in lines:
        start = len(text) + 1
        text += f"“{words},” "
        mention_start = len(text)
        text += speaker
        cue_start = len(text) + 1
        text += " said.\n\n"
        quotes.append(Quote(
            start=start, end=start + len(words), text=words, kind=kind, status="attributed",
            speaker=Speaker(speaker, speaker, mention_start, mention_start + len(speaker),
                            speaker_type, role),
            cue=Cue("said", cue_start, cue_start + 4), rule="quote-then-cue",
            confidence=confidence))
    for words in unattributed:
        start = len(text) + 1
        text += f"“{words}.”\n\n"
        quotes.append(Quote(start=start, end=start + len(words), text=words, kind="full",
                            status="unattributed", reason="no speaker found", confidence=0.3))
    article = Article(text=text, title=title, outlet=outlet, published=published,
                      url=f"https://example.test/{title.lower().replace(' ', '-')}")
    return article, quotes


def store(engine, lines, **kwargs) -> str:
    """Store one article with its quotes; returns the document id."""
    article, quotes = article_with_quotes(lines, **kwargs)
    return store_article(engine, article, quotes).document_id


def store_corpus(engine) -> dict[str, str]:
    """A small corpus over three outlets and several dates, one undated; returns document ids."""
    return {
        "budget": store(engine, [
            said("Zoë Müller", "The budget is balanced for the first time in a decade",
                 role="Finance Minister"),
            said("Omar Haddad", "Balanced on paper, perhaps", confidence=0.6),
        ], title="Budget day", outlet="The Daily Test", published=date(2024, 3, 1)),
        "harbour": store(engine, [
            said("Zoë Müller", "The harbour will reopen in spring"),
            said("Ana Lúcia Prado", "Fishermen have waited long enough", kind="partial"),
        ], title="Harbour news", outlet="Évora Gazette", published=date(2024, 3, 15),
            unattributed=("Nobody told us anything",)),
        "election": store(engine, [
            said("Omar Haddad", "Every vote will be counted by hand"),
            said("Zoë Müller", "We accept the result whatever it is"),
        ], title="Election eve", outlet="The Daily Test", published=date(2024, 4, 2)),
        "undated": store(engine, [
            said("Ana Lúcia Prado", "The archive has no date on it"),
        ], title="Undated note", outlet="Northern Wire", published=None),
    }


GENERATED_SPEAKERS = ("Ilse Varga", "Omar Haddad", "Ana Lúcia Prado", "Bram Osei")
GENERATED_OUTLETS = ("Valley Wire", "Harbour Ledger", "Northern Post", None)
# Around a year's end, so one week spans two years and two months, and the next week is empty.
GENERATED_DATES = (date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 13),
                   None)
GENERATED_WORDS = ("bridge", "harbour", "budget", "river", "ferry", "school")


def store_generated_corpus(engine, seed: int, documents: int = 12) -> None:
    """A small random corpus (the same for a seed): speakers named, anonymous and missing,
    both kinds, several confidences, and texts run again by other outlets on other dates,
    some with no outlet or no date."""
    import random

    rng = random.Random(seed)
    for number in range(documents):
        lines = [said(rng.choice((*GENERATED_SPEAKERS, "a senior official")),
                      f"The {rng.choice(GENERATED_WORDS)} plan {number}-{line} stands",
                      kind=rng.choice(("full", "full", "partial")),
                      confidence=rng.choice((0.4, 0.7, 0.95)))
                 for line in range(rng.randint(1, 3))]
        lines = [(*line[:5], "anonymous") if line[0] == "a senior official" else line
                 for line in lines]
        unattributed = (f"Nothing was decided {number}",) if rng.random() < 0.3 else ()
        article, quotes = article_with_quotes(
            lines, title=f"Story {number}", outlet=rng.choice(GENERATED_OUTLETS),
            published=rng.choice(GENERATED_DATES), unattributed=unattributed)
        store_article(engine, article, quotes)
        for rerun in range(rng.choice((0, 0, 1, 2))):
            again = Article(text=article.text, title=f"Story {number} again {rerun}",
                            outlet=rng.choice(GENERATED_OUTLETS),
                            published=rng.choice(GENERATED_DATES),
                            url=f"https://example.test/story-{number}/{rerun}")
            store_article(engine, again)
