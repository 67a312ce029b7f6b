"""HTML pages: trafilatura finds the main text, the title, the date, the site name and the URL."""

from pathlib import Path

from articles.fields import AUTO_ENCODING, BadDate, optional_text, parse_date
from articles.model import Article, ReadError

# trafilatura falls back to whatever text a page has (a menu, a footer): fewer words than this
# is page furniture, not an article.
MIN_ARTICLE_WORDS = 25


def read_html(path: Path, data: bytes, encoding: str | None = None) -> Article | ReadError:
    """One article from an HTML page, or "no article text" when trafilatura finds none.

    trafilatura finds a page's encoding itself; a named `encoding` decodes it first."""
    import trafilatura  # here: it (and lxml) takes longer to load than a .txt run takes

    if encoding not in (None, AUTO_ENCODING):
        try:
            data = data.decode(encoding)
        except UnicodeDecodeError as exc:
            return ReadError(str(path), f"not valid {encoding} (offset {exc.start})")
    try:
        found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                            include_tables=False)
    except Exception as exc:  # trafilatura raises many parser errors on broken markup
        return ReadError(str(path), f"cannot parse HTML: {exc}")
    text = getattr(found, "text", None) if found is not None else None
    words = len(text.split()) if text else 0
    if words < MIN_ARTICLE_WORDS:
        return ReadError(str(path), f"no article text found in the HTML ({words} words)")
    try:
        published = parse_date(found.date)
    except BadDate as exc:
        return ReadError(str(path), str(exc))
    return Article(text=text, title=optional_text(found.title), url=optional_text(found.url),
                   author=optional_text(found.author), outlet=optional_text(found.sitename),
                   published=published, source=str(path))
