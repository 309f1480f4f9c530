"""Members (회원): validation, duplicates, create/update, soft delete, fast search, detail."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, delete, func, literal, select, text
from sqlalchemy.orm import Session

from the5hc_desktop.domain import hangul
from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.people import (
    Gender,
    age_on,
    bmi,
    bmi_band,
    check_body,
    format_phone,
    normalize_phone,
    parse_gender,
)
from the5hc_desktop.domain.roles import trains
from the5hc_desktop.services.base import (
    ServiceBase,
    get_live,
    gym_zone,
    local_today,
    to_local,
)
from the5hc_desktop.services.client_search import (
    _PAGE_AGGREGATES,
    FACT_COLUMNS,
    _Keyed,
    _Listed,
    _live_count,
    _match,
    _Order,
    _Pieces,
)
from the5hc_desktop.services.context import Actor, Notice, Page
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.store import member_list_sql
from the5hc_desktop.store.models import (
    Client,
    ClientSearchTerm,
    MemberListDay,
    MemberListFacts,
    StaffAccount,
)

if TYPE_CHECKING:
    from the5hc_desktop.domain.series import ProgressSeries
    from the5hc_desktop.services.assessments import AssessmentSummary
    from the5hc_desktop.services.health import ScreeningState
    from the5hc_desktop.services.packages import PackageView

CLIENT = ("회원", "Client")
SORT_KEYS = (
    "name",
    "gender",
    "age",
    "phone",
    "trainer",
    "last_assessed_on",
    "last_overall",
    "remaining",
    "active",
)
MAX_PAGE = 1000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TEXT_LIMIT = 10_000


@dataclass(frozen=True)
class ClientDraft:
    name: str
    gender: Gender | str
    phone: str = ""
    birth_date: date | None = None
    email: str = ""
    height_cm: float | None = None
    weight_kg: float | None = None
    goals: str = ""
    medical_notes: str = ""
    notes: str = ""
    trainer_id: uuid.UUID | None = None  # None: the acting staff member
    active: bool = True


@dataclass(frozen=True)
class ClientView:
    id: uuid.UUID
    name: str
    gender: Gender
    birth_date: date | None
    age: int | None
    age_is_estimate: bool
    phone: str
    phone_display: str
    email: str
    height_cm: float | None
    weight_kg: float | None
    bmi: float | None
    bmi_band: Label | None
    goals: str
    medical_notes: str
    notes: str
    trainer_id: uuid.UUID | None
    trainer_name: str
    active: bool
    created_at: datetime
    # Legacy age snapshot (age in years on `age_recorded_on`), for clients without a birth
    # date; `AssessmentService.inputs_for` advances it to the assessment date.
    age_recorded: int | None = None
    age_recorded_on: date | None = None


@dataclass(frozen=True)
class SaveResult:
    client: ClientView
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class ClientRow:
    id: uuid.UUID
    name: str
    gender: Gender
    age: int | None
    phone_display: str
    trainer_name: str
    last_assessed_on: date | None
    last_overall: float | None
    remaining_sessions: int
    active: bool


@dataclass(frozen=True)
class ClientDetail:
    client: ClientView
    assessments: tuple[AssessmentSummary, ...]
    packages: tuple[PackageView, ...]
    progress: ProgressSeries
    screening: ScreeningState | None = None  # the newest health screening and its state


# -- age ------------------------------------------------------------------------------------


def whole_years_between(start: date, end: date) -> int:
    """Signed whole years from `start` to `end` (negative when `end` is earlier)."""
    return age_on(start, end) if end >= start else -age_on(end, start)


def client_age(
    birth_date: date | None, age_recorded: int | None, recorded_on: date | None, on: date
) -> tuple[int | None, bool]:
    """(age on `on`, is_estimate): from the birth date, else the legacy snapshot advanced
    by the whole years since it was recorded (an estimate)."""
    if birth_date is not None:
        return (age_on(birth_date, on) if on >= birth_date else None), False
    if age_recorded is not None:
        shift = whole_years_between(recorded_on, on) if recorded_on is not None else 0
        return max(0, age_recorded + shift), True
    return None, False


# -- validation -------------------------------------------------------------------------------


def _error(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field=field)


def _text(value: object, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _error(field, "글자로 입력하세요.", "Enter text.")
    text = value.strip()
    if len(text) > _TEXT_LIMIT:
        raise _error(field, f"{_TEXT_LIMIT}자 이내로 입력하세요.",
                     f"Enter at most {_TEXT_LIMIT} characters.")
    return text


def clean_draft(draft: ClientDraft, today: date) -> dict[str, Any]:
    """Checked, normalised column values of a draft; ValidationError names the field."""
    name = _text(draft.name, "name")
    if len(name) < 2 or len(name) > 200:
        raise _error("name", "이름은 2자 이상 200자 이하로 입력하세요.",
                     "The name needs 2 to 200 characters.")
    gender = parse_gender(draft.gender)
    phone_text = _text(draft.phone, "phone")
    phone = normalize_phone(phone_text) if phone_text else None
    birth = draft.birth_date
    if birth is not None:
        if isinstance(birth, datetime) or not isinstance(birth, date):
            raise _error("birth_date", "생년월일이 올바르지 않습니다.", "Not a valid birth date.")
        if birth > today:
            raise _error("birth_date", "생년월일은 미래일 수 없습니다.",
                         "The birth date cannot be in the future.")
        if age_on(birth, today) > 150:
            raise _error("birth_date", "생년월일을 확인하세요 (150세 이하).",
                         "Check the birth date (150 years or less).")
    email = _text(draft.email, "email")
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        raise _error("email", "올바른 이메일 형식이 아닙니다.", "Not a valid e-mail address.")
    height, weight = check_body(draft.height_cm, draft.weight_kg)
    if not isinstance(draft.active, bool):
        raise _error("active", "예/아니오 값이어야 합니다.", "Must be yes or no.")
    if draft.trainer_id is not None and not isinstance(draft.trainer_id, uuid.UUID):
        raise _error("trainer_id", "담당 트레이너가 올바르지 않습니다.", "Not a valid trainer.")
    return {
        "name": name,
        "name_initials": hangul.initials(re.sub(r"\s", "", name)),
        "gender": gender.value,
        "phone": phone,
        "phone_last4": hangul.phone_last4(phone) if phone else None,
        "birth_date": birth,
        "email": email or None,
        "height_cm": height,
        "weight_kg": weight,
        "goals": _text(draft.goals, "goals") or None,
        "medical_notes": _text(draft.medical_notes, "medical_notes") or None,
        "notes": _text(draft.notes, "notes") or None,
        "active": draft.active,
    }


def _trainer_for(session: Session, actor: Actor, trainer_id: uuid.UUID | None) -> uuid.UUID | None:
    # Default: the acting staff member, unless front desk (who cannot own clients).
    if trainer_id is None:
        return actor.staff_id if trains(actor.role) else None
    staff = session.get(StaffAccount, trainer_id)
    if (
        staff is None
        or staff.deleted_at is not None
        or not staff.active
        or not trains(staff.role)
    ):
        raise _error("trainer_id", "담당 트레이너를 찾을 수 없습니다.",
                     "The responsible trainer was not found.")
    return staff.id


def _duplicates(
    session: Session, values: dict[str, Any], exclude_id: uuid.UUID | None
) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    live: list[ColumnElement[bool]] = [Client.deleted_at.is_(None)]
    if exclude_id is not None:
        live.append(Client.id != exclude_id)
    if values["phone"]:
        same_phone = session.scalars(
            select(Client.name).where(Client.phone == values["phone"], *live).limit(3)
        ).all()
        if same_phone:
            names = ", ".join(same_phone)
            notices.append(Notice(
                "duplicate_phone",
                f"같은 전화번호로 등록된 회원이 있습니다: {names}",
                f"Another client has the same phone number: {names}",
            ))
    same_name = session.scalar(
        select(func.count()).select_from(Client).where(Client.name == values["name"], *live)
    )
    if same_name:
        notices.append(Notice(
            "same_name",
            f"같은 이름의 회원이 {same_name}명 있습니다.",
            f"{same_name} other client(s) have the same name.",
        ))
    return tuple(notices)


class ClientService(ServiceBase):
    # -- validation ------------------------------------------------------------------------

    def _today(self, session: Session) -> date:
        return local_today(gym_zone(session), self._now)

    def validate(self, draft: ClientDraft, today: date | None = None) -> None:
        """Raise ValidationError(field) for the first bad field; nothing is written."""
        if today is None:
            with self._db.read() as session:
                today = self._today(session)
        clean_draft(draft, today)

    def check_duplicates(
        self, draft: ClientDraft, exclude_id: uuid.UUID | None = None
    ) -> tuple[Notice, ...]:
        """Warnings (same phone, same name) that do not block saving."""
        with self._db.read() as session:
            values = clean_draft(draft, self._today(session))
            return _duplicates(session, values, exclude_id)

    # -- changes -------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: ClientDraft) -> SaveResult:
        require(actor, Capability.EDIT_CLIENTS)
        with self._db.write() as session:
            values = clean_draft(draft, self._today(session))
            trainer_id = _trainer_for(session, actor, draft.trainer_id)
            notices = _duplicates(session, values, None)
            client = Client(**values, trainer_id=trainer_id)
            session.add(client)
            self._audit(session, actor, "client_created", "client", client.id,
                        {"notices": [n.code for n in notices]})
            return SaveResult(self._view(session, client), notices)

    def update(self, actor: Actor, client_id: uuid.UUID, draft: ClientDraft) -> SaveResult:
        """Replace the editable fields; the legacy age snapshot is kept."""
        require(actor, Capability.EDIT_CLIENTS)
        with self._db.write() as session:
            client = get_live(session, Client, client_id, CLIENT)
            values = clean_draft(draft, self._today(session))
            values["trainer_id"] = (
                client.trainer_id if draft.trainer_id is None
                else _trainer_for(session, actor, draft.trainer_id)
            )
            notices = _duplicates(session, values, client.id)
            changed = sorted(k for k, v in values.items() if getattr(client, k) != v)
            for key in changed:
                setattr(client, key, values[key])
            if changed:
                shown = [k for k in changed if k not in ("name_initials", "phone_last4")]
                self._audit(session, actor, "client_updated", "client", client.id,
                            {"changed": shown})
            return SaveResult(self._view(session, client), notices)

    def set_active(self, actor: Actor, client_id: uuid.UUID, active: bool) -> ClientView:
        require(actor, Capability.EDIT_CLIENTS)
        if not isinstance(active, bool):
            raise _error("active", "예/아니오 값이어야 합니다.", "Must be yes or no.")
        with self._db.write() as session:
            client = get_live(session, Client, client_id, CLIENT)
            if client.active != active:
                client.active = active
                self._audit(session, actor, "client_updated", "client", client.id,
                            {"active": active})
            return self._view(session, client)

    def delete(self, actor: Actor, client_id: uuid.UUID) -> None:
        """Soft delete (tombstone); owner and senior only."""
        require(actor, Capability.DELETE)
        with self._db.write() as session:
            client = get_live(session, Client, client_id, CLIENT)
            client.soft_delete(self.utc_now())
            self._audit(session, actor, "client_deleted", "client", client.id, {})

    # -- reading ---------------------------------------------------------------------------------

    def search(
        self,
        actor: Actor,
        query: str = "",
        *,
        active: bool | None = True,
        trainer_id: uuid.UUID | None = None,
        sort: str = "name",
        descending: bool = False,
        offset: int = 0,
        limit: int = 100,
    ) -> Page[ClientRow]:
        """Name substring, 초성 (ㄱㅁㅅ / ㅁㅅ / 김ㅁ), phone digits, or the last four digits.

        The list's last assessment and remaining sessions come from two grouped queries over
        the page's ids only (never one query per row).
        """
        require(actor, Capability.VIEW_CLIENTS)
        if sort not in SORT_KEYS:
            raise _error("sort", "알 수 없는 정렬 기준입니다.", "Unknown sort key.")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise _error("offset", "시작 위치가 올바르지 않습니다.", "Invalid offset.")
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
            raise _error("limit", f"한 번에 1~{MAX_PAGE}명까지 조회합니다.",
                         f"A page holds 1 to {MAX_PAGE} clients.")
        if sort == "remaining":
            self._catch_up_day()
        with self._db.read() as session:
            today = self._today(session)
            filters: list[ColumnElement[bool]] = [Client.deleted_at.is_(None)]
            if active is not None:
                filters.append(Client.active.is_(active))
            if trainer_id is not None:
                filters.append(Client.trainer_id == trainer_id)
            matched = _match(session, query or "", filters, active, trainer_id, descending)
            order = _Order(sort, descending, today)
            if matched is None:
                # No search term: the count and an index-ordered page are two cheap queries.
                total = _live_count(session, filters, active, trainer_id)
                if sort == "name":
                    # The page's ids from the covering name index first, so rows skipped
                    # by the offset are never read from the table.
                    page = (
                        select(Client.id.label("client_id")).where(*filters)
                        .order_by(*order.terms(session))
                        .offset(offset).limit(limit).subquery("page")
                    )
                    rows, _ = self._page_rows(session, [], order, 0, limit, False,
                                              source=page)
                elif order.aggregate and trainer_id is None:
                    rows = self._facts_page(session, active, order, offset, limit)
                else:
                    rows, _ = self._page_rows(session, filters, order, offset, limit, False)
                return Page(rows=rows, total=total, offset=offset, limit=limit)
            if isinstance(matched, _Pieces) and sort == "name":
                # The index rows hold the name: count and page within one index range,
                # then read just the page's members.
                rows, total = self._pieces_page(session, matched, order, active, trainer_id,
                                                offset, limit)
                return Page(rows=rows, total=total, offset=offset, limit=limit)
            if isinstance(matched, _Keyed):
                if sort == "name":
                    rows, total = self._keyed_page(session, [*filters, matched.condition],
                                                   order, offset, limit)
                    return Page(rows=rows, total=total, offset=offset, limit=limit)
                matched = matched.condition
            if isinstance(matched, _Listed):
                if sort == "name":  # already in the list's order
                    page_ids = matched.ids[offset:offset + limit]
                    rows = self._page_rows(session, [Client.id.in_(page_ids)], order, 0, limit,
                                           False)[0] if page_ids else ()
                    return Page(rows=rows, total=len(matched.ids), offset=offset, limit=limit)
                matched = Client.id.in_(matched.ids) if matched.ids else literal(False)
            if isinstance(matched, _Pieces):
                matched = matched.condition()
            # A search term: one statement yields the page and, by a window, the total.
            rows, found = self._page_rows(session, [*filters, matched], order, offset,
                                          limit, True)
            if found is None and offset:  # past the end: the window had no row to count
                found = session.scalar(
                    select(func.count()).select_from(Client).where(*filters, matched))
            return Page(rows=rows, total=int(found or 0), offset=offset, limit=limit)

    def _catch_up_day(self) -> None:
        """Sessions left in member_list_facts count packages unexpired on its day: move
        that day to today first (a write only on the first such sort of a day)."""
        with self._db.read() as session:
            today = self._today(session)
            day = session.scalar(select(MemberListDay.day))
        if day == today:
            return
        with self._db.write(stamp=False) as session:
            day = session.scalar(select(MemberListDay.day))
            if day == today:  # another writer was first
                return
            session.execute(delete(MemberListDay))
            session.add(MemberListDay(day=today))
            session.flush()
            statement, values = member_list_sql.day_step(day, today)
            session.execute(text(statement), values)

    def _facts_page(
        self,
        session: Session,
        active: bool | None,
        order: _Order,
        offset: int,
        limit: int,
    ) -> tuple[ClientRow, ...]:
        """A page of the whole list sorted by a fact: a walk of its member_list_facts index
        (only live members have a row), then the page's rows."""
        facts = MemberListFacts.__table__.c
        query = select(facts.client_id)
        if active is not None:
            query = query.where(facts.active.is_(active))
        ids = session.scalars(
            query.order_by(*order.terms(session, facts)).offset(offset).limit(limit)).all()
        if not ids:
            return ()
        by_name = _Order("name", False, order.today)
        rows, _ = self._page_rows(session, [Client.id.in_(ids)], by_name, 0, len(ids), False)
        place = {client_id: n for n, client_id in enumerate(ids)}
        return tuple(sorted(rows, key=lambda row: place[row.id]))

    def _keyed_page(
        self,
        session: Session,
        conditions: list[ColumnElement[bool]],
        order: _Order,
        offset: int,
        limit: int,
    ) -> tuple[tuple[ClientRow, ...], int]:
        """Matches of `conditions` answered by one index of live members (`_Keyed`)."""
        count = select(func.count()).select_from(Client).where(*conditions)
        ids = (select(Client.id.label("client_id")).where(*conditions)
               .order_by(*order.terms(session)))
        return self._indexed_page(session, count, ids, order, offset, limit)

    def _pieces_page(
        self,
        session: Session,
        pieces: _Pieces,
        order: _Order,
        active: bool | None,
        trainer_id: uuid.UUID | None,
        offset: int,
        limit: int,
    ) -> tuple[tuple[ClientRow, ...], int]:
        index = ClientSearchTerm
        count = pieces.select([func.count()], active, trainer_id)
        by_name = index.name.desc() if order.descending else index.name.asc()
        ids = pieces.select([index.client_id], active, trainer_id).order_by(
            by_name, index.client_id)
        return self._indexed_page(session, count, ids, order, offset, limit)

    def _indexed_page(
        self,
        session: Session,
        count: Select[Any],
        ids: Select[Any],
        order: _Order,
        offset: int,
        limit: int,
    ) -> tuple[tuple[ClientRow, ...], int]:
        """The total (`count`) and the page of `ids` (member ids as `client_id`, in the
        list's order), both read from one index; then only the page's members' rows."""
        total = int(session.scalar(count) or 0)
        if offset >= total:
            return (), total
        page = ids.offset(offset).limit(limit).subquery("page")
        rows, _ = self._page_rows(session, [], order, 0, limit, False, source=page)
        return rows, total

    def _page_rows(
        self,
        session: Session,
        conditions: list[ColumnElement[bool]],
        order: _Order,
        offset: int,
        limit: int,
        searched: bool,
        source: Any = None,
    ) -> tuple[tuple[ClientRow, ...], int | None]:
        """One page of rows (and, when `searched`, the total by a window). `source` is a
        subquery of (client_id, ...) already holding the page: it is joined instead."""
        base: Select[Any] = select(  # type: ignore[assignment]  # more columns may be added
            Client.id, Client.name, Client.gender, Client.birth_date, Client.age_years,
            Client.age_recorded_on, Client.phone, Client.active,
            StaffAccount.display_name.label("trainer_display"),
            StaffAccount.username.label("trainer_username"),
        )
        facts: Any = None
        if order.aggregate and source is None:
            # Sorting by a fact: only (id, fact, name) of the matching members are sorted;
            # the page's rows are read afterwards.
            table = MemberListFacts.__table__.c
            ranked = (
                select(table.client_id, table.name, table[FACT_COLUMNS[order.key]])
                .select_from(Client).join(MemberListFacts, table.client_id == Client.id)
                .where(*conditions)
            )
            if searched:
                ranked = ranked.add_columns(func.count().over().label("total"))
            source = (
                ranked.order_by(*order.terms(session, table))
                .offset(offset).limit(limit).subquery("page")
            )
            conditions, offset, facts = [], 0, source.c
            if searched:
                base = base.add_columns(source.c.total)
        elif searched:
            base = base.add_columns(func.count().over().label("total"))
        if source is not None:
            base = base.select_from(source).join(Client, Client.id == source.c.client_id)
        base = base.outerjoin(StaffAccount, StaffAccount.id == Client.trainer_id).where(
            *conditions)
        rows = session.execute(
            base.order_by(*order.terms(session, facts)).offset(offset).limit(limit)
        ).all()
        if not rows:
            return (), None
        total = int(rows[0].total) if searched else None
        # Both aggregates of the page's members in one statement (index seeks per member).
        lasts, remains = {}, {}
        for client_id, last_on, overall, left in session.execute(
            _PAGE_AGGREGATES, {"ids": [r.id for r in rows], "today": order.today}
        ):
            lasts[client_id] = (last_on, overall)
            remains[client_id] = left
        result = []
        for r in rows:
            age, _ = client_age(r.birth_date, r.age_years, r.age_recorded_on, order.today)
            last_on, overall = lasts.get(r.id, (None, None))
            result.append(ClientRow(
                id=r.id,
                name=r.name,
                gender=Gender(r.gender),
                age=age,
                phone_display=format_phone(r.phone) if r.phone else "",
                trainer_name=r.trainer_display or r.trainer_username or "",
                last_assessed_on=last_on,
                last_overall=overall,
                remaining_sessions=int(remains.get(r.id) or 0),
                active=bool(r.active),
            ))
        return tuple(result), total

    def get(self, actor: Actor, client_id: uuid.UUID) -> ClientDetail:
        """The member with assessments (newest first), packages and the progress series."""
        from the5hc_desktop.domain.series import progress_series
        from the5hc_desktop.services.assessments import summaries_for_client
        from the5hc_desktop.services.health import screening_state_in

        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            client = get_live(session, Client, client_id, CLIENT)
            view = self._view(session, client)
            summaries, points = summaries_for_client(session, client.id)
            screening = screening_state_in(session, client.id,
                                           local_today(gym_zone(session), self._now))
        packages = self._packages(actor, client_id)
        return ClientDetail(view, summaries, packages, progress_series(points), screening)

    def _packages(self, actor: Actor, client_id: uuid.UUID) -> tuple[PackageView, ...]:
        from the5hc_desktop.services.packages import PackageService

        return tuple(PackageService(self._db, now=self._now).list_for_client(actor, client_id))

    def view(self, actor: Actor, client_id: uuid.UUID) -> ClientView:
        """Just the member's card (no assessments or packages)."""
        require(actor, Capability.VIEW_CLIENTS)
        with self._db.read() as session:
            return self._view(session, get_live(session, Client, client_id, CLIENT))

    def _view(self, session: Session, client: Client) -> ClientView:
        return client_view(session, client, self._today(session))


