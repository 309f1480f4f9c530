"""Entry point: `the5hc` (or `python -m the5hc_desktop`), and the frozen `the5hc-cli`.

With a subcommand it runs the headless CLI; without one it opens the main window.
Heavy modules are imported only by the path that needs them, so start-up stays fast.

A failure before any window can exist (Qt cannot load because a system library is missing,
the data or log folder cannot be written) is shown, not only logged: on stderr when there
is one, and in a system message box on Windows, where the windowed build has no stderr
(`sys.stdout` and `sys.stderr` are None there; every output path allows for that).
"""

from __future__ import annotations

import sys

EXIT_STARTUP_FAILED = 1


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from the5hc_desktop import cli
    from the5hc_desktop.file_modes import private_umask

    private_umask()  # member data, backups, exports and logs: the user's only

    if cli.wants_cli(args):
        return cli.main(args)
    from the5hc_desktop import startup_gc

    # Before the heavy imports, until the first dialog shows (startup_gc.py).
    startup_gc.pause(process_start=True)
    try:
        from the5hc_desktop.ui.app import run_gui
    except ImportError as error:  # e.g. "libEGL.so.1: cannot open shared object file"
        return startup_failed(
            "화면 구성 요소(Qt)를 불러오지 못했습니다. 시스템 라이브러리가 없을 수 있습니다",
            f"the window toolkit (Qt) could not load: {error}")
    try:
        return run_gui(args)
    except OSError as error:  # the data or log folder: missing rights, full disk, a file
        return startup_failed(
            f"데이터 폴더에 쓸 수 없습니다: {error}",
            f"cannot write to the data folder: {error}")
    finally:
        startup_gc.resume()  # a start that ended before any dialog showed


def startup_failed(ko: str, en: str) -> int:
    """Tell the person why the app cannot start, wherever they can see it."""
    text = f"The5HC: {ko}\n({en})"
    if sys.stderr is not None:
        print(text, file=sys.stderr)
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, text, "The5HC", 0x10)  # MB_ICONERROR
        except (AttributeError, OSError):
            pass
    return EXIT_STARTUP_FAILED


if __name__ == "__main__":
    sys.exit(main())
