"""File names that Windows accepts, whatever the member is called."""

from __future__ import annotations

from datetime import date

import pytest

from the5hc_desktop.reports.filenames import (
    MAX_NAME_CHARS,
    report_filename,
    safe_component,
    unique_name,
)

DAY = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("김민수", "2024-05-10_김민수_평가보고서.pdf"),
        ("김 민수", "2024-05-10_김 민수_평가보고서.pdf"),
        ('김<민>수:"/\\|?*', "2024-05-10_김민수_평가보고서.pdf"),
        ("이서연\t\n\x00\x1f", "2024-05-10_이서연_평가보고서.pdf"),
        ("  박지훈 ...  ", "2024-05-10_박지훈_평가보고서.pdf"),
        ("CON", "2024-05-10__CON_평가보고서.pdf"),
        ("nul.txt", "2024-05-10__nul.txt_평가보고서.pdf"),
        ("com1", "2024-05-10__com1_평가보고서.pdf"),
        ("LPT9", "2024-05-10__LPT9_평가보고서.pdf"),
        ("CONSOLE", "2024-05-10_CONSOLE_평가보고서.pdf"),
        ("", "2024-05-10_회원_평가보고서.pdf"),
        ('<>:"?', "2024-05-10_회원_평가보고서.pdf"),
        ("..", "2024-05-10_회원_평가보고서.pdf"),
    ],
)
def test_report_filename(name: str, expected: str) -> None:
    assert report_filename(DAY, name) == expected


def test_decomposed_hangul_is_composed() -> None:
    decomposed = "\u1100\u1175\u11b7\u1106\u1175\u11ab\u1109\u116e"  # 김민수 as macOS types it
    assert report_filename(DAY, decomposed) == "2024-05-10_김민수_평가보고서.pdf"


def test_long_names_are_cut() -> None:
    name = report_filename(DAY, "가" * 300)
    assert name == f"2024-05-10_{'가' * MAX_NAME_CHARS}_평가보고서.pdf"
    assert len(name) < 100
    # A cut that ends on a space or dot loses it too.
    assert not safe_component("가" * (MAX_NAME_CHARS - 1) + ". 나").endswith((" ", "."))


def test_unique_name_ignores_case() -> None:
    taken = {"a.pdf"}
    assert unique_name("A.pdf", taken) == "A (2).pdf"
    assert unique_name("a.pdf", taken) == "a (3).pdf"
    assert unique_name("b.pdf", taken) == "b.pdf"
    assert taken == {"a.pdf", "a (2).pdf", "a (3).pdf", "b.pdf"}
