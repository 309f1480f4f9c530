"""Client search: the `client_search` index pieces, substring scans, the search term
(`_match`) and the list's page, count and sort queries, for `clients.ClientService`."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from the5hc_desktop.domain import hangul
from the5hc_desktop.store.models import (
    INITIALS_GRAM,
    NAME_GRAM,
    Assessment,
    Client,
    ClientSearchTerm,
    CreditLedgerEntry,
    SessionPackage,
    active_count_terms,
)

# Sort keys read from member_list_facts, and their columns there.
FACT_COLUMNS = {"last_assessed_on": "last_assessed_on", "last_overall": "last_overall",
                "remaining": "remaining", "trainer": "trainer_name"}


def _contains(session: Session, column: Any, text: str) -> ColumnElement[bool]:
    """Substring test; LIKE (ASCII case-insensitive) only when the text has Latin letters,
    else instr() (strpos() on PostgreSQL), which needs no escaping and is a little faster
    per row."""
    if any("a" <= char.lower() <= "z" for char in text):
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like: ColumnElement[bool] = column.like(f"%{escaped}%", escape="\\")
        return like
    return _position(session, column, text) > 0


def _birth_key(session: Session) -> ColumnElement[Any]:
    """An orderable 'born on' value: the birth date, else estimated from the age snapshot.

    On SQLite it is written exactly as the sort indexes of migration 0009 hold it (the
    constant inline, not a parameter), so sorting by age walks an index.
    """
    if session.get_bind().dialect.name == "sqlite":
        return func.coalesce(
            func.julianday(Client.birth_date),
            func.julianday(Client.age_recorded_on) - Client.age_years * literal_column("365.25"),
        )
    return func.coalesce(Client.birth_date, Client.age_recorded_on)


def _page_aggregates() -> Select[Any]:
    """(id, last assessed on, last overall, remaining) of the members `:ids` on `:today`.

    Correlated subqueries: per member, a seek into the newest-assessment index for each
    column (the same order, so the same row; the index holds every key of it) and one sum
    over its active, unexpired packages.
    """
    newest = (Assessment.assessed_on.desc(), Assessment.created_at.desc(),
              Assessment.score_overall.desc())
    mine = (Assessment.client_id == Client.id, Assessment.deleted_at.is_(None))
    last_on = select(Assessment.assessed_on).where(*mine).order_by(*newest).limit(1)
    overall = select(Assessment.score_overall).where(*mine).order_by(*newest).limit(1)
    today = bindparam("today", type_=Date)
    left = (
        select(func.sum(CreditLedgerEntry.delta))
        .join(SessionPackage, SessionPackage.id == CreditLedgerEntry.package_id)
        .where(
            SessionPackage.client_id == Client.id,  # the package's member (merges)
            CreditLedgerEntry.deleted_at.is_(None),
            SessionPackage.deleted_at.is_(None),
            SessionPackage.active.is_(True),
            (SessionPackage.expires_on.is_(None)) | (SessionPackage.expires_on >= today),
        )
    )
    return select(
        Client.id, last_on.scalar_subquery(), overall.scalar_subquery(), left.scalar_subquery()
    ).where(Client.id.in_(bindparam("ids", expanding=True)))


# Built once: the page of every list and search reads its aggregates with it.
_PAGE_AGGREGATES = _page_aggregates()


def _scan(session: Session, term: ColumnElement[bool]) -> ColumnElement[bool]:
    """`term` evaluated by a scan of the search column's index alone (SQLite rowids)."""
    if session.get_bind().dialect.name != "sqlite":
        return term
    rowids: Select[Any] = select(literal_column("rowid")).select_from(Client).where(term)
    return literal_column("clients.rowid").in_(rowids)


