"""Counts of quotes grouped by speaker, outlet, speaker type, kind, status or period.

Each count is the number of quotes /v1/quotes lists under the same filters plus the group's
own: its speaker or outlet id, its speaker type, kind or status, a date range covering its
period, or `without` for the group of quotes lacking the value. Outlet and date filters pick
publications (a text is counted where and when any outlet ran it), so a text two outlets ran
counts once under each outlet, and a text run in January and again in February counts in
both months; the total counts every quote once.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import (
    Date,
    DateTime,
    Select,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from models.queries.publications import scope_conditions
from models.queries.quotes import (
    NOT_REJECTED,
    QuoteFilters,
    filters_can_match,
    quote_conditions,
)
from models.tables import Outlet, Publication, Quote, Speaker

TIME_UNITS = ("day", "week", "month", "year")
QUOTE_DIMENSIONS = {"speaker": Quote.speaker_id, "speaker_type": Quote.speaker_type,
                    "kind": Quote.kind, "status": Quote.status}
PUBLICATION_DIMENSIONS = ("outlet", *TIME_UNITS)
DIMENSIONS = (*QUOTE_DIMENSIONS, *PUBLICATION_DIMENSIONS)
ID_DIMENSIONS = ("speaker", "outlet")
# Stand-ins for "no value" in the (count, keys) order: ids start at 1, words are not empty.
NO_ID, NO_WORD = 0, ""


@dataclass(frozen=True)
class GroupKey:
    """A position in (count descending, keys) order: just after every group with this count
    whose leading keys are `keys` (all of them for the last group of a page; fewer, or none,
    for a position after a whole run of groups)."""

    count: int
    keys: tuple


@dataclass(frozen=True)
class Group:
    keys: tuple  # one per dimension: an id, a word, a period's first day, or None
    count: int


@dataclass
class Counts:
    total: int
    groups: list[Group]
    next_key: GroupKey | None
    names: dict  # {"speaker": {id: name}, "outlet": {id: name}} for the ids in `groups`


class TooManyPeriods(ValueError):
    """The answer would hold more periods than one request may build."""

    def __init__(self, periods: int):
        super().__init__(periods)
        self.periods = periods


def count_quotes(session: Session, filters: QuoteFilters, dimensions: tuple[str, ...], *,
                 limit: int, after: GroupKey | None = None, max_groups: int) -> Counts:
    """The total and the groups of the quotes matching `filters` (see the module docstring).

    Time groups come in time order with every period between the first and the last (0 for
    empty ones); other groups by count descending, `limit` at a time after `after`; with one
    of each, the other dimension's values are paged and each gets its whole series.
    """
    if not filters_can_match(filters):
        return Counts(0, [], None, {})
    total = count_total(session, filters)
    times = [d for d in dimensions if d in TIME_UNITS]
    ranked = tuple(d for d in dimensions if d not in TIME_UNITS)
    if not ranked:
        groups, next_key = _series(session, filters, dimensions, None, max_groups), None
    elif ranked == ("speaker",) and filters == QuoteFilters():
        page, next_key = _speaker_totals_page(session, limit, after)
        groups = page if not times else _series(session, filters, dimensions, page, max_groups)
    else:
        page, next_key = _ranked_page(session, filters, ranked, limit, after)
        groups = page if not times else _series(session, filters, dimensions, page, max_groups)
    return Counts(total, groups, next_key, _names(session, dimensions, groups))


def count_total(session: Session, filters: QuoteFilters) -> int:
    """How many quotes /v1/quotes lists under `filters` (each once)."""
    if not filters_can_match(filters):
        return 0
    if filters == QuoteFilters():
        # Every quote: the speakers' exact counts and those of no linked speaker, which the
        # speaker index finds, instead of counting every row.
        linked = session.scalar(select(func.coalesce(func.sum(Speaker.quote_count), 0)))
        return linked + _unlinked(session)
    stmt = select(func.count()).select_from(Quote).where(*quote_conditions(session, filters))
    if filters.scoped:
        picked = select(Publication.document_id).where(
            *scope_conditions(session, filters, Publication))
        stmt = stmt.where(Quote.document_id.in_(picked))
    return session.scalar(stmt)


def _grouped(session: Session, filters: QuoteFilters, dimensions) -> tuple[Select, list, object]:
    """Quotes matching `filters` joined to what the dimensions need, a column per dimension,
    and the count to aggregate: with publication dimensions a quote is joined to each of its
    document's publications in scope, and counted once per group all the same."""
    stmt = select().select_from(Quote).where(*quote_conditions(session, filters))
    scope = scope_conditions(session, filters, Publication)
    dialect = session.get_bind().dialect.name
    on_publication = [d for d in dimensions if d in PUBLICATION_DIMENSIONS]
    if on_publication and _narrows_quotes(filters):
        # A plain join lets the planner start from the few quotes (a speaker's, a
        # document's), then count each once per group.
        columns = [_publication_value(d, dialect) if d in PUBLICATION_DIMENSIONS
                   else QUOTE_DIMENSIONS[d] for d in dimensions]
        stmt = stmt.join(Publication, Publication.document_id == Quote.document_id)
        return stmt.where(*scope), columns, func.count(Quote.id.distinct())
    if on_publication:
        # Otherwise the publications in scope are the fewer rows: each document's distinct
        # values first, then its quotes, counted without a DISTINCT over quote ids.
        picked = (select(Publication.document_id,
                         *(_publication_value(d, dialect).label(d) for d in on_publication))
                  .where(*scope).distinct().subquery())
        columns = [picked.c[d] if d in PUBLICATION_DIMENSIONS else QUOTE_DIMENSIONS[d]
                   for d in dimensions]
        stmt = stmt.join(picked, picked.c.document_id == Quote.document_id)
        return stmt, columns, func.count()
    if filters.scoped:
        stmt = stmt.where(Quote.document_id.in_(select(Publication.document_id).where(*scope)))
    return stmt, [QUOTE_DIMENSIONS[d] for d in dimensions], func.count()


