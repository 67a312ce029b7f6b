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
