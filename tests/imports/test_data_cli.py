"""`the5hc import-members` and `the5hc export xlsx` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from member_sheets import write_csv
from openpyxl import load_workbook

from the5hc_desktop import cli


def test_import_members_dry_run_then_for_real(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(tmp_path / "m.csv", [
        ["김하나", "010-1111-2222", "여", "", "", "", ""],
        ["이두리", "010-12", "남", "", "", "", ""],
    ], "cp949", headers=("성함", "휴대폰", "구분", "생년월일", "키", "몸무게", "비고"))
    args = ["--db", str(demo_path), "import-members", str(source), "--map",
            "성함=name,gender=구분"]
    assert cli.main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out
    assert "added 1, skipped 1" in out
    assert "3행 (row 3)" in out
    assert not (tmp_path / "m-건너뛴행.csv").exists()
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "members imported" in out
    assert (tmp_path / "m-건너뛴행.csv").exists()


def test_import_members_bad_file_is_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "m.xlsx"
    fake.write_text("이름,성별\n", encoding="utf-8")
    assert cli.main(["--db", str(demo_path), "import-members", str(fake)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "not an Excel workbook" in err[0]


def test_export_xlsx_payments_for_a_period(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pay.xlsx"
    code = cli.main(["--db", str(demo_path), "export", "xlsx", "--what", "payments",
                     "--from", "2025-01-01", "--to", "2025-06-15", "-o", str(target)])
    assert code == 0
    assert "exported" in capsys.readouterr().out
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "결제일"
    assert sheet.cell(sheet.max_row, 1).value == "합계"
    assert cli.main(["--db", str(demo_path), "export", "csv", "--what", "payments"]) == 2