def _narrows_quotes(filters: QuoteFilters) -> bool:
    """Whether a filter picks few quotes through an index of their own."""
    return any(value is not None for value in (
        filters.speaker, filters.speaker_id, filters.document_id, filters.statement_id,
        filters.text))


def _publication_value(dimension: str, dialect: str):
    if dimension == "outlet":
        return Publication.outlet_id
    return period_start(Publication.published, dimension, dialect)


def period_start(column, unit: str, dialect: str):
    """The first day of the day, week (Monday), month or year holding the date `column`."""
    if unit == "day":
        return column
    if dialect == "postgresql":
        return cast(func.date_trunc(unit, cast(column, DateTime())), Date)
    if unit == "week":  # the Sunday on or after the date, less six days
        return type_coerce(func.date(column, "weekday 0", "-6 days"), Date)
    return type_coerce(func.date(column, f"start of {unit}"), Date)


def _ranked_page(session, filters, dimensions, limit: int, after: GroupKey | None):
    """Groups of non-time dimensions by count descending, then keys ("none" first)."""
    stmt, columns, counter = _grouped(session, filters, dimensions)
    counted = (stmt.add_columns(*(c.label(f"k{n}") for n, c in enumerate(columns)),
                                counter.label("n"))
               .group_by(*columns).subquery())
    keys = [func.coalesce(counted.c[f"k{n}"], NO_ID if d in ID_DIMENSIONS else NO_WORD)
            for n, d in enumerate(dimensions)]
    page = select(counted.c.n, *(counted.c[f"k{n}"] for n in range(len(dimensions))))
    if after is not None:
        page = page.where(_after(counted.c.n, keys, after))
    rows = session.execute(page.order_by(counted.c.n.desc(), *keys).limit(limit + 1)).all()
    groups = [Group(tuple(row[1:]), row.n) for row in rows[:limit]]
    if len(rows) <= limit:
        return groups, None
    last = groups[-1]
    return groups, GroupKey(last.count, tuple(_sort_value(d, v)
                                              for d, v in zip(dimensions, last.keys, strict=True)))


