"""Reading a spreadsheet the user picked (.xlsx, or .csv in UTF-8 / CP949) into plain rows.

Only ever reads: the .xlsx is opened by openpyxl in read-only mode and the .csv as bytes,
so the user's file is never modified. Everything that makes a file unusable is a
ValidationError with a Korean and an English message, raised before anything is imported:
a file that is not what its name claims (an old .xls, a renamed file, binary data), an
encoding that is neither UTF-8 nor CP949, merged cells in the header row, a sheet with no
header, or more rows than `MAX_ROWS`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from the5hc_desktop.domain.errors import ValidationError

MAX_ROWS = 100_000  # members in one file; more is surely not a member list
SUFFIXES = (".xlsx", ".csv")
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # OLE2: Excel 97-2003 .xls (and old .doc)
_ZIP_MAGIC = b"PK\x03\x04"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Table:
    """The header row and the data rows of one sheet, cells as read (text, numbers, dates)."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    first_line: int  # file row number of rows[0] (1-based, as Excel shows it)
    encoding: str | None = None  # CSV only
    sheet: str | None = None  # .xlsx only

    def line(self, index: int) -> int:
        """The row number the user sees in Excel for rows[index]."""
        return self.first_line + index


def _bad(ko: str, en: str) -> ValidationError:
    return ValidationError(ko, en, field="path")


def read_table(path: Path, *, encoding: str | None = None,
               progress: Progress | None = None) -> Table:
    """The first sheet of an .xlsx, or a .csv (UTF-8 with or without BOM, else CP949)."""
    path = path.expanduser()
    if not path.is_file():
        raise _bad(f"파일이 없습니다: {path}", f"No such file: {path}")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _bad(f"엑셀(.xlsx) 또는 CSV(.csv) 파일만 가져올 수 있습니다: {path.name}",
                   f"Only .xlsx and .csv files can be imported: {path.name}")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise _bad(f"파일을 읽을 수 없습니다: {path} ({exc})",
                   f"The file cannot be read: {path} ({exc})") from exc
    if head.startswith(_XLS_MAGIC):
        raise _bad("예전 엑셀 형식(.xls)입니다. 엑셀에서 '다른 이름으로 저장 → .xlsx'로 "
                   "저장한 뒤 다시 시도하세요.",
                   "This is an old Excel (.xls) workbook: save it as .xlsx in Excel and "
                   "try again.")
    if suffix == ".xlsx":
        if not head.startswith(_ZIP_MAGIC):
            raise _bad(f"이름은 .xlsx이지만 엑셀 파일이 아닙니다: {path.name}",
                       f"The name says .xlsx but this is not an Excel workbook: {path.name}")
        return _read_xlsx(path, progress)
    if head.startswith(_ZIP_MAGIC):
        raise _bad(f"이름은 .csv이지만 엑셀 통합 문서입니다. 확장자를 .xlsx로 바꾸세요: "
                   f"{path.name}",
                   f"The name says .csv but this is an Excel workbook; rename it to .xlsx: "
                   f"{path.name}")
    return _read_csv(path, encoding, progress)


# -- .xlsx ----------------------------------------------------------------------------------


