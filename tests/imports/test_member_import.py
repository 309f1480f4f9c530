"""Members from .xlsx / .csv: problems marked per row, one transaction, a skipped-rows report,
and bad files refused with a clear message before anything is written."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
from member_sheets import HEADERS, write_csv, write_xlsx
from sqlalchemy import func, select

from the5hc_desktop.domain.errors import StorageUnavailable, ValidationError
from the5hc_desktop.services import Services, member_import, table_source
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.member_import import (
    MemberImportService,
    guess_mapping,
    parse_mapping,
)
from the5hc_desktop.services.table_source import read_table
from the5hc_desktop.store.models import Client


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _members(gym: Services) -> int:
    with gym.database.read() as s:
        return int(s.scalar(select(func.count()).select_from(Client)) or 0)


def _gym_phone(gym: Services) -> str:
    with gym.database.read() as s:
        phone = s.scalar(select(Client.phone).where(Client.phone.is_not(None)).limit(1))
    assert phone
    return phone


def _rows(gym_phone: str) -> list[list[object]]:
    return [
        ["김하나", "010-1111-2222", "여", date(1990, 3, 15), 162, 55, "오전반"],   # good
        ["이두리", "010-12", "남", None, None, None, None],                      # bad phone
        ["박세찌", "010-3333-4444", "기타", None, None, None, None],              # gender
        ["최네리", "010-1111-2222", "여성", None, None, None, None],             # dup in file
        ["정다섯", gym_phone, "male", None, None, None, None],                   # dup in gym
        ["한여섯", "", "F", "1985.7.2", "170cm", "62kg", None],                 # good
        ["오", "010-5555-6666", "모름", "1990-13-40", "키큼", 3, None],           # many
    ]


def test_preview_marks_every_problem(gym: Services, owner: Actor, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "members.xlsx", _rows(_gym_phone(gym)))
    table = read_table(source)
    mapping = guess_mapping(table.headers)
    assert mapping == {"name": 0, "phone": 1, "gender": 2, "birth_date": 3, "height_cm": 4,
                       "weight_kg": 5, "notes": 6}
    preview = MemberImportService(gym.database).preview(owner, table, mapping)
    fields = {row.line: sorted({p.field for p in row.problems}) for row in preview.rows}
    assert fields == {
        2: [], 3: ["phone"], 4: ["gender"], 5: ["phone"], 6: ["phone"], 7: [],
        8: ["birth_date", "gender", "height_cm", "name", "weight_kg"],
    }
    by_line = {row.line: row for row in preview.rows}
    assert "2행" in by_line[5].problems[0].message_ko  # points at the first occurrence
    assert "already" in by_line[6].problems[0].message_en
    assert (preview.total, preview.valid, preview.skipped) == (7, 2, 5)
    assert preview.problem_counts["phone"] == 3


def test_import_adds_valid_rows_and_reports_the_rest(
    gym: Services, owner: Actor, tmp_path: Path
) -> None:
    source = write_xlsx(tmp_path / "in" / "members.xlsx", _rows(_gym_phone(gym)))
    digest, stamp = _digest(source), source.stat().st_mtime_ns
    before = _members(gym)
    service = MemberImportService(gym.database)
    table = read_table(source)
    summary = service.import_rows(owner, table, guess_mapping(table.headers))
    assert (summary.total, summary.created, summary.skipped) == (7, 2, 5)
    assert _members(gym) == before + 2
    with gym.database.read() as s:
        hana = s.scalars(select(Client).where(Client.name == "김하나")).one()
        six = s.scalars(select(Client).where(Client.name == "한여섯")).one()
    assert (hana.phone, hana.gender, hana.birth_date, hana.notes) == (
        "01011112222", "female", date(1990, 3, 15), "오전반")
    assert (six.birth_date, six.height_cm, six.weight_kg) == (date(1985, 7, 2), 170.0, 62.0)
    assert hana.trainer_id == owner.staff_id
    assert summary.report is not None
    report = summary.report.read_text(encoding="utf-8-sig").splitlines()
    assert report[0].startswith("행 (row),문제 (problem),이름")
    assert [line.split(",")[0] for line in report[1:]] == ["3", "4", "5", "6", "8"]
    assert _digest(source) == digest
    assert source.stat().st_mtime_ns == stamp
    again = service.import_rows(owner, read_table(source), guess_mapping(table.headers),
                                report=tmp_path / "again.csv")
    assert again.created == 0  # the phone-less row is recognised by name and birth date
    assert _members(gym) == before + 2 + 0


def test_dry_run_and_a_failure_write_nothing(
    gym: Services, owner: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_xlsx(tmp_path / "members.xlsx", _rows(_gym_phone(gym)))
    table = read_table(source)
    service = MemberImportService(gym.database)
    before = _members(gym)
    summary = service.import_rows(owner, table, guess_mapping(table.headers), dry_run=True)
    assert (summary.created, summary.report) == (2, None)
    assert _members(gym) == before

    def broken(*_args: object) -> Path:
        raise StorageUnavailable("디스크가 가득 찼습니다.", "disk full")

    monkeypatch.setattr(member_import, "write_report", broken)
    with pytest.raises(StorageUnavailable):
        service.import_rows(owner, table, guess_mapping(table.headers))
    assert _members(gym) == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp949"])
def test_csv_in_utf8_or_cp949(gym: Services, owner: Actor, tmp_path: Path,
                              encoding: str) -> None:
    rows = [["김하나", "010-1111-2222", "여성", "1990-03-15", "162", "55", "메모, 쉼표"]]
    table = read_table(write_csv(tmp_path / "m.csv", rows, encoding))
    assert table.headers == HEADERS
    assert table.rows[0][6] == "메모, 쉼표"
    summary = MemberImportService(gym.database).import_rows(
        owner, table, guess_mapping(table.headers))
    assert summary.created == 1


def test_number_cells_keep_the_leading_zero(gym: Services, owner: Actor,
                                            tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "m.xlsx",
                        [["김하나", 1098765432, "여", datetime(1990, 3, 15), 160.5, 50.2, None]])
    table = read_table(source)
    MemberImportService(gym.database).import_rows(owner, table, guess_mapping(table.headers))
    with gym.database.read() as s:
        hana = s.scalars(select(Client).where(Client.name == "김하나")).one()
    assert (hana.phone, hana.birth_date) == ("01098765432", date(1990, 3, 15))


def test_mapping_from_the_command_line() -> None:
    headers = ("성함", "연락처", "구분", "비고")
    mapping = parse_mapping("성함=name, gender=구분, 비고=skip", headers)
    assert mapping == {"name": 0, "phone": 1, "gender": 2}
    assert parse_mapping("name=1,gender=3", headers)["name"] == 0
    with pytest.raises(ValidationError) as caught:
        parse_mapping("없는열=name", headers)
    assert "없는열" in caught.value.message_ko


def test_unmapped_required_columns_are_refused(gym: Services, owner: Actor,
                                               tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "m.xlsx", [["김하나", "01011112222"]],
                                  headers=("이름", "전화번호")))
    with pytest.raises(ValidationError) as caught:
        MemberImportService(gym.database).preview(owner, table, guess_mapping(table.headers))
    assert "성별" in caught.value.message_ko
    assert "Gender" in caught.value.message_en


# -- bad files ----------------------------------------------------------------------------


def _refused(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    error = caught.value
    assert error.message_ko
    assert error.message_en
    assert error.field == "path"
    return error


def test_files_that_are_not_what_they_claim(tmp_path: Path) -> None:
    text_as_xlsx = tmp_path / "a.xlsx"
    text_as_xlsx.write_text("이름,성별\n김하나,여\n", encoding="utf-8")
    assert "not an Excel workbook" in _refused(text_as_xlsx).message_en
    old_xls = tmp_path / "b.xlsx"
    old_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".xls" in _refused(old_xls).message_ko
    workbook_as_csv = write_xlsx(tmp_path / "c.xlsx", [])
    renamed = workbook_as_csv.rename(tmp_path / "c.csv")
    assert "rename it to .xlsx" in _refused(renamed).message_en
    binary = tmp_path / "d.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    assert "binary" in _refused(binary).message_en
    damaged = tmp_path / "e.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "damaged" in _refused(damaged).message_en
    other = tmp_path / "f.txt"
    other.write_text("x")
    assert ".xlsx" in _refused(other).message_ko


def test_wrong_encoding_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "m.csv"
    bad.write_bytes("이름,성별\n".encode() + b"\x80\x80\xff,\xfe\n")
    error = _refused(bad)
    assert "UTF-8" in error.message_ko
    assert "CP949" in error.message_en
    with pytest.raises(ValidationError):
        read_table(write_csv(tmp_path / "k.csv", [["김하나", "", "여"]], "cp949"),
                   encoding="utf-8")


def test_merged_header_cells_are_refused(tmp_path: Path) -> None:
    merged = write_xlsx(tmp_path / "m.xlsx", [["김하나", "", "여"]], merge="A1:B1")
    error = _refused(merged)
    assert "A1:B1" in error.message_en
    assert "병합" in error.message_ko
    # A merged title above the header row is fine: the header row is the first full row.
    titled = write_xlsx(tmp_path / "t.xlsx", [["김하나", "", "여"]], merge="A1:G1",
                        title_row="회원 명단")
    with pytest.raises(ValidationError):
        read_table(titled)  # the title row is taken as the header, and it is merged


def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_source, "MAX_ROWS", 5)
    path = write_csv(tmp_path / "m.csv", [["회원", "", "남"]] * 6, "utf-8")
    assert "5" in _refused(path).message_en
    assert read_table(write_csv(tmp_path / "ok.csv", [["회원", "", "남"]] * 5, "utf-8"))


def test_empty_and_headerless_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    assert "empty" in _refused(empty).message_en
    one = tmp_path / "o.csv"
    one.write_text("김하나\n이두리\n", encoding="utf-8")
    assert "two column titles" in _refused(one).message_en