def _position(session: Session, text: Any, part: Any) -> ColumnElement[int]:
    """1-based position of `part` in `text`, 0 when absent (no LIKE escaping needed)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(text, part)
    return func.instr(text, part)


@dataclass(frozen=True)
class _Pieces:
    """A search term answered from the `client_search` index (see ClientSearchTerm).

    Rows of `kind` whose piece is `term` hold every live member whose text contains the
    term's first piece; a term longer than a piece is then checked whole, on the index row
    (`check`) or on the member (`client_check`). Only live members have rows.
    """

    kind: str
    term: Any  # str, or an SQL expression (the database's own lower())
    check: ColumnElement[bool] | None = None
    client_check: ColumnElement[bool] | None = None

    def _index_terms(self, active: bool | None) -> list[ColumnElement[bool]]:
        index = ClientSearchTerm
        terms = [index.kind == self.kind, index.term == self.term]
        if active is not None:
            terms.append(index.active.is_(active))
        if self.check is not None:
            terms.append(self.check)
        return terms

    def select(
        self, columns: list[Any], active: bool | None, trainer_id: uuid.UUID | None
    ) -> Select[Any]:
        """Index rows of the matches; `clients` is joined only for a trainer or a check."""
        query = select(*columns).select_from(ClientSearchTerm).where(*self._index_terms(active))
        on_member: list[ColumnElement[bool]] = []
        if trainer_id is not None:
            on_member.append(Client.trainer_id == trainer_id)
        if self.client_check is not None:
            on_member.append(self.client_check)
        if on_member:
            query = query.join(Client, Client.id == ClientSearchTerm.client_id).where(
                Client.deleted_at.is_(None), *on_member)
        return query

    def condition(self) -> ColumnElement[bool]:
        """The same match as a condition on `clients` (for the other sort orders)."""
        members = Client.id.in_(
            select(ClientSearchTerm.client_id).where(*self._index_terms(None)))
        return members if self.client_check is None else and_(members, self.client_check)


def _name_pieces(session: Session, text: str) -> _Pieces:
    """Part of the name, case folded by the database's lower() on both sides (ASCII letters
    on SQLite, as its LIKE folds them): the first piece, then the whole text on those rows."""
    lowered = func.lower(literal(text, String))
    check = None
    if max(len(text), len(text.lower())) > NAME_GRAM:
        check = _position(session, func.lower(ClientSearchTerm.name), lowered) > 0
    return _Pieces("n", func.substr(lowered, 1, NAME_GRAM), check)


def _initials_pieces(session: Session, initials: str) -> _Pieces:
    """A 초성 run: its first piece, then the whole run on the member's initials."""
    check = None
    if len(initials) > INITIALS_GRAM:
        check = _position(session, Client.name_initials, initials) > 0
    return _Pieces("i", initials[:INITIALS_GRAM], client_check=check)


@dataclass(frozen=True)
class _Listed:
    """Matches found in Python, ordered by name in the list's direction."""

    ids: list[uuid.UUID]


@dataclass(frozen=True)
class _Keyed:
    """A condition an index of live members answers alone (the last four digits): with
    `active` and the name in that index, the count and the name-ordered page's ids are
    read from it, and only the page's members from the table."""

    condition: ColumnElement[bool]


# Python's \s: a name holding any of these is left to hangul.matches (which drops them).
_SPACE = re.compile(r"\s")
_WHITESPACE_GLOB = "*[\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*"


def _mixed_glob(query: str) -> str:
    """GLOB pattern for a query of syllables and 초성: a 초성 stands for its block of
    syllables (and for itself), as in `hangul.matches`; e.g. 김ㅁ -> *김[마-밓ㅁ]*."""
    parts = []
    for char in query:
        if char in hangul.CHOSEONG:
            first = 0xAC00 + hangul.CHOSEONG.index(char) * 588
            parts.append(f"[{chr(first)}-{chr(first + 587)}{char}]")
        else:
            parts.append(char)
    return "*" + "".join(parts) + "*"


def _mixed_matches(
    session: Session,
    query: str,
    spelled: str,
    active: bool | None,
    trainer_id: uuid.UUID | None,
    descending: bool,
) -> list[uuid.UUID]:
    """Members matching a query of syllables and 초성 (e.g. 김ㅁ), ordered by name.

    The index rows of the query's 초성 are the candidates. On SQLite a GLOB on their name
    decides for names without whitespace (for a query of syllables and 초성 it is exactly
    `hangul.matches`); names with whitespace, and every name elsewhere, go to
    `hangul.matches`, which ignores whitespace.
    """
    index = ClientSearchTerm
    candidates = _initials_pieces(session, spelled).select(
        [index.client_id, index.name], active, trainer_id)
    globbed = session.get_bind().dialect.name == "sqlite"
    if globbed:
        candidates = candidates.where(
            index.name.op("GLOB", is_comparison=True)(_mixed_glob(query))
            | index.name.op("GLOB", is_comparison=True)(_WHITESPACE_GLOB))
    by_name = index.name.desc() if descending else index.name.asc()
    rows = session.execute(candidates.order_by(by_name, index.client_id))
    return [
        client_id for client_id, name in rows
        if (globbed and _SPACE.search(name) is None) or hangul.matches(query, name)
    ]


