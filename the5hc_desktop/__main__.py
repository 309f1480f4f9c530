"""Entry point: `the5hc` (or `python -m the5hc_desktop`).

With a subcommand it runs the headless CLI; without one it opens the main window.
Heavy modules are imported only by the path that needs them, so start-up stays fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from the5hc_desktop import cli

    if cli.wants_cli(args):
        return cli.main(args)
    from the5hc_desktop.ui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
