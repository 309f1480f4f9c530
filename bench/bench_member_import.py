"""How long reading, checking and importing a big member sheet takes, and an xlsx export.

    python bench/bench_member_import.py [--rows 20000] [--csv]

Writes a sheet of `--rows` members (every 50th row with a bad phone) into a temporary
folder, then times, on a new gym database: read_table, preview (every row checked), the
import in one transaction, and the members .xlsx export. Prints seconds.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from the5hc_desktop.services import open_services
from the5hc_desktop.services.maintenance import system_actor
from the5hc_desktop.services.member_import import MemberImportService, guess_mapping
from the5hc_desktop.services.table_source import read_table
from the5hc_desktop.services.xlsx_export import XlsxExportService

HEADERS = ["이름", "휴대폰", "성별", "생년월일", "키", "몸무게", "메모"]


def _rows(count: int) -> list[list[object]]:
    out: list[list[object]] = []
    for n in range(count):
        phone = "010-12" if n % 50 == 0 else f"010-{2000 + n // 10000:04d}-{n % 10000:04d}"
        out.append([f"회원{n:05d}", phone, "여" if n % 2 else "남",
                    f"19{60 + n % 40}-0{1 + n % 9}-1{n % 10}", 150 + n % 40, 50 + n % 30,
                    "메모" if n % 3 else ""])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--csv", action="store_true", help="a CP949 .csv instead of .xlsx")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="the5hc-bench-import-"))
    rows = _rows(args.rows)
    if args.csv:
        source = folder / "members.csv"
        with source.open("w", encoding="cp949", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows(rows)
    else:
        source = folder / "members.xlsx"
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(HEADERS)
        for row in rows:
            sheet.append(row)
        book.save(source)
    services = open_services(folder / "gym.sqlite3")
    try:
        services.accounts.create_gym_and_owner("벤치 센터", "김대표", "owner", "pass-word-1")
        actor = system_actor(services.database)
        service = MemberImportService(services.database)
        started = time.perf_counter()
        table = read_table(source)
        read = time.perf_counter()
        mapping = guess_mapping(table.headers)
        preview = service.preview(actor, table, mapping)
        checked = time.perf_counter()
        summary = service.import_rows(actor, table, mapping)
        imported = time.perf_counter()
        XlsxExportService(services.database).export(actor, "members", folder / "out.xlsx")
        exported = time.perf_counter()
    finally:
        services.close()
    print(f"{source.suffix} rows {len(table.rows)}: read {read - started:.2f} s, "
          f"preview {checked - read:.2f} s ({preview.valid} valid), "
          f"import {imported - checked:.2f} s ({summary.created} added, {summary.skipped} "
          f"skipped), xlsx export {exported - imported:.2f} s")


if __name__ == "__main__":
    main()
