"""Members from a spreadsheet (.xlsx / .csv): map columns, preview with every problem marked,
import the valid rows in one transaction, and write a report of the skipped ones.

    table = read_table(path)                       # services.table_source
    mapping = guess_mapping(table.headers)         # {field: column index}
    preview = service.preview(actor, table, mapping)
    summary = service.import_rows(actor, table, mapping)

A row is checked by the same rules as the member form (`clients.clean_draft`); on top of
those a row is refused when its phone number repeats an earlier row of the file or a member
the gym already has (which also makes a second import of the same file add nothing new).
The gender column is required (the model needs it); a 나이 (age) column is kept as the age
snapshot of today when there is no birth date, as the legacy import does.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError
from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.people import Gender
from the5hc_desktop.services.base import ServiceBase, gym_zone, local_today
from the5hc_desktop.services.clients import ClientDraft, clean_draft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.permissions import Capability, require
from the5hc_desktop.services.table_source import Table
from the5hc_desktop.store.models import Client

Progress = Callable[[float], None]

# field -> (label, header words recognised when guessing the mapping, lower case)
FIELDS: dict[str, tuple[Label, tuple[str, ...]]] = {
    "name": (Label("이름", "Name"), ("이름", "성명", "회원명", "회원 이름", "name")),
    "phone": (Label("전화번호", "Phone"), ("전화번호", "전화", "휴대폰", "핸드폰", "연락처",
                                         "휴대전화", "phone", "mobile", "tel")),
    "gender": (Label("성별", "Gender"), ("성별", "gender", "sex")),
    "birth_date": (Label("생년월일", "Birth date"), ("생년월일", "생일", "birth date",
                                                   "birthday", "birth_date", "dob")),
    "age": (Label("나이", "Age"), ("나이", "age", "만나이")),
    "height_cm": (Label("키 (cm)", "Height (cm)"), ("키", "신장", "키(cm)", "height",
                                                  "height_cm", "height (cm)")),
    "weight_kg": (Label("몸무게 (kg)", "Weight (kg)"), ("몸무게", "체중", "몸무게(kg)",
                                                      "weight", "weight_kg", "weight (kg)")),
    "email": (Label("이메일", "E-mail"), ("이메일", "email", "e-mail", "메일")),
    "goals": (Label("목표", "Goals"), ("목표", "운동 목표", "goals", "goal")),
    "medical_notes": (Label("병력", "Medical notes"), ("병력", "질환", "부상", "medical",
                                                     "medical_notes")),
    "notes": (Label("메모", "Notes"), ("메모", "비고", "notes", "memo", "note")),
}
REQUIRED = ("name", "gender")
PREVIEW_ROWS = 200
_GENDER_EXTRA = {"남자": Gender.MALE, "여자": Gender.FEMALE, "man": Gender.MALE,
                 "woman": Gender.FEMALE}
_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(cm|kg|세|살)?\s*$", re.IGNORECASE)
_DAY = re.compile(r"^\s*(\d{4})[-./년\s]*(\d{1,2})[-./월\s]*(\d{1,2})\s*일?\s*$")
_BASE = ClientDraft(name="회원", gender=Gender.MALE)  # valid everywhere: isolates one field


@dataclass(frozen=True)
class Problem:
    field: str
    message_ko: str
    message_en: str

    def message(self, language: str = "ko") -> str:
        return self.message_en if language == "en" else self.message_ko


@dataclass(frozen=True)
class CheckedRow:
    line: int  # the row number the user sees in Excel
    cells: tuple[Any, ...]
    problems: tuple[Problem, ...]
    values: Mapping[str, Any] | None = None  # column values to store when valid

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Preview:
    rows: tuple[CheckedRow, ...]  # the first PREVIEW_ROWS rows, problems marked
    total: int
    valid: int
    problem_counts: Mapping[str, int]  # field -> rows with a problem in it

    @property
    def skipped(self) -> int:
        return self.total - self.valid


@dataclass(frozen=True)
class MemberImportSummary:
    source: Path
    dry_run: bool
    total: int
    created: int
    skipped: int
    report: Path | None  # CSV of the skipped rows and why
    problem_counts: Mapping[str, int] = field(default_factory=dict)


# -- mapping ----------------------------------------------------------------------------------


def field_label(name: str) -> Label:
    return FIELDS[name][0]


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """{field: column index} for the headers that name a known field (first match wins)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = re.sub(r"\s+", " ", header.strip().lower())
        for name, (_label, words) in FIELDS.items():
            if name not in mapping and (key in words or key.replace(" ", "") in words):
                mapping[name] = index
                break
    return mapping