def _speaker_totals_page(session, limit: int, after: GroupKey | None):
    """The groups _ranked_page finds for speakers with no filter, read from
    speakers.quote_count (kept exact by every writer, indexed in this order) instead of
    counting every quote; the quotes with no linked speaker are counted and put in place."""
    stmt = select(Speaker.quote_count, Speaker.id).where(Speaker.quote_count > 0)
    if after is not None:
        stmt = stmt.where(_after(Speaker.quote_count, [Speaker.id], after))
    rows = [tuple(row) for row in session.execute(
        stmt.order_by(Speaker.quote_count.desc(), Speaker.id).limit(limit + 1))]
    unlinked = _unlinked(session)
    if unlinked and (after is None or unlinked < after.count):
        rows = sorted([*rows, (unlinked, None)], key=lambda row: (-row[0], row[1] or NO_ID))
    groups = [Group((speaker_id,), count) for count, speaker_id in rows[:limit]]
    if len(rows) <= limit:
        return groups, None
    last = groups[-1]
    return groups, GroupKey(last.count, (last.keys[0] or NO_ID,))


def _after(count, keys: list, after: GroupKey):
    """Groups (`count`, `keys` columns) that come after the position `after`."""
    if not after.keys:
        return count < after.count
    leading = keys[:len(after.keys)]
    return or_(count < after.count, and_(count == after.count, tuple_(*leading) > tuple_(
        *map(literal, after.keys))))


def _unlinked(session: Session) -> int:
    """How many quotes have no linked speaker (rejected ones are no quotes)."""
    return session.scalar(select(func.count()).where(Quote.speaker_id.is_(None),
                                                     NOT_REJECTED))


def _sort_value(dimension: str, value):
    if value is None:
        return NO_ID if dimension in ID_DIMENSIONS else NO_WORD
    return value


def _series(session, filters, dimensions, ranked: list[Group] | None,
            max_groups: int) -> list[Group]:
    """Counts per period (and per value of the ranked dimension, for those on the page), with
    every period from the first to the last present; undated quotes last."""
    stmt, columns, counter = _grouped(session, filters, dimensions)
    unit = next(d for d in dimensions if d in TIME_UNITS)
    at = dimensions.index(unit)
    if ranked is not None:
        other = columns[1 - at]
        values = [g.keys[0] for g in ranked]
        known = [v for v in values if v is not None]
        stmt = stmt.where(or_(other.in_(known), *([other.is_(None)] if None in values else [])))
    rows = session.execute(stmt.add_columns(*columns, counter).group_by(*columns)).all()
    counts = {tuple(row[:-1]): row[-1] for row in rows}
    dated = sorted({key[at] for key in counts if key[at] is not None})
    if dated and period_count(dated[0], dated[-1], unit) * max(1, len(ranked or ())) > max_groups:
        raise TooManyPeriods(period_count(dated[0], dated[-1], unit))
    periods = list(periods_between(dated[0], dated[-1], unit)) if dated else []
    if any(key[at] is None for key in counts):
        periods.append(None)
    if ranked is None:
        return [Group((p,), counts.get((p,), 0)) for p in periods]
    groups = []
    for value in (g.keys[0] for g in ranked):
        for period in periods:
            key = (value, period) if at == 1 else (period, value)
            groups.append(Group(key, counts.get(key, 0)))
    return groups


def periods_between(first: date, last: date, unit: str) -> Iterator[date]:
    """The first days of every period from the one starting `first` to the one starting
    `last`."""
    current = first
    while current <= last:
        yield current
        current = next_period(current, unit)


def period_count(first: date, last: date, unit: str) -> int:
    """How many periods periods_between(first, last, unit) yields."""
    if unit == "day":
        return (last - first).days + 1
    if unit == "week":
        return (last - first).days // 7 + 1
    if unit == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def next_period(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _names(session: Session, dimensions, groups: list[Group]) -> dict:
    """The names of the speakers and outlets the groups name."""
    names = {}
    for table, dimension in ((Speaker, "speaker"), (Outlet, "outlet")):
        if dimension in dimensions:
            at = dimensions.index(dimension)
            ids = sorted({g.keys[at] for g in groups if g.keys[at] is not None})
            names[dimension] = dict(session.execute(
                select(table.id, table.name).where(table.id.in_(ids))).all()) if ids else {}
    return names
