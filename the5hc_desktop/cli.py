"""Headless commands over the same services the window uses (`the5hc <command>`).

    the5hc init [--gym ... --owner-name ... --username ... --password-stdin]
    the5hc demo --clients 200 [--seed 1]
    the5hc import-legacy OLD.db [--dry-run] [--owner USERNAME]
    the5hc export csv [-o members.csv] | export xlsx --what payments --from D --to D
    the5hc import-django PATH [--dry-run] | import-members FILE [--map ...] [--dry-run]
    the5hc backup [-o DIR] | restore FILE | check | stats [--json]
    the5hc report ASSESSMENT_ID -o report.pdf | report --from DATE --to DATE -d DIR
    the5hc sync setup --code CODE [--sslmode MODE] | sync [--json]
    the5hc server init | upgrade | add-gym | add-device | revoke-device --admin-dsn DSN ...

`--db PATH` (before or after the command; default: THE5HC_DB or the user data folder) picks
the database. Results go to stdout; progress (when stderr is a terminal, or --progress) and
errors go to stderr. An error is one line, Korean then English, and a non-zero exit code:
1 for a refused action or a failed check, 2 for bad arguments, 70 for a bug (whose
traceback is written to the log file named in the message).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import traceback
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from the5hc_desktop import cli_data, cli_server, cli_sync, paths
from the5hc_desktop.domain.errors import The5HCError, ValidationError
from the5hc_desktop.file_modes import private_file

if TYPE_CHECKING:
    from the5hc_desktop.services import Services
    from the5hc_desktop.services.legacy_import import ImportSummary

COMMANDS = ("init", "demo", "import-legacy", "export", "backup", "restore", "check", "stats",
            "report", "sync", "server", *cli_data.HANDLERS)
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
VERSION = "the5hc 0.1.0"
log = logging.getLogger("the5hc.cli")


def wants_cli(args: list[str]) -> bool:
    """True when the arguments name a subcommand or ask for help."""
    return any(a in COMMANDS or a in ("-h", "--help", "--version") for a in args)


# --- parsing -------------------------------------------------------------------------------


class UsageError(Exception):
    """argparse's complaint, turned into one line instead of usage text and exit(2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On subcommands the default is SUPPRESS, so `--db` given before the command survives.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", default=default, metavar="PATH",
                        help="database file (default: THE5HC_DB or the user data folder)")
    parser.add_argument("--progress", action="store_true",
                        default=False if top else argparse.SUPPRESS,
                        help="show progress on stderr even when it is not a terminal")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="the5hc", description="The5HC Desktop — 명령줄 도구 (command line)")
    _global_options(parser, top=True)
    parser.add_argument("--version", action="version", version=VERSION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        _global_options(p, top=False)
        return p

    p = command("init", "센터와 소유자 계정 만들기 (create the gym and its owner)")
    p.add_argument("--gym", help="gym name")
    p.add_argument("--owner-name", help="owner's display name")
    p.add_argument("--username", help="owner's sign-in name")
    secret = p.add_mutually_exclusive_group()
    secret.add_argument("--password", help="password (visible in the process list; "
                        "prefer --password-stdin)")
    secret.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin")
    p.add_argument("--email", help="owner's e-mail (optional)")

    p = command("demo", "데모 데이터베이스 만들기 (fill a new database with a demo gym)")
    p.add_argument("--clients", type=int, default=200, metavar="N", help="members (default 200)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    p.add_argument("--today", type=_day, metavar="DATE",
                   help="the demo's 'today' (YYYY-MM-DD); the same seed and day give the same gym")
    p.add_argument("--profile", choices=("busy", "light"), default="busy",
                   help="busy: a busy gym's density (default); light: a small studio")

    p = command("import-legacy", "레거시(Streamlit) 데이터 가져오기 (import a legacy database)")
    p.add_argument("path", type=Path, metavar="PATH", help="legacy SQLite file (read-only)")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported")
    p.add_argument("--owner", metavar="USERNAME", help="legacy user who becomes the owner")
    p.add_argument("--gym", help="gym name when the database has none yet")

    cli_data.add_commands(command)

    p = command("export", "내보내기 (export)")
    p.add_argument("format", choices=("csv", "xlsx"),
                   help="csv: the member list (UTF-8 with BOM); xlsx: Excel, see --what")
    p.add_argument("-o", "--output", metavar="FILE", help="output file ('-' for stdout)")
    cli_data.add_export_options(p, _day)

    p = command("backup", "백업 만들기 (back up the database)")
    p.add_argument("-o", "--output", type=Path, metavar="DIR", help="backup folder")

    p = command("restore", "백업에서 복원 (replace the database with a backup)")
    p.add_argument("path", type=Path, metavar="PATH", help="backup file to restore")

    command("check", "데이터베이스 점검 (integrity, foreign keys, migration state)")

    p = command("stats", "항목별 개수 (row counts)")
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = command("report", "평가 보고서 PDF (assessment report PDFs)")
    p.add_argument("assessment_id", nargs="?", metavar="ASSESSMENT_ID")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="PDF file for one report")
    p.add_argument("--from", dest="date_from", type=_day, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("-d", "--dir", type=Path, metavar="DIR", help="folder for a batch")

    cli_sync.add_commands(command)
    cli_server.add_commands(command("server", "동기화 서버 관리 (manage the sync server)"))
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


# --- output ----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _error_line(ko: str, en: str) -> str:
    return f"오류: {_one_line(ko)} ({_one_line(en)})"


def say(text: str, stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


class ProgressLine:
    """`  42%` lines on stderr, each percentage once; silent unless asked or on a terminal."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled
        self.last = -1

    def fraction(self, value: float) -> None:
        percent = max(0, min(100, int(value * 100)))
        if self.enabled and percent != self.last:
            self.last = percent
            print(f"{self.label} {percent:3d}%", file=sys.stderr, flush=True)

    def count(self, done: int, total: int) -> None:
        self.fraction(done / total if total else 1.0)


# --- entry point -------------------------------------------------------------------------------


def main(args: list[str]) -> int:
    try:
        options = build_parser().parse_args(args)
        if options.command is None:
            raise UsageError("a command is required; see 'the5hc --help'")
        handler = _HANDLERS[options.command]
        return handler(options)
    except SystemExit as done:  # --help / --version print and exit through argparse
        return done.code if isinstance(done.code, int) else EXIT_OK
    except UsageError as error:
        say(_error_line(f"명령 인자가 올바르지 않습니다: {error}",
                        f"invalid arguments: {error}; see --help"), sys.stderr)
        return EXIT_USAGE
    except The5HCError as error:
        say(_error_line(error.message_ko, error.message_en), sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        say(_error_line("중단되었습니다.", "interrupted"), sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last resort: one line, details in the log
        where = _log_crash(args, error)
        say(_error_line(
            f"예기치 않은 문제가 발생했습니다. 자세한 내용: {where}",
            f"unexpected error {type(error).__name__}: {error}; details in {where}",
        ), sys.stderr)
        return EXIT_BUG


def _log_crash(args: Sequence[str], error: BaseException) -> Path:
    """Append the traceback to the CLI log (no secrets: see `mask_arguments`).

    An argument that is not valid UTF-8 (the OS hands it over with surrogates) is written
    escaped rather than losing the whole entry; the file is the user's only (0600).
    """
    text = (f"{datetime.now().isoformat(timespec='seconds')} the5hc "
            f"{' '.join(mask_arguments(args))}\n"
            + "".join(traceback.format_exception(error)))
    for folder in (paths.log_dir(), Path.cwd()):
        target = folder / "the5hc-cli.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with target.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text + "\n")
            private_file(target)
            return target
        except OSError:
            continue
    return Path("(log unavailable)")


_SECRET_OPTIONS = ("--password", "--admin-dsn", "--code")


def mask_arguments(args: Sequence[str]) -> list[str]:
    """The arguments with secrets replaced: `--password VALUE` and `--password=VALUE`."""
    masked, hide = [], False
    for arg in args:
        name, equals, _value = arg.partition("=")
        if hide:
            masked.append("***")
        elif equals and name in _SECRET_OPTIONS:
            masked.append(f"{name}=***")
        else:
            masked.append(arg)
        hide = arg in _SECRET_OPTIONS
    return masked


# --- helpers -----------------------------------------------------------------------------------


def _db_path(options: argparse.Namespace) -> Path:
    return Path(options.db).expanduser() if options.db else paths.default_db_path()


def _progress(options: argparse.Namespace, label: str) -> ProgressLine:
    return ProgressLine(label, bool(options.progress) or _is_terminal(sys.stderr))


def _is_terminal(stream: TextIO | None) -> bool:
    """False for a missing stream too: a windowed build has no stdin/stdout/stderr (None)."""
    return stream is not None and stream.isatty()


def _existing_db(options: argparse.Namespace) -> Path:
    path = _db_path(options)
    if not path.is_file():
        from the5hc_desktop.domain.errors import StorageUnavailable

        raise StorageUnavailable(f"데이터베이스 파일이 없습니다: {path}",
                                 f"no database file at {path}")
    return path


def _services(path: Path) -> Services:
    from the5hc_desktop.services import open_services

    return open_services(path)


# --- commands ----------------------------------------------------------------------------------


def cmd_init(options: argparse.Namespace) -> int:
    interactive = _is_terminal(sys.stdin)

    def value(given: str | None, prompt: str, flag: str, required: bool = True) -> str:
        if given is not None:
            return given
        if not interactive:
            if not required:
                return ""
            raise UsageError(f"{flag} is required when stdin is not a terminal")
        sys.stderr.write(f"{prompt}: ")
        sys.stderr.flush()
        return input().strip()

    gym = value(options.gym, "센터 이름 (gym name)", "--gym")
    owner = value(options.owner_name, "소유자 이름 (owner's name)", "--owner-name")
    username = value(options.username, "사용자명 (username)", "--username")
    email = value(options.email, "이메일 — 선택 (e-mail, optional)", "--email", required=False)
    if options.password is not None:
        password = options.password
    elif options.password_stdin:
        if sys.stdin is None:
            raise UsageError("--password-stdin needs a standard input; this program has none")
        password = sys.stdin.readline().rstrip("\r\n")
    elif interactive:
        password = getpass.getpass("비밀번호 (password): ")
        if getpass.getpass("비밀번호 확인 (repeat): ") != password:
            raise ValidationError("비밀번호가 서로 다릅니다.", "the passwords differ",
                                  field="password")
    else:
        raise UsageError("--password-stdin or --password is required when stdin is not a terminal")
    services = _services(_db_path(options))
    try:
        staff = services.accounts.create_gym_and_owner(gym, owner, username, password,
                                                       email or None)
    finally:
        services.close()
    say(f"센터와 소유자 계정을 만들었습니다: {gym} / {staff.username} "
        f"(created the gym and its owner)")
    return EXIT_OK


def cmd_demo(options: argparse.Namespace) -> int:
    from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, generate_demo

    services = _services(_db_path(options))
    try:
        result = generate_demo(services.database, options.clients, options.seed,
                               today=options.today, progress=_progress(options, "demo").fraction,
                               profile=options.profile)
    finally:
        services.close()
    say(f"데모 데이터를 만들었습니다 (demo created) in {result.seconds:.1f} s: "
        f"staff {result.staff}, clients {result.clients}, assessments {result.assessments}, "
        f"packages {result.packages}, payments {result.payments}, "
        f"sessions {result.sessions}, ledger {result.ledger_entries}")
    say(f"로그인 (sign in): {DEMO_USERNAME} / {DEMO_PASSWORD}")
    return EXIT_OK


def cmd_import_legacy(options: argparse.Namespace) -> int:
    from the5hc_desktop.services import legacy_import, legacy_source

    target = _db_path(options)
    progress = _progress(options, "import").fraction
    if options.dry_run:
        summary = legacy_import.dry_run(target, options.path, owner=options.owner,
                                        gym_name=options.gym, progress=progress)
    else:
        # Read and check the source first: a bad one must not leave a new, empty target.
        data = legacy_source.read_legacy(options.path)
        services = _services(target)
        try:
            try:
                actor = services.maintenance.system_actor()
            except The5HCError:
                actor = None  # a new database: the import itself creates the owner
            summary = legacy_import.import_legacy(
                services.database, options.path, owner=options.owner, gym_name=options.gym,
                actor=actor, progress=progress, data=data)
        finally:
            services.close()
    for line in _import_lines(summary):
        say(line)
    return EXIT_OK


def _import_lines(summary: ImportSummary,
                  done: str = "레거시 가져오기 완료 (legacy import done)") -> list[str]:
    head = ("가져오기 미리보기 — 아무것도 쓰지 않았습니다 (dry run: nothing written)"
            if summary.dry_run else done)
    lines = [f"{head}: {summary.source}"]
    lines.append("  " + ", ".join(
        f"{key} +{summary.created[key]}"
        + (f" (이미 있음 already {summary.already_imported[key]})"
           if summary.already_imported[key] else "")
        for key in summary.created))
    merged = summary.merged_duplicates
    if merged:
        lines.append(f"  중복 병합 (merged duplicates): training_sessions "
                     f"{merged.get('training_sessions', 0)}, payment_records "
                     f"{merged.get('payment_records', 0)}")
    lines += [f"    {ko} ({en})" for ko, en in (m.describe() for m in summary.merges)]
    if summary.owner_username:
        lines.append(f"  소유자 (owner): {summary.owner_username}")
    for change in summary.rewritten_emails:
        lines.append(f"  이메일 변경 (e-mail rewritten) {change.username}: "
                     f"{change.old} -> {change.new}")
    lines += [f"  주의 (note): {w}" for w in summary.warnings]
    if not summary.total_created:
        lines.append("  새로 가져올 항목이 없습니다 (nothing new to import)")
    return lines


def cmd_export(options: argparse.Namespace) -> int:
    from the5hc_desktop.services.export import ExportService

    if options.format == "xlsx":
        return cli_data.cmd_export_xlsx(options)
    if options.what or options.date_from or options.date_to:
        raise UsageError("--what, --from and --to go with 'export xlsx'")
    services = _services(_existing_db(options))
    try:
        exporter = ExportService(services.database)
        actor = services.maintenance.system_actor()
        progress = _progress(options, "export").count
        if options.output == "-":
            if sys.stdout is None:
                raise UsageError("'-o -' needs a console: this program has no stdout")
            count = exporter.clients_csv(actor, sys.stdout.buffer, progress)
            sys.stdout.flush()
            return EXIT_OK
        target = Path(options.output or f"the5hc-clients-{date.today():%Y%m%d}.csv")
        count = exporter.clients_csv(actor, target, progress)
    finally:
        services.close()
    say(f"회원 {count}명을 내보냈습니다 (exported {count} clients): {target}")
    return EXIT_OK


def cmd_backup(options: argparse.Namespace) -> int:

    services = _services(_existing_db(options))
    try:
        target = services.settings.backup_now(services.maintenance.system_actor(), options.output)
    finally:
        services.close()
    say(f"백업을 만들었습니다 (backup written): {target}")
    return EXIT_OK


def cmd_restore(options: argparse.Namespace) -> int:
    from the5hc_desktop.services import open_services
    from the5hc_desktop.services.maintenance import restore

    target = _db_path(options)
    saved = restore(target, options.path)
    open_services(target).close()  # brings an older backup up to the current schema
    if saved is not None:
        say(f"복원 전 현재 데이터베이스를 백업했습니다 (previous database saved): {saved}")
    say(f"복원했습니다 (restored): {options.path} -> {target}")
    return EXIT_OK


def cmd_check(options: argparse.Namespace) -> int:
    from the5hc_desktop.services.maintenance import inspect_file, note_checked

    report = inspect_file(_db_path(options))
    note_checked(report.path, sound=report.integrity == "ok")
    say(f"database: {report.path}")
    say(f"integrity_check: {report.integrity or '-'}")
    say(f"foreign_key_check: {report.foreign_key_problems} problem(s)")
    say(f"migration: current {report.revision or '-'}, head {report.head}")
    say(f"audit chain: {report.chain or '-'}")
    if report.ok:
        say("정상입니다 (all checks passed)")
        return EXIT_OK
    for problem in report.problems:
        say(_error_line(f"점검 실패: {problem}", f"check failed: {problem}"), sys.stderr)
    return EXIT_FAILED


def cmd_stats(options: argparse.Namespace) -> int:

    services = _services(_existing_db(options))
    try:
        numbers = services.maintenance.counts()
    finally:
        services.close()
    if options.json:
        say(json.dumps(numbers, ensure_ascii=False, sort_keys=False))
    else:
        for key, number in numbers.items():
            say(f"{key}: {number}")
    return EXIT_OK


def cmd_report(options: argparse.Namespace) -> int:

    single = options.assessment_id is not None
    if single and (options.output is None or options.date_from or options.date_to):
        raise UsageError("use 'report ASSESSMENT_ID -o FILE.pdf'")
    if not single and (options.date_from is None or options.date_to is None
                       or options.dir is None):
        raise UsageError("use 'report ASSESSMENT_ID -o FILE.pdf' or "
                         "'report --from DATE --to DATE -d DIR'")
    if single:
        # Its own path, without SQLAlchemy: a trainer waits for this one.
        from the5hc_desktop.services.quick_report import render_assessment

        assessment_id = _uuid(options.assessment_id)
        path = render_assessment(_existing_db(options), assessment_id, options.output)
        say(f"보고서를 만들었습니다 (report written): {path}")
        return EXIT_OK
    services = _services(_existing_db(options))
    try:
        actor = services.maintenance.system_actor()
        written = services.reports.export_batch(
            actor, options.dir, options.date_from, options.date_to,
            progress=_progress(options, "report").count)
    finally:
        services.close()
    say(f"보고서 {len(written)}개를 만들었습니다 (wrote {len(written)} report(s)): {options.dir}")
    return EXIT_OK


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise ValidationError(f"평가 ID 형식이 올바르지 않습니다: {text}",
                              f"not an assessment id: {text}", field="assessment_id") from None


def cmd_sync(options: argparse.Namespace) -> int:
    return cli_sync.run(options, _db_path(options), say)


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "import-legacy": cmd_import_legacy,
    "export": cmd_export,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "stats": cmd_stats,
    "report": cmd_report,
    "sync": cmd_sync,
    "server": cli_server.run,
    **cli_data.HANDLERS,
}