def parse_mapping(text: str, headers: Sequence[str]) -> dict[str, int]:
    """`--map "성함=name,휴대폰=phone"` (header=field or field=header; a header may also be
    its 1-based column number) on top of the guessed mapping."""
    mapping = guess_mapping(headers)
    for part in (p.strip() for p in text.split(",") if p.strip()):
        left, sep, right = (s.strip() for s in part.partition("="))
        if not sep:
            raise ValidationError(f"열 지정이 올바르지 않습니다: {part} (예: 성함=name)",
                                  f"Bad column mapping: {part} (e.g. 성함=name)", field="map")
        name, header = (left, right) if left in FIELDS else (right, left)
        if name not in FIELDS and name != "skip":
            raise ValidationError(
                f"알 수 없는 항목입니다: {name} ({', '.join(FIELDS)})",
                f"Unknown field: {name} (one of {', '.join(FIELDS)}, skip)", field="map")
        column = _column(header, headers)
        for key in [k for k, v in mapping.items() if v == column]:
            del mapping[key]
        if name != "skip":
            mapping[name] = column
    return mapping


def _column(header: str, headers: Sequence[str]) -> int:
    if header.isdigit() and 1 <= int(header) <= len(headers):
        return int(header) - 1
    for index, text in enumerate(headers):
        if text.strip().lower() == header.lower():
            return index
    raise ValidationError(f"파일에 '{header}' 열이 없습니다.",
                          f"The file has no column '{header}'.", field="map")


def check_mapping(mapping: Mapping[str, int], headers: Sequence[str]) -> None:
    """Name and gender must be mapped, each column used once and in range."""
    missing = [name for name in REQUIRED if name not in mapping]
    if missing:
        ko = ", ".join(field_label(m).ko for m in missing)
        en = ", ".join(field_label(m).en for m in missing)
        raise ValidationError(f"{ko} 열을 지정하세요.", f"Choose the column for: {en}.",
                              field="map")
    columns = list(mapping.values())
    if len(set(columns)) != len(columns):
        raise ValidationError("한 열을 두 항목에 지정했습니다.",
                              "One column is mapped to two fields.", field="map")
    if any(name not in FIELDS for name in mapping) or any(
            not 0 <= c < len(headers) for c in columns):
        raise ValidationError("열 지정이 올바르지 않습니다.", "Invalid column mapping.",
                              field="map")


# -- checking one row -------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _phone_text(value: Any) -> str:
    # A phone typed into a number cell lost its leading 0 (10-1234-5678 → 1012345678).
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "0" + str(int(value))
    return _text(value)


def _number(value: Any, name: str) -> tuple[float | None, Problem | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), None
    match = _NUMBER.match(str(value))
    if match is None:
        label = field_label(name)
        return None, Problem(name, f"{label.ko}: 숫자가 아닙니다 ({value})",
                             f"{label.en}: not a number ({value})")
    return float(match.group(1).replace(",", ".")), None


def _day(value: Any) -> tuple[date | None, Problem | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = _text(value)
    match = _DAY.match(text)
    if match is None and re.fullmatch(r"\d{8}", text):
        match = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if match is not None:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))), None
        except ValueError:
            pass
    return None, Problem("birth_date", f"생년월일 형식이 올바르지 않습니다 ({text}, 예: "
                         "1990-03-15)", f"Not a valid birth date ({text}, e.g. 1990-03-15)")


def _gender(value: Any) -> Gender | str:
    text = _text(value)
    return _GENDER_EXTRA.get(text.lower(), text)


def _problem(error: ValidationError, fallback: str) -> Problem:
    return Problem(error.field or fallback, error.message_ko, error.message_en)