def _read_xlsx(path: Path, progress: Progress | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _bad(f"엑셀 파일이 손상되었거나 읽을 수 없습니다: {path.name} ({exc})",
                   f"The Excel file is damaged or unreadable: {path.name} ({exc})") from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise _bad("엑셀 파일에 시트가 없습니다.", "The workbook has no sheet.")
        rows = _limited(sheet.iter_rows(values_only=True), progress,
                        _dimension_rows(sheet))
        table = _table(path, rows, None, sheet.title)
        worksheet_path = getattr(sheet, "_worksheet_path", None)
    finally:
        book.close()
    if worksheet_path:
        _refuse_merged_header(path, str(worksheet_path), table.first_line - 1)
    return table


def _dimension_rows(sheet: Any) -> int:
    try:
        return int(sheet.max_row or 0)
    except (TypeError, ValueError):
        return 0


def _refuse_merged_header(path: Path, member: str, header_line: int) -> None:
    """Merged cells touching the header row make the columns ambiguous: refuse them."""
    with zipfile.ZipFile(path) as archive:
        try:
            xml = archive.read(member.lstrip("/"))
        except KeyError:
            return
    tail = xml[xml.rfind(b"</sheetData>"):] if b"</sheetData>" in xml else xml
    for match in _MERGE.finditer(tail):
        first = int(match.group(2))
        last = int(match.group(4) or first)
        if first <= header_line <= last:
            ref = match.group(0).split(b'"')[1].decode()
            raise _bad(
                f"제목 행({header_line}행)에 병합된 셀이 있습니다({ref}). 병합을 풀고 "
                "한 칸에 제목 하나씩 적은 뒤 다시 시도하세요.",
                f"The header row (row {header_line}) has merged cells ({ref}); unmerge them "
                "so each column has its own title, then try again.")


# -- .csv -----------------------------------------------------------------------------------


def _read_csv(path: Path, encoding: str | None, progress: Progress | None) -> Table:
    data = path.read_bytes()
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data[:65536]:
        raise _bad(f"CSV 텍스트 파일이 아닙니다(이진 데이터): {path.name}",
                   f"Not a CSV text file (binary data): {path.name}")
    text, used = _decode(data, encoding, path.name)
    header = text[:8192].split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = _limited(reader, progress, text.count("\n") + 1)
    except csv.Error as exc:
        raise _bad(f"CSV 형식이 올바르지 않습니다: {path.name} ({exc})",
                   f"Malformed CSV: {path.name} ({exc})") from exc
    return _table(path, rows, used, None)


def _decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    if encoding:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except LookupError:
            raise _bad(f"알 수 없는 인코딩입니다: {encoding}",
                       f"Unknown encoding: {encoding}") from None
        except UnicodeDecodeError:
            raise _bad(f"파일이 {encoding} 인코딩이 아닙니다: {name}",
                       f"The file is not in the {encoding} encoding: {name}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"  # Excel's "Unicode text" (tab separated)
    for candidate in ("utf-8-sig", "cp949"):
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise _bad(f"글자 인코딩을 알 수 없습니다(UTF-8도 CP949도 아님): {name}. 엑셀에서 "
               "'CSV UTF-8'로 저장해 주세요.",
               f"Unknown text encoding (neither UTF-8 nor CP949): {name}; save it from "
               "Excel as 'CSV UTF-8'.")


# -- shared -----------------------------------------------------------------------------------


def _limited(rows: Iterable[Iterable[Any]], progress: Progress | None,
             expected: int) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for row in rows:
        out.append(tuple(row))
        if len(out) > MAX_ROWS + 1:  # + the header
            raise _bad(f"행이 너무 많습니다({MAX_ROWS:,}행까지). 파일을 나누어 가져오세요.",
                       f"Too many rows (at most {MAX_ROWS:,}); split the file.")
        if progress is not None and expected and len(out) % 5000 == 0:
            progress(min(1.0, len(out) / expected))
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(path: Path, rows: list[tuple[Any, ...]], encoding: str | None,
           sheet: str | None) -> Table:
    start = next((i for i, row in enumerate(rows) if not all(_blank(v) for v in row)), None)
    if start is None:
        raise _bad(f"파일에 내용이 없습니다: {path.name}", f"The file is empty: {path.name}")
    raw = rows[start]
    width = max(i + 1 for i, v in enumerate(raw) if not _blank(v))
    headers = tuple("" if _blank(v) else str(v).strip() for v in raw[:width])
    if sum(1 for h in headers if h) < 2:
        raise _bad("첫 줄에 열 제목(이름, 전화번호 …)이 두 개 이상 있어야 합니다.",
                   "The first row must hold at least two column titles (name, phone…).")
    body = []
    for row in rows[start + 1:]:
        cells = tuple(row[:width]) + (None,) * (width - len(row))
        body.append(cells)
    while body and all(_blank(v) for v in body[-1]):
        body.pop()
    return Table(path, headers, tuple(body), start + 2, encoding, sheet)
