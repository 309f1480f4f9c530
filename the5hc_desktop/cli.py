"""Headless commands over the same services the window uses."""

from __future__ import annotations

import argparse

COMMANDS = ("init", "demo", "import-legacy", "export", "backup", "restore", "check", "stats",
            "report")


def wants_cli(args: list[str]) -> bool:
    """True when the arguments name a subcommand or ask for help."""
    return any(a in COMMANDS or a in ("-h", "--help", "--version") for a in args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="the5hc", description="The5HC Desktop")
    parser.add_argument("--db", help="database file (default: user data folder or THE5HC_DB)")
    parser.add_argument("--version", action="version", version="the5hc 0.1.0")
    return parser


def main(args: list[str]) -> int:
    build_parser().parse_args(args)
    return 0