def check_row(cells: Sequence[Any], mapping: Mapping[str, int], today: date
              ) -> tuple[dict[str, Any] | None, tuple[Problem, ...]]:
    """(column values, ()) for a good row, else (None, every problem found)."""
    raw = {name: cells[column] if column < len(cells) else None
           for name, column in mapping.items()}
    problems: list[Problem] = []
    height, bad = _number(raw.get("height_cm"), "height_cm")
    problems += [bad] if bad else []
    weight, bad = _number(raw.get("weight_kg"), "weight_kg")
    problems += [bad] if bad else []
    age, bad = _number(raw.get("age"), "age")
    problems += [bad] if bad else []
    if age is not None and not (age.is_integer() and 0 < age <= 150):
        problems.append(Problem("age", f"나이는 1~150 사이의 정수여야 합니다 ({raw['age']})",
                                f"Age must be a whole number 1–150 ({raw['age']})"))
        age = None
    birth, bad = _day(raw.get("birth_date"))
    problems += [bad] if bad else []
    draft = ClientDraft(
        name=_text(raw.get("name")), gender=_gender(raw.get("gender")),
        phone=_phone_text(raw.get("phone")), birth_date=birth, email=_text(raw.get("email")),
        height_cm=height, weight_kg=weight, goals=_text(raw.get("goals")),
        medical_notes=_text(raw.get("medical_notes")), notes=_text(raw.get("notes")),
    )
    if not problems:
        try:
            values = clean_draft(draft, today)
        except ValidationError:
            pass  # find every problem below, not only the first
        else:
            if age is not None and birth is None:
                values["age_years"], values["age_recorded_on"] = int(age), today
            return values, ()
    # One field at a time on an otherwise valid draft, so each rule reports on its own.
    for name in ("name", "gender", "phone", "birth_date", "email", "height_cm", "weight_kg",
                 "goals", "medical_notes", "notes"):
        try:
            clean_draft(replace(_BASE, **{name: getattr(draft, name)}), today)
        except ValidationError as error:
            problems.append(_problem(error, name))
    if not any(p.field in ("height_cm", "weight_kg") for p in problems):
        try:  # the BMI rule needs both values
            clean_draft(replace(_BASE, height_cm=height, weight_kg=weight), today)
        except ValidationError as error:
            problems.append(_problem(error, "weight_kg"))
    if not problems:  # cannot happen unless a rule needs two fields we did not pair
        try:
            clean_draft(draft, today)
        except ValidationError as error:
            problems.append(_problem(error, "name"))
    return None, tuple(problems)


def _duplicate(phone: str, line: int | None) -> Problem:
    if line is None:
        return Problem("phone", f"이미 등록된 회원의 전화번호입니다 ({phone})",
                       f"A member of the gym already has this phone number ({phone})")
    return Problem("phone", f"파일의 {line}행과 전화번호가 같습니다 ({phone})",
                   f"Same phone number as row {line} of the file ({phone})")


def _same_person(line: int | None) -> Problem:
    # Without a phone, name and birth date are all there is to recognise a member by.
    if line is None:
        return Problem("name", "전화번호 없이 같은 이름·생년월일의 회원이 이미 있습니다",
                       "The gym already has a member with this name and birth date and no "
                       "phone")
    return Problem("name", f"파일의 {line}행과 이름·생년월일이 같고 전화번호가 없습니다",
                   f"Same name and birth date as row {line} of the file, and no phone")


@dataclass
class GymKeys:
    """What recognises a member already in the gym: the phone, else name + birth date."""

    phones: set[str] = field(default_factory=set)
    unphoned: set[tuple[str, date | None]] = field(default_factory=set)


def check_table(table: Table, mapping: Mapping[str, int], today: date,
                gym: GymKeys, progress: Progress | None = None) -> list[CheckedRow]:
    """Every data row checked; blank rows are left out."""
    check_mapping(mapping, table.headers)
    seen: dict[str, int] = {}
    seen_people: dict[tuple[str, date | None], int] = {}
    checked = []
    total = len(table.rows)
    for index, cells in enumerate(table.rows):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        line = table.line(index)
        values, problems = check_row(cells, mapping, today)
        phone = values.get("phone") if values is not None else None
        if phone:
            if phone in gym.phones:
                problems, values = (_duplicate(phone, None),), None
            elif phone in seen:
                problems, values = (_duplicate(phone, seen[phone]),), None
            else:
                seen[phone] = line
        elif values is not None:
            person = (values["name"], values["birth_date"])
            if person in gym.unphoned:
                problems, values = (_same_person(None),), None
            elif person in seen_people:
                problems, values = (_same_person(seen_people[person]),), None
            else:
                seen_people[person] = line
        checked.append(CheckedRow(line, cells, problems, values))
        if progress is not None and index % 2000 == 0 and total:
            progress(index / total)
    return checked