def _live_count(
    session: Session,
    filters: list[ColumnElement[bool]],
    active: bool | None,
    trainer_id: uuid.UUID | None,
) -> int:
    """How many members the list without a search term holds.

    Active members are counted from their own narrow index. On SQLite a whole-table count
    reads only the smallest index and tombstones have a small index of their own, so
    live = all - deleted and inactive = live - active.
    """
    count = select(func.count()).select_from(Client)
    if trainer_id is None and active is True:
        return int(session.scalar(count.where(*active_count_terms())) or 0)
    if trainer_id is not None or session.get_bind().dialect.name != "sqlite":
        return int(session.scalar(count.where(*filters)) or 0)
    everyone = int(session.scalar(count) or 0)
    live = everyone - int(session.scalar(count.where(Client.deleted_at.is_not(None))) or 0)
    if active is None:
        return live
    return live - int(session.scalar(count.where(*active_count_terms())) or 0)


@dataclass(frozen=True)
class _Order:
    """ORDER BY for a sort key: rows without a value last, then name and id as tie-breaks.

    The last assessment, its overall score, the sessions left and the trainer's name are
    read from `member_list_facts` (kept by triggers), whose indexes hold exactly these terms.
    """

    key: str
    descending: bool
    today: date

    @property
    def aggregate(self) -> bool:
        return self.key in FACT_COLUMNS

    def terms(self, session: Session, facts: Any = None) -> list[Any]:
        """The terms on `clients`, or for a fact key on `facts` (the columns of
        member_list_facts, or of a subquery carrying them)."""
        if self.aggregate:
            expression, nullable = facts[FACT_COLUMNS[self.key]], self.key != "remaining"
            tail = [facts["name"], facts["client_id"]]
        else:
            expression, nullable = self._expression(session)
            tail = [Client.id] if self.key == "name" else [Client.name, Client.id]
        # Age ascending means youngest first, i.e. the latest birth date first.
        reverse = self.descending != (self.key == "age")
        terms: list[Any] = [expression.is_(None)] if nullable else []
        terms.append(expression.desc() if reverse else expression.asc())
        return terms + tail

    def _expression(self, session: Session) -> tuple[Any, bool]:
        # Non-null keys order without an IS NULL term, so the name index serves the default.
        if self.key == "age":
            return _birth_key(session), True
        if self.key == "gender":
            # lower() leaves the lowercase codes as they are; as an expression it matches
            # the gender sort indexes of migration 0009 (see there why not a plain index).
            return func.lower(Client.gender), False
        return {
            "name": (Client.name, False),
            "phone": (Client.phone, True),
            "active": (Client.active, False),
        }[self.key]


def _match(
    session: Session,
    query: str,
    filters: list[ColumnElement[bool]],
    active: bool | None,
    trainer_id: uuid.UUID | None,
    descending: bool,
) -> _Pieces | _Listed | _Keyed | ColumnElement[bool] | None:
    """The search term: index pieces, a condition on clients, or None (no term).

    Digits follow `hangul.phone_matches`: the last four digits (or their start) and the
    full number use their index directly. Names
    and 초성 are looked up in `client_search` by their first piece. What is left (a part
    of a phone number, or text the index does not hold) is a substring scan of the
    search column's own index (a covering scan, a few times smaller than the table).
    """
    compact = re.sub(r"\s", "", query)
    if not compact:
        return None
    digits = compact.replace("-", "")
    if digits.isascii() and digits.isdigit():  # the rule of hangul.phone_matches
        if len(digits) == hangul.LAST_FOUR_DIGITS:
            return _Keyed(Client.phone_last4 == digits)
        if len(digits) < hangul.LAST_FOUR_DIGITS:  # an index range: "56" -> 5600…5699
            return _Keyed(and_(Client.phone_last4 >= digits, Client.phone_last4 < digits + ":"))
        if len(digits) >= hangul.WHOLE_NUMBER_DIGITS:
            return Client.phone == digits
        return _scan(session, _contains(session, Client.phone, digits))
    if hangul.is_initials_query(compact):
        return _initials_pieces(session, compact)
    if any(char in hangul.CHOSEONG for char in compact):
        # Mixed "김ㅁ": narrow by initials in SQL, then apply the exact rule in Python.
        spelled = hangul.initials(compact)
        if hangul.is_initials_query(spelled):
            return _Listed(_mixed_matches(session, compact, spelled, active, trainer_id,
                                          descending))
        # Letters or digits besides Hangul: not in the index.
        candidates = session.execute(
            select(Client.id, Client.name).where(
                *filters, _scan(session, _contains(session, Client.name_initials, spelled)))
        ).all()
        ids = [row.id for row in candidates if hangul.matches(compact, row.name)]
        return Client.id.in_(ids) if ids else literal(False)
    return _name_pieces(session, query.strip())