def client_view(session: Session, client: Client, today: date) -> ClientView:
    """The frozen view of a client row (used by other services too)."""
    age, estimate = client_age(client.birth_date, client.age_years, client.age_recorded_on, today)
    trainer = session.get(StaffAccount, client.trainer_id) if client.trainer_id else None
    index = bmi(client.height_cm, client.weight_kg)
    if index is not None and not math.isfinite(index):
        index = None
    if client.created_at is None:  # a row added in this transaction: stamp it first
        session.flush()
    return ClientView(
        id=client.id,
        name=client.name,
        gender=Gender(client.gender),
        birth_date=client.birth_date,
        age=age,
        age_is_estimate=estimate,
        phone=client.phone or "",
        phone_display=format_phone(client.phone) if client.phone else "",
        email=client.email or "",
        height_cm=client.height_cm,
        weight_kg=client.weight_kg,
        bmi=index,
        bmi_band=bmi_band(index) if index is not None else None,
        goals=client.goals or "",
        medical_notes=client.medical_notes or "",
        notes=client.notes or "",
        trainer_id=client.trainer_id,
        trainer_name=(trainer.display_name or trainer.username) if trainer else "",
        active=bool(client.active),
        created_at=to_local(client.created_at, gym_zone(session)),
        age_recorded=client.age_years,
        age_recorded_on=client.age_recorded_on,
    )