def _counts(rows: Sequence[CheckedRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in {p.field for p in row.problems}:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _gym_keys(session: Session) -> GymKeys:
    keys = GymKeys()
    for phone, name, birth in session.execute(select(
            Client.phone, Client.name, Client.birth_date).where(Client.deleted_at.is_(None))):
        if phone:
            keys.phones.add(phone)
        else:
            keys.unphoned.add((name, birth))
    return keys


# -- the service ------------------------------------------------------------------------------


class MemberImportService(ServiceBase):
    def preview(self, actor: Actor, table: Table, mapping: Mapping[str, int],
                progress: Progress | None = None) -> Preview:
        """Every row checked (nothing written); the first PREVIEW_ROWS returned."""
        require(actor, Capability.EDIT_CLIENTS)
        with self._db.read() as session:
            today = local_today(gym_zone(session), self._now)
            rows = check_table(table, mapping, today, _gym_keys(session), progress)
        return Preview(tuple(rows[:PREVIEW_ROWS]), len(rows), sum(r.ok for r in rows),
                       _counts(rows))

    def import_rows(
        self,
        actor: Actor,
        table: Table,
        mapping: Mapping[str, int],
        *,
        dry_run: bool = False,
        report: Path | None = None,
        progress: Progress | None = None,
    ) -> MemberImportSummary:
        """Add every valid row as a member in one transaction; skipped rows go to `report`
        (default: `<file>-건너뛴행.csv` beside the source). A dry run writes nothing."""
        require(actor, Capability.EDIT_CLIENTS)
        step = progress or (lambda _f: None)
        trainer = None if actor.role is Role.ASSISTANT else actor.staff_id
        created = 0
        with self._db.write() as session:
            today = local_today(gym_zone(session), self._now)
            rows = check_table(table, mapping, today, _gym_keys(session),
                               lambda f: step(0.4 * f))
            good = [r for r in rows if r.values is not None]
            if not dry_run:
                for number, row in enumerate(good, start=1):
                    session.add(Client(**row.values, trainer_id=trainer))  # type: ignore[arg-type]
                    if number % 1000 == 0:
                        session.flush()
                        step(0.4 + 0.5 * number / len(good))
                created = len(good)
                self._audit(session, actor, "clients_imported", "client", None, {
                    "source": table.path.name, "created": created,
                    "skipped": len(rows) - len(good),
                })
            skipped = [r for r in rows if not r.ok]
            written = None
            if skipped and not dry_run:  # inside the transaction: no report, no import
                written = write_report(report or default_report_path(table.path), table,
                                       skipped)
        step(1.0)
        return MemberImportSummary(table.path, dry_run, len(rows),
                                   created if not dry_run else len(good), len(skipped),
                                   written, _counts(rows))


def default_report_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}-건너뛴행.csv")


def write_report(target: Path, table: Table, rows: Sequence[CheckedRow]) -> Path:
    """The skipped rows as CSV (UTF-8 with BOM, for Excel): row number, problems, cells."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(("행 (row)", "문제 (problem)", *table.headers))
    for row in rows:
        writer.writerow((row.line, " / ".join(p.message_ko for p in row.problems),
                         *("" if c is None else _text(c) for c in row.cells)))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = target.with_name(target.name + ".part")
        work.write_bytes(text.getvalue().encode("utf-8-sig"))
        work.replace(target)
    except OSError as exc:
        raise StorageUnavailable(f"건너뛴 행 보고서를 쓸 수 없습니다: {target} ({exc})",
                                 f"The skipped-rows report could not be written: {target} "
                                 f"({exc})") from exc
    return target



def import_service_beside(service: ServiceBase) -> MemberImportService:
    """A member importer on the same database and clock as another service (for the panes)."""
    return MemberImportService(service._db, service._now)
