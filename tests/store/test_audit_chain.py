"""The per-device audit hash chain: `check` finds an edited or deleted audit or payment row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from the5hc_desktop.services.maintenance import inspect_file
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry


def _write_audit_rows(path: Path, count: int) -> None:
    db = Database.open(path)
    try:
        for i in range(count):
            with db.write() as s:
                s.add(AuditLogEntry(action="chain_test", details={"n": i, "who": "김민수"}))
    finally:
        db.close()


def _chain_problems(path: Path) -> list[str]:
    return [p for p in inspect_file(path).problems if p.startswith("audit chain")]


def test_a_sound_chain_verifies_and_is_gapless(tmp_path: Path) -> None:
    path = tmp_path / "gym.sqlite3"
    _write_audit_rows(path, 5)
    report = inspect_file(path)
    assert report.ok, report.problems
    assert report.chain == "ok"
    with sqlite3.connect(path) as conn:
        seqs = [r[0] for r in conn.execute("SELECT chain_seq FROM audit_log ORDER BY chain_seq")]
    conn.close()
    assert seqs == [1, 2, 3, 4, 5]


def test_an_edited_audit_row_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "gym.sqlite3"
    _write_audit_rows(path, 4)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_log SET details = json('{\"n\": 99}') WHERE chain_seq = 2")
    conn.close()
    problems = _chain_problems(path)
    assert len(problems) == 1
    assert "#2" in problems[0]


def test_a_deleted_audit_row_leaves_a_gap(tmp_path: Path) -> None:
    path = tmp_path / "gym.sqlite3"
    _write_audit_rows(path, 4)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM audit_log WHERE chain_seq = 3")
    conn.close()
    problems = _chain_problems(path)
    assert len(problems) == 1
    assert "missing" in problems[0]


def test_rows_of_another_device_are_verified_against_their_own_chain(tmp_path: Path) -> None:
    path = tmp_path / "gym.sqlite3"
    _write_audit_rows(path, 2)
    with sqlite3.connect(path) as conn:
        # Another device's rows arrive by sync with that device's own chain values.
        conn.execute("UPDATE devices SET is_local = 0")
    conn.close()
    _write_audit_rows(path, 3)  # this file now has a second local device
    with sqlite3.connect(path) as conn:
        devices = conn.execute("SELECT chain_device, count(*), max(chain_seq) FROM audit_log "
                               "GROUP BY chain_device ORDER BY 2").fetchall()
    conn.close()
    assert [(n, top) for _d, n, top in devices] == [(2, 2), (3, 3)]
    assert _chain_problems(path) == []
