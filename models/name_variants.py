"""Middle-name variants: "Khawaja Mohammad Asif" and "Khawaja Asif" name one person.

A new full name joins a known person when the match is unambiguous: exactly one known person
has the same first and last word, and every name that person is known by with that first and
last word reads as the same name with middle words added or left out ("Khawaja M Asif" and
"Khawaja Mohammad Asif" do not: neither's words lie inside the other's).
"""

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from models.tables import SpeakerAlias

ALIASES = SpeakerAlias.__table__
ALIASES_OF = select(ALIASES.c.normalized_alias).where(ALIASES.c.speaker_id == bindparam("ref"))


def words_in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when every word of `short` appears in `long`, in the same order."""
    remaining = iter(long)
    return all(word in remaining for word in short)


def same_person_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same first and last word, and one name's words inside the other's, in order."""
    return (a[0] == b[0] and a[-1] == b[-1]
            and (words_in_order(a, b) if len(a) <= len(b) else words_in_order(b, a)))


class VariantFinder:
    """Finds the one known person a new full name is a variant of, within one transaction."""

    def __init__(self, connection: Connection, people: dict[str, dict[str, int]]):
        self.connection = connection
        self.people = people  # surname -> {normalised full name: ref}, kept by the caller
        self.names: dict[int, set[tuple[str, ...]]] = {}  # ref -> its multi-word names

    def only_match(self, key: str) -> int | None:
        """The ref of the one person `key` is a middle-name variant of, else None; a match
        is remembered as one of that person's names."""
        words = tuple(key.split())
        if len(words) < 2:
            return None
        same_ends = {ref for name, ref in self.people.get(words[-1], {}).items()
                     if name.split()[0] == words[0]}
        if len(same_ends) != 1:
            return None
        ref = same_ends.pop()
        names = self._names(ref)
        if not all(same_person_name(words, name) for name in names
                   if name[0] == words[0] and name[-1] == words[-1]):
            return None
        names.add(words)
        return ref

    def _names(self, ref: int) -> set[tuple[str, ...]]:
        if ref not in self.names:
            names = {tuple(name.split()) for people in self.people.values()
                     for name, other in people.items() if other == ref}
            if ref >= 0:  # stored already: its aliases count too
                names |= {tuple(alias.split()) for alias in
                          self.connection.execute(ALIASES_OF, {"ref": ref}).scalars()}
            self.names[ref] = {name for name in names if len(name) > 1}
        return self.names[ref]
