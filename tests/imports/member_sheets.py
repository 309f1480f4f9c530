"""Spreadsheets for the member import tests, written the way Excel and users write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HEADERS = ("이름", "휴대폰", "성별", "생년월일", "키", "몸무게", "메모")


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS,
               merge: str | None = None, title_row: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if title_row is not None:
        sheet.append([title_row])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    if merge is not None:
        sheet.merge_cells(merge)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str,
              headers: Sequence[str] = HEADERS) -> Path:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.getvalue().encode(encoding))
    return path
