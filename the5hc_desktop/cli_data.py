"""Command-line data in and out (registered by cli.py):

    the5hc import-django PATH [--dry-run] [--owner USERNAME]
    the5hc import-members FILE [--map "성함=name,휴대폰=phone"] [--dry-run] [--report CSV]
    the5hc export xlsx --what payments [--from DATE --to DATE] [-o FILE]

Same output conventions as cli.py: results on stdout, progress on stderr, errors as one
Korean + English line. Heavy modules load only when a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

WHAT = ("members", "payments", "sessions", "packages")
_PROBLEM_LINES = 20  # problem rows printed; the report file has all of them


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The import-django and import-members subcommands (cli.build_parser's helper)."""
    p = command("import-django", "장고(웹) 버전 데이터 가져오기 (import a Django edition database)")
    p.add_argument("path", type=Path, metavar="PATH", help="Django SQLite file (read-only)")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported")
    p.add_argument("--owner", metavar="USERNAME",
                   help="user who becomes the owner when the gym has none")

    p = command("import-members", "엑셀/CSV에서 회원 가져오기 (import members from .xlsx/.csv)")
    p.add_argument("file", type=Path, metavar="FILE", help=".xlsx, or .csv in UTF-8 or CP949")
    p.add_argument("--map", default="", metavar="HEADER=FIELD,...",
                   help="columns to fields, e.g. '성함=name,휴대폰=phone,비고=skip' (fields: "
                        "name phone gender birth_date age height_cm weight_kg email goals "
                        "medical_notes notes); unnamed columns are guessed from their titles")
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.add_argument("--encoding", metavar="NAME", help="CSV encoding (default: UTF-8, else CP949)")
    p.add_argument("--report", type=Path, metavar="CSV",
                   help="skipped-rows report (default: FILE-건너뛴행.csv beside FILE)")


def add_export_options(parser: argparse.ArgumentParser, day: Callable[[str], date]) -> None:
    """`export xlsx` options on cli.py's export command."""
    parser.add_argument("--what", choices=WHAT, default=None,
                        help="xlsx: which list (default members)")
    parser.add_argument("--from", dest="date_from", type=day, metavar="DATE",
                        help="xlsx: first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=day, metavar="DATE",
                        help="xlsx: last day (YYYY-MM-DD)")


# --- commands ----------------------------------------------------------------------------


def cmd_import_django(options: argparse.Namespace) -> int:
    from the5hc_desktop import cli
    from the5hc_desktop.domain.errors import The5HCError
    from the5hc_desktop.services import django_import
    from the5hc_desktop.services.maintenance import system_actor

    target = cli._db_path(options)
    progress = cli._progress(options, "import").fraction
    if options.dry_run:
        summary = django_import.dry_run(target, options.path, owner=options.owner,
                                        progress=progress)
    else:
        services = cli._services(target)
        try:
            try:
                actor = system_actor(services.database)
            except The5HCError:
                actor = None  # a new database: the import itself creates the owner
            summary = django_import.import_django(services.database, options.path,
                                                  owner=options.owner, actor=actor,
                                                  progress=progress)
        finally:
            services.close()
    for line in cli._import_lines(summary, "장고 가져오기 완료 (Django import done)"):
        cli.say(line)
    return cli.EXIT_OK


def cmd_import_members(options: argparse.Namespace) -> int:
    from the5hc_desktop import cli
    from the5hc_desktop.services.maintenance import system_actor
    from the5hc_desktop.services.member_import import (
        MemberImportService,
        check_mapping,
        field_label,
        parse_mapping,
    )
    from the5hc_desktop.services.table_source import read_table

    table = read_table(options.file, encoding=options.encoding)
    mapping = parse_mapping(options.map, table.headers)
    check_mapping(mapping, table.headers)
    services = cli._services(cli._existing_db(options))
    try:
        service = MemberImportService(services.database)
        actor = system_actor(services.database)
        preview = service.preview(actor, table, mapping)
        summary = service.import_rows(actor, table, mapping, dry_run=options.dry_run,
                                      report=options.report,
                                      progress=cli._progress(options, "import").fraction)
    finally:
        services.close()
    cli.say("열 (columns): " + ", ".join(
        f"{table.headers[column]} → {field_label(name).ko}" for name, column in
        sorted(mapping.items(), key=lambda item: item[1])))
    head = ("미리보기 — 아무것도 쓰지 않았습니다 (dry run: nothing written)" if summary.dry_run
            else "회원 가져오기 완료 (members imported)")
    cli.say(f"{head}: {summary.source}")
    cli.say(f"  행 {summary.total}, 추가 {summary.created}, 건너뜀 {summary.skipped} "
            f"(rows {summary.total}, added {summary.created}, skipped {summary.skipped})")
    shown = [row for row in preview.rows if not row.ok][:_PROBLEM_LINES]
    for row in shown:
        cli.say(f"  {row.line}행 (row {row.line}): "
                + " / ".join(f"{p.message_ko} ({p.message_en})" for p in row.problems))
    if summary.skipped > len(shown):
        cli.say(f"  … 외 {summary.skipped - len(shown)}행 (and {summary.skipped - len(shown)} "
                "more rows)")
    if summary.report is not None:
        cli.say(f"  건너뛴 행 보고서 (skipped rows report): {summary.report}")
    return cli.EXIT_OK


def cmd_export_xlsx(options: argparse.Namespace) -> int:
    from the5hc_desktop import cli
    from the5hc_desktop.services.maintenance import system_actor
    from the5hc_desktop.services.xlsx_export import WHAT_LABELS, XlsxExportService

    what = options.what or "members"
    if options.output == "-":
        raise cli.UsageError("xlsx cannot be written to stdout; use -o FILE.xlsx")
    target = Path(options.output or default_name(what, options.date_from, options.date_to))
    services = cli._services(cli._existing_db(options))
    try:
        result = XlsxExportService(services.database).export(
            system_actor(services.database), what, target, date_from=options.date_from,
            date_to=options.date_to, progress=cli._progress(options, "export").count)
    finally:
        services.close()
    ko, en = WHAT_LABELS[what]
    cli.say(f"{ko} {result.rows}행을 내보냈습니다 (exported {result.rows} {en.lower()} rows): "
            f"{result.path}")
    return cli.EXIT_OK


def default_name(what: str, date_from: date | None, date_to: date | None) -> str:
    period = "".join(f"-{d:%Y%m%d}" for d in (date_from, date_to) if d is not None)
    return f"the5hc-{what}{period or f'-{date.today():%Y%m%d}'}.xlsx"


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-django": cmd_import_django,
    "import-members": cmd_import_members,
}

