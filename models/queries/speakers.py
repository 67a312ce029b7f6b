"""Speakers: found by any words of their names, listed most quoted first, profiled."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, false, func, literal, or_, select, true
from sqlalchemy.orm import Session

from models.names import normalize_name
from models.queries.paging import CountKey, Page, fits_row_id
from models.tables import (
    Outlet,
    Publication,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerWord,
)

# Up to this many speakers matching a name, quotes are filtered by the list of their ids (the
# planner sees the values); beyond it, by the matching subquery (bound parameters run out).
MAX_LISTED_SPEAKERS = 1000
# Up to this many quotes by the speakers a name matches, a page is found fastest through the
# (speaker_id, published, id) index and a sort of their quotes; beyond it, by walking the
# (published, id) index and keeping theirs, which finds a page within about
# limit × (all quotes / theirs) rows (bench/results/speaker_search_*.md).
SPEAKER_BROAD_QUOTES = 5000


def speakers_matching(name: str) -> Select | None:
    """Ids of the speakers with every word of `name` among the words of their name or of one
    alias (case, accents and leading titles ignored); None when `name` has no words.

    So "varga", "ilse varga" and "Mayor Ilse Varga" all find "Ilse Varga"; "varga" also finds
    "Peter Varga". Index-backed: speaker_words' primary key is (word, speaker_id).
    """
    words = sorted(set(normalize_name(name).split()))
    if not words:
        return None
    return (select(SpeakerWord.speaker_id).where(SpeakerWord.word.in_(words))
            .group_by(SpeakerWord.speaker_id).having(func.count() == len(words)))


def speaker_condition(session: Session, name: str):
    """The condition on quotes for "said by a speaker matching `name`", shaped so a page is
    found fast however many quotes those speakers have."""
    matching = speakers_matching(name)
    if matching is None:
        return false()
    found = _speakers_found(session, name)
    if not found:
        return false()
    if len(found) <= MAX_LISTED_SPEAKERS:
        ids, quotes = sorted(row.id for row in found), sum(row.quote_count for row in found)
    else:
        ids = matching
        quotes = session.scalar(select(func.sum(Speaker.quote_count))
                                .where(Speaker.id.in_(matching)))
    if len(found) == 1 or quotes <= SPEAKER_BROAD_QUOTES:
        return Quote.speaker_id.in_(ids)
    # "+ 0" keeps both engines off the speaker index, so they walk the (published, id) one.
    return (Quote.speaker_id + 0).in_(ids)


def speakers_named(session: Session, name: str, *, limit: int) -> list:
    """The speakers matching `name` (see `speakers_matching`), most quoted first."""
    if limit <= MAX_LISTED_SPEAKERS + 1:
        return _speakers_found(session, name)[:limit]
    matching = speakers_matching(name)
    if matching is None:
        return []
    return session.execute(_named(matching).limit(limit)).all()


SPEAKER_SUMMARY_COLUMNS = (Speaker.id, Speaker.name, Speaker.type, Speaker.role,
                           Speaker.quote_count)


def _named(matching: Select) -> Select:
    return (select(*SPEAKER_SUMMARY_COLUMNS).where(Speaker.id.in_(matching))
            .order_by(Speaker.quote_count.desc(), Speaker.id))


def _speakers_found(session: Session, name: str) -> list:
    """The first MAX_LISTED_SPEAKERS + 1 speakers `name` matches, most quoted first, looked up
    once per session: a quote page filtered by a name both filters by them and lists them
    (the second lookup cost about a fifth of such a page). Sessions that read quotes live
    for one API request or one export (api/database.py, api/v1/collections.py)."""
    found = session.info.setdefault("speakers_found", {})
    if name not in found:
        matching = speakers_matching(name)
        found[name] = ([] if matching is None else
                       session.execute(_named(matching).limit(MAX_LISTED_SPEAKERS + 1)).all())
    return found[name]


def speaker_page(session: Session, *, name: str | None, limit: int,
                 after: CountKey | None = None) -> Page:
    """Speakers, most quoted first; `name` keeps those whose name or an alias has its words."""
    stmt = select(*SPEAKER_SUMMARY_COLUMNS)
    if name is not None:
        # A name with no word in it (`"`, `.`) finds nobody, as `speaker=` does on quotes.
        words = normalize_name(name).split()
        stmt = stmt.where(_speaker_has_words(words) if words else false())
    if after is not None:
        stmt = stmt.where(or_(Speaker.quote_count < after.count,
                              and_(Speaker.quote_count == after.count, Speaker.id > after.row_id)))
    # speakers.quote_count is kept exact by the writers and indexed in this order: no GROUP BY.
    order = (Speaker.quote_count.desc(), Speaker.id)
    rows = session.execute(stmt.order_by(*order).limit(limit + 1)).all()
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], CountKey(last.quote_count, last.id))


def _speaker_has_words(words: list[str]):
    """Name or one alias has every word of `words` at the start of one of its own words.

    So "ottilie lind" finds "Ottilie Varga Lind", and "lind" finds "Lindqvist" too.
    """
    def has_every_word(name_column):
        spaced = literal(" ") + name_column
        return and_(true(), *(spaced.contains(" " + word, autoescape=True) for word in words))

    aliases = select(SpeakerAlias.speaker_id).where(has_every_word(SpeakerAlias.normalized_alias))
    return or_(has_every_word(Speaker.normalized_name), Speaker.id.in_(aliases))


@dataclass(frozen=True)
class SpeakerProfile:
    speaker: Speaker
    aliases: list[str]
    roles: list[str]
    quote_count: int
    first_quoted: date | None
    last_quoted: date | None
    outlets: list  # rows of (id, name, quote_count), by the outlet of each first publication
    top_outlets: list  # rows of (id, name, quote_count), by every outlet that ran the quote


def speaker_profile(session: Session, speaker_id: int, top: int = 10) -> SpeakerProfile | None:
    """A speaker with aliases, roles, quote counts, first and last quoted, and outlets."""
    speaker = session.get(Speaker, speaker_id) if fits_row_id(speaker_id) else None
    if speaker is None:
        return None
    theirs = and_(Quote.speaker_id == speaker_id, Quote.status != "rejected")
    count = session.scalar(select(func.count()).where(theirs))
    # Dates of any publication, as the date filters read them: `?from=` the last date still
    # lists one of their quotes.
    first, last = session.execute(
        select(func.min(Publication.published), func.max(Publication.published))
        .join(Quote, Quote.document_id == Publication.document_id).where(theirs)).one()
    aliases = session.scalars(select(SpeakerAlias.alias).where(
        SpeakerAlias.speaker_id == speaker_id).order_by(SpeakerAlias.alias))
    roles = session.scalars(select(Quote.role).where(theirs, Quote.role.is_not(None))
                            .distinct().order_by(Quote.role))
    outlets = session.execute(
        select(Outlet.id, Outlet.name, func.count().label("quote_count"))
        .join(Quote, Quote.outlet_id == Outlet.id).where(theirs)
        .group_by(Outlet.id, Outlet.name).order_by(func.count().desc(), Outlet.id)).all()
    quoted = func.count(Quote.id.distinct())
    top_outlets = session.execute(
        select(Outlet.id, Outlet.name, quoted.label("quote_count"))
        .join(Publication, Publication.outlet_id == Outlet.id)
        .join(Quote, Quote.document_id == Publication.document_id).where(theirs)
        .group_by(Outlet.id, Outlet.name).order_by(quoted.desc(), Outlet.id).limit(top)).all()
    return SpeakerProfile(speaker, list(aliases), list(roles), count, first, last, outlets,
                          top_outlets)


def speaker_exists(session: Session, speaker_id: int) -> bool:
    return fits_row_id(speaker_id) and session.get(Speaker, speaker_id) is not None
