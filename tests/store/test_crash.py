"""A writer killed with SIGKILL mid-stream leaves a sound database with every commit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import the5hc_desktop
from the5hc_desktop.store.database import Database

CHILD = Path(__file__).with_name("kill_writer.py")
# The child imports the package under test, not whichever copy is installed.
PACKAGE_ROOT = str(Path(the5hc_desktop.__file__).parent.parent)
BATCH = 3


def _run_and_kill(path: Path, run: str, commits_before_kill: int) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), run],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": PACKAGE_ROOT},
    )
    assert child.stdout is not None
    reported: list[int] = []
    try:
        while len(reported) < commits_before_kill:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"writer stopped early: {child.stderr.read() if child.stderr else ''}")
            reported.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        reported.extend(int(line) for line in child.stdout.read().split())
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return reported


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_during_writes_loses_no_commit(migrated_db_path: Path) -> None:
    for round_ in range(2):  # the second round starts by recovering the first crash's WAL
        run = f"run{round_}"
        reported = _run_and_kill(migrated_db_path, run, commits_before_kill=60 + 40 * round_)

        conn = sqlite3.connect(migrated_db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            rows = conn.execute(
                "SELECT json_extract(details, '$.batch') FROM audit_log"
                " WHERE action = 'crash_test' AND json_extract(details, '$.run') = ?",
                (run,),
            ).fetchall()
        finally:
            conn.close()
        per_batch = Counter(batch for (batch,) in rows)
        missing = [b for b in reported if per_batch[b] != BATCH]
        assert missing == [], f"committed batches lost or torn: {missing[:10]}"
        assert all(count == BATCH for count in per_batch.values()), "a torn transaction"

    with Database.open(migrated_db_path) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
