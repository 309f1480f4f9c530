"""Helpers shared by the CLI tests (a unique module name: tests have no packages)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

DEMO_CLIENTS = 25
DEMO_SEED = 7
PASSWORD = "owner-pass-1"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, int]:
        value = json.loads(self.out)
        assert isinstance(value, dict)
        return value


def assert_one_error_line(result: Result) -> None:
    """A refused command: non-zero exit, exactly one stderr line (Korean then English)."""
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("오류: ")
    assert lines[0].endswith(")")
    assert "Traceback" not in result.err + result.out


def names_in_order(path: Path) -> list[str]:
    """Client names in insertion order (rowid), read without the app."""
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM clients ORDER BY rowid")]
    finally:
        conn.close()
