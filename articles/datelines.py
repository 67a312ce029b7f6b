"""Publication dates from a news dateline: "KANDAHAR, March 3 —", "WASHINGTON (Reuters) Oct. 4 -".

A dateline seldom gives the year. The year is taken, in this order, from the dateline itself,
from a /YYYY/ segment of the article's URL, or from the year the article's text mentions most
often (the latest of them on a tie), and only years from 1900 to next year count. When none of
these exists the date is left unknown rather than guessed (no "current year" default: that
would date an old archive today).
"""

import re
from collections import Counter
from datetime import date

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# Bounded repetitions only: this runs on untrusted text and must not backtrack badly.
DATELINE_RE = re.compile(
    r"\A\s{0,20}"
    r"[A-Z][A-Z.'’\- ]{1,40}"                      # the place, in capitals
    r"(?:,[ ]{1,3}[A-Z][A-Za-z.]{1,20}(?:[ ][A-Z][A-Za-z.]{1,20}){0,2})?"  # ", Pakistan"
    r"[ ]{0,3}(?:\([^()\n]{1,40}\))?"              # "(Reuters)"
    r"[ ]{0,3},?[ ]{0,3}"
    r"(?P<month>" + MONTH + r")[ ]{1,3}(?P<day>\d{1,2})(?:,?[ ]{1,3}(?P<year>\d{4}))?"
    r"[ ]{0,3}(?:\([^()\n]{1,40}\)[ ]{0,3})?[—–-]"
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
URL_YEAR_RE = re.compile(r"/((?:19|20)\d\d)/")
TEXT_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")


def dateline_date(text: str, url: str | None = None) -> date | None:
    """The date of the dateline that opens `text`, or None when there is none or no year."""
    match = DATELINE_RE.match(text[:300])
    if match is None:
        return None
    year = int(match["year"]) if match["year"] else context_year(text, url)
    if year is None or not _plausible(year):
        return None
    # The month's first three letters name it in every form MONTH allows ("Sept.", "June").
    month = MONTHS.index(match["month"][:3].lower()) + 1
    try:
        return date(year, month, int(match["day"]))
    except ValueError:  # "Feb. 30"
        return None


def context_year(text: str, url: str | None) -> int | None:
    """The article's year from its URL, else the year its text mentions most often."""
    if url:
        years = [int(y) for y in URL_YEAR_RE.findall(url) if _plausible(int(y))]
        if years:
            return years[0]
    counts = Counter(int(y) for y in TEXT_YEAR_RE.findall(text) if _plausible(int(y)))
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _plausible(year: int) -> bool:
    return 1900 <= year <= date.today().year + 1
